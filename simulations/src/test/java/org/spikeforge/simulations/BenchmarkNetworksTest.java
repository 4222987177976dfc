package org.spikeforge.simulations;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/** The CUBA and COBA example scenarios against Brian2 2.5.1's rates over seeds (fixture). */
class BenchmarkNetworksTest {

    static Path example(String name) {
        // Tests run in the module folder; the examples are the ones users run.
        return Path.of("examples", name + ".yaml");
    }

    static RunResult run(String name, long seed) {
        return run(name, seed, java.util.Map.of());
    }

    static RunResult run(String name, long seed, java.util.Map<String, String> set) {
        Scenario sc = ScenarioLoader.load(example(name), new ScenarioLoader.Overrides(seed, null, null, null, set));
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            return sim.run(sc.steps(), List.of(), Simulator.Progress.NONE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cuba", "coba", "coba/euler"})
    void meanRateLiesWithinBrian2RangeOverSeeds(String config) throws IOException {
        // coba/euler: the populations integrated with method: euler, as the Brian2 runs of the fixture were
        String name = config.split("/")[0];
        java.util.Map<String, String> set = config.endsWith("/euler")
                ? java.util.Map.of("populations.exc.method", "euler", "populations.inh.method", "euler") : java.util.Map.of();
        double[] brian = brianRates(name);
        double mean = 0;
        for (double r : brian) mean += r;
        mean /= brian.length;
        double var = 0;
        for (double r : brian) var += (r - mean) * (r - mean);
        double sd = Math.sqrt(var / (brian.length - 1));
        int n = 3;
        double ours = 0;
        for (long seed = 101; seed < 101 + n; seed++) {
            RunResult r = run(name, seed, set);
            assertEquals(4000, r.neurons());
            assertEquals(10_000, r.stepsDone());
            // each seed within Brian2's spread (3 sd), the mean of ours within 3 standard errors
            assertTrue(Math.abs(r.meanRateHz() - mean) < 3 * sd, config + " seed " + seed + ": " + r.meanRateHz() + " Hz vs Brian2 " + mean + " ± " + sd);
            ours += r.meanRateHz() / n;
        }
        double se = Math.sqrt(sd * sd / brian.length + sd * sd / n);
        assertTrue(Math.abs(ours - mean) < 3 * se, config + ": mean " + ours + " Hz vs Brian2 " + mean + " (se " + se + ")");
    }

    @Test
    void synapseCountMatchesBrian2() throws IOException {
        Scenario sc = ScenarioLoader.load(example("cuba"), ScenarioLoader.Overrides.none());
        JsonNode cuba = fixture().get("cuba");
        double exc = 0, inh = 0;
        for (JsonNode r : cuba) {
            exc += r.get("syn_exc").asDouble() / cuba.size();
            inh += r.get("syn_inh").asDouble() / cuba.size();
        }
        long ours = sc.network().graph().synapseCount();
        double expected = exc + inh; // ≈ 0.02 · 4000²
        assertEquals(expected, ours, 5 * Math.sqrt(expected));
    }

    @Test
    void sameSeedGivesIdenticalSpikesAndDifferentSeedsDiffer() {
        int[][] a = spikes(7), b = spikes(7), c = spikes(8);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        assertTrue(a[0].length > 100);
        assertFalse(java.util.Arrays.equals(a[1], c[1]) && java.util.Arrays.equals(a[0], c[0]));
    }

    private static int[][] spikes(long seed) {
        Scenario sc = ScenarioLoader.load(example("cuba"),
                new ScenarioLoader.Overrides(seed, "200 ms", null, null, java.util.Map.of()));
        SpikeProbe p = new SpikeProbe("exc", sc.network().node("exc"));
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(sc.steps(), List.of(p), Simulator.Progress.NONE);
        }
        return new int[][] {p.steps(), p.neurons()};
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = BenchmarkNetworksTest.class.getResourceAsStream("/fixtures/brian2/rates_by_seed.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] brianRates(String name) throws IOException {
        List<Double> out = new ArrayList<>();
        for (JsonNode r : fixture().get(name)) out.add(r.get("rate_hz").asDouble());
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
