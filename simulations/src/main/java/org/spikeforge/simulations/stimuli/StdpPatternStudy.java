package org.spikeforge.simulations.stimuli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.WeightProbe;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * Runs the pattern-learning demonstration ({@code simulations/examples/stdp_pattern.yaml},
 * Masquelier et al. 2008) with ideal synapses and then with each resistive-memory device preset
 * on its plastic projection, and reports for each how long the neuron takes to learn the pattern
 * and how selective it ends ({@link PatternDetection}), with the mean final weight of the
 * afferents in the pattern and of the others.
 *
 * <p>The scenario must have one plastic projection, from a {@code repeated_pattern} input onto a
 * population whose neuron 0 is scored. A device is set as {@code --set
 * projections.NAME.plasticity.device=PRESET} would set it.
 *
 * <pre>
 *   java -cp ... org.spikeforge.simulations.stimuli.StdpPatternStudy simulations/examples/stdp_pattern.yaml [duration [devices]]
 * </pre>
 */
public final class StdpPatternStudy {
    private StdpPatternStudy() {}

    /** "none" stands for ideal synapses without a device model. */
    public static final List<String> DEVICES = List.of("none", "ideal", "reram_es", "reram_sb", "pcm");

    /** One line of the report. */
    public record Row(String device, PatternDetection detection, double patternWeight, double otherWeight, double wallS) {}

    /** Runs {@code scenario} once per device ({@code duration} null: the file's). */
    public static List<Row> run(Path scenario, String duration, List<String> devices) {
        List<Row> rows = new ArrayList<>();
        for (String device : devices) rows.add(runOne(scenario, duration, device));
        return rows;
    }

    private static Row runOne(Path file, String duration, String device) {
        long t0 = System.nanoTime();
        Scenario probe = ScenarioLoader.load(file, new ScenarioLoader.Overrides(null, duration, null, null, Map.of()));
        NetworkGraph g0 = probe.network().graph();
        if (g0.plasticity().isEmpty()) throw new IllegalArgumentException(file + ": no plastic projection to study");
        String projection = g0.projections().get(g0.plasticity().get(0).projection()).name();
        Map<String, String> set = new LinkedHashMap<>();
        if (!device.equals("none")) set.put("projections." + projection + ".plasticity.device", device);
        Scenario sc = device.equals("none") ? probe
                : ScenarioLoader.load(file, new ScenarioLoader.Overrides(null, duration, null, null, set));
        NetworkGraph g = sc.network().graph();
        int[] groups = sc.network().projectionGroups(projection);
        NetworkGraph.Projection pr = g.projections().get(groups[0]);
        int sourceNode = pr.sourceNode() - g.populations().size();
        if (sourceNode < 0 || !(g.sources().get(sourceNode).source() instanceof RepeatedPattern.Source input)) {
            throw new IllegalArgumentException(file + ": projection " + projection + " must come from a repeated_pattern input");
        }
        RepeatedPattern pattern = input.pattern();
        SpikeProbe spikes = new SpikeProbe("neuron", pr.target());
        int total = 0;
        for (int k : groups) total += g.projections().get(k).connectivity().synapses();
        int[] all = new int[total];
        for (int k = 0; k < total; k++) all[k] = k;
        long steps = sc.steps();
        WeightProbe weights = new WeightProbe("weights", g, groups, all, (int) Math.max(1, steps - 1));
        Backend backend = Backends.byName(sc.backend());
        if (backend == null) throw new IllegalArgumentException(file + ": unknown backend " + sc.backend());
        try (Simulator sim = new Simulator(sc.network(), backend)) {
            sim.run(steps, List.of(spikes, weights), Simulator.Progress.NONE);
        }
        int[] neuronSteps = spikes.steps();
        int[] neurons = spikes.neurons();
        int n0 = 0;
        for (int nrn : neurons) if (nrn == 0) n0++;
        int[] s0 = new int[n0];
        for (int k = 0, j = 0; k < neurons.length; k++) if (neurons[k] == 0) s0[j++] = neuronSteps[k];
        PatternDetection d = PatternDetection.score(pattern, s0, steps);
        int last = weights.samples() - 1;
        double in = 0, out = 0;
        int nIn = 0, nOut = 0;
        for (int k = 0; k < total; k++) {
            if (weights.target(k) != 0) continue;
            if (weights.source(k) < pattern.patternSize()) { in += weights.value(last, k); nIn++; }
            else { out += weights.value(last, k); nOut++; }
        }
        return new Row(device, d, nIn == 0 ? Double.NaN : in / nIn, nOut == 0 ? Double.NaN : out / nOut, (System.nanoTime() - t0) * 1e-9);
    }

    /** The report as a table. */
    public static String format(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %13s %9s %14s %9s %9s %8s %7s%n",
                "device", "time to learn", "hit rate", "false alarms", "w pattern", "w other", "spikes", "wall"));
        for (Row r : rows) {
            PatternDetection d = r.detection();
            sb.append(String.format(Locale.ROOT, "%-10s %13s %9.2f %11.2f Hz %9.3f %9.3f %8d %6.1fs%n", r.device(),
                    Double.isNaN(d.timeToLearnS()) ? "not learned" : String.format(Locale.ROOT, "%.0f s", d.timeToLearnS()),
                    d.hitRate(), d.falseAlarmHz(), r.patternWeight(), r.otherWeight(), d.spikes(), r.wallS()));
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: StdpPatternStudy SCENARIO.yaml [DURATION [DEVICE,DEVICE,...]]");
            System.exit(2);
        }
        List<String> devices = args.length > 2 ? List.of(args[2].split(",")) : DEVICES;
        System.out.print(format(run(Path.of(args[0]), args.length > 1 ? args[1] : null, devices)));
    }
}
