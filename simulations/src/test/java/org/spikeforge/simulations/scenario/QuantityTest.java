package org.spikeforge.simulations.scenario;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spikeforge.neurons.Dimension;

class QuantityTest {
    @Test
    void convertsToEngineUnits() {
        assertEquals(20.0, Quantity.parse("20 ms", Dimension.TIME));
        assertEquals(2000.0, Quantity.parse("2s", Dimension.TIME));
        assertEquals(-65.0, Quantity.parse("-65 mV", Dimension.VOLTAGE));
        assertEquals(500.0, Quantity.parse("0.5 nA", Dimension.CURRENT), 1e-9);
        assertEquals(6.0, Quantity.parse("6 nS", Dimension.CONDUCTANCE));
        assertEquals(0.1, Quantity.parse("100 MOhm", Dimension.RESISTANCE), 1e-12);
        assertEquals(1.0, Quantity.parse("1 GΩ", Dimension.RESISTANCE));
        assertEquals(1500.0, Quantity.parse("1.5 kHz", Dimension.FREQUENCY), 1e-9);
        assertEquals(0.02, Quantity.parse("2 %", Dimension.DIMENSIONLESS), 1e-15);
        assertEquals(1e-3, Quantity.parse("1e-3", Dimension.DIMENSIONLESS));
    }

    @Test
    void unitsAreConsistent() {
        // R·I: 100 MΩ × 150 pA = 15 mV; τ = R·C: 0.1 GΩ × 200 pF = 20 ms.
        assertEquals(15.0, Quantity.parse("100 MOhm", Dimension.RESISTANCE) * Quantity.parse("150 pA", Dimension.CURRENT), 1e-9);
        assertEquals(20.0, Quantity.parse("100 MOhm", Dimension.RESISTANCE) * Quantity.parse("200 pF", Dimension.CAPACITANCE), 1e-9);
    }

    @Test
    void rejectsWrongOrMissingDimension() {
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("20", Dimension.TIME));
        assertTrue(a.getMessage().contains("missing unit"));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("20 mV", Dimension.TIME));
        assertTrue(b.getMessage().contains("expected a time") && b.getMessage().contains("voltage"));
        assertThrows(IllegalArgumentException.class, () -> Quantity.parse("ms 20", Dimension.TIME));
    }
}
