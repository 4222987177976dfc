package org.spikeforge.encoders;

/** Argument checks for parameter records; each message names the parameter, its value and what is valid. */
public final class Checks {
    private Checks() {}

    public static double positive(String name, double v, String unit) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be > 0" + u(unit) + ", was " + v);
        return v;
    }

    public static double nonNegative(String name, double v, String unit) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(name + " must be >= 0" + u(unit) + ", was " + v);
        return v;
    }

    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be a finite number, was " + v);
        return v;
    }

    public static int atLeast(String name, int v, int min) {
        if (v < min) throw new IllegalArgumentException(name + " must be >= " + min + ", was " + v);
        return v;
    }

    /** {@code v} in the open interval (lo, hi). */
    public static double openInterval(String name, double v, double lo, double hi) {
        if (!(v > lo && v < hi)) throw new IllegalArgumentException(name + " must be in (" + lo + ", " + hi + "), was " + v);
        return v;
    }

    /** Every element of {@code x} in [lo, hi]; the message names the encoder, the value and its index. */
    public static void valuesIn(String code, NdArray x, double lo, double hi) {
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= lo && d[i] <= hi)) {
                throw new IllegalArgumentException(code + " input must be in [" + lo + ", " + hi + "], found " + d[i] + " at flat index " + i);
            }
        }
    }

    /** Every element of {@code x} finite. */
    public static void finiteValues(String code, NdArray x) {
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) throw new IllegalArgumentException(code + " input must be finite, found " + d[i] + " at flat index " + i);
        }
    }

    /** A time series needs a time axis. */
    public static void series(String code, NdArray x) {
        if (x.rank() < 1) throw new IllegalArgumentException(code + " input must be a time series with time as the first axis, got a 0-d array");
    }

    private static String u(String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }
}
