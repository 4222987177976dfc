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
 *
 * <p><b>Gap-coded rows (2 bytes a synapse).</b> A projection whose rows ascend strictly with gaps of
 * at most {@value #MAX_GAP} can be stored as the gaps instead ({@link #ofGaps}, {@link #gaps()}):
 * {@code t₀ = gaps[rowStart[s]] − 1}, {@code tⱼ = tⱼ₋₁ + gaps[j]}. Large random projections are
 * ({@link ConnectivityRule.FixedProbability}): CUBA-100k's 8 M synapses take 16 MB instead of 32 MB.
 * The {@code simd} and scalar backends read the gaps; a consumer that needs the indices calls
 * {@link #targets()}, which decodes them once (4 more bytes a synapse, kept for later calls).
 */
public final class CsrConnectivity {
    /** The largest gap between consecutive targets of a row (and the first target + 1) that {@link #ofGaps} stores. */
    public static final int MAX_GAP = Character.MAX_VALUE;

    private final int sources;
    private final int targetCount;
    private final int[] rowStart;
    private final char[] gaps;
    private volatile int[] targets;

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
        this.gaps = null;
    }

    private CsrConnectivity(int sources, int targetCount, int[] rowStart, char[] gaps) {
        if (rowStart.length != sources + 1 || rowStart[0] != 0 || rowStart[sources] != gaps.length) {
            throw new IllegalArgumentException("malformed CSR row pointers");
        }
        for (int s = 0; s < sources; s++) {
            long t = -1;
            for (int j = rowStart[s]; j < rowStart[s + 1]; j++) {
                if (gaps[j] == 0) throw new IllegalArgumentException("gap 0 in row " + s + ": targets must ascend strictly");
                t += gaps[j];
            }
            if (t >= targetCount) throw new IllegalArgumentException("target index out of range: " + t);
        }
        this.sources = sources;
        this.targetCount = targetCount;
        this.rowStart = rowStart;
        this.gaps = gaps;
    }

    /** Gap-coded rows (class comment); every row's targets must stay below {@code targetCount}. */
    public static CsrConnectivity ofGaps(int sources, int targetCount, int[] rowStart, char[] gaps) {
        return new CsrConnectivity(sources, targetCount, rowStart, gaps);
    }

    /** The rows' gaps when they are gap-coded, else null; shared, do not modify. */
    public char[] gaps() { return gaps; }

    /**
     * The target just before position {@code j} of row {@code s} ({@code rowStart[s] ≤ j ≤ rowStart[s+1]}), or −1
     * at the row's start: where a gap-coded row is entered at {@code j}, {@code t = before + gaps[j]}.
     */
    public int targetBefore(int s, int j) {
        if (gaps == null) return j == rowStart[s] ? -1 : targets[j - 1];
        int t = -1;
        for (int k = rowStart[s]; k < j; k++) t += gaps[k];
        return t;
    }

    /** The first position {@code j} of row {@code s} whose target is {@code ≥ bound} (the row's end if none). */
    public int lowerBound(int s, int bound) {
        int j = rowStart[s], end = rowStart[s + 1];
        if (gaps == null) {
            int lo = j, hi = end;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (targets[mid] < bound) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
        int t = -1;
        for (; j < end; j++) {
            t += gaps[j];
            if (t >= bound) return j;
        }
        return end;
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
    /** Target indices; shared, do not modify. Decoded on the first call when the rows are gap-coded. */
    public int[] targets() {
        int[] t = targets;
        if (t == null) {
            synchronized (this) {
                t = targets;
                if (t == null) targets = t = decode();
            }
        }
        return t;
    }

    private int[] decode() {
        int[] t = new int[gaps.length];
        for (int s = 0; s < sources; s++) {
            int v = -1;
            for (int j = rowStart[s]; j < rowStart[s + 1]; j++) t[j] = v += gaps[j];
        }
        return t;
    }

    public int synapses() { return rowStart[sources]; }

    /**
     * Bytes of the stored rows: row pointers and the targets as stored (2-byte gaps or 4-byte indices; indices
     * decoded from gaps for a consumer that asked for them are not counted).
     */
    public long storedBytes() {
        return 4L * rowStart.length + (gaps != null ? 2L * gaps.length : 4L * targets.length);
    }

    /** Number of outgoing synapses of {@code source}. */
    public int outDegree(int source) { return rowStart[source + 1] - rowStart[source]; }

    /** In-degree of every target. */
    public int[] inDegrees() {
        int[] d = new int[targetCount];
        if (gaps == null) {
            for (int t : targets) d[t]++;
        } else {
            for (int s = 0; s < sources; s++) {
                int t = -1;
                for (int j = rowStart[s]; j < rowStart[s + 1]; j++) d[t += gaps[j]]++;
            }
        }
        return d;
    }
}
