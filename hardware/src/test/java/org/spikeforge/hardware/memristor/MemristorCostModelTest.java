package org.spikeforge.hardware.memristor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;

/**
 * The cost model on a 2-tile example worked out on paper: 6 inputs all-to-all onto 2 LIF neurons,
 * weight 0.5, on 4×4 tiles. A 4-column tile holds 2 differential pairs, so the 6×2 matrix needs
 * ⌈6/4⌉ = 2 row blocks × ⌈2/2⌉ = 1 column block: tile 0 has rows 0–3, tile 1 rows 4–5. Inputs
 * 0 and 5 spike in step 1 (both tiles read), input 2 in step 3 (tile 0 only); 5 steps.
 */
class MemristorCostModelTest {

    private static MemristorNetwork run(String... options) {
        int m = 6, n = 2;
        double[][] w = new double[m][n];
        for (double[] row : w) java.util.Arrays.fill(row, 0.5);
        NetworkGraph.Projection dense = Networks.dense("in->A", w);
        Lif lif = new Lif(10, -65, -65, -50, 0.1, 2, ResetMode.TO_VALUE);
        NetworkGraph g = new NetworkGraph(0.1, List.of(new NetworkGraph.Population("A", n, lif, new double[][] {{-65, -65}})),
                List.of(new NetworkGraph.Source("in", new SpikeArraySource(m, new long[] {1, 1, 3}, new int[] {0, 5, 2}))),
                List.of(dense), List.of());
        Map<String, String> extra = new HashMap<>();
        extra.put("memristor.tile_size", "4x4");
        for (int k = 0; k < options.length; k += 2) extra.put(options[k], options[k + 1]);
        MemristorNetwork net = (MemristorNetwork) new MemristorBackend().compile(g, new BackendOptions(1, extra));
        for (long s = 0; s < 5; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
        }
        return net;
    }

    @Test
    void countsOfTheTwoTileExample() {
        MemristorNetwork net = run();
        assertEquals(2, net.tileCount());
        Map<String, Long> c = net.counts().extra;
        assertEquals(3L, c.get("tile_activations"), "step 1: both tiles; step 3: tile 0");
        assertEquals(3L, c.get("dac_conversions"), "one row drive per spiking row and tile read");
        assertEquals(12L, c.get("cell_reads"), "3 driven rows × 4 physical columns");
        assertEquals(6L, c.get("adc_conversions"), "2 weight columns × 1 slice per tile read");
        assertEquals(6L, c.get("digital_accumulates"));
        assertEquals(27L, c.get("bytes_moved"), "per read: 1 byte of row spikes + 2 columns × 4 bytes");
        assertEquals(2L, c.get("read_steps"));
        assertEquals(3L, c.get("accumulate_depth"), "step 1 adds 2 partial sums per output, step 3 one");
        assertEquals(0L, c.get("adc_clipped"));
        // weight 0.5 maps to g = 0.5 / 0.5 = 1 on each positive cell: 3 driven rows × 2 cells at 1
        assertEquals(6.0, net.conductanceRead(), 1e-12);
    }

    @Test
    void energyLatencyAndAreaOfTheTwoTileExampleByHand() {
        CostReport r = run().cost();
        double v = 0.5, tp = 10e-9, gOn = 1 / 100e3, gOff = gOn / 17;
        // array: V²·t_p·(12 cell reads at G_off + (G_on − G_off)·6)
        assertEquals(v * v * tp * (12 * gOff + (gOn - gOff) * 6), r.component("crossbar_array").energyJ(), 1e-28);
        assertEquals(3 * 4 * 0.05e-15, r.component("row_drivers").energyJ(), 1e-32);
        assertEquals(6 * 5e-15 * 16, r.component("adc").energyJ(), 1e-28, "ideal ADC costed at the profile's 4 bits");
        assertEquals(6 * 0.1e-12, r.component("digital_accumulate").energyJ(), 1e-27);
        assertEquals(27 * 1.25e-12, r.component("data_movement").energyJ(), 1e-26);
        assertEquals(10 * 4.6e-12, r.component("digital_neurons").energyJ(), 1e-25, "2 neurons × 5 steps");
        double energy = v * v * tp * (12 * gOff + (gOn - gOff) * 6) + 3 * 4 * 0.05e-15 + 6 * 5e-15 * 16 + 6 * 0.1e-12
                + 27 * 1.25e-12 + 10 * 4.6e-12;
        assertEquals(energy, r.energyJ(), 1e-25);
        // tiles in parallel: 2 read windows × (10 ns pulse + ⌈2 conversions / 1 ADC⌉ × 4 bits × 1 ns),
        // + 3 accumulations × 1 ns + 5 neuron steps × 1 ns
        double latency = 2 * (10e-9 + 2 * 4 * 1e-9) + 3 * 1e-9 + 5 * 1e-9;
        assertEquals(latency, r.latencyS(), 1e-20);
        assertEquals(2 * 10e-9, r.component("row_drivers").latencyS(), 1e-20);
        // area: 2 tiles × 16 cells × 48 F² at 22 nm, 2 ADCs at 3e-4 mm², 2 tile peripheries at 1e-3 mm²
        double f = 22e-6;
        assertEquals(2 * 16 * 48 * f * f + 2 * 3e-4 + 2 * 1e-3, r.areaMm2(), 1e-15);
        assertEquals("memristor", r.backend());
        assertEquals("rram_22nm_neurosim", r.profile());
    }

    @Test
    void sequentialTilesAndFinerAdcsCostMoreTime() {
        CostReport r = run("memristor.parallel_tiles", "false", "memristor.adc_bits", "6").cost();
        // 3 read windows (one per tile read) × (10 ns + 2 conversions × 6 bits × 1 ns) + 3 ns + 5 ns
        assertEquals(3 * (10e-9 + 2 * 6 * 1e-9) + 3e-9 + 5e-9, r.latencyS(), 1e-20);
        assertEquals(6 * 5e-15 * 64, r.component("adc").energyJ(), 1e-27);
        assertEquals(2 * 3e-4 * 4, r.component("adc").areaMm2(), 1e-15, "two more bits: four times the capacitor array");
    }
}
