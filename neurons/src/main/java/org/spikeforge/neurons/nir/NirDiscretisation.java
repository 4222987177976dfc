package org.spikeforge.neurons.nir;

import java.util.Locale;

/**
 * How the NIR differential equations become one time step. NIR files carry equations, not a
 * discretisation; the framework that trained a model decides it.
 */
public enum NirDiscretisation {
    /**
     * Forward Euler, {@code v ← v + dt/τ·(v_leak − v + R·x)}; CubaLIF updates I first and drives v
     * with the new I. This is what snnTorch, Norse, Lava and Spyx compute and what their exported
     * parameters are calibrated for.
     */
    EULER,
    /** The exact solution over the step with the input held constant (Rotter &amp; Diesmann 1999). */
    EXACT;

    /** Parses {@code euler} or {@code exact}; null if neither. */
    public static NirDiscretisation parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "euler" -> EULER;
            case "exact" -> EXACT;
            default -> null;
        };
    }
}
