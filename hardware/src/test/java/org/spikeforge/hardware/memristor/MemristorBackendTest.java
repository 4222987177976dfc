package org.spikeforge.hardware.memristor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.synapses.device.PcmNoise;

class MemristorBackendTest {

    private static MemristorNetwork memristor(NetworkGraph g, Map<String, String> extra) {
        return (MemristorNetwork) new MemristorBackend().compile(g, new BackendOptions(1, extra));
    }

    @Test
    void isRegisteredAsMemristor() {
        assertInstanceOf(MemristorBackend.class, Backends.byName("memristor"));
    }

    @Test
    void idealCrossbarGivesBitIdenticalSpikesToScalarOnCuba() {
        NetworkGraph g = Networks.cuba(7);
        Networks.Run reference = Networks.run(new ScalarBackend().compile(g, BackendOptions.defaults()), 2000);
        // 64×64 tiles: 320 sources span 5 row blocks, so partial sums of several tiles are added digitally
        Networks.Run crossbar = Networks.run(memristor(g, Map.of("memristor.tile_size", "64")), 2000);
        assertTrue(reference.populationSpikes(2) > 300, "the CUBA network must stay active, had " + reference.populationSpikes(2));
        assertEquals(reference.spikes(), crossbar.spikes());
        for (int p = 0; p < 2; p++) assertArrayEquals(reference.v()[p], crossbar.v()[p], 0.0);
    }

    @Test
    void idealCrossbarGivesBitIdenticalSpikesOnSmallNetworksWithDelaysAndTinyTiles() {
        // spike sources keep their position: every run gets a fresh network
        Networks.Run reference = Networks.run(new ScalarBackend().compile(Networks.small(300), BackendOptions.defaults()), 300);
        assertTrue(reference.populationSpikes(2) > 40, "the test network must be active");
        for (String tile : List.of("128", "3x4", "1x2", "5x16")) {
            Networks.Run crossbar = Networks.run(memristor(Networks.small(300), Map.of("memristor.tile_size", tile)), 300);
            assertEquals(reference.spikes(), crossbar.spikes(), "tile " + tile);
            for (int p = 0; p < 2; p++) assertArrayEquals(reference.v()[p], crossbar.v()[p], 0.0, "tile " + tile);
        }
    }

    @Test
    void coarseCellsAndAdcsChangeTheDynamics() {
        Networks.Run reference = Networks.run(new ScalarBackend().compile(Networks.small(300), BackendOptions.defaults()), 300);
        Networks.Run coarse = Networks.run(memristor(Networks.small(300), Map.of("memristor.bits_per_cell", "1", "memristor.adc_bits", "3")), 300);
        assertNotEquals(reference.spikes(), coarse.spikes());
    }

    @Test
    void mappingReportCountsTilesUtilisationAndCellsPerWeight() {
        double[][] w = new double[300][200];
        for (int s = 0; s < 300; s++) for (int t = 0; t < 200; t++) w[s][t] = (s + t) % 7 == 0 ? 0 : 0.1 * ((s * 31 + t) % 9 - 4);
        NetworkGraph.Projection pr = Networks.dense("big", w);
        MemristorOptions o = MemristorOptions.parse(Map.of());
        CrossbarLayer layer = new CrossbarLayer("big", 0, pr, 300, 200, o, PcmNoise.DEFAULTS);
        // 128 rows per tile: ⌈300/128⌉ = 3 row blocks; 128 columns hold 64 differential pairs: ⌈200/64⌉ = 4 column blocks
        assertEquals(3, layer.rowBlocks());
        assertEquals(4, layer.columnBlocks());
        assertEquals(12, layer.tileCount());
        assertEquals(2, layer.cellsPerWeight());
        assertEquals(300L * 200 * 2, layer.cellsMapped());
        assertEquals(300.0 * 200 * 2 / (12 * 128 * 128), layer.utilisation(), 1e-15);
        assertEquals(44, layer.tile(2, 3).rows(), "the last row block holds 300 − 256 rows");
        assertEquals(8, layer.tile(2, 3).weightColumns(), "the last column block holds 200 − 192 columns");

        MemristorOptions sliced = MemristorOptions.parse(Map.of("memristor.weight_bits", "8", "memristor.bits_per_cell", "2"));
        CrossbarLayer s = new CrossbarLayer("big", 0, pr, 300, 200, sliced, PcmNoise.DEFAULTS);
        assertEquals(4, s.slices());
        assertEquals(8, s.cellsPerWeight());
        assertEquals(13, s.columnBlocks(), "128 columns hold 16 weights of 8 cells: ⌈200/16⌉");
        assertEquals(300L * 200 * 8, s.cellsMapped());
        Map<String, Object> report = s.report();
        assertEquals(39, report.get("tiles"));
        assertEquals(8, report.get("cells_per_weight"));
    }

    @Test
    void summaryReportListsEveryLayerAndTheNonIdealitiesInForce() {
        MemristorNetwork net = memristor(Networks.small(300), Map.of("memristor.tile_size", "4x8", "memristor.drift", "true"));
        Map<String, Object> r = net.hardwareReport();
        assertEquals(5, ((List<?>) r.get("layers")).size(), "one layer per delay group");
        assertEquals(true, ((Map<?, ?>) r.get("nonidealities")).get("drift"));
        long tiles = 0;
        for (CrossbarLayer l : net.layers()) tiles += l.tileCount();
        assertEquals(tiles, r.get("tiles"));
        assertEquals("A->A@d2", net.layers().get(4).name());
    }

    @Test
    void rejectsUnknownOrMalformedOptionsWithClearMessages() {
        NetworkGraph g = Networks.small(300);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> memristor(g, Map.of("memristor.adc_bit", "8")));
        assertTrue(e.getMessage().startsWith("unknown memristor backend option 'memristor.adc_bit'; valid keys: memristor.tile_size, "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> memristor(g, Map.of("memristor.adc_bits", "1")));
        assertEquals("memristor.adc_bits: expected 0 (ideal) or an integer in [2, 30], was 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> memristor(g, Map.of("memristor.tile_size", "big")));
        assertEquals("memristor.tile_size: expected N (an N×N tile) or RxC, such as 128 or 256x128, was 'big'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> memristor(g, Map.of("memristor.t_inference", "1 fortnight")));
        assertTrue(e.getMessage().startsWith("memristor.t_inference: expected a time > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> memristor(g, Map.of("memristor.drift", "maybe")));
        assertEquals("memristor.drift: expected true or false, was 'maybe'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> memristor(g, Map.of("memristor.tile_size", "8x4", "memristor.weight_bits", "8", "memristor.bits_per_cell", "2")));
        assertTrue(e.getMessage().contains("at least 8 columns to hold one weight (4 slices × a differential pair)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MemristorBackend().checkOptions(
                new BackendOptions(1, Map.of("memristor.stuck_on_rate", "0.7", "memristor.stuck_off_rate", "0.5"))));
        assertTrue(e.getMessage().contains("probabilities >= 0 with a sum <= 1"), e.getMessage());
    }

    @Test
    void parsesTimesAfterProgrammingWithUnits() {
        assertEquals(1.0, MemristorOptions.seconds("1 s"));
        assertEquals(3600.0, MemristorOptions.seconds("1 h"));
        assertEquals(86_400.0, MemristorOptions.seconds("1day"));
        assertEquals(30 * 86_400.0, MemristorOptions.seconds("1 month"));
        assertEquals(42.0, MemristorOptions.seconds("42"));
    }
}
