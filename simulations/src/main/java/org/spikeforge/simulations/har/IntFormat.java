package org.spikeforge.simulations.har;

/**
 * Symmetric signed integers of {@code bits} bits: codes {@code −(2^(b−1) − 1) … 2^(b−1) − 1}
 * (the most negative code is not used, so that zero sits in the middle and the range is symmetric,
 * as in TFLite's and PyTorch's symmetric weight quantisation). Rounding is to nearest, ties to even.
 * With scale {@code s}, the round-trip error of a value inside the range is at most {@code s/2}.
 *
 * @param bits 2 … 16
 */
public record IntFormat(int bits) implements NumberFormat {

    public IntFormat {
        if (bits < 2 || bits > 16) throw new IllegalArgumentException("integer format needs 2 to 16 bits, was " + bits);
    }

    @Override public String id() { return "int" + bits; }

    @Override public double maxValue() { return (1 << (bits - 1)) - 1; }

    /** The integer code of {@code x} (in units of the scale). */
    public long code(double x) {
        double m = maxValue();
        double r = Math.rint(x);
        return (long) (r > m ? m : (r < -m ? -m : r));
    }

    @Override public double round(double x) { return code(x); }

    @Override public boolean integer() { return true; }

    @Override public String toString() { return id(); }
}
