package org.spikeforge.simulations.sweep;

/**
 * The van Rossum distance between two spike trains (van Rossum 2001, Neural Comput. 13:751):
 * each train is filtered with a causal exponential kernel {@code f(t) = Σ_i H(t − t_i)·e^{−(t − t_i)/τ}}
 * and {@code D² = (1/τ)·∫ (f − g)² dt}, which has the closed form
 *
 * <pre>
 *   D² = ½·[K(a, a) + K(b, b) − 2·K(a, b)],   K(a, b) = Σ_i Σ_j e^{−|a_i − b_j|/τ}
 * </pre>
 *
 * (one spike against none gives {@code D = 1/√2}). {@code K} is summed in {@code O(n + m)} over
 * merged sorted trains with the exponential's recursion (Houghton and Kreuz 2012).
 */
public final class SpikeTrainDistance {
    private SpikeTrainDistance() {}

    /** The distance between ascending spike times {@code a} and {@code b} (same unit as {@code tau}). */
    public static double vanRossum(double[] a, int na, double[] b, int nb, double tau) {
        double d2 = 0.5 * (kernelSum(a, na, a, na, tau) + kernelSum(b, nb, b, nb, tau) - 2 * kernelSum(a, na, b, nb, tau));
        return Math.sqrt(Math.max(d2, 0.0));
    }

    public static double vanRossum(double[] a, double[] b, double tau) {
        return vanRossum(a, a.length, b, b.length, tau);
    }

    /** {@code Σ_i Σ_j e^{−|a_i − b_j|/τ}} for ascending {@code a, b}. */
    static double kernelSum(double[] a, int na, double[] b, int nb, double tau) {
        double total = 0;
        // b_j <= a_i: walk forward, decaying an accumulator of the b spikes seen
        double acc = 0, t = Double.NEGATIVE_INFINITY;
        int j = 0;
        for (int i = 0; i < na; i++) {
            while (j < nb && b[j] <= a[i]) {
                acc = (t == Double.NEGATIVE_INFINITY ? 0 : acc * Math.exp(-(b[j] - t) / tau)) + 1;
                t = b[j++];
            }
            if (t != Double.NEGATIVE_INFINITY) total += acc * Math.exp(-(a[i] - t) / tau);
        }
        // b_j > a_i: walk backward
        acc = 0;
        t = Double.POSITIVE_INFINITY;
        j = nb - 1;
        for (int i = na - 1; i >= 0; i--) {
            while (j >= 0 && b[j] > a[i]) {
                acc = (t == Double.POSITIVE_INFINITY ? 0 : acc * Math.exp(-(t - b[j]) / tau)) + 1;
                t = b[j--];
            }
            if (t != Double.POSITIVE_INFINITY) total += acc * Math.exp(-(t - a[i]) / tau);
        }
        return total;
    }
}
