package org.spikeforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.recording.Recorder;
import org.spikeforge.simulations.recording.RecordingMetadata;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * What recording CUBA's spikes (both populations) into a Chronicle Queue costs: the wall time of one
 * CUBA run of {@code steps} steps on the scalar backend without probes ({@code run}) and with the
 * {@link Recorder} ({@code runRecorded}; includes draining the ring and closing the queue at the end).
 * Compiling the network and opening the queue happen in the per-invocation setup and are not timed.
 *
 * <p>Besides wall time it reports, as secondary results, the CPU time of the simulation thread per run
 * ({@code simThreadCpuMs}: what recording adds to the sweep itself) and of the whole process
 * ({@code processCpuMs}: adds the writer thread, GC and JIT). On a shared machine wall time is noisy;
 * the CPU figures are not.
 *
 * <p>Run from the repository root: {@code ./spikeforge bench RecordingOverhead}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
public class RecordingOverheadBenchmark {

    @Param("simulations/examples/cuba.yaml")
    public String scenario;

    @Param("10000")
    public long steps;

    private Scenario sc;
    private Simulator sim;
    private Recorder recorder;
    private Path dir;

    @Setup(Level.Trial)
    public void load() {
        sc = ScenarioLoader.load(Path.of(scenario), ScenarioLoader.Overrides.none());
    }

    @Setup(Level.Invocation)
    public void compile() throws IOException {
        sim = new Simulator(sc.network(), new ScalarBackend());
        dir = Files.createTempDirectory("spikeforge-bench-rec");
        List<Probe> spikes = sc.probes().stream().filter(p -> p instanceof SpikeProbe).toList();
        recorder = new Recorder(dir, new RecordingMetadata.RunInfo(sc.name(), scenario, sc.network().seed(), "scalar"),
                sc.network().dtMs(), Recorder.channelsOf(sc.network(), spikes));
    }

    @TearDown(Level.Invocation)
    public void close() throws IOException {
        recorder.close();
        sim.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** CPU times of one run, reported by JMH as secondary results (averaged over iterations). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public double simThreadCpuMs;
        public double processCpuMs;

        @Setup(Level.Iteration)
        public void clear() {
            simThreadCpuMs = 0;
            processCpuMs = 0;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RunResult timed(List<Probe> probes, Cpu cpu) {
        long t0 = THREADS.getCurrentThreadCpuTime(), p0 = OS.getProcessCpuTime();
        RunResult r = sim.run(steps, probes, Simulator.Progress.NONE);
        cpu.simThreadCpuMs += (THREADS.getCurrentThreadCpuTime() - t0) * 1e-6;
        cpu.processCpuMs += (OS.getProcessCpuTime() - p0) * 1e-6;
        return r;
    }

    @Benchmark
    public RunResult run(Cpu cpu) {
        return timed(List.of(), cpu);
    }

    @Benchmark
    public RunResult runRecorded(Cpu cpu) {
        return timed(List.of(recorder), cpu);
    }
}
