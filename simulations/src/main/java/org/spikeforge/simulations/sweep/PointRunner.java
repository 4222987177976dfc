package org.spikeforge.simulations.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.CostReporting;
import org.spikeforge.hardware.edge.EdgeCostModel;
import org.spikeforge.hardware.edge.EdgeDevice;
import org.spikeforge.hardware.edge.EdgeEstimate;
import org.spikeforge.hardware.edge.InferenceWorkload;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.conversion.Classification;
import org.spikeforge.simulations.io.DeviceEstimates;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * Runs one point of a sweep and computes its metrics. Thread-safe: points run concurrently, each
 * on its own single-threaded backend; the ideal (reference) runs are shared between points that
 * differ only in backend settings, computed once per process.
 *
 * <p>A point's settings (the sweep's fixed settings, then its swept values) become the run:
 * {@code backend_options.KEY} entries the backend options, {@code seed}, {@code duration} and
 * {@code backend} the run overrides, anything else a scenario field set as {@code --set} does.
 * The reference run is the same scenario with the same scenario fields and overrides on the
 * sweep's reference backend, without backend options.
 */
public final class PointRunner {

    /** A point's metrics (column → value), spikes emitted and wall time. */
    public record PointResult(Map<String, Double> metrics, long spikes, double wallSeconds) {}

    /** Every neuron's spike times (ms) of one run, population by population, as CSR by neuron. */
    record Trains(int[][] start, double[][] times) {
        long spikes() {
            long n = 0;
            for (double[] t : times) n += t.length;
            return n;
        }
    }

    private final SweepSpec spec;
    private final ConcurrentHashMap<String, CompletableFuture<Trains>> references = new ConcurrentHashMap<>();

    public PointRunner(SweepSpec spec) {
        this.spec = spec;
    }

    public SweepSpec spec() { return spec; }

    /** The run settings of a point: overrides and backend options. */
    record Settings(ScenarioLoader.Overrides overrides, Map<String, String> backendOptions) {}

    static Settings settings(Map<String, String> all) {
        Long seed = null;
        String duration = null, backend = null;
        Map<String, String> set = new LinkedHashMap<>(), extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            if (k.startsWith(SweepSpec.BACKEND_OPTIONS)) extra.put(k.substring(SweepSpec.BACKEND_OPTIONS.length()), v);
            else if (k.equals("seed")) {
                try {
                    seed = Long.parseLong(v.trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("seed: value '" + v + "': expected an integer");
                }
            } else if (k.equals(SweepSpec.DEVICE)) {
                continue; // read by the device metrics, not by the scenario
            } else if (k.equals("duration")) duration = v;
            else if (k.equals("backend")) backend = v;
            else set.put(k, v);
        }
        return new Settings(new ScenarioLoader.Overrides(seed, duration, backend, 1, set), extra);
    }

    /** Fixed settings, then the point's values. */
    Map<String, String> allSettings(SweepPoint p) {
        Map<String, String> all = new LinkedHashMap<>(spec.fixed());
        all.putAll(p.values());
        return all;
    }

    /** Runs the point; throws on a failed run. */
    public PointResult run(SweepPoint point) {
        long t0 = System.nanoTime();
        Map<String, String> all = allSettings(point);
        Settings s = settings(all);
        boolean needTrains = spec.metrics().stream().anyMatch(Metric::needsReference);
        Run run = simulate(s.overrides(), s.backendOptions(), needTrains);
        Map<String, Double> m = new LinkedHashMap<>();
        Trains ref = needTrains ? reference(all) : null;
        EdgeEstimate onDevice = spec.metrics().stream().anyMatch(Metric::needsDevice) ? onDevice(run, all) : null;
        for (Metric metric : spec.metrics()) {
            double v = switch (metric) {
                case VAN_ROSSUM -> vanRossum(run.trains(), ref, spec.vanRossumTauMs());
                case RATE_ERROR -> rateError(run.trains(), ref);
                case ENERGY_PER_INFERENCE -> cost(run, metric).energyJ() / run.inferences();
                case LATENCY -> cost(run, metric).latencyS() / run.inferences();
                case AREA -> cost(run, metric).areaMm2();
                case ACCURACY -> {
                    if (Double.isNaN(run.accuracy())) throw new IllegalStateException("accuracy needs a classification scenario");
                    yield run.accuracy();
                }
                case DEVICE_ENERGY -> onDevice.energyJ() / run.inferences();
                case DEVICE_LATENCY -> onDevice.latencyS() / run.inferences();
                case DEVICE_FITS -> onDevice.fits() ? 1 : 0;
            };
            m.put(metric.column(), v);
        }
        return new PointResult(m, run.spikes(), (System.nanoTime() - t0) * 1e-9);
    }

    /** The run on the point's device ({@link SweepSpec#DEVICE}). */
    private static EdgeEstimate onDevice(Run run, Map<String, String> all) {
        String device = all.get(SweepSpec.DEVICE);
        if (device == null) throw new IllegalArgumentException("device metrics need a 'device' setting (fixed or a parameter)");
        if (run.workload() == null) throw new IllegalArgumentException("device metrics need a free-running scenario");
        return EdgeCostModel.estimate(EdgeDevice.load(device), run.workload());
    }

