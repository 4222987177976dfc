package org.spikeforge.simulations.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.FixedPointCubaLif;
import org.spikeforge.neurons.Izhikevich;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.StateProbe;
import org.spikeforge.simulations.WeightProbe;
import org.spikeforge.synapses.device.DevicePresets;
import org.spikeforge.synapses.plasticity.PairStdp;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;

/** Plastic and device-backed projections, weight probes, Izhikevich presets and precision in scenario files. */
class PlasticityScenarioTest {

    /** One pre spike at 10 ms; a kick makes the post neuron fire at {@code kick} + one step. */
    private static final String PAIR = """
            dt: 0.1 ms
            duration: 30 ms
            populations:
              post: {size: 1, model: if, params: {c_m: 250 pF, v_reset: 0 mV, v_th: 1 mV, t_ref: 0 ms}}
            inputs:
              pre: {type: spike_times, times: [10 ms]}
              kick: {type: spike_times, times: [%s]}
            projections:
              kicker: {source: kick, target: post, connect: all_to_all, weight: 5 mV}
              learn:
                source: pre
                target: post
                connect: all_to_all
                weight: 0.5 mV
                plasticity:
                  rule: stdp
                  params: {a_plus: 0.01 mV, a_minus: 0.012 mV, tau_plus: 16.8 ms, tau_minus: 33.7 ms, w_max: 1 mV}
                  %s
            probes:
              w: {type: weights, target: learn, every: 0.1 ms}
            """;

    private static Scenario load(String yaml) {
        return ScenarioLoader.parse(yaml, "test.yaml", "test", ScenarioLoader.Overrides.none());
    }

