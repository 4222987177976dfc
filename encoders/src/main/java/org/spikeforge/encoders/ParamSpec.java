package org.spikeforge.encoders;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of an encoder or decoder as scenario files and the CLI name it: its kind, its
 * default (null: required), its unit in engine units ({@code ms}, {@code Hz}, {@code pA}, or
 * {@code 1} for plain numbers, {@code steps} for step counts) and a one-line meaning.
 *
 * @param name         snake_case name ({@code "num_steps"})
 * @param kind         value kind
 * @param defaultValue default (a Double, Long, Boolean or String by kind), or null if required
 * @param unit         engine unit of the value
 * @param meaning      one-line description
 * @param choices      allowed values of a {@link Kind#CHOICE} parameter; empty otherwise
 */
public record ParamSpec(String name, Kind kind, Object defaultValue, String unit, String meaning, List<String> choices) {

    /** Value kinds. */
    public enum Kind { REAL, INTEGER, BOOLEAN, CHOICE }

    public ParamSpec {
        choices = List.copyOf(choices);
    }

    public static ParamSpec real(String name, Double defaultValue, String unit, String meaning) {
        return new ParamSpec(name, Kind.REAL, defaultValue, unit, meaning, List.of());
    }

    public static ParamSpec integer(String name, Long defaultValue, String unit, String meaning) {
        return new ParamSpec(name, Kind.INTEGER, defaultValue, unit, meaning, List.of());
    }

    public static ParamSpec bool(String name, boolean defaultValue, String meaning) {
        return new ParamSpec(name, Kind.BOOLEAN, defaultValue, "", meaning, List.of());
    }

    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String meaning) {
        return new ParamSpec(name, Kind.CHOICE, defaultValue, "", meaning, choices);
    }

    /**
     * Converts a value given in a scenario or on a command line (a Number, Boolean or String) to
     * this parameter's kind, or throws an error naming the parameter and the expected form.
     */
    Object convert(Object v) {
        String shown = v instanceof String s ? "'" + s + "'" : String.valueOf(v);
        switch (kind) {
            case REAL -> {
                double d;
                if (v instanceof Number n) d = n.doubleValue();
                else if (v instanceof String s) d = parseDouble(s.strip(), shown);
                else throw new IllegalArgumentException(name + " must be a number" + unitHint() + ", was " + shown);
                if (!Double.isFinite(d)) throw new IllegalArgumentException(name + " must be a finite number, was " + shown);
                return d;
            }
            case INTEGER -> {
                double d;
                if (v instanceof Number n) d = n.doubleValue();
                else if (v instanceof String s) d = parseDouble(s.strip(), shown);
                else throw new IllegalArgumentException(name + " must be a whole number, was " + shown);
                if (d != Math.rint(d) || Math.abs(d) > 0x1p53) throw new IllegalArgumentException(name + " must be a whole number, was " + shown);
                return (long) d;
            }
            case BOOLEAN -> {
                if (v instanceof Boolean b) return b;
                if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) return n.doubleValue() == 1;
                if (v instanceof String s) {
                    switch (s.strip().toLowerCase(Locale.ROOT)) {
                        case "true", "yes", "on", "1" -> { return true; }
                        case "false", "no", "off", "0" -> { return false; }
                        default -> { }
                    }
                }
                throw new IllegalArgumentException(name + " must be true or false, was " + shown);
            }
            case CHOICE -> {
                String s = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
                if (!choices.contains(s)) throw new IllegalArgumentException(name + " must be one of " + choices + ", was " + shown);
                return s;
            }
        }
        throw new AssertionError(kind);
    }

    private double parseDouble(String s, String shown) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number" + unitHint() + ", was " + shown);
        }
    }

    private String unitHint() {
        return unit.isEmpty() || unit.equals("1") ? "" : " (in " + unit + ")";
    }

    /** A line for help texts: {@code name (kind, unit, default X): meaning}. */
    public String describe() {
        String k = switch (kind) {
            case REAL -> "number";
            case INTEGER -> "integer";
            case BOOLEAN -> "true/false";
            case CHOICE -> String.join("|", choices);
        };
        String u = unit.isEmpty() || unit.equals("1") ? "" : ", " + unit;
        String d = defaultValue == null ? ", required" : ", default " + defaultValue;
        return name + " (" + k + u + d + "): " + meaning;
    }
}
