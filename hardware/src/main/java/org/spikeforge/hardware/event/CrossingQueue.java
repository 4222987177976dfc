package org.spikeforge.hardware.event;

/**
 * The predicted threshold-crossing time of every neuron whose drive carries it over threshold
 * without input: an indexed binary min-heap keyed by neuron, so that an input can move a neuron's
 * prediction ({@link #set}) or cancel it ({@link #remove}) in {@code O(log n)} without leaving stale
 * entries behind. Times are in steps; primitive arrays only.
 */
final class CrossingQueue {
    private final int[] heap;      // neuron ids, heap-ordered by key
    private final double[] key;    // by neuron
    private final int[] position;  // by neuron: index in heap, or -1
    private int size;

    CrossingQueue(int neurons) {
        heap = new int[neurons];
        key = new double[neurons];
        position = new int[neurons];
        java.util.Arrays.fill(position, -1);
    }

    /** Removes every neuron. */
    void clear() {
        for (int i = 0; i < size; i++) position[heap[i]] = -1;
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    boolean contains(int g) {
        return position[g] >= 0;
    }

    double minTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : key[heap[0]];
    }

    int minNeuron() {
        return heap[0];
    }

    /** Sets neuron {@code g}'s crossing time; an infinite time removes it. */
    void set(int g, double t) {
        if (t == Double.POSITIVE_INFINITY) {
            remove(g);
            return;
        }
        int i = position[g];
        if (i < 0) {
            i = size++;
            heap[i] = g;
            position[g] = i;
            key[g] = t;
            siftUp(i);
        } else {
            double old = key[g];
            key[g] = t;
            if (t < old) siftUp(i); else siftDown(i);
        }
    }

    void remove(int g) {
        int i = position[g];
        if (i < 0) return;
        position[g] = -1;
        int last = --size;
        if (i == last) return;
        int moved = heap[last];
        heap[i] = moved;
        position[moved] = i;
        siftUp(i);
        siftDown(position[moved]);
    }

    private void siftUp(int i) {
        int g = heap[i];
        double t = key[g];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int pg = heap[parent];
            if (key[pg] <= t) break;
            heap[i] = pg;
            position[pg] = i;
            i = parent;
        }
        heap[i] = g;
        position[g] = i;
    }

    private void siftDown(int i) {
        int g = heap[i];
        double t = key[g];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && key[heap[c + 1]] < key[heap[c]]) c++;
            int cg = heap[c];
            if (key[cg] >= t) break;
            heap[i] = cg;
            position[cg] = i;
            i = c;
        }
        heap[i] = g;
        position[g] = i;
    }
}
