package org.spikeforge.hardware.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool of worker threads that run one parallel region at a time, fork-join style:
 * {@link #run} hands the same {@link Region} to every worker, the calling thread takes part as
 * worker 0, and it returns when all have finished. Nothing is allocated per region.
 *
 * <p>Waiting is spin-then-park: a worker spins (with {@link Thread#onSpinWait()}) for a short
 * while after each region, because the next one usually follows within microseconds (the two
 * phases of a time step), then yields a few times (so that on an oversubscribed machine the thread
 * it waits for can run), and then parks so that an idle simulation does not burn a core. A
 * generation counter, written after the region is published, is the only signal; the
 * {@code parked} flags, set before a worker re-checks the generation and parks, make a lost wake-up
 * impossible.
 *
 * <p>Memory visibility: everything the caller wrote before {@link #run} is visible to the workers
 * (volatile write of the generation, volatile read by the workers), and everything the workers
 * wrote is visible to the caller after it returns (their decrement of the pending count, the
 * caller's read of it).
 */
public final class WorkerPool implements AutoCloseable {

    /** Work for one parallel region; {@code worker} is in {@code [0, threads)}. */
    @FunctionalInterface
    public interface Region {
        void run(int worker);
    }

    /** Spins before yielding (some microseconds), then yields before parking. */
    private static final int SPINS = 2_000, YIELDS = SPINS + 20;

    private final int threads;
    private final Thread[] workers;
    private volatile Thread owner;
    private final PaddedFlag[] parked;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean ownerParked;
    private volatile boolean closed;
    private Region region;
    private volatile Throwable failure;

    /** Starts {@code threads − 1} daemon workers; the thread that calls {@link #run} is the last one. */
    public WorkerPool(int threads, String name) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        this.parked = new PaddedFlag[threads];
        for (int w = 0; w < threads; w++) parked[w] = new PaddedFlag();
        for (int w = 1; w < threads; w++) {
            final int id = w;
            Thread t = new Thread(() -> workerLoop(id), name + "-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code r} on every worker (the caller is worker 0) and waits for all of them. */
    public void run(Region r) {
        if (threads == 1) {
            r.run(0);
            return;
        }
        owner = Thread.currentThread();
        region = r;
        pending.set(threads - 1);
        generation++; // publishes region and pending
        for (int w = 1; w < threads; w++) if (parked[w].value) LockSupport.unpark(workers[w - 1]);
        Throwable own = null;
        try {
            r.run(0);
        } catch (Throwable t) {
            own = t;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < YIELDS) {
                Thread.yield();
            } else {
                ownerParked = true;
                if (pending.get() != 0) LockSupport.park(this);
                ownerParked = false;
            }
        }
        region = null;
        Throwable f = own != null ? own : failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private void workerLoop(int id) {
        int seen = 0;
        PaddedFlag myParked = parked[id];
        while (true) {
            int spins = 0;
            int g;
            while ((g = generation) == seen) {
                if (closed) return;
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else if (spins < YIELDS) {
                    Thread.yield();
                } else {
                    myParked.value = true;
                    if (generation == seen && !closed) LockSupport.park(this);
                    myParked.value = false;
                }
            }
            seen = g;
            if (closed) return;
            try {
                region.run(id);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0 && ownerParked) LockSupport.unpark(owner);
        }
    }

    /** Stops the workers (they are daemons, so a pool that is never closed does not keep the JVM alive). */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) LockSupport.unpark(t);
    }

    /** A volatile flag on its own cache line, so that workers do not share lines they write. */
    @SuppressWarnings("unused")
    private static final class PaddedFlag {
        long p1, p2, p3, p4, p5, p6, p7;
        volatile boolean value;
        long q1, q2, q3, q4, q5, q6, q7;
    }
}
