package org.spikeforge.simulations.har;

import java.util.Locale;

/**
 * What to quantise to: the weight format, per-tensor or per-channel scales, and the neuron state
 * register width. Written as {@code FORMAT[,per-tensor|per-channel][,state=BITS|state=float]}, e.g.
 * {@code int8}, {@code int4,per-tensor}, {@code fp8-e4m3,state=8}:
 *
 * <ul>
 *   <li>{@code FORMAT}: {@code float} (no quantisation), {@code intN} (N = 2 … 16; {@code int8},
 *       {@code int4}), {@code fp8-e4m3} (or {@code e4m3}), {@code fp8-e5m2} (or {@code e5m2});</li>
 *   <li>scales default to per-channel;</li>
 *   <li>the neuron state (membrane and synaptic current) is held in fixed-point registers of
 *       {@code state} bits, simulated with the fixed-point CUBA LIF neuron; it defaults to
 *       {@link #DEFAULT_STATE_BITS} bits when weights are quantised and to float otherwise.</li>
 * </ul>
 *
 * @param weights     weight format
 * @param granularity scale granularity
 * @param stateBits   state register bits (2 … 32), or 0 for floating-point state
 */
public record QuantSpec(NumberFormat weights, Granularity granularity, int stateBits) {

    /** State register width used when a spec quantises weights but names no state width. */
    public static final int DEFAULT_STATE_BITS = 8;

    public static final QuantSpec FLOAT = new QuantSpec(NumberFormat.Float32.INSTANCE, Granularity.PER_TENSOR, 0);

    private static final String SYNTAX = "expected FORMAT[,per-tensor|per-channel][,state=BITS|state=float] with FORMAT one of "
            + "float, int8, int4 (any int2..int16), fp8-e4m3, fp8-e5m2, e.g. 'int8' or 'fp8-e4m3,per-tensor,state=16'";

    public QuantSpec {
        if (stateBits != 0 && (stateBits < 2 || stateBits > 32)) {
            throw new IllegalArgumentException("state register width must be 2 to 32 bits (or float), was " + stateBits);
        }
    }

    /** Whether anything is quantised. */
    public boolean isFloat() {
        return weights instanceof NumberFormat.Float32 && stateBits == 0;
    }

    /** Parses a spec; errors quote the spec and the expected syntax. */
    public static QuantSpec parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("quantisation spec is empty; " + SYNTAX);
        String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(",");
        NumberFormat f = format(spec, parts[0].strip());
        Granularity g = Granularity.PER_CHANNEL;
        Integer state = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.equals("per-tensor") || p.equals("per_tensor")) {
                g = Granularity.PER_TENSOR;
            } else if (p.equals("per-channel") || p.equals("per_channel")) {
                g = Granularity.PER_CHANNEL;
            } else if (p.startsWith("state=")) {
                String v = p.substring(6);
                if (v.equals("float")) {
                    state = 0;
                } else {
                    try {
                        state = Integer.parseInt(v.startsWith("int") ? v.substring(3) : v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("quantisation spec '" + spec + "': state width '" + v + "' is not a number of bits; " + SYNTAX);
                    }
                    if (state < 2 || state > 32) {
                        throw new IllegalArgumentException("quantisation spec '" + spec + "': state width must be 2 to 32 bits, was " + state);
                    }
                }
            } else {
                throw new IllegalArgumentException("quantisation spec '" + spec + "': unknown option '" + p + "'; " + SYNTAX);
            }
        }
        boolean floatWeights = f instanceof NumberFormat.Float32;
        int bits = state != null ? state : (floatWeights ? 0 : DEFAULT_STATE_BITS);
        return new QuantSpec(f, floatWeights ? Granularity.PER_TENSOR : g, bits);
    }

    private static NumberFormat format(String spec, String s) {
        switch (s) {
            case "float", "fp32", "float32", "none" -> { return NumberFormat.Float32.INSTANCE; }
            case "fp8-e4m3", "e4m3", "fp8_e4m3" -> { return Fp8Format.E4M3; }
            case "fp8-e5m2", "e5m2", "fp8_e5m2" -> { return Fp8Format.E5M2; }
            default -> {
                if (s.matches("int\\d+")) {
                    int b = Integer.parseInt(s.substring(3));
                    if (b >= 2 && b <= 16) return new IntFormat(b);
                }
                throw new IllegalArgumentException("quantisation spec '" + spec + "': unknown format '" + s + "'; " + SYNTAX);
            }
        }
    }

    /** Short label, e.g. "int8/ch s16", "fp8-e4m3/t s8", "float". */
    public String label() {
        if (isFloat()) return "float";
        String w = weights.id() + (weights instanceof NumberFormat.Float32 ? "" : (granularity == Granularity.PER_TENSOR ? "/t" : "/ch"));
        return w + (stateBits == 0 ? " sfloat" : " s" + stateBits);
    }

    /** The spec in the syntax {@link #parse} reads. */
    public String spec() {
        if (weights instanceof NumberFormat.Float32) return stateBits == 0 ? "float" : "float,state=" + stateBits;
        return weights.id() + "," + granularity.label() + ",state=" + (stateBits == 0 ? "float" : String.valueOf(stateBits));
    }
}
