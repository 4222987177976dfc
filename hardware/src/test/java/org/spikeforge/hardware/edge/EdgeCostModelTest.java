package org.spikeforge.hardware.edge;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The edge cost formulas, redone on paper for small workloads and devices with round figures. */
class EdgeCostModelTest {

    /** A microcontroller with round figures; each one cites "test" as its source. */
    private static final String PAPER_MCU = """
            kind = mcu
            name = paper_mcu
            clock_hz = 1e6
            flash_bytes = 65536
            sram_bytes = 2048
            active_power_w = 0.01
            simd_register_bits = 32
            simd_float = 0
            cycles_per_add = 1
            cycles_per_mac = 1
            cycles_per_add_simd = 0.5
            cycles_per_mac_simd = 0.5
            cycles_per_fadd = 1
            cycles_per_fmac = 3
            cycles_per_load = 2
            cycles_per_store = 1
            runtime_flash_bytes = 500
            runtime_ram_bytes = 1000
            """;

    private static EdgeDevice paperMcu() {
        StringBuilder sb = new StringBuilder();
        for (String line : PAPER_MCU.split("\n")) {
            sb.append(line).append('\n');
            int eq = line.indexOf('=');
            String key = line.substring(0, eq).strip();
            if (!key.equals("kind") && !key.equals("name")) sb.append(key).append(".source = test figure\n");
        }
        return EdgeDevice.parse("paper_mcu", sb.toString());
    }

    /** 100 synaptic events, 40 neuron updates, 10 encoder updates, 20 readout adds; int8 weights, 16-bit state. */
    private static InferenceWorkload small(long parameterBytes) {
        return new InferenceWorkload(100, 40, 10, 20, 30, 5, 12, 8, false, 16, false, parameterBytes, 300, 200);
    }

    @Test
    void microcontrollerCyclesLatencyAndEnergyMatchHandCalculation() {
        // c_syn = 3L + S + A = 3·2 + 1 + 1 = 8            -> 100 · 8 = 800
        // c_nu  = (2L + 2S)/lanes + 3·sM + sA, lanes = 32/16 = 2: 6/2 + 1.5 + 0.5 = 5 -> 40 · 5 = 200
        // c_enc = L + S + 2A = 5                           -> 10 · 5 = 50
        // c_ro  = L + A = 3                                -> 20 · 3 = 60
        // total 1110 cycles at 1 MHz = 1.11 ms; at 10 mW: 11.1 uJ
        EdgeEstimate e = EdgeCostModel.estimate(paperMcu(), small(1000));
        assertEquals(1110, e.cycles(), 1e-9);
        assertEquals(1.11e-3, e.latencyS(), 1e-15);
        assertEquals(11.1e-6, e.energyJ(), 1e-15);
        assertEquals(800 / 1e6, e.cost().component("synaptic_events").latencyS(), 1e-15);
        assertEquals(200 / 1e6, e.cost().component("neuron_updates").latencyS(), 1e-15);
        assertTrue(e.fits(), e.fitSummary());
        // flash: 1000 + 500 of 65536; sram: 300 + 200 + 1000 = 1500 of 2048
        assertEquals(1500, e.memory().get(0).needed());
        assertEquals(1500, e.memory().get(1).needed());
    }

    @Test
    void floatStateUsesTheScalarFpuAndFloatWeightsTheFloatAdd() {
        InferenceWorkload w = new InferenceWorkload(100, 40, 0, 0, 0, 5, 12, 32, true, 32, true, 0, 0, 0);
        // c_syn = 6 + 1 + fA(1) = 8; c_nu = (4 + 2)/1 + 3·fM(3) + fA(1) = 16 -> 800 + 640
        assertEquals(1440, EdgeCostModel.estimate(paperMcu(), w).cycles(), 1e-9);
    }

    @Test
    void modelThatDoesNotFitSaysWhichMemoryAndByHowMuch() {
        EdgeEstimate e = EdgeCostModel.estimate(paperMcu(), small(70_000));
        assertFalse(e.fits());
        MemoryCheck flash = e.memory().get(0);
        assertEquals(70_500, flash.needed());
        assertEquals(70_500 - 65_536, flash.shortfall());
        assertTrue(e.fitSummary().contains("flash: needs 68.8 KiB, has 64.0 KiB: over by 4.8 KiB"), e.fitSummary());
        assertTrue(e.memory().get(1).fits(), "sram still fits");
    }

    @Test
    void neuromorphicEnergyAndLatencyMatchHandCalculationWithLoihiFigures() {
        EdgeDevice loihi = EdgeDevice.load("loihi");
        InferenceWorkload w = new InferenceWorkload(1000, 500, 100, 200, 50, 10, 300, 8, false, 16, false, 4000, 0, 0);
        // synops 1000 + 200 = 1200; updates 500 + 100 = 600
        // E = 1200·23.6 pJ + 600·81 pJ + 50·1.7 pJ = 28.32 + 48.6 + 0.085 nJ = 77.005 nJ
        // T = 1200·3.5 ns + 600·8.4 ns + 10·1 us = 4.2 + 5.04 + 10 us = 19.24 us (300 neurons: one core)
        EdgeEstimate e = EdgeCostModel.estimate(loihi, w);
        assertEquals(77.005e-9, e.energyJ(), 1e-15);
        assertEquals(19.24e-6, e.latencyS(), 1e-13);
        assertTrue(e.fits(), e.fitSummary());
    }

    @Test
    void neuromorphicChipRefusesFloatWeightsWithAClearReason() {
        InferenceWorkload w = new InferenceWorkload(10, 10, 0, 0, 1, 1, 10, 32, true, 32, true, 40, 0, 0);
        EdgeEstimate e = EdgeCostModel.estimate(EdgeDevice.load("loihi"), w);
        assertFalse(e.fits());
        assertTrue(e.fitSummary().contains("integer weights of at most 9 bits"), e.fitSummary());
    }

    @Test
    void bundledCortexM4FiguresGiveTheTrmCycleCounts() {
        EdgeDevice f4 = EdgeDevice.load("stm32f4");
        InferenceWorkload w = small(1000);
        // LDR 2, STR 2, ADD 1: c_syn = 3·2 + 2 + 1 = 9; SMLAD 0.5/MAC, SADD16 0.5/add: c_nu = (4 + 4)/2 + 1.5 + 0.5 = 6
        assertEquals(9, EdgeCostModel.synapticEventCycles(f4, w), 1e-12);
        assertEquals(6, EdgeCostModel.neuronUpdateCycles(f4, w), 1e-12);
        assertEquals(100e6, f4.get("clock_hz"));
        assertEquals(EdgeDevice.Kind.MCU, f4.kind());
    }
}
