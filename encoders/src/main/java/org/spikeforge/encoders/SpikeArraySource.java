package org.spikeforge.encoders;

import java.util.Arrays;

/**
 * Spikes at given times: channel {@code channel[k]} spikes in step {@code step[k]}. Times are
 * converted to steps by the caller ({@code round(t/dt)}); duplicates in the same step collapse.
 */
public final class SpikeArraySource implements SpikeSource {
    private final int size;
    private final long[] steps;
    private final int[] channels;
    private int cursor;

    public SpikeArraySource(int size, long[] steps, int[] channels) {
        if (steps.length != channels.length) throw new IllegalArgumentException("times and indices differ in length");
        this.size = size;
        Integer[] order = new Integer[steps.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> steps[a] != steps[b] ? Long.compare(steps[a], steps[b]) : Integer.compare(channels[a], channels[b]));
        this.steps = new long[steps.length];
        this.channels = new int[steps.length];
        for (int i = 0; i < order.length; i++) {
            int c = channels[order[i]];
            if (c < 0 || c >= size) throw new IllegalArgumentException("spike index " + c + " outside [0, " + size + ")");
            if (steps[order[i]] < 0) throw new IllegalArgumentException("spike time before 0");
            this.steps[i] = steps[order[i]];
            this.channels[i] = c;
        }
    }

    @Override public int size() { return size; }

    @Override public void reset() { cursor = 0; }

    @Override
    public int spikes(long step, int[] out) {
        while (cursor < steps.length && steps[cursor] < step) cursor++;
        int n = 0;
        int last = -1;
        while (cursor < steps.length && steps[cursor] == step) {
            int c = channels[cursor++];
            if (c != last) out[n++] = c;
            last = c;
        }
        return n;
    }
}
