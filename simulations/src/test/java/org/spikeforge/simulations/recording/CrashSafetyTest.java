package org.spikeforge.simulations.recording;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.cli.Main;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * A recording survives its process: a child JVM recording CUBA is killed with SIGKILL (or stopped with
 * SIGTERM, as Ctrl-C does), and the queue reads back complete up to the last flushed step, spike for
 * spike equal to an undisturbed run of the same seed.
 */
class CrashSafetyTest {
    @TempDir Path dir;

    private static Process startChild(String... mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--") || a.startsWith("-D") || a.startsWith("-X")) cmd.add(a);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(mainAndArgs));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Spikes of the same seeded scenario run undisturbed for {@code steps} steps, by probe name. */
    private static Map<String, SpikeProbe> reference(long steps) {
        Scenario sc = ScenarioLoader.load(Path.of("examples", "cuba.yaml"), new ScenarioLoader.Overrides(7L, "60 s", null, null, Map.of()));
        List<Probe> ps = new ArrayList<>(sc.probes());
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(steps, ps, Simulator.Progress.NONE);
        }
        return Map.of("exc_spikes", (SpikeProbe) ps.get(0), "inh_spikes", (SpikeProbe) ps.get(1));
    }

    private static String inspect(Path out) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.execute(new String[] {"inspect", out.toString()}, new PrintWriter(o, true), new PrintWriter(e, true));
        assertEquals(0, code, e.toString());
        return o.toString();
    }

    private static boolean started(Path meta) {
        try {
            return Files.exists(meta) && RecordingMetadata.read(meta).stepsRequested() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    @Timeout(60)
    void sigkilledRunReadsBackCompletelyToLastFlushedStep() throws Exception {
        Path out = dir.resolve("killed");
        Process child = startChild(CrashChild.class.getName(), Path.of("examples", "cuba.yaml").toString(), out.toString(), "1000");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("FLUSHED", r.readLine(), "child flushed step 1000");
            child.destroyForcibly(); // SIGKILL: no hook, no finally
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

        try (Recording rec = Recording.open(out)) {
            assertEquals(RecordingMetadata.Status.RUNNING, rec.metadata().status(), "the run never finished");
            assertFalse(rec.metadata().completed());
            long last = rec.lastStep();
            assertTrue(last >= 1000, "steps recorded before the kill: " + (last + 1));
            assertTrue(last < 600_000, "the run was stopped long before its end");
            assertEquals(-1, rec.firstGap(), "no step missing up to the last flushed one");
            assertEquals(last + 1, rec.steps());
            Map<String, Recording.Spikes> got = rec.spikes();
            Map<String, SpikeProbe> want = reference(last + 1);
            for (String name : List.of("exc_spikes", "inh_spikes")) {
                assertArrayEquals(want.get(name).steps(), got.get(name).steps(), name);
                assertArrayEquals(want.get(name).neurons(), got.get(name).neurons(), name);
            }
            Recording.StateSeries v = rec.state("v_trace", 0, last + 1);
            assertEquals(last + 1, v.samples(), "v sampled every step up to the last flushed one");
            String report = inspect(out);
            assertTrue(report.contains("status     incomplete"), report);
            assertTrue(report.contains("last flushed step " + last), report);
        }
    }

    /**
     * On {@code gpu} too, end to end: the run flushes and writes its summary on SIGTERM with the OpenCL driver loaded.
     * (The guard that keeps the driver's handlers off SIGTERM has its own test, {@code SignalGuardTest}; here the
     * first safepoint fault of the run would already have put the JVM's handler back without it.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "gpu"})
    @Timeout(60)
    void sigtermStopsRunAndSummaryNamesLastFlushedStep(String backend) throws Exception {
        Path out = dir.resolve("stopped");
        Process child = startChild(Main.class.getName(), "run", Path.of("examples", "cuba.yaml").toString(), "--duration", "60s",
                "--seed", "7", "--out", out.toString(), "--quiet", "--backend", backend);
        Path meta = out.resolve("recording").resolve(Recorder.METADATA_FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // recording.json names the requested steps once the run has started (before that it says -1).
        while (!started(meta) && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(started(meta), "the run started recording");
        Thread.sleep(500);
        child.destroy(); // SIGTERM, as the terminal's Ctrl-C (SIGINT) runs the same shutdown hooks
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.get("completed").asBoolean());
        long steps = summary.get("steps").asLong();
        assertTrue(steps > 0 && steps < 600_000, "steps done: " + steps);
        try (Recording rec = Recording.open(out)) {
            assertEquals(RecordingMetadata.Status.INTERRUPTED, rec.metadata().status());
            assertEquals(steps - 1, rec.lastStep(), "every simulated step was flushed before exit");
            assertEquals(steps - 1, summary.get("recording").get("last_flushed_step").asLong());
            assertEquals(-1, rec.firstGap());
            assertTrue(inspect(out).contains("status     incomplete (interrupted after " + steps + " of 600000 steps)"));
        }
    }
}
