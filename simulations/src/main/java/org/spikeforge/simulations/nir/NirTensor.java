package org.spikeforge.simulations.nir;

import java.util.Arrays;

/**
 * A numeric array of a NIR file: element type, shape (empty for a 0-d scalar) and values in C
 * (row-major) order.
 *
 * <p>Values are held as {@code double}, which represents every float32 and float64 exactly and
 * every integer a NIR file uses for shapes, strides and sizes; the element type is kept so that
 * the writer stores the array with the type it was read with. Equality is structural (type,
 * shape and values), which is what a round-trip test needs.
 */
public record NirTensor(DType dtype, int[] shape, double[] values) implements NirValue {

    /** Element types the reader returns and the writer stores. */
    public enum DType {
        FLOAT32("float32"), FLOAT64("float64"), INT32("int32"), INT64("int64"), BOOL("bool");

        private final String label;

        DType(String label) { this.label = label; }

        /** The NumPy name of the type. */
        public String label() { return label; }

        public boolean isInteger() { return this == INT32 || this == INT64; }
    }

    public NirTensor {
        if (dtype == null) throw new NirFormatException("tensor element type must not be null");
        shape = shape.clone();
        values = values.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new NirFormatException("tensor shape " + Arrays.toString(shape) + " has a negative dimension");
            n *= d;
        }
        if (n != values.length) {
            throw new NirFormatException("tensor shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + values.length);
        }
    }

    /** A 0-d scalar. */
    public static NirTensor scalar(DType dtype, double value) {
        return new NirTensor(dtype, new int[0], new double[] {value});
    }

    /** A 1-d array. */
    public static NirTensor vector(DType dtype, double... values) {
        return new NirTensor(dtype, new int[] {values.length}, values);
    }

    /** A 1-d int64 array of the given integers (shapes, strides). */
    public static NirTensor ints(int... values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i];
        return vector(DType.INT64, v);
    }

    /** An array of the given shape filled with one value. */
    public static NirTensor filled(DType dtype, int[] shape, double value) {
        double[] v = new double[Math.toIntExact(product(shape))];
        Arrays.fill(v, value);
        return new NirTensor(dtype, shape, v);
    }

    @Override public int[] shape() { return shape.clone(); }

    @Override public double[] values() { return values.clone(); }

    /** Value {@code i} in C order, without copying. */
    public double get(int i) { return values[i]; }

    public int size() { return values.length; }

    public int rank() { return shape.length; }

    public boolean isScalar() { return shape.length == 0; }

    /** Dimension {@code d}. */
    public int dim(int d) { return shape[d]; }

    /** Values as ints, checking that each is a whole number. */
    public int[] intValues(String what) {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            double x = values[i];
            if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
                throw new NirFormatException(what + " must hold integers, found " + x);
            }
            out[i] = (int) x;
        }
        return out;
    }

    /** The single value of a scalar or one-element array. */
    public double scalarValue(String what) {
        if (values.length != 1) {
            throw new NirFormatException(what + " must be a single value, found shape " + Arrays.toString(shape));
        }
        return values[0];
    }

    /**
     * The values broadcast to {@code n} elements: a scalar or one-element array is repeated, an
     * array of {@code n} elements is copied. This is NumPy broadcasting for the per-neuron
     * parameters of NIR nodes.
     */
    public double[] broadcast(int n, String what) {
        if (values.length == n) return values.clone();
        if (values.length == 1) {
            double[] out = new double[n];
            Arrays.fill(out, values[0]);
            return out;
        }
        throw new NirFormatException(what + " has shape " + Arrays.toString(shape) + " (" + values.length
                + " values), which does not broadcast to " + n + " neurons");
    }

    /** The number of elements of a shape. */
    public static long product(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NirTensor t && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(dtype.label()).append(Arrays.toString(shape));
        if (values.length <= 4) {
            sb.append('=');
            if (isScalar()) sb.append(format(values[0]));
            else {
                sb.append('[');
                for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ", ").append(format(values[i]));
                sb.append(']');
            }
        }
        return sb.toString();
    }

    private String format(double x) {
        return dtype.isInteger() || dtype == DType.BOOL ? Long.toString((long) x) : Double.toString(x);
    }
}
