package org.spikeforge.simulations.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.simulations.cli.Main;

/** Sweep files: planning, validation before any run, resumable results, metrics and plots. */
class SweepTest {
    @TempDir Path dir;

    static final String SCENARIO = """
            dt: 0.1 ms
            duration: 100 ms
            seed: 3
            populations:
              exc:
                size: 20
                model: lif
                params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}
                initial: {v: "uniform(-65 mV, -50 mV)"}
            inputs:
              noise: {type: poisson, size: 50, rate: 200 Hz}
            projections:
              in: {source: noise, target: exc, connect: {rule: fixed_probability, p: 0.3}, weight: 3 mV, delay: 1 ms}
            """;

    private static final String SWEEP = """
            scenario: small.yaml
            fixed:
              backend: memristor
              backend_options.memristor.tile_size: 32
            parameters:
              backend_options.memristor.adc_bits: [0, 3]
              backend_options.memristor.read_noise: [0, 2]
            metrics: [van_rossum, rate_error, energy_per_inference, latency, area]
            """;

    record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path sweepFile(String text) throws IOException {
        Files.writeString(dir.resolve("small.yaml"), SCENARIO);
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void gridIsEveryCombinationWithTheLastParameterFastest() throws IOException {
        SweepSpec s = SweepSpec.load(sweepFile("""
                scenario: small.yaml
                parameters:
                  a: [1, 2, 3]
                  b: {from: 0.5, to: 1.5, step: 0.5, unit: ms}
                metrics: [rate_error]
                """));
        List<SweepPoint> pts = Sweep.plan(s);
        assertEquals(9, pts.size());
        assertEquals(Map.of("a", "1", "b", "0.5 ms"), pts.get(0).values());
        assertEquals(Map.of("a", "1", "b", "1 ms"), pts.get(1).values());
        assertEquals(Map.of("a", "3", "b", "1.5 ms"), pts.get(8).values());
        assertEquals(9, new HashSet<>(pts.stream().map(SweepPoint::id).toList()).size(), "ids are distinct");
        assertEquals(pts.get(4).id(), SweepPoint.of(Map.of("b", "1 ms", "a", "2"), Map.of()).id(), "an id depends on values, not order");
        assertNotEquals(pts.get(4).id(), SweepPoint.of(pts.get(4).values(), Map.of("seed", "2")).id(), "nor does it ignore fixed settings");
    }

    @Test
    void randomSampleIsReproducibleAndInsideItsIntervals() throws IOException {
        String text = """
                scenario: small.yaml
                mode: random
                samples: 25
                seed: 11
                parameters:
                  backend_options.memristor.read_noise: {min: 0.01, max: 10, scale: log}
                  backend_options.memristor.adc_bits: [4, 6, 8]
                metrics: [rate_error]
                """;
        List<SweepPoint> a = Sweep.plan(SweepSpec.load(sweepFile(text))), b = Sweep.plan(SweepSpec.load(sweepFile(text)));
        assertEquals(a, b);
        assertEquals(25, a.size());
        for (SweepPoint p : a) {
            double x = Double.parseDouble(p.values().get("backend_options.memristor.read_noise"));
            assertTrue(x >= 0.01 && x <= 10, "in range: " + x);
            assertTrue(List.of("4", "6", "8").contains(p.values().get("backend_options.memristor.adc_bits")));
        }
    }

