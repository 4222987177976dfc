package org.spikeforge.simulations.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded single-producer single-consumer ring of ints holding variable-length records, preallocated
 * once: the simulation thread (producer) copies a step's record in, the writer thread (consumer) takes
 * it out. No locks and no allocation per record.
 *
 * <p>Positions are ever-increasing longs; slot {@code i} of position {@code p} is {@code p & mask}.
 * Invariants: {@code consumed <= published <= consumed + capacity}. The producer owns {@code tail} and
 * publishes it with a release store; the consumer owns {@code head} and releases consumed slots with a
 * release store. When the ring is full the producer waits (backpressure) instead of growing.
 */
final class StepRing {
    private static final VarHandle PUBLISHED;
    private static final VarHandle CONSUMED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PUBLISHED = l.findVarHandle(StepRing.class, "published", long.class);
            CONSUMED = l.findVarHandle(StepRing.class, "consumed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int[] slots;
    private final int mask;
    private final int capacity;

    // producer side
    private long tail;
    private long consumedSeen;
    private long waits;

    // shared
    @SuppressWarnings("unused") private volatile long published;
    @SuppressWarnings("unused") private volatile long consumed;
    private volatile Thread consumer;
    private volatile Throwable consumerFailure;

    /** A ring of at least {@code minCapacity} ints (rounded up to a power of two). */
    StepRing(int minCapacity) {
        if (minCapacity < 1 || minCapacity > (1 << 30)) throw new IllegalArgumentException("ring capacity out of range: " + minCapacity);
        this.capacity = minCapacity == 1 ? 1 : Integer.highestOneBit(minCapacity - 1) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
    }

    int capacity() { return capacity; }

    void consumer(Thread t) { this.consumer = t; }

    /** Times {@link #claim} had to wait for the consumer. */
    long waits() { return waits; }

    void fail(Throwable t) { consumerFailure = t; }

    Throwable failure() { return consumerFailure; }

    // ------------------------------------------------------------------ producer

    /**
     * Reserves {@code len} ints and returns the position of the first; waits while the ring is full.
     *
     * @throws IllegalStateException if the consumer failed (the recording cannot continue)
     */
    long claim(int len) {
        if (len > capacity) throw new IllegalArgumentException("record of " + len + " ints exceeds ring capacity " + capacity);
        if (tail + len - consumedSeen > capacity) {
            consumedSeen = (long) CONSUMED.getAcquire(this);
            if (tail + len - consumedSeen > capacity) {
                waits++;
                int idle = 0;
                do {
                    Throwable f = consumerFailure;
                    if (f != null) throw new IllegalStateException("recording failed: " + f, f);
                    Thread c = consumer;
                    if (c != null) LockSupport.unpark(c);
                    if (idle++ < 64) Thread.onSpinWait();
                    else LockSupport.parkNanos(20_000);
                    consumedSeen = (long) CONSUMED.getAcquire(this);
                } while (tail + len - consumedSeen > capacity);
            }
        }
        return tail;
    }

    void put(long pos, int value) {
        slots[(int) (pos & mask)] = value;
    }

    /** Copies {@code n} ints of {@code src} to position {@code pos} (wrapping). */
    void put(long pos, int[] src, int n) {
        int i = (int) (pos & mask);
        int first = Math.min(n, capacity - i);
        System.arraycopy(src, 0, slots, i, first);
        if (first < n) System.arraycopy(src, first, slots, 0, n - first);
    }

    /** Makes everything before {@code end} visible to the consumer. */
    void publish(long end) {
        tail = end;
        PUBLISHED.setRelease(this, end);
    }

    // ------------------------------------------------------------------ consumer

    long published() { return (long) PUBLISHED.getAcquire(this); }

    int get(long pos) {
        return slots[(int) (pos & mask)];
    }

    /** Copies {@code n} ints from position {@code pos} (wrapping) into {@code out}. */
    void copyTo(long pos, int n, java.nio.IntBuffer out) {
        int i = (int) (pos & mask);
        int first = Math.min(n, capacity - i);
        out.put(slots, i, first);
        if (first < n) out.put(slots, 0, n - first);
    }

    /** Hands slots before {@code end} back to the producer. */
    void release(long end) {
        CONSUMED.setRelease(this, end);
    }
}
