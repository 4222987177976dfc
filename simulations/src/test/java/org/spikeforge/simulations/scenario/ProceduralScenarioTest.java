package org.spikeforge.simulations.scenario;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;

/** {@code connect: {rule: fixed_probability, procedural: true}} in a scenario file. */
class ProceduralScenarioTest {

    static final String YAML = """
            dt: 0.1 ms
            duration: 200 ms
            seed: 3
            populations:
              exc: {size: 1600, model: cuba_lif, params: {tau_m: 20 ms, tau_syn_e: 5 ms, tau_syn_i: 10 ms, v_rest: -49 mV, v_reset: -60 mV, v_th: -50 mV, r: 1 GOhm, t_ref: 5 ms}, initial: {v: "uniform(-60 mV, -50 mV)"}}
              inh: {size: 400, model: cuba_lif, params: {tau_m: 20 ms, tau_syn_e: 5 ms, tau_syn_i: 10 ms, v_rest: -49 mV, v_reset: -60 mV, v_th: -50 mV, r: 1 GOhm, t_ref: 5 ms}, initial: {v: "uniform(-60 mV, -50 mV)"}}
            projections:
              ee: {source: exc, target: exc, receptor: exc, connect: {rule: fixed_probability, p: 0.04, procedural: true}, weight: 1.62 pA}
              ei: {source: exc, target: inh, receptor: exc, connect: {rule: fixed_probability, p: 0.04, procedural: true}, weight: 1.62 pA}
              ie: {source: inh, target: exc, receptor: inh, connect: {rule: fixed_probability, p: 0.04}, weight: -9 pA}
              ii: {source: inh, target: inh, receptor: inh, connect: {rule: fixed_probability, p: 0.04}, weight: -9 pA}
            """;

    static Scenario load(String text, String backend, int threads) {
        return ScenarioLoader.parse(text, "test.yaml", "test", new ScenarioLoader.Overrides(null, null, backend, threads, Map.of()));
    }

    static SpikeProbe run(Scenario sc) {
        Backend be = Backends.byName(sc.backend());
        SpikeProbe probe = new SpikeProbe("exc", sc.network().node("exc"));
        try (Simulator sim = new Simulator(sc.network(), be, new BackendOptions(sc.threads(), Map.of()))) {
            RunResult r = sim.run(sc.steps(), List.of(probe), Simulator.Progress.NONE);
            assertTrue(r.completed());
        }
        return probe;
    }

    @Test
    void proceduralProjectionsStoreNothingPerSynapseAndRunIdenticallyOnScalarAndSimd() {
        Scenario sc = load(YAML, "scalar", 1);
        NetworkGraph g = sc.network().graph();
        NetworkGraph.Projection ee = g.projections().get(0);
        assertTrue(ee.isProcedural());
        assertTrue(ee.procedural().excludeSelf(), "self-connections are excluded unless allow_self");
        assertEquals(4, ee.connectivityBytes(), "one shared float weight, zero bytes per synapse");
        assertEquals(0.04 * 1600 * 1599, ee.synapses(), 5 * Math.sqrt(0.04 * 1600 * 1599));
        assertFalse(g.projections().get(2).isProcedural());

        SpikeProbe scalar = run(sc);
        assertTrue(scalar.count() > 500, "active network: " + scalar.count());
        for (int threads : new int[] {1, 2}) {
            SpikeProbe simd = run(load(YAML, "simd", threads));
            assertArrayEquals(scalar.steps(), simd.steps(), "simd, " + threads + " thread(s)");
            assertArrayEquals(scalar.neurons(), simd.neurons(), "simd, " + threads + " thread(s)");
        }
    }

    @Test
    void rejectsPerSynapseWeightsWithProceduralConnectivityNamingTheField() {
        String bad = YAML.replace("procedural: true}, weight: 1.62 pA}\n  ei", "procedural: true}, weight: \"uniform(1 pA, 2 pA)\"}\n  ei");
        assertNotEquals(YAML, bad);
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(bad, "scalar", 1));
        assertTrue(e.getMessage().contains("projections.ee.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("expected one constant weight"), e.getMessage());
    }
}
