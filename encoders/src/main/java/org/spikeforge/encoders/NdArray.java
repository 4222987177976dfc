package org.spikeforge.encoders;

import java.util.Arrays;

/**
 * A dense n-dimensional array of doubles in C order (last index fastest): the numeric form that
 * encoders read and decoders write. Float32 data converts to it exactly.
 *
 * <p>The array shares {@code data} with its caller: {@link #data()} returns the backing array
 * itself so that large inputs are not copied. Treat it as read-only unless you built it.
 */
public final class NdArray {
    private final double[] data;
    private final int[] shape;

    public NdArray(double[] data, int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(data.length + " values do not fill shape " + Arrays.toString(shape) + " (" + n + " elements)");
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** A 1-d array holding {@code values}. */
    public static NdArray vector(double... values) {
        return new NdArray(values, values.length);
    }

    /** A 2-d array from rows of equal length: {@code rows[i][j]} at {@code (i, j)}. */
    public static NdArray matrix(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + cols);
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new NdArray(d, rows.length, cols);
    }

    /** A float array widened to doubles (exactly). */
    public static NdArray ofFloats(float[] values, int... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return new NdArray(d, shape);
    }

    /** The backing array (not a copy). */
    public double[] data() {
        return data;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** Element at flat index {@code i}. */
    public double get(int i) {
        return data[i];
    }

    /** The shape without its first axis: the shape of one time slice of a series. */
    public int[] sliceShape() {
        if (shape.length == 0) throw new IllegalArgumentException("a 0-d array has no first axis");
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** Number of elements in one slice along the first axis. */
    public int sliceSize() {
        return shape.length == 0 ? 1 : (shape[0] == 0 ? product(sliceShape()) : data.length / shape[0]);
    }

    /** The same values under a new shape of the same size. */
    public NdArray reshape(int... newShape) {
        return new NdArray(data, newShape);
    }

    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return f;
    }

    static int product(int[] dims) {
        int n = 1;
        for (int d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    /** {@code prefix} followed by {@code dims}. */
    public static int[] prepend(int prefix, int[] dims) {
        int[] s = new int[dims.length + 1];
        s[0] = prefix;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    @Override
    public String toString() {
        return "NdArray" + Arrays.toString(shape);
    }
}
