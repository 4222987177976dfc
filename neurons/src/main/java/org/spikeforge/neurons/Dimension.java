package org.spikeforge.neurons;

/**
 * Physical dimensions of model quantities, each with the single engine unit it is stored in.
 *
 * <p>SpikeForge uses NEST's unit system throughout the engine: time in ms, voltage in mV, current
 * in pA, conductance in nS, capacitance in pF, resistance in GΩ (= mV/pA), rates in Hz. The
 * set is consistent: pA/nS = mV, pF/nS = ms, GΩ·pF = ms. Scenario files carry units and are
 * converted once, on load, into these.
 */
public enum Dimension {
    TIME("ms"),
    VOLTAGE("mV"),
    CURRENT("pA"),
    CONDUCTANCE("nS"),
    CAPACITANCE("pF"),
    RESISTANCE("GOhm"),
    FREQUENCY("Hz"),
    DIMENSIONLESS("1");

    private final String engineUnit;

    Dimension(String engineUnit) {
        this.engineUnit = engineUnit;
    }

    /** The unit in which the engine stores values of this dimension. */
    public String engineUnit() {
        return engineUnit;
    }

    /** Lower-case name as used in error messages ("voltage", "time", ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
