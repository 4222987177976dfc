package org.spikeforge.hardware.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run cost on a hardware model: the operation counts it is based on, the totals, and one
 * line per component. Every co-design backend (photonic mesh, memristor crossbar, ...) reports in
 * this form, so reports and sweeps treat them alike; the component names and counts are the
 * backend's own.
 *
 * <p>Totals are sums over the components. Energy and area add up naturally. Latency adds up
 * because each component states only its contribution to the critical path of the run (zero for
 * work that overlaps with another component's), so the total is the run's time on the hardware.
 *
 * @param backend    backend name ("photonic", "crossbar", ...)
 * @param profile    device profile the per-operation figures came from
 * @param counts     the operation counts used (as in {@code OperationCounts.asMap()})
 * @param energyJ    total energy in J
 * @param latencyS   total time on the hardware in s
 * @param areaMm2    total area in mm²
 * @param components per-component breakdown
 * @param warnings   why the design cannot be built as modelled (empty when it can), one sentence each,
 *                   naming the unit, the figure and the limit it breaks; the totals are then not meaningful
 */
public record CostReport(String backend, String profile, Map<String, Long> counts, double energyJ, double latencyS,
                         double areaMm2, List<Component> components, List<String> warnings) {

    /**
     * One component's share.
     *
     * @param name     component ("adc", "laser", "phase_shifter_hold", ...)
     * @param counted  what {@code count} counts ("conversions", "reads", ...)
     * @param count    how many
     * @param energyJ  energy in J
     * @param latencyS contribution to the critical path in s
     * @param areaMm2  area in mm²
     * @param basis    how the figures were obtained (per-operation figure and its profile keys)
     */
    public record Component(String name, String counted, long count, double energyJ, double latencyS, double areaMm2,
                            String basis) {
        public Component {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("cost component needs a name");
            check(name, "energy", energyJ);
            check(name, "latency", latencyS);
            check(name, "area", areaMm2);
        }

        private static void check(String name, String what, double v) {
            if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("cost component " + name + ": " + what + " must be finite and >= 0, was " + v);
        }
    }

    public CostReport {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        components = List.copyOf(components);
        warnings = List.copyOf(warnings);
    }

    /** A report whose totals are the sums over {@code components}. */
    public static CostReport of(String backend, String profile, Map<String, Long> counts, List<Component> components) {
        return of(backend, profile, counts, components, List.of());
    }

    /** Whether no warning says the design is infeasible. */
    public boolean feasible() {
        return warnings.isEmpty();
    }

    /** A report whose totals are the sums over {@code components}, with warnings. */
    public static CostReport of(String backend, String profile, Map<String, Long> counts, List<Component> components,
                                List<String> warnings) {
        double e = 0, t = 0, a = 0;
        for (Component c : components) {
            e += c.energyJ();
            t += c.latencyS();
            a += c.areaMm2();
        }
        return new CostReport(backend, profile, new LinkedHashMap<>(counts), e, t, a, new ArrayList<>(components), warnings);
    }

    /** The component named {@code name}, or null. */
    public Component component(String name) {
        for (Component c : components) if (c.name().equals(name)) return c;
        return null;
    }

    /**
     * The report as nested ordered maps and lists (the {@code cost} block of {@code summary.json}):
     * {@code backend, profile, energy_j, latency_s, area_mm2, counts, breakdown[]}.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("profile", profile);
        m.put("energy_j", energyJ);
        m.put("latency_s", latencyS);
        m.put("area_mm2", areaMm2);
        m.put("feasible", feasible());
        if (!warnings.isEmpty()) m.put("warnings", new ArrayList<>(warnings));
        m.put("counts", new LinkedHashMap<>(counts));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Component c : components) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("component", c.name());
            r.put("counted", c.counted());
            r.put("count", c.count());
            r.put("energy_j", c.energyJ());
            r.put("latency_s", c.latencyS());
            r.put("area_mm2", c.areaMm2());
            r.put("basis", c.basis());
            rows.add(r);
        }
        m.put("breakdown", rows);
        return m;
    }
}
