package org.spikeforge.simulations.recording;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.StateProbe;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * A seeded CUBA run (examples/cuba.yaml, 100 ms) recorded to the queue while in-memory probes watch the
 * same steps: the queue, and its NPY and CSV exports, hold the in-memory spikes spike for spike and the
 * sampled membrane potentials value for value (as float32).
 */
class RecordingRoundTripTest {
    @TempDir static Path dir;
    static Scenario sc;
    static RunResult result;
    static Recorder recorder;

    static SpikeProbe probe(String name) {
        return (SpikeProbe) sc.probes().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @BeforeAll
    static void runCubaWithRecorderAndInMemoryProbes() throws IOException {
        sc = ScenarioLoader.load(Path.of("examples", "cuba.yaml"),
                new ScenarioLoader.Overrides(7L, "100 ms", null, null, Map.of()));
        // A ring of 4096 ints holds only a few CUBA steps: the writer must keep up through backpressure.
        recorder = new Recorder(dir.resolve("recording"), new RecordingMetadata.RunInfo("cuba", "examples/cuba.yaml", 7, "scalar"),
                sc.network().dtMs(), Recorder.channelsOf(sc.network(), sc.probes()), 4096);
        List<Probe> probes = new ArrayList<>(sc.probes());
        probes.add(recorder);
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            result = sim.run(sc.steps(), probes, Simulator.Progress.NONE);
        }
    }

    @Test
    void queueHoldsEveryInMemorySpikeAndCompletedMetadata() {
        try (Recording rec = Recording.open(dir)) {
            assertTrue(rec.metadata().completed());
            assertEquals(1000, rec.steps());
            assertEquals(999, rec.lastStep());
            assertEquals(999, rec.metadata().lastFlushedStep());
            assertEquals(-1, rec.firstGap());
            Map<String, Recording.Spikes> all = rec.spikes();
            for (String name : List.of("exc_spikes", "inh_spikes")) {
                SpikeProbe p = probe(name);
                assertTrue(p.count() > 100, "CUBA spikes in 100 ms: " + p.count());
                assertArrayEquals(p.steps(), all.get(name).steps(), name);
                assertArrayEquals(p.neurons(), all.get(name).neurons(), name);
            }
            long total = all.values().stream().mapToLong(Recording.Spikes::count).sum();
            assertEquals(result.totalSpikes(), total, "the simulator's own spike count");
        }
    }

    @Test
    void npyExportEqualsInMemorySpikes() throws IOException {
        Path out = dir.resolve("npy");
        try (Recording rec = Recording.open(dir)) {
            Exporter.export(rec, out, new Exporter.Options(Exporter.Format.NPY, Exporter.What.SPIKES, null, null, null));
        }
        for (String pop : List.of("exc", "inh")) {
            SpikeProbe p = probe(pop + "_spikes");
            Npy a = Npy.read(out.resolve("spikes_" + pop + ".npy"));
            assertEquals("<f8", a.descr());
            assertArrayEquals(new long[] {p.count(), 2}, a.shape());
            int[] st = p.steps(), ne = p.neurons();
            for (int k = 0; k < p.count(); k++) {
                assertEquals(ne[k], a.data()[2 * k], "neuron of spike " + k);
                assertEquals(st[k] * 0.1, a.data()[2 * k + 1], "time of spike " + k);
            }
        }
    }

    @Test
    void csvExportEqualsInMemorySpikesInTimeOrder() throws IOException {
        Path out = dir.resolve("csv");
        try (Recording rec = Recording.open(dir)) {
            Exporter.export(rec, out, new Exporter.Options(Exporter.Format.CSV, Exporter.What.SPIKES, null, null, null));
        }
        List<String> lines = Files.readAllLines(out.resolve("spikes.csv"));
        assertEquals("population,neuron,time_ms", lines.getFirst());
        // Expected: both probes merged by step (exc before inh within a step, neurons ascending).
        SpikeProbe e = probe("exc_spikes"), i = probe("inh_spikes");
        List<String> expected = new ArrayList<>();
        int a = 0, b = 0;
        int[] es = e.steps(), en = e.neurons(), is = i.steps(), in = i.neurons();
        for (int step = 0; step < 1000; step++) {
            while (a < es.length && es[a] == step) expected.add("exc," + en[a++] + "," + step);
            while (b < is.length && is[b] == step) expected.add("inh," + in[b++] + "," + step);
        }
        assertEquals(expected.size(), lines.size() - 1);
        double lastT = -1;
        for (int k = 0; k < expected.size(); k++) {
            String[] got = lines.get(k + 1).split(",");
            String[] want = expected.get(k).split(",");
            assertEquals(want[0], got[0], "row " + k);
            assertEquals(want[1], got[1], "row " + k);
            double t = Double.parseDouble(got[2]);
            assertEquals(Integer.parseInt(want[2]) * 0.1, t, 1e-9, "row " + k);
            assertTrue(t >= lastT, "time order at row " + k);
            lastT = t;
        }
    }

