package org.spikeforge.hardware.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool of worker threads that run one parallel region at a time: {@link #run} hands
 * out the tasks {@code 0 … tasks−1} of a region to whichever threads claim them first (the calling
 * thread takes part), and returns when every task has been run exactly once. Tasks must write
 * disjoint outputs, so the result does not depend on which thread ran which task, nor on the
 * number of threads. Nothing is allocated per region.
 *
 * <p>Claiming, not assigning: on a machine with more runnable threads than cores (a shared build
 * machine, or more threads than cores), a worker that is not scheduled does not hold up the step;
 * the threads that run take its tasks. A region therefore never takes much longer than running it
 * on the calling thread alone.
 *
 * <p>Protocol: a region is published as a ticket {@code (generation, next task)} in one atomic
 * long. A worker announces itself in {@code active} before it reads the region (its tasks and their
 * count, checked seqlock-style against the generation they were written for), claims tasks by
 * compare-and-set, and leaves {@code active} when the ticket is exhausted or belongs to another
 * generation. The caller claims tasks too, and then waits for {@code active} to drop to zero:
 * every claimed task has then finished, and a late worker can no longer claim anything of this
 * region. Waiting is spin-then-yield-then-park; the {@code parked} flags, set before a thread
 * re-checks its condition and parks, make a lost wake-up impossible.
 *
 * <p>Memory visibility: the caller's writes before {@link #run} happen-before every task (volatile
 * write of the generation and the ticket, read by the claimants), and every task's writes
 * happen-before {@link #run} returns (a worker's decrement of {@code active}, read by the caller).
 */
public final class WorkerPool implements AutoCloseable {

    /** One region's work: run task {@code task} on the thread numbered {@code worker} (in {@code [0, threads)}). */
    @FunctionalInterface
    public interface Tasks {
        void run(int task, int worker);
    }

    /**
     * Spins before yielding (about a millisecond: long enough to span the serial part of a step, so that a
     * worker is still spinning when the next region is published; 2,000 spins let it park every step, and
     * the owner then ran most tasks itself), then yields before parking.
     */
    private static final int SPINS = 50_000, YIELDS = SPINS + 20;

    private final int threads;
    private final Thread[] workers;
    private final PaddedFlag[] parked;
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private volatile int generation;
    private volatile Tasks tasks;
    private volatile int taskCount;
    private volatile boolean affine;
    /** Generation whose {@code tasks} and {@code taskCount} are written; minus it while they are being written. */
    private volatile int published;
    private volatile Thread owner;
    private volatile boolean ownerParked;
    private volatile boolean closed;
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

    /** Runs tasks {@code 0 … count−1} of {@code r}, each exactly once, on the pool and the calling thread. */
    public void run(Tasks r, int count) {
        run(r, count, false);
    }

    /**
     * Like {@link #run}, but thread {@code w} (the caller being 0) first claims task {@code w mod count},
     * then the lowest unclaimed one. With one task per thread, a task that works on the same data every
     * step stays on the same core while all threads are running, so its neurons and ring entries stay in
     * that core's caches; a thread that is late still has its task taken by the others. At most
     * {@link #MAX_AFFINE_TASKS} tasks.
     */
    public void runAffine(Tasks r, int count) {
        if (count > MAX_AFFINE_TASKS) throw new IllegalArgumentException("at most " + MAX_AFFINE_TASKS + " affine tasks, was " + count);
        run(r, count, true);
    }

    /** Tasks of an affine region: one bit each in the ticket's low word. */
    public static final int MAX_AFFINE_TASKS = 31;

    private void run(Tasks r, int count, boolean aff) {
        if (threads == 1 || count <= 1) {
            for (int k = 0; k < count; k++) r.run(k, 0);
            return;
        }
        int g = generation + 1;
        owner = Thread.currentThread();
        published = -g;
        tasks = r;
        taskCount = count;
        affine = aff;
        ticket.set((long) g << 32);
        published = g;
        generation = g; // publishes the region
        for (int w = 1; w < threads; w++) if (parked[w].value) LockSupport.unpark(workers[w - 1]);
        Throwable own = null;
        try {
            claim(g, r, count, 0, aff);
        } catch (Throwable t) {
            own = t;
            ticket.set((long) g << 32 | 0xFFFF_FFFFL); // no more claims of this region
        }
        int spins = 0;
        while (active.get() != 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < YIELDS) {
                Thread.yield();
            } else {
                ownerParked = true;
                if (active.get() != 0) LockSupport.park(this);
                ownerParked = false;
            }
        }
        tasks = null;
        Throwable f = own != null ? own : failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    /**
     * Claims and runs tasks of generation {@code g} until none is left. The ticket's low word is the
     * next task (in order) or, in an affine region, the set of claimed tasks; all ones closes the region.
     */
    private void claim(int g, Tasks r, int count, int worker, boolean aff) {
        if (aff) {
            int all = (1 << count) - 1, own = 1 << (worker % count);
            while (true) {
                long cur = ticket.get();
                if ((int) (cur >>> 32) != g) return;
                int free = ~(int) cur & all;
                if (free == 0) return;
                int t = (free & own) != 0 ? worker % count : Integer.numberOfTrailingZeros(free);
                if (ticket.compareAndSet(cur, cur | (1L << t))) r.run(t, worker);
            }
        }
        while (true) {
            long cur = ticket.get();
            if ((int) (cur >>> 32) != g) return;
            int next = (int) cur;
            if (next < 0 || next >= count) return;
            if (ticket.compareAndSet(cur, cur + 1)) r.run(next, worker);
        }
    }

    /**
     * A worker's life: wait for a region, run its share, repeat. The waiting and the share are methods of
     * their own, called once per region, so that the JIT compiles them as methods with profiles from many
     * regions. As one loop, C2 compiled it on stack (OSR) from a profile taken while the worker spun, in which
     * a new region had never come: the first region then trapped back to the interpreter, and a new pool's
     * worker spent its first 1,000–5,000 steps there (CUBA-100k on two threads: 130–230 µs a step instead of
     * 65–80, in every network of a JVM, not only the first; throw-away step timer, 2026-11-29).
     */
    private void workerLoop(int id) {
        int seen = 0;
        PaddedFlag myParked = parked[id];
        while (true) {
            int g = awaitRegion(seen, myParked);
            if (closed) return;
            seen = g;
            runRegion(g, id);
        }
    }

    /** Spins, then yields, then parks until a generation other than {@code seen} is published (or the pool closes); returns it. */
    private int awaitRegion(int seen, PaddedFlag myParked) {
        int spins = 0;
        int g;
        while ((g = generation) == seen) {
            if (closed) return g;
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
        return g;
    }

    /** Takes part in region {@code g}: claims and runs its tasks, then leaves {@code active}. */
    private void runRegion(int g, int id) {
        active.incrementAndGet(); // before reading the region: the caller now waits for us
        try {
            Tasks r = tasks;
            int count = taskCount;
            boolean aff = affine;
            // a worker that woke late may read the next region's fields while they are
            // written: it only claims if they were published for the generation it saw
            if (published == g) claim(g, r, count, id, aff);
        } catch (Throwable t) {
            failure = t;
            ticket.set((long) g << 32 | 0xFFFF_FFFFL);
        }
        if (active.decrementAndGet() == 0 && ownerParked) LockSupport.unpark(owner);
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
