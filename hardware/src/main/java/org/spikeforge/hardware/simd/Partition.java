package org.spikeforge.hardware.simd;

import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.ProceduralConnectivity;

/**
 * How the {@code simd} backend's networks ({@link SimdNetwork} in double precision, {@link Float32Network} in single)
 * divide a step among {@code threads} threads so that the result does not depend on the division: built once, when
 * a network is compiled, and only read afterwards.
 *
 * <ul>
 *   <li><b>Delivery ranges</b> ({@link #rangeLo}): each target population is cut into one contiguous range of neurons
 *       per thread. A thread adds every projection's spikes, in graph and spike order, onto the targets of its range
 *       only, so each ring entry receives the same additions in the same order as on one thread. The cuts fall on
 *       multiples of {@value #RANGE_GRANULE} neurons (whole cache lines of a ring), or of
 *       {@link ProceduralConnectivity#BLOCK} when a procedural projection targets the population.</li>
 *   <li><b>Split rows</b> ({@link #bounds}): for each stored projection and source row, where the row's targets cross
 *       each range boundary, side by side in one cache line.</li>
 *   <li><b>Chunks</b> ({@link #chunkPop}, {@link #chunkFrom}, {@link #chunkTo}): every population cut every
 *       {@code chunk} neurons (a multiple of the vector length) and at the delivery range boundaries, so that a chunk
 *       lies in one range; and {@link #groupChunks}: per thread, the chunks of its own range, so that the thread that
 *       delivers a neuron's input also updates it.</li>
 * </ul>
 */
final class Partition {
    /** Worker range boundaries of stored projections fall on multiples of this (whole cache lines of the ring). */
    static final int RANGE_GRANULE = 64;

    final int threads;
    /** {@code rangeLo[p][w]}: first target of delivery range {@code w} in population {@code p}; {@code rangeLo[p][threads] = size}. */
    final int[][] rangeLo;
    final int[] chunkPop, chunkFrom, chunkTo;
    /** {@code groupChunks[w]}: the chunks whose first neuron lies in delivery range {@code w} of its population, in chunk order. */
    final int[][] groupChunks;
    /**
     * {@code bounds[k][s·stride + w]} ({@code T} threads, {@code stride = T + 1}): first synapse of row {@code s}
     * of stored projection {@code k} with target {@code >= rangeLo[tgt][w]}; {@code w = 0} is the row's start and
     * {@code w = T} its end. A row's bounds lie side by side, so a thread finds its part of a spiking row in one
     * cache line (with a table per range boundary, each thread missed twice per spiking row, next to its
     * 40 synapses of CUBA-100k). Gap-coded rows have {@code stride = 2·(T + 1)}: {@code [s·stride + T + 1 + w]}
     * is the target before thread {@code w}'s part, where its decoding starts. Null for procedural projections
     * and on one thread.
     */
    final int[][] bounds;
    /** Per projection, synapses per source neuron (stored or expected): a step's expected events. */
    final double[] avgFanOut;

    /**
     * @param projections the compiled projections, in graph order
     * @param groups      how many thread groups the chunks are dealt into (at most {@code threads})
     */
    Partition(NetworkGraph graph, NetworkGraph.Projection[] projections, int threads, int chunk, int groups) {
        this.threads = threads;
        int np = graph.populations().size();
        boolean[] procTarget = new boolean[np];
        for (NetworkGraph.Projection pr : projections) if (pr.isProcedural()) procTarget[pr.target()] = true;
        rangeLo = new int[np][threads + 1];
        for (int p = 0; p < np; p++) {
            int size = graph.populations().get(p).size();
            int g = procTarget[p] ? ProceduralConnectivity.BLOCK : RANGE_GRANULE;
            for (int w = 0; w <= threads; w++) {
                long even = (long) w * size / threads;
                rangeLo[p][w] = w == threads ? size : (int) Math.min(size, (even + g - 1) / g * g);
            }
        }
        // Where the cuts fall changes nothing in the results: the chunks' spike lists are concatenated in ascending
        // order. A cut at a range boundary keeps a neuron whose input one thread delivers from being updated by
        // another, which would move its ring entries between cores every step.
        int nc = 0;
        for (int p = 0; p < np; p++) nc += cuts(graph.populations().get(p).size(), chunk, rangeLo[p]).length - 1;
        chunkPop = new int[nc];
        chunkFrom = new int[nc];
        chunkTo = new int[nc];
        for (int p = 0, c = 0; p < np; p++) {
            int[] cut = cuts(graph.populations().get(p).size(), chunk, rangeLo[p]);
            for (int k = 0; k + 1 < cut.length; k++, c++) {
                chunkPop[c] = p;
                chunkFrom[c] = cut[k];
                chunkTo[c] = cut[k + 1];
            }
        }
        groupChunks = new int[groups][];
        int[] groupOf = new int[nc];
        int[] count = new int[groups];
        for (int c = 0; c < nc; c++) {
            int p = chunkPop[c], w = 0;
            while (w + 1 < threads && chunkFrom[c] >= rangeLo[p][w + 1]) w++;
            groupOf[c] = Math.min(w, groups - 1);
            count[groupOf[c]]++;
        }
        for (int w = 0; w < groups; w++) groupChunks[w] = new int[count[w]];
        int[] fill = new int[groups];
        for (int c = 0; c < nc; c++) groupChunks[groupOf[c]][fill[groupOf[c]]++] = c;

        bounds = new int[projections.length][];
        avgFanOut = new double[projections.length];
        for (int k = 0; k < projections.length; k++) {
            NetworkGraph.Projection pr = projections[k];
            int nSrc = graph.nodeSize(pr.sourceNode());
            avgFanOut[k] = nSrc == 0 ? 0 : (pr.isProcedural() ? pr.procedural().expectedSynapses() : pr.connectivity().synapses()) / (double) nSrc;
            if (pr.isProcedural() || threads == 1) continue;
            CsrConnectivity csr = pr.connectivity();
            int[] rowStart = csr.rowStart();
            boolean coded = csr.gaps() != null;
            int stride = stride(threads, coded);
            int[] b = new int[nSrc * stride];
            for (int s = 0; s < nSrc; s++) {
                int at = s * stride;
                b[at] = rowStart[s];
                b[at + threads] = rowStart[s + 1];
                for (int w = 1; w < threads; w++) b[at + w] = csr.lowerBound(s, rangeLo[pr.target()][w]);
                if (coded) for (int w = 0; w < threads; w++) b[at + threads + 1 + w] = csr.targetBefore(s, b[at + w]);
            }
            bounds[k] = b;
        }
    }

    /** The stride of a row's entry in {@link #bounds}: its {@code threads + 1} bounds, and for gap-coded rows as many entry targets. */
    static int stride(int threads, boolean coded) {
        return coded ? 2 * (threads + 1) : threads + 1;
    }

    /** The ascending, distinct cut points {@code 0, …, size} of a population: every {@code chunk} neurons and at {@code ranges}. */
    private static int[] cuts(int size, int chunk, int[] ranges) {
        java.util.TreeSet<Integer> c = new java.util.TreeSet<>();
        for (int from = 0; from < size; from += chunk) c.add(from);
        for (int r : ranges) c.add(Math.min(r, size));
        c.add(size);
        return c.stream().mapToInt(Integer::intValue).toArray();
    }
}