    private static CostReport cost(Run run, Metric metric) {
        if (run.cost() == null) throw new IllegalArgumentException("metric " + metric.label() + ": backend " + run.backend() + " has no cost model");
        return run.cost();
    }

    /** One run; {@code inferences} is the number of classified samples (1 for a free-running scenario). */
    private record Run(String backend, Trains trains, long spikes, CostReport cost, int inferences, double accuracy,
                       InferenceWorkload workload) {}

    /**
     * The last classify scenario this thread loaded, with its settings: converting the model and
     * calibrating its thresholds is the slow part of a point, and a classification run leaves its
     * network as it found it (every sample resets the input), so points that differ only in backend
     * settings share one.
     */
    private final ThreadLocal<Object[]> lastClassify = new ThreadLocal<>();

    private Scenario load(ScenarioLoader.Overrides o) {
        String key = o.toString();
        Object[] c = lastClassify.get();
        if (c != null && c[0].equals(key)) return (Scenario) c[1];
        Scenario sc = ScenarioLoader.load(spec.scenario(), o);
        if (sc.classification() != null) lastClassify.set(new Object[] {key, sc});
        return sc;
    }

    private Run simulate(ScenarioLoader.Overrides o, Map<String, String> extra, boolean trains) {
        Scenario sc = load(o);
        Backend be = Backends.byName(sc.backend());
        if (be == null) throw new IllegalArgumentException("unknown backend '" + sc.backend() + "'; available: " + String.join(", ", Backends.names()));
        if (sc.classification() != null) {
            var task = sc.classification();
            var res = Classification.run(task.engine(), be, new BackendOptions(1, extra), task.data(), task.labels(), task.timesteps(), null);
            return new Run(sc.backend(), null, res.run().totalSpikes(), res.cost(), res.samples(), res.accuracy(), null);
        }
        int np = sc.network().graph().populations().size();
        List<SpikeProbe> probes = new ArrayList<>();
        if (trains) for (int p = 0; p < np; p++) probes.add(new SpikeProbe("sweep_" + p, p));
        try (Simulator sim = new Simulator(sc.network(), be, new BackendOptions(1, extra))) {
            var r = sim.run(sc.steps(), probes, Simulator.Progress.NONE);
            CostReport cost = sim.compiled() instanceof CostReporting cr ? cr.cost() : null;
            Trains t = trains ? trains(sc, probes) : null;
            return new Run(sc.backend(), t, r.totalSpikes(), cost, 1, Double.NaN, DeviceEstimates.workload(sc.network().graph(), r));
        }
    }

    private static Trains trains(Scenario sc, List<SpikeProbe> probes) {
        int np = probes.size();
        int[][] start = new int[np][];
        double[][] times = new double[np][];
        double dt = sc.network().dtMs();
        for (int p = 0; p < np; p++) {
            int size = sc.network().graph().populations().get(p).size();
            int[] steps = probes.get(p).steps(), neurons = probes.get(p).neurons();
            int[] st = new int[size + 1];
            for (int i : neurons) st[i + 1]++;
            for (int i = 0; i < size; i++) st[i + 1] += st[i];
            int[] fill = java.util.Arrays.copyOf(st, size);
            double[] t = new double[steps.length];
            for (int k = 0; k < steps.length; k++) t[fill[neurons[k]]++] = steps[k] * dt; // stable: times stay ascending
            start[p] = st;
            times[p] = t;
        }
        return new Trains(start, times);
    }

    /** The ideal run for a point's scenario settings (its fields and overrides, the reference backend, no options). */
    private Trains reference(Map<String, String> all) {
        TreeMap<String, String> key = new TreeMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (!e.getKey().startsWith(SweepSpec.BACKEND_OPTIONS) && !e.getKey().equals("backend") && !e.getKey().equals(SweepSpec.DEVICE)) {
                key.put(e.getKey(), e.getValue());
            }
        }
        key.put("backend", spec.reference());
        CompletableFuture<Trains> mine = new CompletableFuture<>();
        CompletableFuture<Trains> f = references.putIfAbsent(key.toString(), mine);
        if (f == null) {
            try {
                mine.complete(simulate(settings(key).overrides(), Map.of(), true).trains());
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
            f = mine;
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    static double vanRossum(Trains a, Trains b, double tau) {
        double sum = 0;
        long n = 0;
        for (int p = 0; p < a.start().length; p++) {
            int[] sa = a.start()[p], sb = b.start()[p];
            double[] ta = a.times()[p], tb = b.times()[p];
            int size = sa.length - 1;
            for (int i = 0; i < size; i++) {
                double[] x = java.util.Arrays.copyOfRange(ta, sa[i], sa[i + 1]);
                double[] y = java.util.Arrays.copyOfRange(tb, sb[i], sb[i + 1]);
                sum += SpikeTrainDistance.vanRossum(x, y, tau);
            }
            n += size;
        }
        return n == 0 ? 0 : sum / n;
    }

    static double rateError(Trains a, Trains ref) {
        long diff = 0, total = 0;
        for (int p = 0; p < a.start().length; p++) {
            int[] sa = a.start()[p], sb = ref.start()[p];
            for (int i = 0; i + 1 < sa.length; i++) {
                int na = sa[i + 1] - sa[i], nb = sb[i + 1] - sb[i];
                diff += Math.abs(na - nb);
                total += nb;
            }
        }
        return (double) diff / Math.max(1, total);
    }
}
