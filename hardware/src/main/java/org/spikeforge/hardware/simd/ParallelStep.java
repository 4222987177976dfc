package org.spikeforge.hardware.simd;

import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;

/**
 * The two hot phases of a {@code simd} network's step, run on a persistent {@link WorkerPool}: the neuron update,
 * cut into chunks ({@link Partition}) that the threads share ({@link ChunkSharing}), and the delivery of the step's
 * spikes, one task per delivery range. Both precisions use it ({@link SimdNetwork}, {@link Float32Network}); they
 * supply the kernels that update a range of neurons and deliver onto a range of targets.
 *
 * <p>A chunk's spikes are written into the population's spike buffer from the chunk's first index; after the
 * region they are concatenated in chunk order, which is ascending neuron order: the list one kernel call over the
 * whole population produces. A delivery task adds every projection (in graph order) and every spike (in spike
 * order) onto its range only, so each ring entry receives the same additions in the same order for any division.
 * Steps with few synaptic events are delivered by the calling thread alone, which gives the same sums.
 *
 * <p><b>One region a step.</b> When nothing between a step's delivery and the next step's update reads or writes
 * what the delivery touches (no input sources, whose spikes {@code applyInputs} writes; no learning; no short-term
 * plasticity: the network says so), {@link #propagate} leaves the delivery pending and the next {@link #update}
 * runs it in the same region: thread {@code w} delivers onto its range, then updates that range, whose input it
 * alone writes, so the two need no barrier between them; the new spikes go to a second set of buffers while the other
 * threads still read the previous step's lists. {@link #flush} delivers a pending step on its own (before counts are
 * read or the state is reset).
 *
 * <p>Nothing is allocated per step.
 */
final class ParallelStep implements AutoCloseable {
    /** Updates neurons {@code [from, to)} of population {@code p}, appending their spikes to {@code out} from {@code count}; returns the new count. */
    @FunctionalInterface
    interface Update {
        int run(int p, int from, int to, int[] out, int count);
    }

    /** Delivers the current spike lists onto delivery range {@code w} (all targets when {@code w < 0}) with worker {@code worker}'s scratch; returns the synaptic events. */
    @FunctionalInterface
    interface Deliver {
        long run(int w, int worker);
    }

    final int threads;
    final Partition partition;
    private final Update update;
    private final Deliver deliver;
    private final WorkerPool pool;
    private final int parallelDeliveryEvents;
    private final int[] sizes;
    private final int[][] spikeBuf;
    private final int[] spikeCount;
    private final OperationCounts counts;
    private final int[] sourceNode;
    private final int[] chunkPop, chunkFrom, chunkTo;
    /** Spikes of each chunk (or run of chunks) in the last update, one cache line per chunk: chunks of different threads do not share lines. */
    private final int[] chunkSpikes;
    private final ChunkSharing sharing;
    /** Per worker, one cache line each: the synaptic events of its last delivery. */
    private final long[] workerEvents;
    private final boolean fusable;
    private boolean pending;
    /** Per population, the spike list the fused region writes (swapped with {@code spikeBuf} after it). */
    private final int[][] nextBuf;
    private final WorkerPool.Tasks updateTasks = this::updateGroup;
    private final WorkerPool.Tasks chunkTasks = this::updateChunk;
    private final WorkerPool.Tasks deliverTasks = this::deliverRange;
    private final WorkerPool.Tasks fusedTasks = this::deliverThenUpdate;

    /**
     * @param projections the compiled projections, in graph order
     * @param quiet       whether nothing between a step's delivery and the next update touches what the delivery
     *                    does (no sources, no learning, no short-term plasticity): then the two share a region
     * @param spikeBuf    the network's spike lists per node (its populations' entries are swapped with the fused
     *                    region's second buffers), {@code spikeCount} their lengths, {@code counts} its counters
     */
    ParallelStep(NetworkGraph graph, NetworkGraph.Projection[] projections, int threads, int chunk, int parallelDeliveryEvents,
                 boolean quiet, int[][] spikeBuf, int[] spikeCount, OperationCounts counts, Update update, Deliver deliver,
                 String poolName) {
        this.threads = threads;
        this.parallelDeliveryEvents = parallelDeliveryEvents;
        this.spikeBuf = spikeBuf;
        this.spikeCount = spikeCount;
        this.counts = counts;
        this.update = update;
        this.deliver = deliver;
        int np = graph.populations().size();
        sizes = new int[np];
        for (int p = 0; p < np; p++) sizes[p] = graph.populations().get(p).size();
        sourceNode = new int[projections.length];
        for (int k = 0; k < projections.length; k++) sourceNode[k] = projections[k].sourceNode();
        // one group of chunks per thread, the group matching the thread's delivery range, so that (with affine
        // claiming) the thread that updates a neuron also delivers its input: its state and ring entries stay in
        // one core's caches instead of moving between cores every step
        partition = new Partition(graph, projections, threads, chunk, Math.min(threads, WorkerPool.MAX_AFFINE_TASKS));
        chunkPop = partition.chunkPop;
        chunkFrom = partition.chunkFrom;
        chunkTo = partition.chunkTo;
        chunkSpikes = new int[chunkPop.length * 16];
        sharing = new ChunkSharing(partition.groupChunks, this::updateRun);
        workerEvents = new long[threads * 8];
        pool = threads > 1 ? new WorkerPool(threads, poolName) : null;
        fusable = pool != null && threads <= WorkerPool.MAX_AFFINE_TASKS && quiet;
        nextBuf = new int[np][];
        if (fusable) for (int p = 0; p < np; p++) nextBuf[p] = new int[spikeBuf[p].length];
    }

