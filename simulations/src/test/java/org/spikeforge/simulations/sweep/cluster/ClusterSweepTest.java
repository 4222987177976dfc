package org.spikeforge.simulations.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.simulations.sweep.LocalPointExecutor;
import org.spikeforge.simulations.sweep.PointExecutor;
import org.spikeforge.simulations.sweep.PointRunner;
import org.spikeforge.simulations.sweep.ResultsTable;
import org.spikeforge.simulations.sweep.Sweep;
import org.spikeforge.simulations.sweep.SweepPoint;
import org.spikeforge.simulations.sweep.SweepSpec;

/**
 * A sweep on a cluster of two worker processes on loopback, one of them killed with SIGKILL
 * halfway: every point arrives exactly once and equals the single-machine run, point for point.
 */
class ClusterSweepTest {
    @TempDir Path dir;
    static long START;

    /**
     * A small LIF network on memristor crossbars: about 0.1 s a point on an idle, warm core (half of it
     * the 20,000 steps, half building the network and programming the crossbars), so that a point a
     * worker claimed less than 15 ms ago is certainly still running.
     */
    static final String SCENARIO = """
            dt: 0.1 ms
            duration: 2 s
            seed: 3
            populations:
              exc:
                size: 100
                model: lif
                params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}
                initial: {v: "uniform(-65 mV, -50 mV)"}
            inputs:
              noise: {type: poisson, size: 100, rate: 200 Hz}
            projections:
              in: {source: noise, target: exc, connect: {rule: fixed_probability, p: 0.3}, weight: 1 mV, delay: 1 ms}
            """;

    /** 8 × 5 = 40 points. */
    static final String SWEEP = """
            scenario: small.yaml
            fixed:
              backend: memristor
              backend_options.memristor.tile_size: 64
            parameters:
              backend_options.memristor.read_noise: [0, 0.5, 1, 1.5, 2, 2.5, 3, 4]
              seed: [1, 2, 3, 4, 5]
            metrics: [rate_error, energy_per_inference]
            """;

    static final String TOKEN = "test-token-" + Long.toHexString(System.nanoTime()) + "-0123456789";

    static Path sweepFile(Path dir) throws IOException {
        Files.writeString(dir.resolve("small.yaml"), SCENARIO);
        return Files.writeString(dir.resolve("sweep.yaml"), SWEEP);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A worker JVM: this JVM's flags and class path, {@code spikeforge worker}; its output goes to a log file. */
    record Worker(Process process, Path log) {
        static Worker start(Path dir, String name, int port, List<String> join) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) cmd.add(a);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.spikeforge.simulations.cli.Main", "worker",
                    "--bind", "127.0.0.1", "--port", Integer.toString(port), "--join", String.join(",", join), "--threads", "1",
                    "--heartbeat-timeout", "10", "--work-dir", dir.resolve(name).toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
            pb.environment().put(ClusterSecret.ENV, TOKEN);
            return new Worker(pb.start(), dir.resolve(name + ".log"));
        }

        private static final Pattern READY = Pattern.compile("spikeforge worker (\\S+) listening on (\\S+),");

