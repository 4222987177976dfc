package org.spikeforge.simulations.conversion;

import java.util.Arrays;

/**
 * A dense row-major (C-order) tensor of doubles. Conversion computes in float64 so that the ANN
 * reference is exact to rounding; inputs stored as float32 are widened on load.
 */
public record Tensor(int[] shape, double[] data) {

    public Tensor {
        if (size(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size(shape) + " values, got " + data.length);
        }
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(shape.clone(), new double[Math.toIntExact(size(shape))]);
    }

    public static Tensor scalar(double v) {
        return new Tensor(new int[0], new double[] {v});
    }

    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int size() {
        return data.length;
    }

    /** Same data, another shape of the same size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape.clone(), data);
    }

    /** Row {@code i} of the first axis, as a tensor of the remaining shape (copy). */
    public Tensor slice(int i) {
        int[] rest = Arrays.copyOfRange(shape, 1, shape.length);
        int n = Math.toIntExact(size(rest));
        return new Tensor(rest, Arrays.copyOfRange(data, i * n, (i + 1) * n));
    }

    /** Strides in elements for this shape. */
    public int[] strides() {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            s[k] = acc;
            acc *= shape[k];
        }
        return s;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
