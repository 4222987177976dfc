package org.spikeforge.neurons;

/**
 * Numeric precision of a model implementation, as Lava's process-model tags: one model (the same
 * equations, the same {@link NeuronModel#kind()}) may have several implementations that differ in
 * how they compute, and a network picks one by precision, never by a flag inside a model.
 */
public enum Precision {
    /** Double-precision floating point with exact propagators where the dynamics are linear. */
    FLOAT64,
    /**
     * Integer state of a fixed width, integer decay constants and explicit overflow behaviour, in
     * the style of digital neuromorphic chips (Loihi, SpiNNaker 2 fixed-point kernels).
     */
    FIXED_POINT;

    /** Parses "float", "float64", "double", "fixed", "fixed_point", "fixed_pt"; null if unknown. */
    public static Precision parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "float", "float64", "double", "floating_pt" -> FLOAT64;
            case "fixed", "fixed_point", "fixed_pt", "bit_accurate" -> FIXED_POINT;
            default -> null;
        };
    }
}
