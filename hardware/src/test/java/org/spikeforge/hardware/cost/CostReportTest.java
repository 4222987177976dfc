package org.spikeforge.hardware.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostReportTest {

    @Test
    void totalsAreTheSumsOfTheComponents() {
        CostReport r = CostReport.of("crossbar", "p", Map.of("crossbar_reads", 10L), List.of(
                new CostReport.Component("adc", "conversions", 10, 2e-12, 1e-9, 0.01, "b"),
                new CostReport.Component("array", "reads", 10, 3e-12, 0, 0.02, "b")));
        assertEquals(5e-12, r.energyJ(), 1e-27);
        assertEquals(1e-9, r.latencyS());
        assertEquals(0.03, r.areaMm2(), 1e-15);
        assertEquals(2e-12, r.component("adc").energyJ());
        Map<String, Object> m = r.asMap();
        assertEquals(List.of("backend", "profile", "energy_j", "latency_s", "area_mm2", "feasible", "counts", "breakdown"), List.copyOf(m.keySet()));
        assertEquals(Boolean.TRUE, m.get("feasible"), "no warnings: feasible");
        assertEquals(2, ((List<?>) m.get("breakdown")).size());
    }

    @Test
    void rejectsNegativeOrNonFiniteFigures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CostReport.Component("adc", "conversions", 1, -1, 0, 0, ""));
        assertEquals("cost component adc: energy must be finite and >= 0, was -1.0", e.getMessage());
    }
}
