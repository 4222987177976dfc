package org.spikeforge.hardware.simd;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The neuron update of one parallel region, shared among the threads of a {@code simd} network chunk by chunk
 * ({@link Partition#groupChunks}): each thread updates its own group of chunks, and a thread done early takes
 * the last chunks of a slower one.
 *
 * <p>Why: the two halves of a step take the same time only on two equally fast cores, and this machine's two
 * virtual CPUs are not: with the halves fixed, the half on one of them took 20–30 % longer in every run, the
 * thread on the other waited, and which thread was slow changed from run to run (CUBA-100k, per-thread timers,
 * 2026-11-29: updates of 36–40 against 48–53 µs a step). So the group's thread claims all its chunks but the last
 * {@link #STEAL_TAIL} at once (one kernel call per population: a call per chunk cost a tenth of the update), then
 * those one by one, and then takes single chunks from the back of the other groups whose input is complete
 * ({@link #ready}). Results do not depend on who updates a chunk: its spikes go to its own place in the population's
 * list (concatenated in chunk order), and its ring entries were all delivered before {@link #ready} was set.
 *
 * <p>One region at a time: {@link #open} on the calling thread between regions, the rest on the region's threads.
 */
final class ChunkSharing {
    /** Updates chunks {@code cs[i0, i1)} of a group into the spike buffers {@code out}. */
    @FunctionalInterface
    interface Runner {
        void run(int[] cs, int i0, int i1, int[][] out);
    }

    /**
     * Chunks at the end of each group that its thread claims one at a time, and the others may take. In one JVM,
     * alternating 1,000-step blocks with and without sharing (CUBA-100k, two threads, 2026-11-29 23:10–23:15):
     * with 4, −0.5 to −8.5 µs a step (the gain largest when the fixed halves were slowest, 63–73 µs a step) and
     * +0.7 µs in one run of five; with 8 or 12, 1.5–2.7 µs a step slower when the halves were balanced (54–56
     * µs); with a quarter of what was left at each claim (about 13 kernel calls a group instead of 2), 3–4 µs slower.
     */
    static final int STEAL_TAIL = 4;
    private static final long READY_WAIT_NS = 200_000;
    private static final int PAD = 8;

    private final int[][] groupChunks;
    private final Runner runner;
    /**
     * Per group, padded to a cache line: the chunks of the group not yet claimed in this region,
     * {@code [front, back)} packed as {@code front << 32 | back}. The group's thread claims from the front;
     * a thread done with its own group takes single chunks from the back.
     */
    private final AtomicLongArray claims;
    /** Per group, padded: the region in which the group's input was last completed. */
    private final AtomicLongArray ready;
    /** Per group, padded: the region in which a thread last took the group's task. */
    private final AtomicLongArray started;
    /** Per group's thread, padded: chunks it updated for another group. */
    private final long[] stolen;
    /** Number of the current parallel update region. */
    private long region;
    /** Called with the group at the start of each group's update; tests use it to make one thread late. Null: none. */
    java.util.function.IntConsumer beforeUpdate;

    ChunkSharing(int[][] groupChunks, Runner runner) {
        this.groupChunks = groupChunks;
        this.runner = runner;
        int groups = groupChunks.length;
        claims = new AtomicLongArray(groups * PAD);
        ready = new AtomicLongArray(groups * PAD);
        started = new AtomicLongArray(groups * PAD);
        stolen = new long[groups * PAD];
    }

    /** Opens an update region: every group's chunks unclaimed; {@code delivered}: their input is complete already. */
    void open(boolean delivered) {
        region++;
        for (int g = 0; g < groupChunks.length; g++) {
            claims.set(g * PAD, groupChunks[g].length);
            if (delivered) {
                started.set(g * PAD, region);
                ready.set(g * PAD, region);
            }
        }
    }

    /** Group {@code w}'s thread has taken its task (it delivers its input first, then calls {@link #update}). */
    void started(int w) {
        started.set(w * PAD, region);
    }

    /** Group {@code w}'s input is complete: the other threads may now update its last chunks. */
    void ready(int w) {
        ready.set(w * PAD, region);
    }

    /** Updates group {@code w}'s chunks, shared with the other threads (class comment). */
    void update(int w, int[][] out) {
        if (beforeUpdate != null) beforeUpdate.accept(w);
        final int at = w * PAD;
        final int[] cs = groupChunks[w];
        while (true) {
            long c = claims.get(at);
            int f = (int) (c >>> 32), b = (int) c;
            if (f >= b) break;
            int take = b - f > STEAL_TAIL ? b - f - STEAL_TAIL : 1;
            if (claims.compareAndSet(at, c, (long) (f + take) << 32 | b)) runner.run(cs, f, f + take, out);
        }
        for (int o = 1; o < groupChunks.length; o++) {
            int v = (w + o) % groupChunks.length, vat = v * PAD;
            if (started.get(vat) != region) continue; // nobody has its task yet: the pool will hand it out whole
            if (!awaitReady(vat)) continue;
            while (true) {
                long c = claims.get(vat);
                int f = (int) (c >>> 32), b = (int) c;
                if (f >= b) break;
                if (claims.compareAndSet(vat, c, (long) f << 32 | (b - 1))) {
                    runner.run(groupChunks[v], b - 1, b, out);
                    stolen[w * PAD]++;
                }
            }
        }
    }

    /**
     * Waits until group {@code vat / PAD}'s delivery, under way on another thread, is complete; false when it takes more
     * than {@value #READY_WAIT_NS} ns (a very large delivery, or a thread descheduled): the group is then left to its
     * own thread.
     */
    private boolean awaitReady(int vat) {
        if (ready.get(vat) == region) return true;
        long deadline = System.nanoTime() + READY_WAIT_NS;
        for (int spins = 1; ready.get(vat) != region; spins++) {
            Thread.onSpinWait();
            if ((spins & 255) == 0 && System.nanoTime() > deadline) return false;
        }
        return true;
    }

    /** Chunks updated by a thread other than their group's so far. */
    long stolenChunks() {
        long n = 0;
        for (int g = 0; g < groupChunks.length; g++) n += stolen[g * PAD];
        return n;
    }
}
