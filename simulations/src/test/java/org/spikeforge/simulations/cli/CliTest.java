package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: every malformed-scenario case exits 2 with one clear line; a good run writes summary.json. */
class CliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static final String GOOD = """
            dt: 0.1 ms
            duration: 50 ms
            seed: 3
            populations:
              exc:
                size: 20
                model: lif
                params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}
                initial: {v: "uniform(-65 mV, -50 mV)"}
            inputs:
              noise: {type: poisson, size: 50, rate: 200 Hz}
              drive: {type: current, target: exc, amplitude: 100 pA}
            projections:
              in: {source: noise, target: exc, connect: {rule: fixed_probability, p: 0.2}, weight: 2 mV, delay: 1 ms}
            probes:
              s: {type: spikes, target: exc}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Runs a broken scenario and checks exit code 2, one line naming file, field and expectation, no stack trace. */
    private String rejects(String yaml, String field, String... mustContain) throws IOException {
        Path f = write("bad.yaml", yaml);
        Result r = cli("run", f.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), "one line: " + msg);
        assertTrue(msg.contains(f.toString()), "names the file: " + msg);
        if (field != null) assertTrue(msg.contains("field '" + field + "'"), "names the field: " + msg);
        for (String s : mustContain) assertTrue(msg.contains(s), "contains '" + s + "': " + msg);
        assertFalse(msg.contains("Exception") || msg.contains("\tat "), "no stack trace: " + msg);
        assertFalse(Files.exists(dir.resolve("o/summary.json")));
        return msg;
    }

    @Test
    void subcommandNamesMatchTheirAnnotationsAndEachBuildsItsModelAlone() {
        assertEquals(Main.SUBCOMMANDS.size(), Main.NAMES.size());
        for (int k = 0; k < Main.SUBCOMMANDS.size(); k++) {
            String name = Main.SUBCOMMANDS.get(k).getAnnotation(picocli.CommandLine.Command.class).name();
            assertEquals(name, Main.NAMES.get(k), Main.SUBCOMMANDS.get(k).getSimpleName());
            assertEquals(java.util.Set.of(name), Main.commandLine(new String[] {name}).getSubcommands().keySet());
        }
        assertTrue(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet().containsAll(Main.NAMES));
    }

    @Test
    void aLargeRandomProjectionIsStoredAsTwoByteGapsAndTheSummarySaysSo() throws IOException {
        // 1,200 × 1,200 at p = 0.75: about 1.08 M synapses, above the two-pass threshold, gaps of a few targets
        Path f = write("dense.yaml", """
                dt: 0.1 ms
                duration: 1 ms
                seed: 5
                populations:
                  a:
                    size: 1200
                    model: lif
                    params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, t_ref: 2 ms}
                projections:
                  aa: {source: a, target: a, connect: {rule: fixed_probability, p: 0.75}, weight: 0.01 mV, delay: 0.1 ms}
                """);
        Path out = dir.resolve("dense");
        Result r = cli("run", f.toString(), "--out", out.toString(), "--no-record");
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        long synapses = s.get("synapses").asLong();
        assertEquals(1200 * 1199 * 0.75, synapses, 5 * Math.sqrt(1200 * 1199 * 0.75 * 0.25));
        assertEquals(4L * 1201 + 2L * synapses + 4, s.get("synapse_storage_bytes").asLong(), "row pointers, 2-byte gaps, one weight");
        assertTrue(r.out().contains("2.00 bytes a synapse"), r.out());
    }

    @Test
    void runsScenarioAndWritesSummaryWithRequiredKeys() throws IOException {
        Path f = write("good.yaml", GOOD);
        Path out = dir.resolve("out");
        Result r = cli("run", f.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spikes"), r.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String k : new String[] {"neurons", "synapses", "steps", "dt_ms", "duration_ms", "spikes", "mean_rate_hz",
                "synaptic_events", "wall_s", "build_s", "sim_s", "backend", "seed", "populations"}) {
            assertTrue(s.has(k), "summary has " + k);
        }
        assertEquals(20, s.get("neurons").asInt());
        assertEquals(500, s.get("steps").asInt());
        // 50 sources' row pointers, one 4-byte index a synapse, one shared weight
        assertEquals(4L * 51 + 4L * s.get("synapses").asLong() + 4, s.get("synapse_storage_bytes").asLong());
        assertTrue(r.out().contains("bytes a synapse"), r.out());
        assertEquals(0.1, s.get("dt_ms").asDouble(), 1e-12);
        assertEquals(50.0, s.get("duration_ms").asDouble(), 1e-9);
        assertEquals("scalar", s.get("backend").asText());
        assertEquals(3, s.get("seed").asInt());
        JsonNode exc = s.get("populations").get("exc");
        assertEquals(20, exc.get("neurons").asInt());
        assertEquals(s.get("spikes").asLong(), exc.get("spikes").asLong());
        assertEquals(exc.get("spikes").asDouble() / (20 * 0.05), exc.get("rate_hz").asDouble(), 1e-9);
        assertTrue(s.get("spikes").asLong() > 0, "the driven network fires");
    }

    @Test
    void severalSimdThreadsOnASmallNetworkGetANoteAndTheSameSpikes() throws IOException {
        Path f = write("good.yaml", GOOD);
        Result two = cli("run", f.toString(), "--out", dir.resolve("t2").toString(), "--backend", "simd", "--threads", "2");
        assertEquals(0, two.code(), two.err());
        assertTrue(two.err().contains("note: 2 threads on 20 neurons") && two.err().contains("--threads 1"), two.err());
        Result one = cli("run", f.toString(), "--out", dir.resolve("t1").toString(), "--backend", "simd", "--threads", "1");
        assertEquals(0, one.code(), one.err());
        assertFalse(one.err().contains("note:"), one.err());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("t2/summary.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("t1/summary.json").toFile());
        assertEquals(b.get("spikes").asLong(), a.get("spikes").asLong());
        assertTrue(a.get("spikes").asLong() > 0);
    }

    @Test
    void commandLineOverridesCarryUnits() throws IOException {
        Path f = write("good.yaml", GOOD);
        Path out = dir.resolve("out2");
        Result r = cli("run", f.toString(), "--out", out.toString(), "--duration", "20ms", "--seed", "9",
                "--set", "populations.exc.params.tau_m=10ms", "--set", "populations.exc.size=7");
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(200, s.get("steps").asInt());
        assertEquals(9, s.get("seed").asInt());
        assertEquals(7, s.get("neurons").asInt());
        Result bad = cli("run", f.toString(), "--out", out.toString(), "--duration", "20");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("field 'duration'") && bad.err().contains("missing unit"), bad.err());
    }

    @Test
    void modeSelectsTheEventDrivenBackendAndAutoSaysWhy() throws IOException {
        Path f = write("good.yaml", GOOD);
        Result ev = cli("run", f.toString(), "--out", dir.resolve("ev").toString(), "--mode", "event");
        assertEquals(0, ev.code(), ev.err());
        assertEquals("event", new ObjectMapper().readTree(dir.resolve("ev/summary.json").toFile()).get("backend").asText());
        Result auto = cli("run", f.toString(), "--out", dir.resolve("auto").toString(), "--mode", "auto", "--expected-rate", "0.1Hz");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.out().contains("auto: ") && auto.out().contains("mode"), auto.out());
        // the step estimate is for the backend a step choice would run on
        Result onSimd = cli("run", f.toString(), "--out", dir.resolve("auto2").toString(), "--mode", "auto", "--backend", "simd",
                "--backend-option", "warmup=0");
        assertEquals(0, onSimd.code(), onSimd.err());
        assertTrue(onSimd.out().contains("stepping on simd "), onSimd.out());
        Result onFloat = cli("run", f.toString(), "--out", dir.resolve("auto3").toString(), "--mode", "auto", "--backend", "simd",
                "--backend-option", "warmup=0", "--backend-option", "precision=float32");
        assertEquals(0, onFloat.code(), onFloat.err());
        assertTrue(onFloat.out().contains("stepping on simd/float32"), onFloat.out());
        assertTrue(auto.out().contains("stepping on scalar"), auto.out());
        Result cuba = cli("run", "examples/cuba.yaml", "--out", dir.resolve("c").toString(), "--mode", "auto", "--duration", "10ms",
                "--no-record", "--no-raster");
        assertEquals(0, cuba.code(), cuba.err());
        assertTrue(cuba.out().contains("auto: step mode") && cuba.out().contains("cuba_lif"), cuba.out());
        Result bad = cli("run", f.toString(), "--mode", "sideways");
        assertEquals(2, bad.code());
    }

    /** --estimate: one line per device after the run, an estimates block in summary.json, and a bad device name exits 2. */
    @Test
    void estimatesWhatTheRunWouldTakeOnDevices() throws IOException {
        Path f = write("good.yaml", GOOD);
        Result r = cli("run", f.toString(), "--out", dir.resolve("est").toString(), "--estimate", "rpi5,loihi", "--no-raster");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("on rpi5      fits, "), r.out());
        assertTrue(r.out().contains("on loihi     does NOT fit") && r.out().contains("integer weights"), r.out());
        var s = new ObjectMapper().readTree(dir.resolve("est/summary.json").toFile());
        JsonNode est = s.get("estimates");
        assertEquals(2, est.size());
        assertEquals("rpi5", est.get(0).get("device").asText());
        assertTrue(est.get(0).get("fits").asBoolean());
        assertTrue(est.get(0).get("latency_s").asDouble() > 0 && est.get(0).get("energy_j").asDouble() > 0, est.toString());
        assertEquals(s.get("synaptic_events").asDouble(), est.get(0).get("workload").get("synaptic_events").asDouble(), est.toString());
        assertEquals(20L * 500, est.get(0).get("workload").get("neuron_updates").asLong(), "20 neurons, 500 steps");

        Result bad = cli("run", f.toString(), "--out", dir.resolve("est2").toString(), "--estimate", "rpi9");
        assertEquals(2, bad.code(), bad.err());
        String msg = bad.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains("--estimate") && msg.contains("rpi9") && msg.contains("stm32f4"), msg);
        assertFalse(Files.exists(dir.resolve("est2/summary.json")), "checked before the run");
    }

    /** simd's warm-up is reported (text and summary.json), counted in build_s, and its option is checked. */
    @Test
    void simdReportsItsWarmUpAndRejectsABadWarmUpOption() throws IOException {
        Result r = cli("run", "examples/cuba.yaml", "--out", dir.resolve("w").toString(), "--backend", "simd", "--duration", "50ms",
                "--backend-option", "warmup=300", "--no-record", "--no-raster");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("warm-up   300 steps in "), r.out());
        var s = new ObjectMapper().readTree(dir.resolve("w/summary.json").toFile());
        assertEquals(300, s.get("warm_up").get("steps").asLong());
        assertTrue(s.get("build_s").asDouble() >= s.get("warm_up").get("seconds").asDouble(), s.toString());
        assertEquals(500, s.get("steps").asLong(), "the run itself: 50 ms");
        Result off = cli("run", "examples/cuba.yaml", "--out", dir.resolve("w0").toString(), "--backend", "simd", "--duration", "5ms",
                "--backend-option", "warmup=0", "--no-record", "--no-raster");
        assertEquals(0, off.code(), off.err());
        assertFalse(off.out().contains("warm-up"), off.out());
        Result bad = cli("run", "examples/cuba.yaml", "--backend", "simd", "--backend-option", "warmup=soon", "--out", dir.resolve("wb").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("option warmup") && bad.err().contains("'soon'"), bad.err());
    }

    @Test
    void rejectsMissingFile() {
        Result r = cli("run", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.yaml") && r.err().contains("file not found"), r.err());
    }

    @Test
    void rejectsBrokenYamlWithLineNumber() throws IOException {
        rejects("dt: 0.1 ms\npopulations: {exc: [size: 3\n", null, "not valid YAML", "line ");
    }

    @Test
    void rejectsMissingUnit() throws IOException {
        rejects(GOOD.replace("tau_m: 20 ms", "tau_m: 20"), "populations.exc.params.tau_m", "value '20'", "missing unit", "time");
    }

    @Test
    void rejectsWrongUnit() throws IOException {
        rejects(GOOD.replace("tau_m: 20 ms", "tau_m: 20 mV"), "populations.exc.params.tau_m", "value '20 mV'",
                "expected a time", "got a voltage");
    }

    @Test
    void rejectsUnknownUnit() throws IOException {
        rejects(GOOD.replace("rate: 200 Hz", "rate: 200 furlongs"), "inputs.noise.rate", "unknown unit 'furlongs'");
    }

    @Test
    void rejectsUnknownKey() throws IOException {
        rejects(GOOD.replace("tau_m: 20 ms", "tau_mem: 20 ms"), "populations.exc.params.tau_mem", "unknown key 'tau_mem'", "tau_m");
    }

    @Test
    void rejectsUnknownTopLevelKey() throws IOException {
        rejects(GOOD.replace("seed: 3", "sead: 3"), "sead", "unknown key 'sead'");
    }

    @Test
    void rejectsUnknownPopulation() throws IOException {
        rejects(GOOD.replace("target: exc, connect", "target: exx, connect"), "projections.in.target", "value 'exx'",
                "unknown population", "exc");
    }

    @Test
    void rejectsNegativeTimeConstant() throws IOException {
        rejects(GOOD.replace("tau_m: 20 ms", "tau_m: -5 ms"), "populations.exc.params.tau_m", "value '-5 ms'", "positive");
    }

    @Test
    void rejectsDelayShorterThanOneStep() throws IOException {
        rejects(GOOD.replace("delay: 1 ms", "delay: 0.01 ms"), "projections.in.delay", "at least one time step");
    }

    @Test
    void rejectsUnknownModelAndBackend() throws IOException {
        rejects(GOOD.replace("model: lif", "model: hodgkin"), "populations.exc.model", "unknown neuron model", "cuba_lif");
        Path f = write("good.yaml", GOOD);
        Result r = cli("run", f.toString(), "--backend", "quantum");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown backend") && r.err().contains("scalar"), r.err());
    }

    @Test
    void hintsAtQuotingWhenAFlowMappingSplitsADistribution() throws IOException {
        rejects(GOOD.replace("initial: {v: \"uniform(-65 mV, -50 mV)\"}", "initial: {v: uniform(-65 mV, -50 mV)}"),
                null, "quote");
    }

    @Test
    void rejectsMissingRequiredField() throws IOException {
        rejects(GOOD.replace("dt: 0.1 ms\n", ""), "dt", "missing required field 'dt'");
    }

    @Test
    void classifyScenarioReportsAccuracy() throws IOException {
        Path out = dir.resolve("mnist");
        Result r = cli("run", "examples/mnist_mlp.yaml", "--out", out.toString(), "--set", "classify.samples=30",
                "--set", "classify.calibration_samples=200", "--set", "classify.timesteps=16");
        assertEquals(0, r.code(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(30, s.get("samples").asInt());
        assertEquals(30L * (16 + 3), s.get("steps").asLong());
        assertTrue(s.get("accuracy").asDouble() >= 0.85, "accuracy " + s.get("accuracy"));
        assertTrue(r.out().contains("accuracy"), r.out());
    }

    @Test
    void classifyScenarioRejectsMissingDataFile() throws IOException {
        String yaml = Files.readString(Path.of("examples/mnist_mlp.yaml"))
                .replace("../src/test/resources/fixtures/ann/mnist_test_x.npy", "/nonexistent/x.npy")
                .replace("../src/test/", Path.of("src/test").toAbsolutePath() + "/");
        rejects(yaml, "classify.data", "file not found");
    }

    @Test
    void listsBackendsAndModels() {
        Result r = cli("list");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("scalar") && r.out().contains("cuba_lif") && r.out().contains("tau_m=10 ms"), r.out());
        String coba = r.out().lines().filter(l -> l.trim().startsWith("coba_lif")).findFirst().orElseThrow();
        assertTrue(coba.endsWith("; method=exponential_euler|euler"), coba);
        assertFalse(r.out().lines().filter(l -> l.trim().startsWith("cuba_lif")).findFirst().orElseThrow().contains("method"));
    }

    @Test
    void everyExampleRunsWithItsDefaultOutputs() throws IOException {
        // each scenario in examples/ as a user would run it (recording, raster, weight probes), kept short;
        // sweep files (scenario: ...) are checked by `sweep --check`
        List<Path> files;
        try (var list = Files.list(Path.of("examples"))) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "examples found: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            Result r;
            if (text.lines().anyMatch(l -> l.startsWith("scenario:"))) {
                r = cli("sweep", f.toString(), "--check");
            } else if (text.contains("classify:")) {
                r = cli("run", f.toString(), "--out", dir.resolve(f.getFileName() + ".out").toString(), "--set", "classify.samples=2");
            } else {
                r = cli("run", f.toString(), "--out", dir.resolve(f.getFileName() + ".out").toString(), "--duration", "20ms");
            }
            assertEquals(0, r.code(), f + ": " + r.err());
        }
    }
}
