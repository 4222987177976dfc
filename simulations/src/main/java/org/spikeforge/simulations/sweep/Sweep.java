package org.spikeforge.simulations.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.cost.CostReporting;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioException;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * A co-design sweep: checks a {@link SweepSpec} against its scenario, lays out its points (grid or
 * random sample), runs those not yet in {@code OUT/results.csv} on a {@link PointExecutor}, appends
 * each result as it arrives, and draws {@code OUT/plots/}. Points that fail are listed in
 * {@code OUT/failures.log} and left out of the table, so that a rerun retries them.
 */
public final class Sweep {
    private Sweep() {}

    /** Progress of a sweep: points finished (including failed) of those to run. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total, int failed);

        Progress NONE = (d, t, f) -> {};
    }

    /** What a sweep did. */
    public record Outcome(int points, int skipped, int ran, int failed, Path results, List<Path> plots) {}

    /** The points of the sweep: every combination (last parameter fastest), or {@code samples} random draws. */
    public static List<SweepPoint> plan(SweepSpec spec) {
        List<SweepPoint> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        List<SweepSpec.Parameter> ps = spec.parameters();
        if (spec.random()) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(spec.seed());
            for (int k = 0; k < spec.samples(); k++) {
                Map<String, String> v = new LinkedHashMap<>();
                for (SweepSpec.Parameter p : ps) v.put(p.name(), p.sample(rng.nextDouble()));
                SweepPoint pt = SweepPoint.of(v, spec.fixed());
                if (ids.add(pt.id())) out.add(pt);
            }
            return out;
        }
        int[] idx = new int[ps.size()];
        while (true) {
            Map<String, String> v = new LinkedHashMap<>();
            for (int k = 0; k < ps.size(); k++) v.put(ps.get(k).name(), ps.get(k).values().get(idx[k]));
            out.add(SweepPoint.of(v, spec.fixed()));
            int k = ps.size() - 1;
            while (k >= 0 && ++idx[k] == ps.get(k).values().size()) idx[k--] = 0;
            if (k < 0) return out;
        }
    }

    /**
     * Checks everything that can be checked before a run: the scenario loads with the fixed
     * settings and with every value of every parameter (unknown fields and bad values), every
     * backend option is known to a backend the sweep runs on and accepted by it, and every metric
     * can be produced (cost metrics need a backend with a cost model, accuracy a classifying
     * scenario). Throws an {@link IllegalArgumentException} naming the sweep file and the parameter.
     */
    public static void validate(SweepSpec spec) {
        String file = spec.file().toString();
        if (!Files.isRegularFile(spec.scenario())) {
            throw new IllegalArgumentException(file + ": field 'scenario': file not found: " + spec.scenario());
        }
        Scenario base = load(spec, spec.fixed(), "fixed settings");
        // every value of every parameter, one at a time on top of the fixed settings
        Set<String> backends = new LinkedHashSet<>();
        backends.add(base.backend());
        for (SweepSpec.Parameter p : spec.parameters()) {
            if (p.name().equals(SweepSpec.DEVICE)) continue; // not a scenario setting: checked with the device metrics below
            List<String> values = p.interval() ? List.of(p.sample(0.0), p.sample(0.999999)) : p.values();
            for (String v : values) {
                Map<String, String> s = new LinkedHashMap<>(spec.fixed());
                s.put(p.name(), v);
                if (p.name().startsWith(SweepSpec.BACKEND_OPTIONS)) continue; // checked by the backends below
                Scenario sc = load(spec, s, "parameter '" + p.name() + "' = '" + v + "'");
                backends.add(sc.backend());
            }
        }
        for (String b : backends) {
            if (Backends.byName(b) == null) {
                throw new IllegalArgumentException(file + ": backend '" + b + "' is unknown; available: " + String.join(", ", Backends.names()));
            }
        }
        // backend options: each must belong to a backend in use and be accepted by it
        List<String> optionNames = new ArrayList<>();
        for (String k : spec.fixed().keySet()) if (k.startsWith(SweepSpec.BACKEND_OPTIONS)) optionNames.add(k);
        for (SweepSpec.Parameter p : spec.parameters()) if (p.name().startsWith(SweepSpec.BACKEND_OPTIONS)) optionNames.add(p.name());
        for (String name : optionNames) {
            String key = name.substring(SweepSpec.BACKEND_OPTIONS.length());
            int dot = key.indexOf('.');
            String owner = dot > 0 ? key.substring(0, dot) : null;
            if (owner != null && Backends.byName(owner) != null && !backends.contains(owner)) {
                throw new IllegalArgumentException(file + ": parameter '" + name + "': an option of backend " + owner
                        + ", but the sweep runs on " + String.join(", ", backends) + " (set 'backend: " + owner + "' in fixed)");
            }
        }
        for (String b : backends) {
            Backend be = Backends.byName(b);
            Map<String, String> fixedOptions = PointRunner.settings(spec.fixed()).backendOptions();
            check(spec, be, fixedOptions, "fixed settings");
            for (SweepSpec.Parameter p : spec.parameters()) {
                if (!p.name().startsWith(SweepSpec.BACKEND_OPTIONS)) continue;
                List<String> values = p.interval() ? List.of(p.sample(0.0), p.sample(0.999999)) : p.values();
                for (String v : values) {
                    Map<String, String> o = new LinkedHashMap<>(fixedOptions);
                    o.put(p.name().substring(SweepSpec.BACKEND_OPTIONS.length()), v);
                    check(spec, be, o, "parameter '" + p.name() + "' = '" + v + "'");
                }
            }
        }
        // metrics
        for (Metric m : spec.metrics()) {
            if (m.needsReference() && Backends.byName(spec.reference()) == null) {
                throw new IllegalArgumentException(file + ": field 'reference': backend '" + spec.reference() + "' is unknown; available: "
                        + String.join(", ", Backends.names()));
            }
            if (m == Metric.ACCURACY && base.classification() == null) {
                throw new IllegalArgumentException(file + ": metric 'accuracy': scenario " + spec.scenario().getFileName()
                        + " does not classify (it defines no dataset and readout, no 'classify:' block), so it has no accuracy");
            }
            if (m.needsReference() && base.classification() != null) {
                throw new IllegalArgumentException(file + ": metric '" + m.label() + "': scenario " + spec.scenario().getFileName()
                        + " classifies samples (a 'classify:' block); compare it by accuracy instead");
            }
        }
        List<String> devices = new ArrayList<>();
        if (spec.fixed().containsKey(SweepSpec.DEVICE)) devices.add(spec.fixed().get(SweepSpec.DEVICE));
        for (SweepSpec.Parameter p : spec.parameters()) {
            if (!p.name().equals(SweepSpec.DEVICE)) continue;
            if (p.interval()) throw new IllegalArgumentException(file + ": parameter 'device': expected a list of device names, not a range");
            devices.addAll(p.values());
        }
        boolean deviceMetric = spec.metrics().stream().anyMatch(Metric::needsDevice);
        if (deviceMetric && devices.isEmpty()) {
            Metric m = spec.metrics().stream().filter(Metric::needsDevice).findFirst().orElseThrow();
            throw new IllegalArgumentException(file + ": metric '" + m.label() + "' needs a 'device' (in fixed, or a parameter): one of "
                    + String.join(", ", org.spikeforge.hardware.edge.EdgeDevice.names()) + " or a .properties profile");
        }
        if (!deviceMetric && !devices.isEmpty()) {
            throw new IllegalArgumentException(file + ": 'device' is set but no metric uses it (device_energy, device_latency, device_fits)");
        }
        if (deviceMetric && base.classification() != null) {
            throw new IllegalArgumentException(file + ": device metrics: scenario " + spec.scenario().getFileName()
                    + " classifies samples; spikeforge profile estimates a model per input window");
        }
        for (String d : devices) {
            try {
                org.spikeforge.hardware.edge.EdgeDevice.load(d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": device '" + d + "': " + e.getMessage(), e);
            }
        }
        if (spec.metrics().stream().anyMatch(Metric::needsCost)) {
            for (String b : backends) {
                Backend be = Backends.byName(b);
                Map<String, String> o = PointRunner.settings(spec.fixed()).backendOptions();
                try (CompiledNetwork net = be.compile(base.network().graph(), new BackendOptions(1, o))) {
                    if (!(net instanceof CostReporting)) {
                        Metric m = spec.metrics().stream().filter(Metric::needsCost).findFirst().orElseThrow();
                        throw new IllegalArgumentException(file + ": metric '" + m.label() + "' needs a backend with a cost model, but backend " + b
                                + " has none (backends with one: memristor, photonic)");
                    }
                }
            }
        }
    }

    private static Scenario load(SweepSpec spec, Map<String, String> settings, String what) {
        try {
            return ScenarioLoader.load(spec.scenario(), PointRunner.settings(settings).overrides());
        } catch (ScenarioException | IllegalArgumentException e) {
            throw new IllegalArgumentException(spec.file() + ": " + what + ": " + e.getMessage(), e);
        }
    }

    private static void check(SweepSpec spec, Backend be, Map<String, String> options, String what) {
        try {
            be.checkOptions(new BackendOptions(1, options));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(spec.file() + ": " + what + ": backend " + be.name() + ": " + e.getMessage(), e);
        }
    }

    /** The columns of the results table: the point id, the parameters, the metrics, the wall time. */
    public static List<String> columns(SweepSpec spec) {
        List<String> c = new ArrayList<>();
        c.add("point");
        for (SweepSpec.Parameter p : spec.parameters()) c.add(p.name());
        for (Metric m : spec.metrics()) c.add(m.column());
        c.add("spikes");
        c.add("wall_s");
        return c;
    }

    /** Validates, then runs the points missing from {@code out/results.csv}, then draws the plots. */
    public static Outcome run(SweepSpec spec, Path out, PointExecutor executor, Progress progress) throws IOException, InterruptedException {
        validate(spec);
        List<SweepPoint> points = plan(spec);
        Path csv = out.resolve("results.csv");
        Path failures = out.resolve("failures.log");
        List<String> columns = columns(spec);
        try (ResultsTable table = ResultsTable.open(csv, columns)) {
            List<SweepPoint> todo = new ArrayList<>();
            for (SweepPoint p : points) if (!table.contains(p.id())) todo.add(p);
            int skipped = points.size() - todo.size();
            AtomicInteger done = new AtomicInteger(), failed = new AtomicInteger();
            Files.deleteIfExists(failures);
            PointRunner runner = new PointRunner(spec);
            progress.update(0, todo.size(), 0);
            executor.execute(todo, runner, new PointExecutor.Listener() {
                @Override
                public void finished(SweepPoint point, PointRunner.PointResult result) {
                    List<String> row = new ArrayList<>();
                    row.add(point.id());
                    for (SweepSpec.Parameter p : spec.parameters()) row.add(point.values().get(p.name()));
                    for (Metric m : spec.metrics()) row.add(Double.toString(result.metrics().get(m.column())));
                    row.add(Long.toString(result.spikes()));
                    row.add(String.format(java.util.Locale.ROOT, "%.3f", result.wallSeconds()));
                    try {
                        table.append(row);
                    } catch (IOException e) {
                        failed(point, e);
                        return;
                    }
                    progress.update(done.incrementAndGet(), todo.size(), failed.get());
                }

                @Override
                public void failed(SweepPoint point, Exception error) {
                    failed.incrementAndGet();
                    String line = point.id() + " " + point.values() + ": " + error + System.lineSeparator();
                    synchronized (Sweep.class) {
                        try {
                            Files.writeString(failures, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        } catch (IOException ignored) {
                            // the failure is counted and reported by the caller
                        }
                    }
                    progress.update(done.incrementAndGet(), todo.size(), failed.get());
                }
            });
            List<Path> plots = SweepPlots.write(spec, ResultsTable.read(csv), out.resolve("plots"));
            return new Outcome(points.size(), skipped, todo.size() - failed.get(), failed.get(), csv, plots);
        }
    }
}
