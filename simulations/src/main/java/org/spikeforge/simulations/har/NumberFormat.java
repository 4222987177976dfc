package org.spikeforge.simulations.har;

/**
 * A number format weights can be stored in. Quantisation is relative to a scale: a value {@code w}
 * is stored as the code nearest to {@code w/scale}, and read back as {@code scale·round(w/scale)}
 * ({@link #round}); the scale maps the largest magnitude of a tensor or channel onto
 * {@link #maxValue()}.
 */
public sealed interface NumberFormat permits NumberFormat.Float32, IntFormat, Fp8Format {

    /** Name as in quantisation specs ("int8", "fp8-e4m3", "float"). */
    String id();

    /** Bits per stored value. */
    int bits();

    /** Largest representable magnitude in units of the scale. */
    double maxValue();

    /** The representable value nearest to {@code x} (in units of the scale), saturating at ±{@link #maxValue()}. */
    double round(double x);

    /** Whether values are stored as integers (and so run on integer arithmetic). */
    boolean integer();

    /** IEEE binary32: weights as trained, rounded to float. */
    final class Float32 implements NumberFormat {
        public static final Float32 INSTANCE = new Float32();

        private Float32() {}

        @Override public String id() { return "float"; }
        @Override public int bits() { return 32; }
        @Override public double maxValue() { return Float.MAX_VALUE; }
        @Override public double round(double x) { return (float) x; }
        @Override public boolean integer() { return false; }
        @Override public String toString() { return id(); }
    }
}
