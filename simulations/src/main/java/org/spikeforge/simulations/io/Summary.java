package org.spikeforge.simulations.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.CostReporting;
import org.spikeforge.simulations.RunResult;

/**
 * {@code summary.json}: the figures of a run. Keys (stable, snake_case): {@code scenario},
 * {@code backend}, {@code seed}, {@code neurons}, {@code synapses}, {@code steps},
 * {@code dt_ms}, {@code duration_ms}, {@code spikes}, {@code mean_rate_hz},
 * {@code synaptic_events}, {@code wall_s}, {@code build_s}, {@code sim_s}, {@code completed},
 * {@code populations} (name → neurons, spikes, rate_hz) and {@code counts} (the backend's
 * operation counts); for a backend with a cost model ({@link CostReporting}) also {@code cost}
 * ({@link CostReport#asMap()}) and, when it has one, {@code hardware} (its mapping report). {@code spikeforge run}
 * adds {@code synapse_storage_bytes}, the memory of the stored synapses ({@code NetworkGraph.synapseStorageBytes}).
 */
public final class Summary {
    private Summary() {}

    public static Map<String, Object> toMap(String scenario, RunResult r, double wallSeconds, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("backend", r.backend());
        m.put("seed", r.seed());
        m.put("neurons", r.neurons());
        m.put("synapses", r.synapses());
        m.put("steps", r.stepsDone());
        m.put("steps_requested", r.stepsRequested());
        m.put("completed", r.completed());
        m.put("dt_ms", r.dtMs());
        m.put("duration_ms", r.durationMs());
        m.put("spikes", r.totalSpikes());
        m.put("mean_rate_hz", r.meanRateHz());
        m.put("synaptic_events", r.synapticEvents());
        m.put("wall_s", wallSeconds);
        m.put("build_s", r.buildSeconds());
        m.put("sim_s", r.simSeconds());
        Map<String, Object> pops = new LinkedHashMap<>();
        for (int p = 0; p < r.populationNames().size(); p++) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("neurons", r.populationSizes()[p]);
            pm.put("spikes", r.populationSpikes()[p]);
            pm.put("rate_hz", r.rateHz(p));
            pops.put(r.populationNames().get(p), pm);
        }
        m.put("populations", pops);
        m.put("counts", r.counts());
        if (extra != null) m.putAll(extra);
        return m;
    }

    /**
     * The {@code cost} and {@code hardware} blocks of a network whose backend models its hardware
     * ({@link CostReporting}); empty for other backends. Pass it as {@code extra} to {@link #toMap}.
     */
    public static Map<String, Object> costBlocks(CompiledNetwork net) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (net instanceof CostReporting cr) {
            m.put("cost", cr.cost().asMap());
            Map<String, Object> hw = cr.hardwareReport();
            if (!hw.isEmpty()) m.put("hardware", hw);
        }
        return m;
    }

    /** A few lines on a cost report: totals, then each component's energy, latency and area. */
    public static String costText(CostReport c) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("  cost      %.4g J, %.4g s on the hardware, %.4g mm² (%s profile %s)", c.energyJ(), c.latencyS(),
                c.areaMm2(), c.backend(), c.profile()));
        for (CostReport.Component p : c.components()) {
            lines.add(String.format("    %-20s %,14d %-26s %11.4g J %11.4g s %11.4g mm²", p.name(), p.count(), p.counted(), p.energyJ(),
                    p.latencyS(), p.areaMm2()));
        }
        for (String w : c.warnings()) lines.add("  INFEASIBLE " + w);
        return String.join(System.lineSeparator(), lines);
    }

    public static void write(Path file, Map<String, Object> summary) throws IOException {
        byte[] bytes = JsonTrees.writePretty(summary);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** A one-screen text summary. */
    public static String text(String scenario, RunResult r, double wallSeconds, Path out) {
        return text(scenario, r, wallSeconds, out, -1);
    }

    /**
     * A one-screen text summary; with {@code synapseBytes >= 0} the network line says how much memory the stored
     * synapses take ({@code NetworkGraph.synapseStorageBytes}).
     */
    public static String text(String scenario, RunResult r, double wallSeconds, Path out, long synapseBytes) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("SpikeForge  %s  (backend %s, seed %d)%s", scenario, r.backend(), r.seed(),
                r.completed() ? "" : "  INTERRUPTED"));
        String stored = synapseBytes < 0 || r.synapses() == 0 ? ""
                : String.format(" (%.1f MB stored, %.2f bytes a synapse)", synapseBytes / 1e6, synapseBytes / (double) r.synapses());
        lines.add(String.format("  network   %,d neurons, %,d synapses%s", r.neurons(), r.synapses(), stored));
        lines.add(String.format("  time      %.1f ms at dt %s ms (%,d steps)", r.durationMs(), trim(r.dtMs()), r.stepsDone()));
        StringBuilder rates = new StringBuilder();
        for (int p = 0; p < r.populationNames().size(); p++) {
            rates.append(String.format("  %s %.2f Hz", r.populationNames().get(p), r.rateHz(p)));
        }
        lines.add(String.format("  spikes    %,d (mean %.2f Hz)%s", r.totalSpikes(), r.meanRateHz(), rates));
        lines.add(String.format("  events    %,d synaptic events", r.synapticEvents()));
        double rt = r.simSeconds() > 0 ? r.durationMs() * 1e-3 / r.simSeconds() : Double.POSITIVE_INFINITY;
        lines.add(String.format("  wall      %.2f s (build %.2f s, simulate %.2f s, %.1fx real time)", wallSeconds,
                r.buildSeconds(), r.simSeconds(), rt));
        if (out != null) lines.add("  output    " + out);
        return String.join(System.lineSeparator(), lines);
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
