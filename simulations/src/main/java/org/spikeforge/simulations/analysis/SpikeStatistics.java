package org.spikeforge.simulations.analysis;

/**
 * Statistics of spike trains, as static methods over the primitive arrays of a recording: spikes are
 * parallel arrays {@code steps[k], neurons[k]} in step order, for neurons {@code 0 … size−1}.
 *
 * <p>Conventions follow Elephant (the Python electrophysiology analysis toolkit):
 * <ul>
 *   <li>ISI coefficient of variation of a neuron: {@code CV = σ(ISI) / mean(ISI)}, σ with divisor n
 *       (Elephant's {@code cv}); defined for neurons with at least two intervals.</li>
 *   <li>Fano factor of a neuron: {@code F = var(N) / mean(N)} of its spike counts N in consecutive
 *       windows, variance with divisor K (Elephant's {@code fanofactor}); defined where mean(N) > 0.</li>
 *   <li>Spike-count correlation of two neurons: Pearson's r of their counts in the same windows
 *       (Elephant's {@code correlation_coefficient} on binned trains); defined where both vary.</li>
 * </ul>
 * For a Poisson process CV = 1 and F = 1; for a perfectly regular train CV = 0.
 */
public final class SpikeStatistics {
    private SpikeStatistics() {}

    /** Spikes of each neuron. */
    public static long[] spikeCounts(int size, int[] neurons) {
        long[] c = new long[size];
        for (int n : neurons) c[n]++;
        return c;
    }

    /**
     * ISI coefficient of variation of every neuron (NaN for neurons with fewer than two intervals).
     * One pass with Welford's update per neuron; steps must be in ascending order.
     */
    public static double[] cvIsi(int size, int[] steps, int[] neurons) {
        long[] last = new long[size];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        long[] n = new long[size];
        double[] mean = new double[size], m2 = new double[size];
        for (int k = 0; k < steps.length; k++) {
            int i = neurons[k];
            if (last[i] != Long.MIN_VALUE) {
                double isi = steps[k] - last[i];
                n[i]++;
                double d = isi - mean[i];
                mean[i] += d / n[i];
                m2[i] += d * (isi - mean[i]);
            }
            last[i] = steps[k];
        }
        double[] cv = new double[size];
        for (int i = 0; i < size; i++) {
            cv[i] = n[i] >= 2 && mean[i] > 0 ? Math.sqrt(m2[i] / n[i]) / mean[i] : Double.NaN;
        }
        return cv;
    }

    /** All inter-spike intervals, in steps, pooled over neurons (steps ascending). */
    public static int[] isis(int size, int[] steps, int[] neurons) {
        long[] last = new long[size];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        int[] out = new int[Math.max(0, steps.length)];
        int m = 0;
        for (int k = 0; k < steps.length; k++) {
            int i = neurons[k];
            if (last[i] != Long.MIN_VALUE) out[m++] = (int) (steps[k] - last[i]);
            last[i] = steps[k];
        }
        return java.util.Arrays.copyOf(out, m);
    }

    /**
     * Spike counts in {@code windows} consecutive windows of {@code windowSteps} steps starting at
     * {@code fromStep}: element {@code [i·windows + w]} is neuron i's count in window w. Spikes outside
     * the windows are ignored.
     */
    public static int[] windowCounts(int size, int[] steps, int[] neurons, long fromStep, int windowSteps, int windows) {
        if (windowSteps < 1) throw new IllegalArgumentException("window must be >= 1 step, was " + windowSteps);
        int[] c = new int[Math.multiplyExact(size, windows)];
        for (int k = 0; k < steps.length; k++) {
            long w = (steps[k] - fromStep) / windowSteps;
            if (steps[k] < fromStep || w >= windows) continue;
            c[neurons[k] * windows + (int) w]++;
        }
        return c;
    }

    /** Fano factor of every neuron from {@link #windowCounts} (NaN where the mean count is 0). */
    public static double[] fanoFactors(int size, int[] counts, int windows) {
        double[] f = new double[size];
        for (int i = 0; i < size; i++) {
            double s = 0, s2 = 0;
            for (int w = 0; w < windows; w++) {
                double x = counts[i * windows + w];
                s += x;
            }
            double mean = s / windows;
            for (int w = 0; w < windows; w++) {
                double d = counts[i * windows + w] - mean;
                s2 += d * d;
            }
            f[i] = mean > 0 ? (s2 / windows) / mean : Double.NaN;
        }
        return f;
    }

    /** Pearson correlation of the window counts of neurons {@code a} and {@code b} (NaN if either is constant). */
    public static double countCorrelation(int[] counts, int windows, int a, int b) {
        double ma = 0, mb = 0;
        for (int w = 0; w < windows; w++) {
            ma += counts[a * windows + w];
            mb += counts[b * windows + w];
        }
        ma /= windows;
        mb /= windows;
        double sab = 0, saa = 0, sbb = 0;
        for (int w = 0; w < windows; w++) {
            double x = counts[a * windows + w] - ma, y = counts[b * windows + w] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    /** Result of {@link #meanPairwiseCorrelation}: the mean r and the number of pairs it averages. */
    public record Correlation(double mean, int pairs, int neurons) {}

    /**
     * Mean pairwise count correlation over at most {@code maxNeurons} neurons whose counts vary, picked
     * evenly spaced over the candidates so that the choice is deterministic.
     */
    public static Correlation meanPairwiseCorrelation(int size, int[] counts, int windows, int maxNeurons) {
        int[] cand = new int[size];
        int nc = 0;
        for (int i = 0; i < size; i++) {
            int first = counts[i * windows];
            for (int w = 1; w < windows; w++) {
                if (counts[i * windows + w] != first) {
                    cand[nc++] = i;
                    break;
                }
            }
        }
        int m = Math.min(nc, maxNeurons);
        int[] pick = new int[m];
        for (int j = 0; j < m; j++) pick[j] = cand[(int) ((long) j * nc / m)];
        double sum = 0;
        int pairs = 0;
        for (int x = 0; x < m; x++) {
            for (int y = x + 1; y < m; y++) {
                double r = countCorrelation(counts, windows, pick[x], pick[y]);
                if (!Double.isNaN(r)) {
                    sum += r;
                    pairs++;
                }
            }
        }
        return new Correlation(pairs == 0 ? Double.NaN : sum / pairs, pairs, m);
    }

    /**
     * Population rate in Hz in {@code bins} bins of {@code binSteps} steps from {@code fromStep}:
     * spikes in the bin / (size · bin width in s).
     */
    public static double[] populationRate(int size, int[] steps, long fromStep, int binSteps, int bins, double dtMs) {
        double[] r = new double[bins];
        for (int s : steps) {
            if (s < fromStep) continue;
            long b = (s - fromStep) / binSteps;
            if (b < bins) r[(int) b]++;
        }
        double norm = 1.0 / (size * binSteps * dtMs * 1e-3);
        for (int b = 0; b < bins; b++) r[b] *= norm;
        return r;
    }

    /** Mean of the finite values of {@code x}, and how many there are. */
    public static double[] finiteMean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return new double[] {n == 0 ? Double.NaN : s / n, n};
    }
}