    private static void run(Scenario sc) {
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(sc.steps(), sc.probes(), Simulator.Progress.NONE);
        }
    }

    private static <T extends Probe> T probe(Scenario sc, String name, Class<T> type) {
        for (Probe p : sc.probes()) if (p.name().equals(name)) return type.cast(p);
        throw new AssertionError("no probe " + name);
    }

    private static double finalWeight(String kick, String device) {
        Scenario sc = load(PAIR.formatted(kick, device));
        run(sc);
        WeightProbe w = probe(sc, "w", WeightProbe.class);
        assertEquals(300, w.samples());
        assertEquals(0.5, w.value(0, 0), 1e-7, "unchanged before the pair");
        return w.value(w.samples() - 1, 0);
    }

    @Test
    void stdpFromYamlFollowsTheAnalyticWindowForBothOrders() {
        // pre in step 100; the kick at 14 ms arrives (and the post neuron fires) in step 141: Δt = +4.1 ms
        assertEquals(0.5 + 0.01 * Math.exp(-4.1 / 16.8), finalWeight("14 ms", ""), 1e-6);
        // post fires in step 51, pre in step 100: Δt = −4.9 ms
        assertEquals(0.5 - 0.012 * Math.exp(-4.9 / 33.7), finalWeight("5 ms", ""), 1e-6);
    }

    @Test
    void idealDevicePresetLearnsExactlyAsIdealSynapses() {
        assertEquals(finalWeight("14 ms", ""), finalWeight("14 ms", "device: ideal"), 0.0);
        assertEquals(finalWeight("5 ms", ""), finalWeight("5 ms", "device: ideal"), 0.0);
    }

    @Test
    void deviceBindingCarriesThePresetAndItsScale() {
        NetworkGraph g = load(PAIR.formatted("14 ms", "device: reram_es")).network().graph();
        NetworkGraph.Plasticity pl = g.plasticity().get(0);
        assertEquals(DevicePresets.load("reram_es").device(), pl.device().device());
        assertEquals(1.0, pl.device().weightScale(), 0.0, "default: w_max (1 mV) over the device's w_max (1)");
        g = load(PAIR.formatted("14 ms", "device: {preset: pcm, weight_scale: 0.25 mV, levels: 16, stuck_off_rate: 2 %}"))
                .network().graph();
        NetworkGraph.DeviceBinding b = g.plasticity().get(0).device();
        assertEquals(0.25, b.weightScale(), 0.0);
        assertEquals(16, b.device().levels());
        assertEquals(0.02, b.device().stuckOffRate(), 1e-15);
        assertEquals(DevicePresets.load("pcm").device().withLevels(16).withFaults(0, 0.02), b.device());
        assertNull(load(PAIR.formatted("14 ms", "")).network().graph().plasticity().get(0).device());
    }

    @Test
    void plasticityCoversEveryDelayGroupWithPerSynapseWeights() {
        Scenario sc = load("""
                dt: 0.1 ms
                duration: 1 ms
                seed: 4
                populations:
                  p: {size: 3, model: lif}
                inputs:
                  s: {type: poisson, size: 4, rate: 10 Hz}
                projections:
                  x:
                    source: s
                    target: p
                    connect: {rule: explicit, pairs: [[0, 1], [1, 0], [1, 2], [3, 2], [2, 0], [0, 0]]}
                    weight: 0.3 mV
                    delay: "uniform(0.1 ms, 0.5 ms)"
                    plasticity: {rule: stdp, params: {a_plus: 0.01 mV, a_minus: 0.01 mV, w_max: 1 mV}}
                probes:
                  w: {type: weights, target: x, synapses: all}
                """);
        NetworkGraph g = sc.network().graph();
        int[] groups = sc.network().projectionGroups("x");
        assertTrue(groups.length >= 2, "random delays give several groups: " + groups.length);
        assertEquals(groups.length, g.plasticity().size());
        Set<Integer> covered = new HashSet<>();
        for (NetworkGraph.Plasticity pl : g.plasticity()) {
            covered.add(pl.projection());
            assertInstanceOf(PairStdp.class, pl.rule());
            NetworkGraph.Projection pr = g.projections().get(pl.projection());
            assertEquals(pr.connectivity().synapses(), pr.weights().length, "one weight per synapse");
        }
        assertEquals(Set.of(java.util.Arrays.stream(groups).boxed().toArray(Integer[]::new)), covered);
        run(sc);
        WeightProbe w = probe(sc, "w", WeightProbe.class);
        assertEquals(6, w.synapseCount());
        Set<List<Integer>> pairs = new HashSet<>();
        for (int k = 0; k < 6; k++) {
            pairs.add(List.of(w.source(k), w.target(k)));
            assertEquals(0.3, w.value(0, k), 1e-7);
        }
        assertEquals(Set.of(List.of(0, 1), List.of(1, 0), List.of(1, 2), List.of(3, 2), List.of(2, 0), List.of(0, 0)), pairs);
    }

    @Test
    void tsodyksMarkramReachesTheAnalyticSteadyStateOfARegularTrain() {
        StringBuilder times = new StringBuilder();
        for (int k = 0; k < 20; k++) times.append(k == 0 ? "" : ", ").append(20 * k).append(" ms");
        Scenario sc = load("""
                dt: 0.1 ms
                duration: 400 ms
                populations:
                  n: {size: 1, model: if, params: {c_m: 250 pF, v_reset: 0 mV, v_th: 1000 mV}}
                inputs:
                  train: {type: spike_times, times: [%s]}
                projections:
                  syn:
                    source: train
                    target: n
                    connect: all_to_all
                    weight: 1 mV
                    plasticity: {rule: tsodyks_markram, params: {u: 50 %%, tau_rec: 100 ms}}
                probes:
                  v: {type: state, target: n, variable: v}
                """.formatted(times));
        assertEquals(new TsodyksMarkram(0.5, 100, 0), sc.network().graph().plasticity().get(0).rule());
        run(sc);
        StateProbe v = probe(sc, "v", StateProbe.class);
        // the last spike (step 3800) arrives in step 3801: the jump there is w·u*·x*
        double jump = v.value(3801, 0) - v.value(3800, 0);
        double d = Math.exp(-20.0 / 100.0);
        double xStar = (1 - d) / (1 - (1 - 0.5) * d);
        assertEquals(0.5 * xStar, jump, 1e-6);
        assertEquals(0.5, v.value(1, 0) - v.value(0, 0), 1e-9, "the first spike transmits w·U");
    }

    @Test
    void izhikevichPresetsAndFixedPointPrecisionSelectTheModel() {
        Scenario sc = load("""
                dt: 1 ms
                duration: 1 ms
                populations:
                  fs: {size: 1, model: izhikevich, preset: FS}
                  rs: {size: 1, model: izhikevich, preset: regular_spiking, params: {d: 6 pA}}
                  q: {size: 2, model: cuba_lif, precision: fixed_point, params: {state_bits: 16, v_lsb: 0.125 mV}}
                """);
        var pops = sc.network().graph().populations();
        assertEquals(Izhikevich.Preset.FS.model(), pops.get(0).model());
        Izhikevich rs = (Izhikevich) pops.get(1).model();
        assertArrayEquals(new double[] {0.02, 0.2, -65, 6}, new double[] {rs.a(), rs.b(), rs.c(), rs.d()}, "params override the preset");
        FixedPointCubaLif q = assertInstanceOf(FixedPointCubaLif.class, pops.get(2).model());
        assertEquals(16, q.stateBits());
        assertEquals(0.125, q.vLsb(), 0.0);
    }

    private static String rejects(String yaml, String field, String... parts) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(yaml));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("test.yaml: field '" + field + "'"), msg);
        for (String p : parts) assertTrue(msg.contains(p), "'" + p + "' in: " + msg);
        assertEquals(1, msg.lines().count(), msg);
        return msg;
    }

    @Test
    void cobaMethodIsReadIntoTheModelAndBadOnesAreRejectedWithTheirField() {
        String yaml = """
                dt: 0.1 ms
                duration: 1 ms
                populations:
                  a: {size: 2, model: coba_lif, method: euler}
                  b: {size: 2, model: coba_lif}
                """;
        List<NetworkGraph.Population> pops = load(yaml).network().graph().populations();
        assertEquals(org.spikeforge.neurons.CobaLif.Method.EULER, ((org.spikeforge.neurons.CobaLif) pops.get(0).model()).method());
        assertEquals(org.spikeforge.neurons.CobaLif.Method.EXPONENTIAL_EULER, ((org.spikeforge.neurons.CobaLif) pops.get(1).model()).method());
        rejects(yaml.replace("method: euler", "method: rk4"), "populations.a.method", "value 'rk4'", "expected one of exponential_euler, euler");
        rejects(yaml.replace("model: coba_lif, method: euler", "model: lif, method: euler"), "populations.a.method", "value 'euler'",
                "model 'lif' has one integration scheme", "models with a choice: coba_lif");
    }

    @Test
    void badPlasticityAndPopulationFieldsAreRejectedWithTheirField() {
        String base = PAIR.formatted("14 ms", "");
        String at = "projections.learn.plasticity";
        rejects(base.replace("rule: stdp", "rule: bcm"), at + ".rule", "value 'bcm'", "stdp, triplet_stdp, tsodyks_markram");
        rejects(base.replace(", w_max: 1 mV", ""), at + ".params.w_max", "missing required field 'w_max'");
        rejects(base.replace("a_plus: 0.01 mV", "a_plus: 0.01 pA"), at + ".params.a_plus", "wrong unit", "voltage");
        rejects(base.replace("a_plus: 0.01 mV", "a_plus: -0.01 mV"), at + ".params.a_plus", "value '-0.01 mV'", "expected a non-negative");
        rejects(base.replace("w_max: 1 mV", "w_max: 1 mV, w_min: 2 mV"), at + ".params.w_max", "expected w_max >= w_min");
        rejects(base.replace("tau_plus: 16.8 ms", "tau_plus: 16.8 ms, tau_x: 5 ms"), at + ".params.tau_x", "unknown key 'tau_x'");
        rejects(PAIR.formatted("14 ms", "device: flash"), at + ".device", "value 'flash'", "ideal, reram_es, reram_sb, pcm");
        rejects(PAIR.formatted("14 ms", "device: {preset: pcm, stuck_on_rate: 150 %}"), at + ".device.stuck_on_rate", "value '150 %'", "expected a probability");
        rejects(PAIR.formatted("14 ms", "device: pcm").replace("rule: stdp", "rule: tsodyks_markram").replace(
                "{a_plus: 0.01 mV, a_minus: 0.012 mV, tau_plus: 16.8 ms, tau_minus: 33.7 ms, w_max: 1 mV}", "{u: 0.5, tau_rec: 100 ms}"),
                at + ".device", "long-term rule");
        rejects(base.replace("w: {type: weights, target: learn", "w: {type: weights, target: kick"), "probes.w.target",
                "unknown projection", "kicker, learn");
        rejects(base.replace("model: if, params: {c_m: 250 pF, v_reset: 0 mV, v_th: 1 mV, t_ref: 0 ms}", "model: lif, preset: RS"),
                "populations.post.preset", "izhikevich only");
        rejects(base.replace("model: if, params: {c_m: 250 pF, v_reset: 0 mV, v_th: 1 mV, t_ref: 0 ms}", "model: izhikevich, preset: XX"),
                "populations.post.preset", "RS, IB, CH, FS, LTS");
        rejects(base.replace("model: if,", "model: if, precision: fixed_point,"), "populations.post.precision", "cuba_lif");
        rejects(base.replace("model: if,", "model: if, precision: half,"), "populations.post.precision", "float64 or fixed_point");
    }
}
