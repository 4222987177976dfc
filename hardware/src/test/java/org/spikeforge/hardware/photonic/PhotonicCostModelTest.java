package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.DeviceProfile;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.CsrConnectivity;

/** The cost model against figures worked out by hand from the bundled profile. */
class PhotonicCostModelTest {
    private static final DeviceProfile P = DeviceProfile.load("photonic_silicon_thermo");

    /** 4 inputs, all-to-all onto 4 LIF neurons (one 4-mode unit), input spikes in 3 of 10 steps. */
    private static PhotonicNetwork runTinyNetwork(Map<String, String> extra) {
        int n = 4;
        int[] pre = new int[n * n], post = new int[n * n];
        for (int k = 0; k < n * n; k++) {
            pre[k] = k / n;
            post[k] = k % n;
        }
        float[] w = new float[n * n];
        java.util.Arrays.fill(w, 1f);
        NetworkGraph.Projection pr = new NetworkGraph.Projection("in->A", 0, 1, 0, 0, CsrConnectivity.fromPairs(n, n, pre, post, n * n, null), w, 1);
        Lif lif = new Lif(10, -65, -65, -50, 0.1, 2, ResetMode.TO_VALUE);
        double[][] init = {{-65, -65, -65, -65}};
        NetworkGraph g = new NetworkGraph(0.1, List.of(new NetworkGraph.Population("A", n, lif, init)),
                List.of(new NetworkGraph.Source("in", new SpikeArraySource(n, new long[] {1, 1, 4, 7}, new int[] {0, 3, 2, 1}))),
                List.of(pr), List.of());
        PhotonicNetwork net = (PhotonicNetwork) new PhotonicBackend().compile(g, new BackendOptions(1, extra));
        for (long s = 0; s < 10; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
        }
        return net;
    }

    @Test
    void perOperationFiguresMultiplyTheCounts() {
        PhotonicNetwork net = runTinyNetwork(Map.of("photonic.laser_power_mw", "2"));
        CostReport r = PhotonicCostModel.estimate(net);
        OperationCounts c = net.counts();
        assertEquals(3L, c.extra.get("optical_reads"));
        assertEquals(12L, c.extra.get("modulator_uses"));
        // 4 modes: 2 meshes × (6 MZIs × 2 + 4 output phases) + 4 attenuators × 2 = 40 phase shifters
        assertEquals(40L, c.extra.get("mzi_phase_settings"));
        assertEquals(12 * 0.9e-15, r.component("modulator").energyJ(), 1e-30);
        assertEquals(12 * 30e-15 * 256, r.component("adc").energyJ(), 1e-25, "8 profile bits");
        assertEquals(12 * 100e-15, r.component("receiver").energyJ(), 1e-27);
        // laser: 12 channel reads × 2 mW / 0.2 wall-plug × 100 ps
        assertEquals(12 * 2e-3 / 0.2 * 1e-10, r.component("laser").energyJ(), 1e-24);
        // 16 MZIs (6 + 6 + 4 attenuators) of 250 µm × 50 µm
        assertEquals(16 * 250 * 50 * 1e-6, r.areaMm2(), 1e-12);
        assertEquals(40 * 4.6e-12, r.component("electronic_neurons").energyJ(), 1e-24);
        // critical path: 10 neuron steps; 3 read steps × (modulator + optical path + receiver + ADC); one settle
        int depth = net.units().get(0).optics().opticalDepth();
        double path = depth * 250e-6 * 4.2 / 299_792_458.0;
        double latency = 10 * 1e-9 + 3 * (40e-12 + path + 1e-10 + 1e-10) + 1.22e-6;
        assertEquals(latency, r.latencyS(), 1e-18);
        // heaters hold Σ phase/π × P_π for the whole run
        double held = net.units().get(0).optics().heldPhaseSum();
        assertEquals(held / Math.PI * 24.77e-3 * latency, r.component("phase_shifter_hold").energyJ(), 1e-20);
        double sum = 0;
        for (CostReport.Component part : r.components()) sum += part.energyJ();
        assertEquals(sum, r.energyJ(), 1e-25);
        assertEquals("photonic", r.backend());
        assertEquals(c.asMap(), r.counts());
    }

