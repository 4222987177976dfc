import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.spikeforge.hardware.simd.SimdNetwork;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * What a second thread gives a {@code simd} network on this machine now, measured in one JVM so that every figure
 * shares the process's state (BENCHMARKS.md, "What the twelfth session measured"): the same network compiled for one
 * thread and for two, stepped in blocks, in turn, with the one-thread network pinned to each CPU (the calling thread
 * re-pinned with {@code taskset} before each block) and the two-thread network free. Each round prints microseconds a
 * step for each, the ratio of two threads to the faster CPU alone, and the share of what perfect sharing at the two
 * CPUs' speeds would give. From the repository root, after the launcher has built the jar:
 * {@code java --add-modules jdk.incubator.vector -cp 'simulations/target/spikeforge-simulations.jar:simulations/target/lib/*'
 * bench/peers/ThreadScaling.java [SCENARIO [ROUNDS [STEPS_PER_BLOCK]]]} (default: CUBA-100k, 8 rounds of 1,000 steps).
 * Without {@code taskset}, or with fewer than two CPUs, the one-thread blocks run unpinned.
 */
public class ThreadScaling {
    public static void main(String[] a) throws Exception {
        Path scenario = Path.of(a.length > 0 ? a[0] : "bench/peers/scenarios/cuba-100k.yaml");
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 8, len = a.length > 2 ? Integer.parseInt(a[2]) : 1000;
        if (!Files.exists(scenario)) {
            System.err.println("ThreadScaling: no scenario " + scenario + " (run it from the repository root, or give a scenario file)");
            System.exit(2);
        }
        Scenario sc = ScenarioLoader.load(scenario, new ScenarioLoader.Overrides(1L, null, "simd", 1, Map.of()));
        List<Integer> cpus = cpus();
        boolean pin = cpus.size() >= 2 && canPin();
        if (!pin) System.out.println("(one-thread blocks unpinned: " + (cpus.size() < 2 ? "fewer than two CPUs" : "no taskset") + ")");
        try (SimdNetwork one = new SimdNetwork(sc.network().graph(), 1); SimdNetwork two = new SimdNetwork(sc.network().graph(), 2)) {
            long s1 = 0, s2 = 0;
            for (; s1 < 4000; s1++, s2++) { // the JIT's warm-up, untimed
                step(one, s1);
                step(two, s2);
            }
            int cols = pin ? 3 : 2;
            double[][] us = new double[rounds][cols];
            for (int r = 0; r < rounds; r++) {
                for (int m = 0; m < cols; m++) {
                    boolean single = m < cols - 1;
                    if (pin) pin(single ? String.valueOf(cpus.get(m)) : cpus.get(0) + "," + cpus.get(1));
                    long t0 = System.nanoTime();
                    for (int k = 0; k < len; k++) {
                        if (single) step(one, s1++);
                        else step(two, s2++);
                    }
                    us[r][m] = (System.nanoTime() - t0) / 1e3 / len;
                }
                System.out.println(line(us[r], pin, cpus));
            }
            double[] med = new double[cols];
            for (int m = 0; m < cols; m++) {
                double[] col = new double[rounds];
                for (int r = 0; r < rounds; r++) col[r] = us[r][m];
                Arrays.sort(col);
                med[m] = rounds % 2 == 1 ? col[rounds / 2] : (col[rounds / 2 - 1] + col[rounds / 2]) / 2;
            }
            System.out.println("medians: " + line(med, pin, cpus));
        }
    }

    static void step(SimdNetwork net, long s) {
        if (s % 10_000 == 0 && s > 0) net.resetState(); // stay within the scenario's activity
        net.applyInputs(s);
        net.updateNeurons(s);
        net.propagate(s);
    }

    static String line(double[] us, boolean pin, List<Integer> cpus) {
        if (!pin) return String.format("one thread %.1f µs a step, two threads %.1f: %.2f×", us[0], us[1], us[0] / us[1]);
        double best = Math.min(us[0], us[1]), perfect = 1 / (1 / us[0] + 1 / us[1]);
        return String.format("one thread on CPU %d %.1f µs a step, on CPU %d %.1f; two threads %.1f: %.2f× the faster CPU alone, %.0f%% of perfect sharing (%.1f)",
                cpus.get(0), us[0], cpus.get(1), us[1], us[2], best / us[2], 100 * perfect / us[2], perfect);
    }

    /** The CPUs this process may run on (Linux), or none when that cannot be read. */
    static List<Integer> cpus() {
        List<Integer> out = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (!l.startsWith("Cpus_allowed_list:")) continue;
                for (String part : l.substring(l.indexOf(':') + 1).trim().split(",")) {
                    String[] ab = part.split("-");
                    int lo = Integer.parseInt(ab[0].trim()), hi = Integer.parseInt(ab[ab.length - 1].trim());
                    for (int c = lo; c <= hi; c++) out.add(c);
                }
            }
        } catch (Exception e) {
            out.clear();
        }
        return out;
    }

    static boolean canPin() {
        try {
            return new ProcessBuilder("taskset", "-V").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Pins the calling thread (not the process) to {@code cpus}. */
    static void pin(String cpus) throws Exception {
        String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
        int rc = new ProcessBuilder("taskset", "-pc", cpus, tid).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        if (rc != 0) throw new IllegalStateException("taskset -pc " + cpus + " " + tid + " exited " + rc);
    }
}
