package org.spikeforge.synapses;

/**
 * The columns of a {@link CsrConnectivity}: for each target, the CSR indices of the synapses onto
 * it, so that a postsynaptic event can visit its incoming synapses without a search. Target
 * {@code t}'s synapses are {@code synapse[colStart[t] … colStart[t+1])}, ascending by source;
 * {@code source[k]} is the presynaptic index of {@code synapse[k]}. Built once per plastic
 * projection (O(synapses)), shared by every backend that runs postsynaptic learning.
 */
public final class CscIndex {
    private final int[] colStart;
    private final int[] synapse;
    private final int[] source;

    private CscIndex(int[] colStart, int[] synapse, int[] source) {
        this.colStart = colStart;
        this.synapse = synapse;
        this.source = source;
    }

    /** Transposes {@code csr} by counting sort on the target (stable, so sources stay ascending). */
    public static CscIndex of(CsrConnectivity csr) {
        int n = csr.synapses(), targets = csr.targetCount();
        int[] rowStart = csr.rowStart(), tgt = csr.targets();
        int[] colStart = new int[targets + 1];
        for (int k = 0; k < n; k++) colStart[tgt[k] + 1]++;
        for (int t = 0; t < targets; t++) colStart[t + 1] += colStart[t];
        int[] fill = java.util.Arrays.copyOf(colStart, targets);
        int[] synapse = new int[n], source = new int[n];
        for (int s = 0; s < csr.sources(); s++) {
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                int at = fill[tgt[k]]++;
                synapse[at] = k;
                source[at] = s;
            }
        }
        return new CscIndex(colStart, synapse, source);
    }

    /** Column pointers, length targets + 1; shared, do not modify. */
    public int[] colStart() { return colStart; }
    /** CSR synapse index of each column entry; shared, do not modify. */
    public int[] synapse() { return synapse; }
    /** Source (presynaptic) index of each column entry; shared, do not modify. */
    public int[] source() { return source; }
}