        /** Waits for the worker's start-up line; returns its member UUID. */
        String awaitReady(long timeoutMs) throws IOException, InterruptedException {
            long end = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < end) {
                if (Files.exists(log)) {
                    Matcher m = READY.matcher(Files.readString(log));
                    if (m.find()) return m.group(1);
                }
                if (!process.isAlive()) throw new AssertionError("worker exited: " + Files.readString(log));
                Thread.sleep(100);
            }
            throw new AssertionError("worker not ready in " + timeoutMs + " ms: " + Files.readString(log));
        }
    }

    /** Passes everything through, counting how often each point is reported. */
    static final class Counting implements PointExecutor {
        final PointExecutor inner;
        final Map<String, AtomicInteger> reports = new ConcurrentHashMap<>();
        final AtomicInteger finished = new AtomicInteger();

        Counting(PointExecutor inner) {
            this.inner = inner;
        }

        @Override
        public void execute(List<SweepPoint> points, PointRunner runner, Listener listener) throws InterruptedException {
            inner.execute(points, runner, new Listener() {
                @Override
                public void finished(SweepPoint p, PointRunner.PointResult r) {
                    reports.computeIfAbsent(p.id(), k -> new AtomicInteger()).incrementAndGet();
                    listener.finished(p, r);
                    finished.incrementAndGet();
                }

                @Override
                public void failed(SweepPoint p, Exception e) {
                    reports.computeIfAbsent(p.id(), k -> new AtomicInteger()).incrementAndGet();
                    listener.failed(p, e);
                }
            });
        }

        @Override
        public int parallelism() {
            return inner.parallelism();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyPointArrivesOnceAndEqualsTheLocalRunWhenAWorkerIsKilledHalfway() throws Exception {
        START = System.nanoTime();
        Path sweep = sweepFile(dir);
        SweepSpec spec = SweepSpec.load(sweep);
        int pa = freePort(), pb = freePort();
        List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
        Worker a = Worker.start(dir, "a", pa, members), b = Worker.start(dir, "b", pb, members);
        try {
            // the single-machine reference, while the workers start
            Sweep.Outcome local = Sweep.run(spec, dir.resolve("local"), new LocalPointExecutor(1), Sweep.Progress.NONE);
            assertEquals(40, local.ran());
            System.out.printf("local run done at %.1f s%n", (System.nanoTime() - START) * 1e-9);
            String uuidA = a.awaitReady(40_000), uuidB = b.awaitReady(40_000);
            System.out.printf("workers ready at %.1f s%n", (System.nanoTime() - START) * 1e-9);

            ClusterSecret secret = ClusterSecret.of(ClusterSecret.DEFAULT_NAME, TOKEN);
            HazelcastPointExecutor cluster = HazelcastPointExecutor.connect(secret, members, 20_000);
            try (cluster) {
                long until = System.currentTimeMillis() + 20_000;
                while (cluster.workers() < 2 && System.currentTimeMillis() < until) Thread.sleep(100);
                assertEquals(2, cluster.workers(), "both workers formed one cluster");
                Counting counting = new Counting(cluster);
                CompletableFuture<Sweep.Outcome> run = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Sweep.run(spec, dir.resolve("cluster"), counting, Sweep.Progress.NONE);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                // halfway, kill B while it is running a point it claimed moments ago
                while (counting.finished.get() < 20 && !run.isDone()) Thread.sleep(10);
                String killedMidPoint = null;
                var claims = cluster.instance().<String, String>getMap(ClusterMaps.CLAIMS);
                long give = System.currentTimeMillis() + 10_000;
                while (killedMidPoint == null && System.currentTimeMillis() < give) {
                    for (Map.Entry<String, String> e : claims.entrySet()) {
                        String[] v = e.getValue().split(" ");
                        if (v[0].equals(uuidB) && System.currentTimeMillis() - Long.parseLong(v[2]) < 15) {
                            b.process().destroyForcibly(); // SIGKILL
                            killedMidPoint = e.getKey().substring(e.getKey().indexOf('/') + 1);
                            break;
                        }
                    }
                }
                assertNotNull(killedMidPoint, "worker B was seen starting a point after the 20th result");
                assertTrue(b.process().waitFor(10, TimeUnit.SECONDS), "B is dead");

                System.out.printf("killed B at %.1f s%n", (System.nanoTime() - START) * 1e-9);
                Sweep.Outcome o = run.get(60, TimeUnit.SECONDS);
                System.out.printf("cluster run done at %.1f s%n", (System.nanoTime() - START) * 1e-9);
                assertEquals(40, o.ran());
                assertEquals(0, o.failed());
                // exactly once: each point reported once, one row each
                assertEquals(40, counting.reports.size());
                counting.reports.forEach((id, n) -> assertEquals(1, n.get(), "point " + id + " reported " + n + " times"));
                List<Map<String, String>> rows = ResultsTable.read(o.results());
                assertEquals(40, rows.size());
                assertEquals(40, rows.stream().map(r -> r.get("point")).distinct().count());
                // equal to the local run, point for point, in every column but the wall time
                Map<String, Map<String, String>> ref = new java.util.HashMap<>();
                for (Map<String, String> r : ResultsTable.read(local.results())) ref.put(r.get("point"), r);
                for (Map<String, String> r : rows) {
                    Map<String, String> l = ref.get(r.get("point"));
                    assertNotNull(l, "point " + r.get("point") + " is in the local run");
                    for (String c : r.keySet()) if (!c.equals("wall_s")) assertEquals(l.get(c), r.get(c), "point " + r.get("point") + " column " + c);
                }
                // the point B died on was run again, by A; both did part of the work
                Map<String, String> producers = cluster.producers();
                assertEquals(uuidA, producers.get(killedMidPoint), "the point B was killed on was rerun by A");
                assertTrue(producers.containsValue(uuidB), "B finished points before it was killed");
                assertNotEquals(0, producers.values().stream().filter(uuidA::equals).count());
                assertTrue(Files.readString(a.log()).contains("released"), "A released B's claim: " + Files.readString(a.log()));
            }

            // a submitter with another token is refused at the door
            ClusterSecret wrong = ClusterSecret.of(ClusterSecret.DEFAULT_NAME, "not-the-token-0123456789");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HazelcastPointExecutor.connect(wrong, List.of("127.0.0.1:" + pa), 3_000));
            assertTrue(e.getMessage().contains("secret"), e.getMessage());
        } finally {
            a.process().destroyForcibly();
            b.process().destroyForcibly();
        }
    }
}