    /** A bad sweep exits with code 2, one line naming the file and the culprit, and runs nothing. */
    private String rejected(String sweep, String... mustContain) throws IOException {
        Path f = sweepFile(sweep);
        Path out = dir.resolve("out");
        Result r = cli("sweep", f.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(2, r.code(), r.out() + r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains(f.toString()), "names the sweep file: " + msg);
        for (String s : mustContain) assertTrue(msg.contains(s), "contains '" + s + "': " + msg);
        assertFalse(Files.exists(out.resolve("results.csv")), "no run started");
        return msg;
    }

    @Test
    void rejectsAnUnknownScenarioParameterBeforeAnyRun() throws IOException {
        rejected("""
                scenario: small.yaml
                parameters:
                  populations.exc.params.tau_mem: ["10 ms", "20 ms"]
                metrics: [rate_error]
                """, "parameter 'populations.exc.params.tau_mem' = '10 ms'", "unknown key 'tau_mem'", "tau_m");
        rejected("""
                scenario: small.yaml
                parameters:
                  populations.exc.params.tau_m: ["10 ms", "-5 ms"]
                metrics: [rate_error]
                """, "parameter 'populations.exc.params.tau_m' = '-5 ms'");
    }

    @Test
    void rejectsAnUnknownBackendOptionListingTheValidOnes() throws IOException {
        rejected(SWEEP.replace("memristor.read_noise", "memristor.reed_noise"),
                "backend memristor", "unknown memristor backend option 'memristor.reed_noise'", "memristor.read_noise");
        rejected(SWEEP.replace("backend: memristor", "backend: scalar"),
                "parameter 'backend_options.memristor.tile_size': an option of backend memristor, but the sweep runs on scalar");
        rejected(SWEEP.replace("[0, 3]", "[0, 1]"), "parameter 'backend_options.memristor.adc_bits' = '1'", "expected 0 (ideal) or an integer in [2, 30]");
    }

    @Test
    void rejectsEmptyRanges() throws IOException {
        rejected(SWEEP.replace("[0, 3]", "{from: 8, to: 3, step: 1}"), "field 'parameters.backend_options.memristor.adc_bits'",
                "empty range: from 8 to 3 holds no value");
        rejected(SWEEP.replace("[0, 3]", "[]"), "empty list of values");
        rejected(SWEEP.replace("[0, 3]", "{from: 1, to: 3, step: 0}"), "expected a step > 0");
    }

    @Test
    void rejectsMetricsTheScenarioCannotProduce() throws IOException {
        rejected(SWEEP.replace("rate_error,", "rate_error, spike_count,"), "unknown metric 'spike_count'", "van_rossum, rate_error");
        rejected(SWEEP.replace("backend: memristor", "backend: scalar").replace("backend_options.memristor.tile_size: 32", "seed: 4")
                        .replace("backend_options.memristor.adc_bits: [0, 3]", "duration: [50 ms, 60 ms]")
                        .replace("backend_options.memristor.read_noise: [0, 2]", ""),
                "metric 'energy_per_inference' needs a backend with a cost model, but backend scalar has none");
        rejected(SWEEP.replace("metrics: [", "metrics: [accuracy, "), "metric 'accuracy'", "does not classify");
    }

    @Test
    void runsEveryPointThenResumesWithoutRerunningFinishedOnes() throws IOException {
        Path f = sweepFile(SWEEP);
        Path out = dir.resolve("out");
        Result r = cli("sweep", f.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 points (0 already done, 4 run, 0 failed)"), r.out());
        List<Map<String, String>> rows = ResultsTable.read(out.resolve("results.csv"));
        assertEquals(4, rows.size());
        for (Map<String, String> row : rows) {
            boolean ideal = row.get("backend_options.memristor.adc_bits").equals("0") && row.get("backend_options.memristor.read_noise").equals("0");
            double vr = Double.parseDouble(row.get("van_rossum")), re = Double.parseDouble(row.get("rate_error"));
            if (ideal) {
                // the ideal crossbar spikes exactly as the scalar reference
                assertEquals(0.0, vr, row.toString());
                assertEquals(0.0, re, row.toString());
            } else {
                assertTrue(vr > 0, "a non-ideal crossbar moves spikes: " + row);
            }
            assertTrue(Double.parseDouble(row.get("energy_per_inference_j")) > 0);
            assertTrue(Double.parseDouble(row.get("latency_s")) > 0);
            assertTrue(Double.parseDouble(row.get("area_mm2")) > 0);
        }
        // 5 metrics × 2 parameters
        try (var plots = Files.list(out.resolve("plots"))) {
            assertEquals(10, plots.filter(p -> p.toString().endsWith(".png")).count());
        }
        assertTrue(Files.size(out.resolve("plots/van_rossum_vs_memristor.adc_bits.png")) > 1000);

        // drop the last row and tear the file in the middle of a row, as a crash would
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve("results.csv")));
        String dropped = lines.removeLast();
        Files.writeString(out.resolve("results.csv"), String.join("\n", lines) + "\n" + dropped.substring(0, 10));
        Result again = cli("sweep", f.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("4 points (3 already done, 1 run, 0 failed)"), again.out());
        List<String> after = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, after.size());
        String rerun = after.getLast();
        // the same point gives the same metrics (all but the wall time)
        assertEquals(dropped.substring(0, dropped.lastIndexOf(',')), rerun.substring(0, rerun.lastIndexOf(',')));
    }

