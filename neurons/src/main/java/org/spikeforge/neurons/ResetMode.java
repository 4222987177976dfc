package org.spikeforge.neurons;

/** What happens to the membrane potential after a spike. */
public enum ResetMode {
    /** {@code v ← v_reset}. */
    TO_VALUE,
    /**
     * {@code v ← v − (v_th − v_reset)}: subtracts the distance from reset to threshold, which is the
     * threshold itself when {@code v_reset = 0} (snnTorch's and NIR's "subtract" reset).
     */
    SUBTRACT;

    /** Parses "value" / "to_value" / "zero" or "subtract"; null if unknown. */
    public static ResetMode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "value", "to_value", "zero" -> TO_VALUE;
            case "subtract", "subtraction" -> SUBTRACT;
            default -> null;
        };
    }
}
