package org.spikeforge.neurons.nir;

import java.util.Arrays;

/** Validation and broadcasting of the per-neuron parameter arrays of the NIR neuron records. */
final class NirParameters {
    private NirParameters() {}

    /**
     * The common length of the arrays: every array has one value (shared) or the same number
     * {@code n > 1} of values (one per neuron); the result is that {@code n}, or 1.
     */
    static int neurons(String kind, String[] names, double[]... arrays) {
        int n = 1;
        String from = null;
        for (int a = 0; a < arrays.length; a++) {
            double[] x = arrays[a];
            if (x == null || x.length == 0) throw new IllegalArgumentException(kind + ": parameter " + names[a] + " needs at least one value");
            if (x.length == 1) continue;
            if (n == 1) {
                n = x.length;
                from = names[a];
            } else if (x.length != n) {
                throw new IllegalArgumentException(kind + ": parameter " + names[a] + " has " + x.length + " values but "
                        + from + " has " + n + "; give one value per neuron or one shared value");
            }
        }
        return n;
    }

    /** A copy of {@code x} with {@code n} values (a single value repeated). */
    static double[] broadcast(double[] x, int n) {
        if (x.length == n) return x.clone();
        double[] out = new double[n];
        Arrays.fill(out, x[0]);
        return out;
    }

    static double[] positive(String kind, String name, double[] x, String unit) {
        for (int k = 0; k < x.length; k++) {
            if (!(x[k] > 0) || !Double.isFinite(x[k])) {
                throw new IllegalArgumentException(kind + ": " + name + " must be a positive " + unit + " value, was " + x[k]
                        + (x.length > 1 ? " (neuron " + k + ")" : ""));
            }
        }
        return x;
    }

    static double[] finite(String kind, String name, double[] x) {
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k])) {
                throw new IllegalArgumentException(kind + ": " + name + " must be a finite number, was " + x[k]
                        + (x.length > 1 ? " (neuron " + k + ")" : ""));
            }
        }
        return x;
    }

    static double[] one(double v) {
        return new double[] {v};
    }
}
