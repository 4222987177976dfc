import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * Runs a scenario as {@code spikeforge run} does (same probes, one fresh JVM per call) and prints the CPU
 * time of the simulation loop as one JSON line: the simulating thread's CPU time and the whole process's
 * CPU time during the run (worker, JIT and GC threads included). On a machine shared with other work these
 * are steadier than wall-clock time. Launched as a source file by bench/peers/harness.py:
 * {@code java -cp <simulations jar and lib> bench/peers/SimCpuTime.java SCENARIO BACKEND THREADS SEED [KEY=VALUE ...]}
 * (backend options, e.g. {@code precision=float32}; {@code set:PATH=VALUE} overrides a scenario field as
 * {@code spikeforge run --set} does).
 */
public class SimCpuTime {
    public static void main(String[] a) {
        var threadBean = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, String> extra = new java.util.LinkedHashMap<>(), set = new java.util.LinkedHashMap<>();
        for (int k = 4; k < a.length; k++) {
            String arg = a[k].startsWith("set:") ? a[k].substring(4) : a[k];
            (a[k].startsWith("set:") ? set : extra).put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Scenario sc = ScenarioLoader.load(Path.of(a[0]),
                new ScenarioLoader.Overrides(Long.parseLong(a[3]), null, a[1], Integer.parseInt(a[2]), set));
        Backend be = Backends.byName(sc.backend());
        if (be == null) throw new IllegalArgumentException("unknown backend " + sc.backend());
        try (Simulator sim = new Simulator(sc.network(), be, new BackendOptions(sc.threads(), extra))) {
            sim.warmUp(sc.steps()); // simd's warm-up, outside the run's timer as in spikeforge run (README, "Warm-up")
            long t0 = threadBean.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime(), w0 = System.nanoTime();
            RunResult r = sim.run(sc.steps(), sc.probes(), Simulator.Progress.NONE);
            long t1 = threadBean.getCurrentThreadCpuTime(), p1 = os.getProcessCpuTime(), w1 = System.nanoTime();
            long spikes = 0;
            for (long s : r.populationSpikes()) spikes += s;
            double rate = spikes / (double) r.neurons() / (r.stepsDone() * r.dtMs() * 1e-3);
            System.out.printf(java.util.Locale.ROOT, "{\"sim_wall_s\": %.6f, \"sim_thread_cpu_s\": %.6f, \"sim_process_cpu_s\": %.6f, \"rate_hz\": %.6f}%n",
                    (w1 - w0) * 1e-9, (t1 - t0) * 1e-9, (p1 - p0) * 1e-9, rate);
        }
    }
}
