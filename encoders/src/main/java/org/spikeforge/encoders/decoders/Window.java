package org.spikeforge.encoders.decoders;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.NdArray;

/**
 * A window of steps {@code [from, to)} of a time-first array; {@code to = −1} means "to the end".
 *
 * @param from first step, >= 0
 * @param to   step after the last, or −1
 */
public record Window(int from, int to) {

    public static final Window ALL = new Window(0, -1);

    public Window {
        Checks.atLeast("from_step", from, 0);
        if (to != -1 && to < from) throw new IllegalArgumentException("to_step (" + to + ") must be >= from_step (" + from + ") or -1 for the end");
    }

    /** The end step for an array of {@code steps} steps; errors if the window does not fit. */
    int end(String code, int steps) {
        int e = to == -1 ? steps : to;
        if (e > steps || from > steps) {
            throw new IllegalArgumentException(code + ": window [" + from + ", " + e + ") exceeds the " + steps + " steps of the input");
        }
        return e;
    }

    static void requireSeries(String code, NdArray a) {
        Checks.series(code, a);
    }
}
