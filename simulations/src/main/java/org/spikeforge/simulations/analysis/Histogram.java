package org.spikeforge.simulations.analysis;

/**
 * Counts of values in equal bins: bin {@code b} holds {@code edges[b] ≤ x < edges[b+1]}; the last bin
 * also holds {@code x = edges[bins]}.
 */
public record Histogram(double[] edges, long[] counts) {

    /** A histogram of {@code values} in {@code bins} bins over {@code [0, max]}, max from the data (at least {@code minMax}). */
    public static Histogram of(double[] values, int bins, double minMax) {
        double max = minMax;
        for (double v : values) if (Double.isFinite(v) && v > max) max = v;
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) e[b] = max * b / bins;
        long[] c = new long[bins];
        for (double v : values) {
            if (!Double.isFinite(v) || v < 0) continue;
            int b = (int) Math.floor(v / max * bins);
            c[Math.min(b, bins - 1)]++;
        }
        return new Histogram(e, c);
    }

    /**
     * A histogram of non-negative integers (spike counts, intervals in steps) in at most {@code maxBins}
     * bins, each a whole number {@code k} of integers wide, so that no bin is empty by quantisation;
     * edges are scaled by {@code unit} (e.g. 1/duration for rates, dt for intervals).
     */
    public static Histogram ofIntegers(long[] values, int maxBins, double unit) {
        long max = 0;
        for (long v : values) max = Math.max(max, v);
        long k = Math.max(1, (max + maxBins) / maxBins);
        int bins = (int) (max / k + 1);
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) e[b] = b * k * unit;
        long[] c = new long[bins];
        for (long v : values) {
            if (v >= 0) c[(int) (v / k)]++;
        }
        return new Histogram(e, c);
    }

    public int bins() { return counts.length; }

    public double center(int b) { return 0.5 * (edges[b] + edges[b + 1]); }

    public long total() {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }
}
