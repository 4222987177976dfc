package org.spikeforge.hardware.event;

import java.util.Arrays;

/**
 * Spike arrivals waiting to be delivered: a calendar queue with one bucket per time step, on
 * primitive arrays (time, payload) and without boxing. One entry stands for one spike reaching all
 * targets of one projection row, so the queue holds spikes × outgoing projections, not synapses.
 *
 * <p>Times are in steps ({@code t/dt}), so grid times are exact integers. An arrival at time
 * {@code t} goes to bucket {@code ⌊t⌋ mod B}; with every delay between 1 and {@code maxDelay} steps
 * and arrivals queued after their step has been processed, {@code B = maxDelay + 2} buckets never
 * mix two steps. When a step begins ({@link #open}) its bucket is sorted by time, stably (equal
 * times keep the order in which they were queued, so runs are reproducible); a bucket already in
 * order, as every bucket of grid-aligned arrivals is, is not touched. Insertion is {@code O(1)}.
 *
 * <p>The payload packs the projection index (high 32 bits) and the source neuron (low 32 bits).
 * Buckets double when full, so steady state allocates nothing.
 */
final class ArrivalQueue {
    private final int buckets;
    private final double[][] time;
    private final long[][] payload;
    private final int[] size;
    private double[] scratchTime = new double[64];
    private long[] scratchPayload = new long[64];
    private int open = -1;   // bucket of the current step
    private int cursor;
    private long queued;

    ArrivalQueue(int maxDelaySteps) {
        buckets = maxDelaySteps + 2;
        time = new double[buckets][16];
        payload = new long[buckets][16];
        size = new int[buckets];
    }

    static long pack(int projection, int source) {
        return ((long) projection << 32) | (source & 0xFFFF_FFFFL);
    }

    static int projection(long payload) {
        return (int) (payload >>> 32);
    }

    static int source(long payload) {
        return (int) payload;
    }

    /** Arrivals queued and not yet taken. */
    long size() {
        return queued;
    }

    /** Drops every arrival (for a new trial from step 0). */
    void clear() {
        java.util.Arrays.fill(size, 0);
        open = -1;
        cursor = 0;
        queued = 0;
    }

    /** Queues an arrival at time {@code t} (steps), which must lie in a later step than the open one. */
    void push(double t, long p) {
        int b = (int) (((long) t) % buckets);
        int n = size[b];
        if (n == time[b].length) {
            time[b] = Arrays.copyOf(time[b], n * 2);
            payload[b] = Arrays.copyOf(payload[b], n * 2);
        }
        time[b][n] = t;
        payload[b][n] = p;
        size[b] = n + 1;
        queued++;
    }

    /** Makes step {@code step}'s arrivals available, in time order. */
    void open(long step) {
        if (open >= 0) size[open] = 0;
        open = (int) (step % buckets);
        cursor = 0;
        int n = size[open];
        double[] t = time[open];
        for (int k = 1; k < n; k++) {
            if (t[k] < t[k - 1]) {
                sort(open);
                break;
            }
        }
    }

    /** Earliest arrival of the open step not yet taken; {@code +∞} when none is left. */
    double minTime() {
        return cursor < size[open] ? time[open][cursor] : Double.POSITIVE_INFINITY;
    }

    /**
     * The arrivals at time {@code t}, the earliest not yet taken: they lie at {@code [cursor, end)} of
     * {@link #openPayloads()}, where {@code cursor} is {@link #cursor()} and {@code end} is returned. Read-only.
     */
    int end(double t) {
        int e = cursor, n = size[open];
        double[] tt = time[open];
        while (e < n && tt[e] == t) e++;
        return e;
    }

    /** Position of the earliest arrival not yet taken in {@link #openPayloads()}. */
    int cursor() {
        return cursor;
    }

    /** The payloads of the open step, in time order (valid until the next {@link #push} or {@link #open}). */
    long[] openPayloads() {
        return payload[open];
    }

    /** Takes the arrivals before position {@code end} of {@link #openPayloads()} (from {@link #cursor()} on). */
    void take(int end) {
        queued -= end - cursor;
        cursor = end;
    }

    /** Stable bottom-up merge sort of bucket {@code b} by time. */
    private void sort(int b) {
        int n = size[b];
        if (scratchTime.length < n) {
            scratchTime = new double[Integer.highestOneBit(n) * 2];
            scratchPayload = new long[scratchTime.length];
        }
        double[] at = time[b], bt = scratchTime;
        long[] ap = payload[b], bp = scratchPayload;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) {
                    if (at[j] < at[i]) { bt[k] = at[j]; bp[k++] = ap[j++]; }
                    else { bt[k] = at[i]; bp[k++] = ap[i++]; }
                }
                while (i < mid) { bt[k] = at[i]; bp[k++] = ap[i++]; }
                while (j < hi) { bt[k] = at[j]; bp[k++] = ap[j++]; }
            }
            double[] tt = at; at = bt; bt = tt;
            long[] tp = ap; ap = bp; bp = tp;
        }
        if (at != time[b]) {
            System.arraycopy(at, 0, time[b], 0, n);
            System.arraycopy(ap, 0, payload[b], 0, n);
        }
    }
}
