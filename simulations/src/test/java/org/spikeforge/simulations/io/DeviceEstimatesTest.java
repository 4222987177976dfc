package org.spikeforge.simulations.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.edge.EdgeDevice;
import org.spikeforge.hardware.edge.EdgeEstimate;
import org.spikeforge.hardware.edge.InferenceWorkload;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/** A run's operations and footprint as a device workload, and the device figures worked out by hand. */
class DeviceEstimatesTest {
    @TempDir Path dir;

    /** Two CUBA populations that fire on their own (v_rest above threshold); b's input arrives 2 ms late: 20 ring slots. */
    private static final String NET = """
            dt: 0.1 ms
            duration: 20 ms
            seed: 5
            populations:
              a:
                size: 30
                model: cuba_lif
                params: {tau_m: 20 ms, tau_syn_e: 5 ms, tau_syn_i: 10 ms, v_rest: -49 mV, v_reset: -60 mV, v_th: -50 mV, r: 1 GOhm, t_ref: 5 ms}
                initial: {v: "uniform(-60 mV, -50 mV)"}
              b:
                size: 10
                model: cuba_lif
                params: {tau_m: 20 ms, tau_syn_e: 5 ms, tau_syn_i: 10 ms, v_rest: -49 mV, v_reset: -60 mV, v_th: -50 mV, r: 1 GOhm, t_ref: 5 ms}
                initial: {v: "uniform(-60 mV, -50 mV)"}
            projections:
              aa: {source: a, target: a, receptor: exc, connect: {rule: fixed_probability, p: 0.3}, weight: 1.62 pA, delay: 0.1 ms}
              ab: {source: a, target: b, receptor: exc, connect: {rule: fixed_probability, p: 0.5}, weight: 2 pA, delay: 2 ms}
            """;

    private record Ran(Scenario scenario, RunResult run) {}

    private Ran run(String yaml) throws IOException {
        Path f = dir.resolve("net.yaml");
        Files.writeString(f, yaml);
        Scenario sc = ScenarioLoader.load(f, new ScenarioLoader.Overrides(null, null, "scalar", 1, Map.of()));
        try (Simulator sim = new Simulator(sc.network(), Backends.byName("scalar"), new BackendOptions(1, Map.of()))) {
            return new Ran(sc, sim.run(sc.steps(), sc.probes(), Simulator.Progress.NONE));
        }
    }

    @Test
    void theWorkloadIsTheRunsCountsAndTheNetworkInSinglePrecision() throws IOException {
        Ran r = run(NET);
        InferenceWorkload w = DeviceEstimates.workload(r.scenario().network().graph(), r.run());
        assertTrue(r.run().counts().get("synaptic_events") > 0, "the populations fire and deliver");
        assertEquals((double) r.run().counts().get("synaptic_events"), w.synapticEvents());
        assertEquals((double) r.run().counts().get("spikes"), w.spikes());
        assertEquals(200, w.steps());
        assertEquals(40 * 200, w.neuronUpdates(), "every neuron in every step");
        assertEquals(40, w.neurons());
        // cuba_lif: v, i_e, i_i and two receptors; a's ring has 1 slot (delay 1 step), b's 20 (2 ms): 4 bytes each
        assertEquals(4 * (3 + 2 * 1) * 30 + 4 * (3 + 2 * 20) * 10, w.stateBytes());
        assertEquals(4 * (30 + 10), w.bufferBytes(), "a spike list of 4 bytes a neuron");
        assertEquals(r.scenario().network().graph().synapseStorageBytes(), w.parameterBytes());
        assertTrue(w.floatWeights() && w.floatState());
    }

    @Test
    void aProcessorsTimeAndEnergyFollowItsProfileOnPaper() throws IOException {
        Ran r = run(NET);
        InferenceWorkload w = DeviceEstimates.workload(r.scenario().network().graph(), r.run());
        EdgeEstimate e = DeviceEstimates.estimate(List.of(EdgeDevice.load("rpi5")), w).get(0);
        // rpi5.properties: load 0.5, store 1, fadd 0.5, fmac 0.125 cycles; 128-bit NEON, fp32 lanes: 4; 2.4 GHz; 4.0 W.
        // A synaptic event: 3 loads + a store + an fp32 add = 3.0 cycles. A neuron update: (2 loads + 2 stores)/4 lanes
        // + 3 fmac + 1 fadd = 0.75 + 0.375 + 0.5 = 1.625 cycles (EdgeCostModel's formulas).
        double cycles = w.synapticEvents() * 3.0 + w.neuronUpdates() * 1.625;
        assertEquals(cycles, e.cycles(), 1e-9 * cycles);
        assertEquals(cycles / 2.4e9, e.latencyS(), 1e-12);
        assertEquals(4.0 * cycles / 2.4e9, e.energyJ(), 1e-12);
        assertTrue(e.fits(), e.fitSummary());
    }

    @Test
    void cubaDoesNotFitAnStm32f4sFlashButFitsARaspberryPi() throws IOException {
        Ran r = run(Files.readString(Path.of("examples/cuba.yaml")).replace("duration: 1 s", "duration: 5 ms"));
        InferenceWorkload w = DeviceEstimates.workload(r.scenario().network().graph(), r.run());
        List<EdgeEstimate> es = DeviceEstimates.estimate(DeviceEstimates.devices("stm32f4, rpi4"), w);
        assertFalse(es.get(0).fits(), "320,468 synapses, 1.3 MB, against 512 KiB of flash");
        assertTrue(es.get(0).fitSummary().contains("flash"), es.get(0).fitSummary());
        assertTrue(es.get(1).fits(), es.get(1).fitSummary());
        String text = DeviceEstimates.text(es, 0.005);
        assertTrue(text.contains("on stm32f4") && text.contains("does NOT fit") && text.contains("on rpi4"), text);
        List<Map<String, Object>> json = DeviceEstimates.toJson(es, w, 0.005);
        assertEquals("stm32f4", json.get(0).get("device"));
        assertEquals(false, json.get(0).get("fits"));
        assertEquals(0.005 / es.get(1).latencyS(), (double) json.get(1).get("realtime_factor"), 1e-12);
    }

    @Test
    void devicesAreAllOrNamesAndABadNameSaysWhatThereIs() {
        assertEquals(EdgeDevice.names().size(), DeviceEstimates.devices("all").size());
        assertEquals(List.of("rpi5", "loihi"), DeviceEstimates.devices("rpi5,loihi").stream().map(EdgeDevice::name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceEstimates.devices("rpi9"));
        assertTrue(e.getMessage().startsWith("--estimate: value 'rpi9'") && e.getMessage().contains("stm32h7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceEstimates.devices(" "));
    }
}
