package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    @Option(names = "--device", paramLabel = "INDEX|NAME", description = "OpenCL device for the gpu backend (see 'spikeforge devices')")
    String device;

    @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
            description = "backend-specific setting, e.g. delivery=exact (gpu) or photonic.phase_bits=8")
    Map<String, String> backendOptions = new LinkedHashMap<>();

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long wall0 = System.nanoTime();
        Scenario sc = ScenarioLoader.load(scenarioFile,
                new ScenarioLoader.Overrides(seed, duration, backend, threads, set));
        double buildSeconds = (System.nanoTime() - wall0) * 1e-9;
        Backend be = Backends.byName(sc.backend());
        if (be == null) {
            throw new UserError(scenarioFile + ": field 'backend': value '" + sc.backend() + "': unknown backend; available: "
                    + String.join(", ", Backends.names()));
        }
        Path outDir = out != null ? out : Path.of("out", sc.name());
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        Map<String, String> extra = new LinkedHashMap<>(backendOptions);
        if (device != null) extra.put("device", device);
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
                r = sim.run(sc.steps(), sc.probes(), bar != null ? bar : Simulator.Progress.NONE, buildSeconds);
                if (bar != null) bar.finish();
                double wall = (System.nanoTime() - wall0) * 1e-9;
                Summary.write(outDir.resolve("summary.json"), Summary.toMap(sc.name(), r, wall, Summary.costBlocks(sim.compiled())));
                if (!quiet) {
                    stdout.println(Summary.text(sc.name(), r, wall, outDir.resolve("summary.json")));
                    if (sim.compiled() instanceof org.spikeforge.hardware.cost.CostReporting cr) stdout.println(Summary.costText(cr.cost()));
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