    @Test
    void laserPowerFromTargetSnrGrowsWithTheLossOfTheMesh() {
        double lossless = PhotonicCostModel.estimate(runTinyNetwork(Map.of("photonic.insertion_loss_db", "0"))).component("laser").energyJ();
        double lossy = PhotonicCostModel.estimate(runTinyNetwork(Map.of("photonic.insertion_loss_db", "1"))).component("laser").energyJ();
        int depth = runTinyNetwork(Map.of()).units().get(0).optics().opticalDepth();
        assertEquals(Math.pow(10, depth * 1.0 / 10), lossy / lossless, 1e-9, "1 dB more per MZI on a depth-" + depth + " path");
        // and at 0 dB it is SNR·σ_E²/η per channel read, over the wall-plug efficiency, for one read time
        Receiver rx = new Receiver(1.0, 10e9, 300, 1000, 1e-3);
        double perChannel = rx.laserPowerForSnr(1000, Math.pow(10, -0.15));
        assertEquals(12 * perChannel / 0.2 * 1e-10, lossless, 1e-12 * lossless);
    }

    @Test
    void aMeshWhoseLaserPowerExceedsTheChannelLimitIsFlaggedWithATileSize() {
        CostReport ok = PhotonicCostModel.estimate(runTinyNetwork(Map.of()));
        assertTrue(ok.feasible() && ok.warnings().isEmpty(), "a 4-mode mesh at the profile's 0.23 dB per MZI is feasible: " + ok.warnings());
        assertEquals(Boolean.TRUE, ok.asMap().get("feasible"));

        double il = 8; // dB per MZI: absurd on purpose, so that 4 modes already need more than 0.1 W per channel
        PhotonicNetwork net = runTinyNetwork(Map.of("photonic.insertion_loss_db", Double.toString(il)));
        CostReport r = PhotonicCostModel.estimate(net);
        int depth = net.units().get(0).optics().opticalDepth();
        Receiver rx = new Receiver(1.0, 10e9, 300, 1000, 1e-3);
        double p0 = rx.laserPowerForSnr(1000, Math.pow(10, -0.15)); // 30 dB SNR after 1.5 dB coupling, no mesh loss
        double pCh = p0 * Math.pow(10, depth * il / 10);
        assertTrue(pCh > 0.1, "the set-up must break the limit: " + pCh + " W");
        // largest depth with P <= 0.1 W, and the tile that has it (the depth of an N-mode mapping grows like N)
        int tile = (int) Math.floor(4 * (10 * Math.log10(0.1 / p0) / il) / depth);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0);
        assertTrue(w.startsWith("in->A: a 4×4 mesh of optical depth " + depth), w);
        assertTrue(w.contains("laser.max_power_per_channel_w = 0.100 W"), w);
        assertTrue(tile >= 2 ? w.contains("at most " + tile + " modes") : w.contains("even a 2-mode mesh"), "tile " + tile + ": " + w);
        assertEquals(Boolean.FALSE, r.asMap().get("feasible"));
        assertEquals(List.of(w), r.asMap().get("warnings"));
    }

    @Test
    void holdTimeCanBeTheBiologicalRunTime() {
        PhotonicNetwork net = runTinyNetwork(Map.of());
        double realTime = 10 * 0.1e-3; // 10 steps of 0.1 ms
        CostReport r = PhotonicCostModel.estimate(net, realTime);
        double held = net.units().get(0).optics().heldPhaseSum();
        assertEquals(held / Math.PI * 24.77e-3 * realTime, r.component("phase_shifter_hold").energyJ(), 1e-18);
        assertTrue(r.component("phase_shifter_hold").energyJ() > 0.5 * r.energyJ(), "thermo-optic holding dominates in real time");
    }
}
