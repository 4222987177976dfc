package org.spikeforge.encoders;

import java.util.Arrays;

/**
 * A piecewise-constant current injected into neurons: {@code amplitude[k]} pA from step
 * {@code start[k]} until the next change (a constant current has one segment starting at 0).
 * Before the first change the current is 0.
 */
public final class CurrentSource {
    private final long[] start;
    private final double[] amplitude;

    public CurrentSource(long[] startSteps, double[] amplitudesPa) {
        if (startSteps.length != amplitudesPa.length || startSteps.length == 0) {
            throw new IllegalArgumentException("need one amplitude per change time, and at least one");
        }
        for (int k = 1; k < startSteps.length; k++) {
            if (startSteps[k] <= startSteps[k - 1]) throw new IllegalArgumentException("change times must increase");
        }
        this.start = startSteps.clone();
        this.amplitude = amplitudesPa.clone();
    }

    public static CurrentSource constant(double pA) {
        return new CurrentSource(new long[] {0}, new double[] {pA});
    }

    /** The current in pA during step {@code step}. */
    public double amplitudeAt(long step) {
        int k = Arrays.binarySearch(start, step);
        if (k < 0) k = -k - 2;
        return k < 0 ? 0.0 : amplitude[k];
    }

    /** Whether the current changes at the start of {@code step}. */
    public boolean changesAt(long step) {
        return Arrays.binarySearch(start, step) >= 0;
    }
}
