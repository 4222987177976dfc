package org.spikeforge.simulations.scenario;

import java.util.Locale;
import org.spikeforge.encoders.CodeSpec;
import org.spikeforge.encoders.ParamSpec;
import org.spikeforge.neurons.Dimension;

/**
 * Converts encoder and decoder parameter values as users write them (in a scenario file or with
 * {@code --param k=v}) into the engine units of their {@link ParamSpec}: a parameter in
 * {@code ms}, {@code Hz} or {@code pA} must carry a unit ({@code "2 ms"}, {@code "100 Hz"},
 * {@code "0.5 nA"}), which is converted; plain numbers (unit {@code 1}, {@code steps},
 * {@code samples}, {@code px}) are bare ({@code 1} also takes {@code %}); booleans are
 * {@code true}/{@code false}; choices are one of their names.
 */
public final class CodeParameters {
    private CodeParameters() {}

    /** The dimension of a parameter's engine unit; {@link Dimension#DIMENSIONLESS} for plain numbers. */
    public static Dimension dimensionOf(ParamSpec p) {
        return switch (p.unit()) {
            case "ms" -> Dimension.TIME;
            case "Hz" -> Dimension.FREQUENCY;
            case "pA" -> Dimension.CURRENT;
            default -> Dimension.DIMENSIONLESS;
        };
    }

    /** The parameter {@code name} of {@code spec}, or an error listing the known ones. */
    public static ParamSpec parameter(CodeSpec<?> spec, String name) {
        for (ParamSpec p : spec.parameters()) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("unknown parameter of " + spec.kind() + " '" + spec.name() + "'; known: "
                + String.join(", ", spec.parameters().stream().map(ParamSpec::name).toList()));
    }

    /**
     * Converts {@code value} (a String, Number or Boolean) for parameter {@code p}. Returns a
     * Double (engine units), a Long, a Boolean or a String.
     *
     * @throws IllegalArgumentException saying what was expected, e.g. "expected a time such as '20 ms'"
     */
    public static Object convert(ParamSpec p, Object value) {
        switch (p.kind()) {
            case BOOLEAN -> {
                if (value instanceof Boolean b) return b;
                if (value instanceof String s) {
                    switch (s.strip().toLowerCase(Locale.ROOT)) {
                        case "true" -> { return true; }
                        case "false" -> { return false; }
                        default -> { }
                    }
                }
                throw new IllegalArgumentException("expected true or false");
            }
            case CHOICE -> {
                String s = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
                if (!p.choices().contains(s)) throw new IllegalArgumentException("expected one of " + String.join(", ", p.choices()));
                return s;
            }
            case INTEGER -> {
                double d = number(p, value, Dimension.DIMENSIONLESS);
                if (d != Math.rint(d) || Math.abs(d) > 0x1p53) {
                    throw new IllegalArgumentException("expected a whole number" + unitNote(p));
                }
                return (long) d;
            }
            case REAL -> {
                return number(p, value, dimensionOf(p));
            }
        }
        throw new AssertionError(p.kind());
    }

    private static double number(ParamSpec p, Object value, Dimension d) {
        if (value instanceof Number n) {
            if (d != Dimension.DIMENSIONLESS) {
                throw new IllegalArgumentException("missing unit: expected a " + d.label() + " such as '" + Quantity.example(d) + "'");
            }
            double v = n.doubleValue();
            if (!Double.isFinite(v)) throw new IllegalArgumentException("expected a finite number");
            return v;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(d == Dimension.DIMENSIONLESS ? "expected a number" + unitNote(p)
                    : "expected a " + d.label() + " such as '" + Quantity.example(d) + "'");
        }
        double v;
        try {
            v = Quantity.parse(s, d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + unitNote(p));
        }
        if (!Double.isFinite(v)) throw new IllegalArgumentException("expected a finite number");
        return v;
    }

    private static String unitNote(ParamSpec p) {
        return switch (p.unit()) {
            case "steps", "samples", "px" -> " (a count of " + p.unit() + ")";
            default -> "";
        };
    }
}
