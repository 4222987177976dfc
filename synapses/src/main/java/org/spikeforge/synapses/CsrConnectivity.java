package org.spikeforge.synapses;

import java.util.Arrays;

/**
 * Connectivity stored as compressed sparse rows by source: the targets of source {@code s} are
 * {@code targets[rowStart[s] … rowStart[s+1])}, in ascending order. Synapse {@code k} is the
 * {@code k}-th entry of {@code targets}; per-synapse arrays (weights, delays) use the same index.
 *
 * <p>Invariants: {@code rowStart.length == sources + 1}, {@code rowStart[0] == 0},
 * {@code rowStart} is non-decreasing, {@code rowStart[sources] == targets.length}, and every
 * target lies in {@code [0, targetCount)}.
 */
public final class CsrConnectivity {
    private final int sources;
    private final int targetCount;
    private final int[] rowStart;
    private final int[] targets;

    public CsrConnectivity(int sources, int targetCount, int[] rowStart, int[] targets) {
        if (rowStart.length != sources + 1 || rowStart[0] != 0 || rowStart[sources] != targets.length) {
            throw new IllegalArgumentException("malformed CSR row pointers");
        }
        for (int t : targets) {
            if (t < 0 || t >= targetCount) throw new IllegalArgumentException("target index out of range: " + t);
        }
        this.sources = sources;
        this.targetCount = targetCount;
        this.rowStart = rowStart;
        this.targets = targets;
    }

    /**
     * Builds CSR from an unordered list of (pre, post) pairs by counting sort on {@code pre};
     * within a row, targets keep ascending order. Returns the permutation applied in
     * {@code order} when it is non-null (length = pairs), so per-synapse data can follow.
     */
    public static CsrConnectivity fromPairs(int sources, int targetCount, int[] pre, int[] post, int n, int[] order) {
        int[] rowStart = new int[sources + 1];
        for (int k = 0; k < n; k++) {
            int s = pre[k];
            if (s < 0 || s >= sources) throw new IllegalArgumentException("source index out of range: " + s);
            rowStart[s + 1]++;
        }
        for (int s = 0; s < sources; s++) rowStart[s + 1] += rowStart[s];
        int[] fill = Arrays.copyOf(rowStart, sources);
        int[] targets = new int[n];
        int[] perm = order != null ? order : new int[n];
        // Counting sort on pre is stable; it yields ascending targets per row when the pairs of
        // each source already come in ascending post order (true of every generated rule).
        boolean ascending = true;
        int[] last = new int[sources];
        Arrays.fill(last, -1);
        for (int k = 0; k < n && ascending; k++) {
            if (post[k] < last[pre[k]]) ascending = false;
            last[pre[k]] = post[k];
        }
        if (ascending) {
            for (int k = 0; k < n; k++) {
                int at = fill[pre[k]]++;
                targets[at] = post[k];
                perm[at] = k;
            }
        } else {
            Integer[] idx = new Integer[n];
            for (int k = 0; k < n; k++) idx[k] = k;
            Arrays.sort(idx, (a, b) -> pre[a] != pre[b] ? Integer.compare(pre[a], pre[b]) : Integer.compare(post[a], post[b]));
            for (int at = 0; at < n; at++) {
                targets[at] = post[idx[at]];
                perm[at] = idx[at];
            }
        }
        return new CsrConnectivity(sources, targetCount, rowStart, targets);
    }

    public int sources() { return sources; }
    public int targetCount() { return targetCount; }
    /** Row pointers; shared, do not modify. */
    public int[] rowStart() { return rowStart; }
    /** Target indices; shared, do not modify. */
    public int[] targets() { return targets; }
    public int synapses() { return targets.length; }

    /** Number of outgoing synapses of {@code source}. */
    public int outDegree(int source) { return rowStart[source + 1] - rowStart[source]; }

    /** In-degree of every target. */
    public int[] inDegrees() {
        int[] d = new int[targetCount];
        for (int t : targets) d[t]++;
        return d;
    }
}
