package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.io.DeviceEstimates;
import org.spikeforge.simulations.io.Summary;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/** {@code spikeforge run SCENARIO}: loads, runs and summarises a scenario. */
@Command(name = "run", description = "Run a scenario file and write OUT/summary.json.")
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario file (YAML with units)")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/<scenario name>)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "random seed (overrides the file)")
    Long seed;

    @Option(names = "--duration", paramLabel = "T", description = "simulated time with unit, e.g. 2s or 500ms")
    String duration;

    @Option(names = "--backend", paramLabel = "NAME", description = "backend (see 'spikeforge list')")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads for multi-core backends")
    Integer threads;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a field, e.g. populations.exc.params.tau_m=10ms")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--mode", paramLabel = "step|event|auto",
            description = "time-stepped, fully event-driven (lif and if only, exact spike times), or auto: the faster one for the expected rate")
    String mode;

    @Option(names = "--expected-rate", paramLabel = "RATE",
            description = "firing rate that --mode auto plans for, with unit (default 10Hz)")
    String expectedRate;

    @Option(names = "--device", paramLabel = "INDEX|NAME", description = "OpenCL device for the gpu backend (see 'spikeforge devices')")
    String device;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
            description = "backend-specific setting, e.g. delivery=exact (gpu) or photonic.phase_bits=8")
    Map<String, String> backendOptions = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    /** A classification scenario: one trial per sample, accuracy in the summary. */
    private int classify(Scenario sc, Backend be, BackendOptions opts, Path outDir, long wall0) throws IOException {
        var task = sc.classification();
        var stdout = spec.commandLine().getOut();
        boolean bar = !quiet && ProgressBar.terminalAttached();
        ProgressBar pb = bar ? new ProgressBar(System.err, 1.0) : null;
        var res = org.spikeforge.simulations.conversion.Classification.run(task.engine(), be, opts, task.data(), task.labels(),
                task.timesteps(), pb == null ? null : (d, t) -> pb.update(d, t));
        if (pb != null) pb.finish();
        double wall = (System.nanoTime() - wall0) * 1e-9;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("model", task.model());
        extra.put("samples", res.samples());
        extra.put("timesteps", task.timesteps());
        extra.put("pipeline_depth", task.engine().depth());
        extra.put("accuracy", res.accuracy());
        if (res.cost() != null) {
            extra.put("cost", res.cost().asMap());
            if (!res.hardware().isEmpty()) extra.put("hardware", res.hardware());
        }
        Summary.write(outDir.resolve("summary.json"), Summary.toMap(sc.name(), res.run(), wall, extra));
        if (!quiet) {
            stdout.println(Summary.text(sc.name(), res.run(), wall, outDir.resolve("summary.json")));
            stdout.printf("  accuracy  %.2f %% (%d of %d samples, %d steps each + %d pipeline)%n", 100 * res.accuracy(),
                    res.correct(), res.samples(), task.timesteps(), task.engine().depth());
            if (res.cost() != null) {
                stdout.println(Summary.costText(res.cost()));
                stdout.printf("  per inference %.4g J, %.4g s on the hardware%n", res.cost().energyJ() / res.samples(),
                        res.cost().latencyS() / res.samples());
            }
        }
        return 0;
    }

    @Option(names = "--no-record", description = "do not record the probes into OUT/recording/")
    boolean noRecord;

    @Option(names = "--no-raster", description = "do not draw OUT/plots/raster.png after the run (spikeforge plot OUT draws it and the SVG later)")
    boolean noRaster;

    @Option(names = "--estimate", paramLabel = "DEVICES",
            description = "after the run, estimate what it would take on these devices (all, or names or .properties profiles "
                    + "separated by commas: stm32f4, stm32h7, rpi4, rpi5, loihi): memory fit, time and energy (summary.json: estimates)")
    String estimate;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long wall0 = System.nanoTime();
        Scenario sc = ScenarioLoader.load(scenarioFile,
                new ScenarioLoader.Overrides(seed, duration, backend, threads, set));
        double buildSeconds = (System.nanoTime() - wall0) * 1e-9;
        String backendName = sc.backend();
        if (mode != null && sc.classification() == null) {
            // what a step choice runs on: the scenario's backend, or the reference when that is the event mode
            String stepping = backendName.equals("event") ? "scalar" : backendName;
            switch (mode) {
                case "step" -> backendName = stepping;
                case "event" -> backendName = "event";
                case "auto" -> {
                    double rate = org.spikeforge.simulations.scenario.Quantity.parse(expectedRate == null ? "10 Hz" : expectedRate,
                            org.spikeforge.neurons.Dimension.FREQUENCY);
                    var choice = org.spikeforge.hardware.event.ModeSelector.choose(sc.network().graph(), rate,
                            org.spikeforge.hardware.event.ModeSelector.SteppingCosts.of(stepping, backendOptions));
                    if (!quiet) spec.commandLine().getOut().println(choice.explanation());
                    backendName = choice.mode() == org.spikeforge.hardware.event.ModeSelector.Mode.EVENT ? "event" : stepping;
                }
                default -> throw new UserError("--mode: value '" + mode + "': expected step, event or auto");
            }
        }
        List<org.spikeforge.hardware.edge.EdgeDevice> estimateOn = null;
        if (estimate != null) {
            if (sc.classification() != null) {
                throw new UserError("--estimate: " + scenarioFile + " is a classify scenario; spikeforge profile MODEL --device D "
                        + "estimates per input window");
            }
            try {
                estimateOn = DeviceEstimates.devices(estimate);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        Backend be = Backends.byName(backendName);
        if (be == null) {
            throw new UserError(scenarioFile + ": field 'backend': value '" + sc.backend() + "': unknown backend; available: "
                    + String.join(", ", Backends.names()));
        }
        Path outDir = out != null ? out : Path.of("out", sc.name());
        Map<String, String> extra = new LinkedHashMap<>(backendOptions);
        if (device != null) extra.put("device", device);
        if (sc.classification() != null) return classify(sc, be, new BackendOptions(sc.threads(), extra), outDir, wall0);
        RunRecording recording = noRecord ? null : RunRecording.open(sc, scenarioFile, outDir, !noRaster);
        try {
            return runRecorded(sc, be, extra, outDir, recording, wall0, buildSeconds, estimateOn);
        } catch (RuntimeException | Error e) {
            // a backend that refuses the network, or an error in the run: the recording says so
            if (recording != null) recording.fail(e);
            throw e;
        }
    }

    /**
     * Below this many neurons {@code simd} on several threads is usually slower than on one: a parallel region
     * moves a few cache lines between cores, a few microseconds a step (10 s runs, 2026-11-29: COBA-4k 7 µs a step
     * on one thread, 7–11 µs on two; CUBA-4k 3 µs and 4–6 µs; CUBA-100k 1.2–1.3× faster on two; BENCHMARKS.md).
     */
    static final long SMALL_FOR_THREADS = 10_000;

    private int runRecorded(Scenario sc, Backend be, Map<String, String> extra, Path outDir, RunRecording recording, long wall0,
                            double buildSeconds, List<org.spikeforge.hardware.edge.EdgeDevice> estimateOn) throws IOException {
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        long neurons = sc.network().graph().neuronCount();
        if (!quiet && be.name().equals("simd") && sc.threads() > 1 && neurons < SMALL_FOR_THREADS) {
            err.printf("spikeforge: note: %d threads on %,d neurons: on a network this small a parallel step costs more than "
                    + "it saves, and --threads 1 is usually faster (the spikes are the same; README, \"Threads on simd\")%n",
                    sc.threads(), neurons);
        }
        try (Simulator sim = new Simulator(sc.network(), be, new BackendOptions(sc.threads(), extra))) {
            CountDownLatch written = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                sim.requestStop();
                try {
                    written.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "spikeforge-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            ProgressBar bar = !quiet && ProgressBar.terminalAttached() ? new ProgressBar(System.err, sc.network().dtMs()) : null;
            RunResult r;
            try {
                r = sim.run(sc.steps(), recording != null ? recording.probes() : sc.probes(),
                        bar != null ? bar : Simulator.Progress.NONE, buildSeconds);
                if (bar != null) bar.finish();
                double wall = (System.nanoTime() - wall0) * 1e-9;
                Map<String, Object> extraBlocks = new LinkedHashMap<>(Summary.costBlocks(sim.compiled()));
                long storage = sc.network().graph().synapseStorageBytes();
                extraBlocks.put("synapse_storage_bytes", storage);
                if (sim.warmUpSteps() > 0) { // in build_s, not in sim_s (simd's warmup option)
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("steps", sim.warmUpSteps());
                    w.put("seconds", sim.warmUpSeconds());
                    extraBlocks.put("warm_up", w);
                }
                String estimates = null;
                if (estimateOn != null) {
                    var w = DeviceEstimates.workload(sc.network().graph(), r);
                    var es = DeviceEstimates.estimate(estimateOn, w);
                    double simulated = r.durationMs() * 1e-3;
                    extraBlocks.put("estimates", DeviceEstimates.toJson(es, w, simulated));
                    estimates = DeviceEstimates.text(es, simulated);
                }
                if (recording != null) {
                    recording.writeWeights();
                    extraBlocks.putAll(recording.summary());
                }
                Summary.write(outDir.resolve("summary.json"), Summary.toMap(sc.name(), r, wall, extraBlocks));
                if (!quiet) {
                    stdout.println(Summary.text(sc.name(), r, wall, outDir.resolve("summary.json"), storage));
                    if (sim.warmUpSteps() > 0) {
                        stdout.printf("  warm-up   %,d steps in %.2f s before the timer, undone (in build; --backend-option warmup=0 skips it)%n",
                                sim.warmUpSteps(), sim.warmUpSeconds());
                    }
                    if (sim.compiled() instanceof org.spikeforge.hardware.cost.CostReporting cr) stdout.println(Summary.costText(cr.cost()));
                    if (estimates != null) stdout.println(estimates);
                }
                if (recording != null && r.completed()) {
                    String raster = noRaster ? "" : recording.drawRaster();
                    if (!quiet) stdout.println("  recording " + recording.directory() + raster);
                }
            } finally {
                written.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C; the summary is written
            }
            if (!r.completed()) err.println("spikeforge: interrupted after " + r.stepsDone() + " of " + r.stepsRequested() + " steps");
            return r.completed() ? 0 : 130;
        }
    }
}