    /** Whether each step's delivery runs in the next update's parallel region (class comment). */
    boolean fused() {
        return fusable;
    }

    /** Updates every population (the network has set the ring slots the kernels read), with a pending delivery first; counts. */
    void update() {
        int np = sizes.length;
        if (pool == null) {
            for (int p = 0; p < np; p++) spikeCount[p] = update.run(p, 0, sizes[p], spikeBuf[p], 0);
        } else if (pending) {
            pending = false;
            sharing.open(false);
            pool.runAffine(fusedTasks, threads);
            addEvents();
            concatenate(nextBuf);
            for (int p = 0; p < np; p++) {
                int[] out = nextBuf[p];
                nextBuf[p] = spikeBuf[p];
                spikeBuf[p] = out;
            }
        } else {
            if (threads <= WorkerPool.MAX_AFFINE_TASKS) {
                sharing.open(true);
                pool.runAffine(updateTasks, partition.groupChunks.length);
            } else {
                pool.run(chunkTasks, chunkPop.length);
            }
            concatenate(spikeBuf);
        }
        for (int p = 0; p < np; p++) {
            counts.spikes += spikeCount[p];
            counts.neuronUpdates += sizes[p];
        }
        counts.steps++;
    }

    /**
     * Delivers the step's spikes: on the calling thread when fewer than {@code parallelDeliveryEvents} synaptic
     * events are expected, otherwise on every thread, or left to the next {@link #update}'s region. The network has
     * first delivered a pending step ({@link #flush}, which reads the previous step) and then set the step this
     * delivery reads.
     */
    void propagate() {
        double expected = 0;
        for (int k = 0; k < sourceNode.length; k++) expected += spikeCount[sourceNode[k]] * partition.avgFanOut[k];
        if (pool == null || expected < parallelDeliveryEvents) {
            counts.synapticEvents += deliver.run(-1, 0);
            return;
        }
        if (fusable) {
            pending = true;
            return;
        }
        if (threads <= WorkerPool.MAX_AFFINE_TASKS) pool.runAffine(deliverTasks, threads);
        else pool.run(deliverTasks, threads);
        addEvents();
    }

    /** Runs a delivery that {@link #propagate} left pending, on its own. */
    void flush() {
        if (!pending) return;
        pending = false;
        pool.runAffine(deliverTasks, threads);
        addEvents();
    }

    private void addEvents() {
        for (int w = 0; w < threads; w++) counts.synapticEvents += workerEvents[w * 8];
    }

    /** Concatenates the chunks' spike lists in {@code buf} in chunk order (ascending neuron index) and counts them. */
    private void concatenate(int[][] buf) {
        for (int p = 0; p < sizes.length; p++) spikeCount[p] = 0;
        for (int c = 0; c < chunkPop.length; c++) {
            int p = chunkPop[c], n = chunkSpikes[c * 16];
            if (n > 0) System.arraycopy(buf[p], chunkFrom[c], buf[p], spikeCount[p], n);
            spikeCount[p] += n;
        }
    }

    /**
     * Updates the chunks {@code cs[i0, i1)} of a group, each run of adjacent chunks of one population in one
     * kernel call, its spikes counted in the run's first chunk. A call per 2,048-neuron chunk cost CUBA-100k
     * about a tenth of its update time on 2 threads (49–53 against 44–47 µs a step; the plain kernel on two
     * threads' halves scaled 1.8×; throw-away programs, 2026-11-29).
     */
    private void updateRun(int[] cs, int i0, int i1, int[][] out) {
        for (int i = i0; i < i1; ) {
            int c = cs[i], p = chunkPop[c], from = chunkFrom[c], to = chunkTo[c];
            int j = i + 1;
            for (; j < i1 && chunkPop[cs[j]] == p && chunkFrom[cs[j]] == to; j++) {
                to = chunkTo[cs[j]];
                chunkSpikes[cs[j] * 16] = 0;
            }
            chunkSpikes[c * 16] = update.run(p, from, to, out[p], from) - from;
            i = j;
        }
    }

    private void updateChunk(int c, int worker) {
        int p = chunkPop[c], from = chunkFrom[c];
        chunkSpikes[c * 16] = update.run(p, from, chunkTo[c], spikeBuf[p], from) - from;
    }

    private void updateGroup(int w, int worker) {
        sharing.update(w, spikeBuf);
    }

    private void deliverRange(int w, int worker) {
        workerEvents[w * 8] = deliver.run(w, worker);
    }

    private void deliverThenUpdate(int w, int worker) {
        sharing.started(w);
        workerEvents[w * 8] = deliver.run(w, worker);
        sharing.ready(w); // its input is complete: the other threads may now update its last chunks
        sharing.update(w, nextBuf);
    }

    /** Chunks updated by a thread other than their group's so far. */
    long stolenChunks() {
        return sharing.stolenChunks();
    }

    /** Called with the group at the start of each group's update (tests make one thread late with it); null: none. */
    void beforeUpdate(java.util.function.IntConsumer hook) {
        sharing.beforeUpdate = hook;
    }

    @Override
    public void close() {
        if (pool != null) pool.close();
    }
}
