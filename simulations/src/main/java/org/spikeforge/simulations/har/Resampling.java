package org.spikeforge.simulations.har;

import java.util.Arrays;

/**
 * Puts a {@link Recording} onto a uniform time grid, as the reference windows
 * ({@code shared/fixtures/ann/README.md}, section 4) were made:
 *
 * <ol>
 *   <li>samples are sorted by time (stably, so file order decides among equal times);</li>
 *   <li>samples with identical times are merged: each value is the mean of theirs (summed in file
 *       order, then divided by their number), the label is the first one's;</li>
 *   <li>each channel is linearly interpolated onto {@code t_k = t_first + k·period},
 *       {@code k = 0 … ⌊(t_last − t_first)/period⌋}, with NumPy's {@code interp} arithmetic
 *       ({@code slope·(t − t_j) + y_j}, {@code slope = (y_{j+1} − y_j)/(t_{j+1} − t_j)}, exact at sample
 *       times) and no anti-alias filter;</li>
 *   <li>the label at {@code t_k} is that of the nearest sample, the earlier one on a tie.</li>
 * </ol>
 */
public final class Resampling {
    private Resampling() {}

    /** A recording on a uniform grid: {@code values[c][k]} at {@code startMs + k·periodMs}. */
    public record Resampled(Recording origin, double startMs, double periodMs, double[][] values, int[] labels) {
        public int samples() {
            return labels.length;
        }
    }

    /** Sorts by time and merges samples with equal times (mean of values, first label). */
    public static Recording mergeDuplicates(Recording r) {
        int n = r.samples();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] t = r.timesMs();
        Arrays.sort(order, (a, b) -> Double.compare(t[a], t[b])); // stable
        int channels = r.values().length;
        double[] times = new double[n];
        double[][] vals = new double[channels][n];
        int[] labels = new int[n];
        int m = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && t[order[j]] == t[order[i]]) j++;
            times[m] = t[order[i]];
            labels[m] = r.labels()[order[i]];
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int k = i; k < j; k++) sum += r.values()[c][order[k]];
                vals[c][m] = j - i == 1 ? sum : sum / (j - i);
            }
            m++;
            i = j;
        }
        for (int c = 0; c < channels; c++) vals[c] = Arrays.copyOf(vals[c], m);
        return new Recording(r.subject(), r.session(), r.source(), Arrays.copyOf(times, m), vals, Arrays.copyOf(labels, m), r.channels());
    }

    /**
     * Resamples {@code r} to a grid of {@code periodMs}, merging duplicates first.
     *
     * @throws IllegalArgumentException when the recording has no samples or the period is not positive
     */
    public static Resampled resample(Recording r, double periodMs) {
        if (!(periodMs > 0) || !Double.isFinite(periodMs)) {
            throw new IllegalArgumentException("resampling period must be a positive number of ms, was " + periodMs);
        }
        if (r.samples() == 0) throw new IllegalArgumentException(r.source() + ": recording has no samples");
        Recording u = mergeDuplicates(r);
        double[] xp = u.timesMs();
        int n = xp.length;
        double t0 = xp[0];
        int grid = (int) Math.floor((xp[n - 1] - t0) / periodMs) + 1;
        int channels = u.values().length;
        double[][] out = new double[channels][grid];
        int[] labels = new int[grid];
        int j = 0;
        for (int k = 0; k < grid; k++) {
            double x = t0 + k * periodMs;
            while (j + 1 < n && xp[j + 1] <= x) j++; // xp[j] <= x < xp[j+1], or j = n-1
            for (int c = 0; c < channels; c++) {
                double[] y = u.values()[c];
                if (j == n - 1 || xp[j] == x) {
                    out[c][k] = y[j];
                } else {
                    double slope = (y[j + 1] - y[j]) / (xp[j + 1] - xp[j]);
                    out[c][k] = slope * (x - xp[j]) + y[j];
                }
            }
            if (j == n - 1 || xp[j] == x) {
                labels[k] = u.labels()[j];
            } else {
                labels[k] = x - xp[j] <= xp[j + 1] - x ? u.labels()[j] : u.labels()[j + 1];
            }
        }
        return new Resampled(u, t0, periodMs, out, labels);
    }
}
