package org.spikeforge.simulations.scenario;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikeforge.neurons.Dimension;

/**
 * A number with a unit, parsed from text such as {@code "20 ms"}, {@code "-65mV"},
 * {@code "0.5 nA"}, {@code "2 %"} or {@code "1.5e3 Hz"}, and converted to the engine unit of its
 * {@link Dimension}.
 */
public record Quantity(double value, Dimension dimension) {

    private record Unit(Dimension dim, double toEngine) {}

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        // time → ms
        unit("s", Dimension.TIME, 1e3); unit("ms", Dimension.TIME, 1); unit("us", Dimension.TIME, 1e-3);
        unit("µs", Dimension.TIME, 1e-3); unit("ns", Dimension.TIME, 1e-6); unit("min", Dimension.TIME, 60e3);
        // voltage → mV
        unit("V", Dimension.VOLTAGE, 1e3); unit("mV", Dimension.VOLTAGE, 1); unit("uV", Dimension.VOLTAGE, 1e-3);
        unit("µV", Dimension.VOLTAGE, 1e-3);
        // current → pA
        unit("A", Dimension.CURRENT, 1e12); unit("mA", Dimension.CURRENT, 1e9); unit("uA", Dimension.CURRENT, 1e6);
        unit("µA", Dimension.CURRENT, 1e6); unit("nA", Dimension.CURRENT, 1e3); unit("pA", Dimension.CURRENT, 1);
        unit("fA", Dimension.CURRENT, 1e-3);
        // conductance → nS
        unit("S", Dimension.CONDUCTANCE, 1e9); unit("mS", Dimension.CONDUCTANCE, 1e6); unit("uS", Dimension.CONDUCTANCE, 1e3);
        unit("µS", Dimension.CONDUCTANCE, 1e3); unit("nS", Dimension.CONDUCTANCE, 1); unit("pS", Dimension.CONDUCTANCE, 1e-3);
        // capacitance → pF
        unit("F", Dimension.CAPACITANCE, 1e12); unit("uF", Dimension.CAPACITANCE, 1e6); unit("µF", Dimension.CAPACITANCE, 1e6);
        unit("nF", Dimension.CAPACITANCE, 1e3); unit("pF", Dimension.CAPACITANCE, 1); unit("fF", Dimension.CAPACITANCE, 1e-3);
        // resistance → GOhm
        for (String o : new String[] {"Ohm", "ohm", "Ω"}) {
            unit(o, Dimension.RESISTANCE, 1e-9); unit("k" + o, Dimension.RESISTANCE, 1e-6);
            unit("M" + o, Dimension.RESISTANCE, 1e-3); unit("G" + o, Dimension.RESISTANCE, 1);
        }
        // frequency → Hz
        unit("Hz", Dimension.FREQUENCY, 1); unit("kHz", Dimension.FREQUENCY, 1e3); unit("MHz", Dimension.FREQUENCY, 1e6);
        // dimensionless
        unit("%", Dimension.DIMENSIONLESS, 1e-2);
    }

    private static void unit(String symbol, Dimension d, double toEngine) {
        UNITS.put(symbol, new Unit(d, toEngine));
    }

    private static final Pattern NUMBER_UNIT = Pattern.compile(
            "\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([^\\s\\d.+-][^\\s]*)?\\s*");

    /**
     * Parses {@code text}. A bare number is dimensionless.
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    public static Quantity parse(String text) {
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a number with a unit, such as '20 ms' or '-65 mV'");
        }
        double v = Double.parseDouble(m.group(1));
        String sym = m.group(2);
        if (sym == null) return new Quantity(v, Dimension.DIMENSIONLESS);
        Unit u = UNITS.get(sym);
        if (u == null) {
            throw new IllegalArgumentException("unknown unit '" + sym + "'; known units: " + String.join(", ", UNITS.keySet()));
        }
        return new Quantity(v * u.toEngine(), u.dim());
    }

    /**
     * Parses {@code text} and checks its dimension; returns the value in the engine unit.
     *
     * @throws IllegalArgumentException naming the expected dimension and an example unit
     */
    public static double parse(String text, Dimension expected) {
        Quantity q = parse(text);
        if (q.dimension() != expected) {
            if (q.dimension() == Dimension.DIMENSIONLESS && expected != Dimension.DIMENSIONLESS) {
                throw new IllegalArgumentException("missing unit: expected a " + expected.label() + " such as '"
                        + example(expected) + "'");
            }
            throw new IllegalArgumentException("wrong unit: expected a " + expected.label() + " such as '"
                    + example(expected) + "', got a " + q.dimension().label());
        }
        return q.value();
    }

    /** An example of a valid value of {@code d}, for messages. */
    public static String example(Dimension d) {
        return switch (d) {
            case TIME -> "20 ms";
            case VOLTAGE -> "-65 mV";
            case CURRENT -> "500 pA";
            case CONDUCTANCE -> "6 nS";
            case CAPACITANCE -> "200 pF";
            case RESISTANCE -> "100 MOhm";
            case FREQUENCY -> "10 Hz";
            case DIMENSIONLESS -> "0.5";
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", value, dimension.engineUnit());
    }
}
