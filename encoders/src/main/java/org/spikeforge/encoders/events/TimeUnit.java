package org.spikeforge.encoders.events;

import java.util.Locale;

/** The unit of timestamps in an event file, and its size in ms. */
public enum TimeUnit {
    S(1e3), MS(1), US(1e-3), NS(1e-6);

    private final double ms;

    TimeUnit(double ms) {
        this.ms = ms;
    }

    /** Milliseconds per unit. */
    public double toMs() {
        return ms;
    }

    /** Parses {@code s}, {@code ms}, {@code us} (or {@code µs}) or {@code ns}. */
    public static TimeUnit parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "s" -> S;
            case "ms" -> MS;
            case "us", "µs" -> US;
            case "ns" -> NS;
            default -> throw new IllegalArgumentException("time unit must be one of s, ms, us, ns, was '" + s + "'");
        };
    }
}
