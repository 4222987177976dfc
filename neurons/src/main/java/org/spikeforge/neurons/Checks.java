package org.spikeforge.neurons;

/** Argument checks used by parameter records' compact constructors. Messages name the field. */
public final class Checks {
    private Checks() {}

    public static double positive(String field, double value, String unit) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive " + unit + " value, was " + value);
        }
        return value;
    }

    public static double nonNegative(String field, double value, String unit) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be >= 0 " + unit + ", was " + value);
        }
        return value;
    }

    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }
}