    /** Device metrics: the run's estimate on each device of the sweep, as a direct estimate of the same run gives it. */
    @Test
    void deviceMetricsAreTheRunsEstimateOnEachDevice() throws IOException {
        Path f = sweepFile("""
                scenario: small.yaml
                fixed:
                  backend: scalar
                parameters:
                  device: [rpi4, rpi5, stm32f4]
                metrics: [device_energy, device_latency, device_fits]
                """);
        Path out = dir.resolve("dev");
        Result r = cli("sweep", f.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<Map<String, String>> rows = ResultsTable.read(out.resolve("results.csv"));
        assertEquals(3, rows.size());
        // the oracle: the same run (scenario seed 3, scalar) simulated directly and estimated on each device
        var sc = org.spikeforge.simulations.scenario.ScenarioLoader.load(dir.resolve("small.yaml"),
                org.spikeforge.simulations.scenario.ScenarioLoader.Overrides.none());
        org.spikeforge.simulations.RunResult run;
        try (var sim = new org.spikeforge.simulations.Simulator(sc.network(), org.spikeforge.hardware.Backends.byName("scalar"),
                new org.spikeforge.hardware.BackendOptions(1, Map.of()))) {
            run = sim.run(sc.steps(), List.of(), org.spikeforge.simulations.Simulator.Progress.NONE);
        }
        var w = org.spikeforge.simulations.io.DeviceEstimates.workload(sc.network().graph(), run);
        for (Map<String, String> row : rows) {
            var e = org.spikeforge.hardware.edge.EdgeCostModel.estimate(org.spikeforge.hardware.edge.EdgeDevice.load(row.get("device")), w);
            assertEquals(e.energyJ(), Double.parseDouble(row.get("device_energy_per_inference_j")), 1e-12 * e.energyJ(), row.toString());
            assertEquals(e.latencyS(), Double.parseDouble(row.get("device_latency_per_inference_s")), 1e-12 * e.latencyS(), row.toString());
            assertEquals(e.fits() ? 1.0 : 0.0, Double.parseDouble(row.get("device_fits")), row.toString());
        }
        assertTrue(Files.size(out.resolve("plots/device_latency_per_inference_s_vs_device.png")) > 1000);
    }

    @Test
    void deviceMetricsNeedAKnownDeviceAndADeviceNeedsAMetric() throws IOException {
        String base = """
                scenario: small.yaml
                fixed:
                  backend: scalar
                parameters:
                  seed: [1, 2]
                metrics: [device_energy]
                """;
        rejected(base, "metric 'device_energy' needs a 'device'", "rpi5");
        rejected(base.replace("seed: [1, 2]", "device: [rpi5, rpi9]"), "device 'rpi9'", "unknown device");
        rejected(base.replace("seed: [1, 2]", "device: [rpi5]").replace("device_energy", "rate_error"), "'device' is set but no metric uses it");
    }

    @Test
    void refusesToMixTwoSweepsInOneTable() throws IOException {
        Path csv = dir.resolve("results.csv");
        Files.writeString(csv, "point,x,rate_error,spikes,wall_s\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultsTable.open(csv, List.of("point", "y", "rate_error", "spikes", "wall_s")));
        assertTrue(e.getMessage().contains("holds the results of another sweep"), e.getMessage());
    }

    @Test
    void checkValidatesAndCountsPointsWithoutRunning() throws IOException {
        Path f = sweepFile(SWEEP);
        Result r = cli("sweep", f.toString(), "--check", "--out", dir.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid; 4 points"), r.out());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
