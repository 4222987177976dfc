package org.spikeforge.simulations.har;

import java.util.Arrays;

/**
 * Magnitude pruning (Han et al. 2015, "Learning both weights and connections for efficient neural
 * networks"): the {@code round(sparsity·n)} weights of smallest magnitude in a tensor are removed,
 * ties broken by position so the result is deterministic.
 */
public final class MagnitudePruning {
    private MagnitudePruning() {}

    /** Which of {@code w} survive pruning to {@code sparsity} (the share removed, in [0, 1)). */
    public static boolean[] keep(float[] w, double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) throw new IllegalArgumentException("sparsity must be in [0, 1), was " + sparsity);
        int n = w.length;
        int remove = (int) Math.round(sparsity * n);
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        if (remove == 0) return keep;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(Math.abs(w[a]), Math.abs(w[b]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; k < remove; k++) keep[order[k]] = false;
        return keep;
    }
}