    @Test
    void stateExportEqualsInMemorySamplesAsFloat32() throws IOException {
        StateProbe v = (StateProbe) sc.probes().stream().filter(p -> p.name().equals("v_trace")).findFirst().orElseThrow();
        Path out = dir.resolve("state");
        try (Recording rec = Recording.open(dir)) {
            Exporter.export(rec, out, new Exporter.Options(Exporter.Format.NPY, Exporter.What.STATE, "exc", null, null));
        }
        Npy values = Npy.read(out.resolve("state_exc_v.npy"));
        Npy times = Npy.read(out.resolve("state_exc_v_times.npy"));
        Npy neurons = Npy.read(out.resolve("state_exc_v_neurons.npy"));
        assertEquals("<f4", values.descr());
        assertArrayEquals(new long[] {v.samples(), 3}, values.shape());
        assertArrayEquals(new double[] {0, 1, 2}, neurons.data());
        for (int k = 0; k < v.samples(); k++) {
            assertEquals((v.sampleStep(k) + 1) * 0.1, times.data()[k], 1e-12);
            for (int j = 0; j < 3; j++) assertEquals((float) v.value(k, j), (float) values.data()[k * 3 + j], "sample " + k);
        }
    }

    @Test
    void timeRangeSelectsSpikesWithFromLessOrEqualTimeLessThanTo() throws IOException {
        Path out = dir.resolve("range");
        try (Recording rec = Recording.open(dir)) {
            Exporter.export(rec, out, new Exporter.Options(Exporter.Format.NPY, Exporter.What.SPIKES, "exc", 20.0, 50.0));
        }
        assertFalse(Files.exists(out.resolve("spikes_inh.npy")), "only the chosen population");
        Npy a = Npy.read(out.resolve("spikes_exc.npy"));
        int[] st = probe("exc_spikes").steps();
        long want = java.util.Arrays.stream(st).filter(s -> s >= 200 && s < 500).count();
        assertEquals(want, a.shape()[0]);
        for (int k = 0; k < want; k++) assertTrue(a.data()[2 * k + 1] >= 20 - 1e-9 && a.data()[2 * k + 1] < 50);
    }

    @Test
    void recordAllocatesNothingPerStep() throws IOException {
        // A stand-in network that spikes 50 of 1000 neurons every step and has one state variable.
        int[] spikes = new int[50];
        for (int k = 0; k < 50; k++) spikes[k] = 20 * k;
        CompiledNetwork net = new CompiledNetwork() {
            public NetworkGraph graph() { return null; }
            public void applyInputs(long step) {}
            public void updateNeurons(long step) {}
            public void propagate(long step) {}
            public int spikeCount(int node) { return 50; }
            public int[] spikes(int node) { return spikes; }
            public void readState(int pop, int var, int[] neurons, double[] dst) { java.util.Arrays.fill(dst, -65.0); }
            public OperationCounts counts() { return null; }
        };
        var tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Recorder r = new Recorder(dir.resolve("alloc"), new RecordingMetadata.RunInfo("alloc", null, 1, "none"), 0.1,
                List.of(Channel.spikes("s", "pop", 0, 1000), Channel.state("v", "pop", 0, 1000, "v", 0, new int[] {1, 2, 3}, 2, "mV")),
                1 << 16)) {
            int steps = 200_000;
            r.start(net, steps);
            for (long s = 0; s < 20_000; s++) r.record(s, net); // warm up
            long before = tmx.getCurrentThreadAllocatedBytes();
            for (long s = 20_000; s < steps; s++) r.record(s, net);
            long allocated = tmx.getCurrentThreadAllocatedBytes() - before;
            r.finish(steps);
            assertTrue(allocated < 16 * 1024, "bytes allocated by 180,000 record calls: " + allocated);
            assertEquals(steps - 1, r.lastFlushedStep());
        }
    }

    /**
     * The writer thread opens the queue while the caller goes on, but its folder is made before: a folder that
     * cannot be made (its name taken by a file) still fails the recording before the run, naming the path.
     */
    @Test
    void queueFolderThatCannotBeMadeFailsBeforeTheRun() throws IOException {
        Path d = dir.resolve("blocked");
        Files.createDirectories(d);
        Files.writeString(d.resolve(Recorder.QUEUE_DIR), "not a folder");
        IOException e = assertThrows(IOException.class, () -> new Recorder(d, new RecordingMetadata.RunInfo("blocked", null, 1, "none"),
                0.1, List.of(Channel.spikes("s", "pop", 0, 10)), 1 << 12));
        assertTrue(e.getMessage().contains(d.resolve(Recorder.QUEUE_DIR).toString()), e.getMessage());
    }

    /** A recording whose process died before the writer opened the queue: readable, running, no steps. */
    @Test
    void recordingKilledBeforeTheQueueOpenedReadsAsIncompleteAndEmpty() throws IOException {
        Path d = dir.resolve("early");
        Files.createDirectories(d.resolve(Recorder.QUEUE_DIR));
        RecordingMetadata.starting(new RecordingMetadata.RunInfo("early", null, 1, "none"), 0.1, 100,
                List.of(Channel.spikes("s", "pop", 0, 10))).write(d.resolve(Recorder.METADATA_FILE));
        try (Recording rec = Recording.open(d)) {
            assertFalse(rec.metadata().completed());
            assertEquals(RecordingMetadata.Status.RUNNING, rec.metadata().status());
            assertEquals(-1, rec.lastStep());
            assertEquals(0, rec.spikes().get("s").count());
        }
    }
}
