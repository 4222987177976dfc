package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FixedPointCubaLifTest {
    private static final double V_LSB = 1.0 / 64, I_LSB = 0.25;

    private static CubaLif floatModel(double vTh) {
        return new CubaLif(10.0, 2.0, 5.0, -65.0, -65.0, vTh, 0.04, 2.0, ResetMode.TO_VALUE);
    }

    private static FixedPointCubaLif fixed(CubaLif m, int decayBits) {
        return new FixedPointCubaLif(m, 24, decayBits, V_LSB, I_LSB, FixedPointCubaLif.Overflow.SATURATE);
    }

    /** Adds the same random input (multiples of the current LSB) to both populations' rings. */
    private static void input(SplittableRandom rnd, double dt, PopulationState a, PopulationState b) {
        if (rnd.nextDouble() < 2.0 * dt) {
            double w = I_LSB * rnd.nextInt(200, 600);
            a.ring[0][0] += w;
            b.ring[0][0] += w;
        }
        if (rnd.nextDouble() < 1.0 * dt) {
            double w = -I_LSB * rnd.nextInt(200, 600);
            a.ring[1][0] += w;
            b.ring[1][0] += w;
        }
    }

    @Test
    void integerConstantsAreTheRoundedPropagators() {
        CubaLif m = floatModel(-50);
        FixedPointCubaLif.Constants k = fixed(m, 12).constants(1.0);
        assertEquals(Math.round(Math.exp(-1.0 / 10) * 4096), k.decayV());
        assertEquals(Math.round(Math.exp(-1.0 / 2) * 4096), k.decayE());
        assertEquals(Math.round(Math.exp(-1.0 / 5) * 4096), k.decayI());
        double p21e = 0.04 * 2 / (2 - 10.0) * (Math.exp(-1.0 / 2) - Math.exp(-1.0 / 10)); // R·τs/(τs−τm)(e^{−dt/τs} − e^{−dt/τm})
        assertEquals(Math.round(p21e * I_LSB / V_LSB * 4096), k.couplingE());
    }

    /**
     * A long sub-threshold run (10⁵ steps) under random input: the fixed-point membrane stays
     * within the a-priori bound of its quantisation — half an LSB of rounding per step plus the
     * error of the rounded constants and of the quantised currents, accumulated through the decay
     * {@code 1/(1 − D_v/2^F)} — of the floating-point model.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.1})
    void tracksTheFloatModelWithinItsQuantisationBound(double dt) {
        CubaLif m = floatModel(1000.0);
        FixedPointCubaLif fx = fixed(m, 16);
        PopulationState sf = new PopulationState(1, 3, 2, 1), sq = new PopulationState(1, 3, 2, 1);
        sf.vars[0][0] = sq.vars[0][0] = -65.0;
        sf.iExt[0] = sq.iExt[0] = 300.0;
        NeuronKernel kf = m.kernel(dt), kq = fx.kernel(dt);
        int[] spikes = new int[1];
        SplittableRandom rnd = new SplittableRandom(7);
        double maxErr = 0, maxIeErr = 0, maxIiErr = 0, maxX = 0, maxE = 0, maxH = 0;
        double vInf = -65.0 + 0.04 * 300.0;
        for (int s = 0; s < 100_000; s++) {
            input(rnd, dt, sf, sq);
            maxE = Math.max(maxE, Math.abs(sf.vars[1][0] + sf.ring[0][0]));
            maxH = Math.max(maxH, Math.abs(sf.vars[2][0] + sf.ring[1][0]));
            maxX = Math.max(maxX, Math.abs(sf.vars[0][0] - vInf));
            assertEquals(0, kf.step(sf, 0, 0, 1, spikes, 0));
            assertEquals(0, kq.step(sq, 0, 0, 1, spikes, 0));
            maxErr = Math.max(maxErr, Math.abs(sq.vars[0][0] - sf.vars[0][0]));
            maxIeErr = Math.max(maxIeErr, Math.abs(sq.vars[1][0] - sf.vars[1][0]));
            maxIiErr = Math.max(maxIiErr, Math.abs(sq.vars[2][0] - sf.vars[2][0]));
            assertEquals(Math.rint(sq.vars[0][0] / V_LSB), sq.vars[0][0] / V_LSB, 0.0, "v stays on the LSB grid");
        }
        FixedPointCubaLif.Constants k = fx.constants(dt);
        double one = 65536.0;
        double p22 = Math.exp(-dt / 10), p22q = k.decayV() / one;
        double p11e = Math.exp(-dt / 2), p11eq = k.decayE() / one;
        double p11i = Math.exp(-dt / 5), p11iq = k.decayI() / one;
        double p21e = Propagators.currentToVoltage(dt, 10, 2, 0.04), p21eq = k.couplingE() / one * V_LSB / I_LSB;
        double p21i = Propagators.currentToVoltage(dt, 10, 5, 0.04), p21iq = k.couplingI() / one * V_LSB / I_LSB;
        double errE = (0.5 * I_LSB + Math.abs(p11eq - p11e) * maxE) / (1 - p11eq);
        double errI = (0.5 * I_LSB + Math.abs(p11iq - p11i) * maxH) / (1 - p11iq);
        double biasErr = Math.abs(Math.round(vInf / V_LSB) * V_LSB - vInf);
        double bound = (0.5 * V_LSB + biasErr * (1 - p22q) + Math.abs(p22q - p22) * maxX
                + Math.abs(p21eq) * errE + Math.abs(p21eq - p21e) * maxE
                + Math.abs(p21iq) * errI + Math.abs(p21iq - p21i) * maxH) / (1 - p22q);
        assertTrue(maxIeErr <= errE, "i_e error " + maxIeErr + " within " + errE);
        assertTrue(maxIiErr <= errI, "i_i error " + maxIiErr + " within " + errI);
        assertTrue(maxErr <= bound, "v error " + maxErr + " mV within the quantisation bound " + bound + " mV");
        assertTrue(bound < 128 * V_LSB, "the bound itself is below 2 mV, was " + bound);
        System.out.printf("dt = %.1f ms: max |v_fixed − v_float| = %.4f mV (%.1f LSB), bound %.4f mV (%.1f LSB)%n",
                dt, maxErr, maxErr / V_LSB, bound, bound / V_LSB);
        assertTrue(maxErr > 0, "the two implementations really differ");
    }

    @Test
    void spikeTrainMatchesTheFloatModelAtTheChipTimeStep() {
        double dt = 1.0;
        CubaLif m = floatModel(-50.0);
        FixedPointCubaLif fx = fixed(m, 16);
        PopulationState sf = new PopulationState(1, 3, 2, 1), sq = new PopulationState(1, 3, 2, 1);
        sf.vars[0][0] = sq.vars[0][0] = -65.0;
        sf.iExt[0] = sq.iExt[0] = 800.0;
        NeuronKernel kf = m.kernel(dt), kq = fx.kernel(dt);
        int[] spikes = new int[1];
        SplittableRandom rnd = new SplittableRandom(11);
        List<Integer> tf = new ArrayList<>(), tq = new ArrayList<>();
        for (int s = 0; s < 100_000; s++) {
            input(rnd, dt, sf, sq);
            if (kf.step(sf, 0, 0, 1, spikes, 0) == 1) tf.add(s);
            if (kq.step(sq, 0, 0, 1, spikes, 0) == 1) tq.add(s);
        }
        assertTrue(tf.size() > 1000, "a long spiking run, " + tf.size() + " spikes");
        // A spike one step apart shifts every later spike (the reset re-phases the neuron), so the
        // trains agree spike by spike only until the first such event; their rates agree throughout.
        int prefix = 0;
        while (prefix < Math.min(tf.size(), tq.size()) && Math.abs(tf.get(prefix) - tq.get(prefix)) <= 1) prefix++;
        assertTrue(prefix >= 20, "the first " + prefix + " spikes agree within one step");
        assertTrue(Math.abs(tf.size() - tq.size()) <= 0.005 * tf.size(), "spike counts " + tf.size() + " vs " + tq.size());
        System.out.printf("spikes: float %d, fixed %d, leading spikes within one step %d%n", tf.size(), tq.size(), prefix);
    }

    @Test
    void saturatesAtTheRegisterLimit() {
        CubaLif m = new CubaLif(10, 2, 2, 0, 0, 1000, 1.0, 0, ResetMode.TO_VALUE);
        FixedPointCubaLif fx = new FixedPointCubaLif(m, 8, 12, 1.0, 1.0, FixedPointCubaLif.Overflow.SATURATE);
        Sim sim = new Sim(fx, 1.0);
        sim.state.iExt[0] = 300.0; // v∞ = 300 mV, far beyond the 8-bit range [−128, 127] mV
        sim.run(200);
        assertEquals(127.0, sim.v(), 0.0);
        assertEquals(127, fx.maxState());
        assertEquals(-128, fx.minState());
    }

    @Test
    void wrapsAroundLikeTwosComplementHardware() {
        CubaLif m = new CubaLif(10, 2, 2, 0, 0, 1000, 1.0, 0, ResetMode.TO_VALUE);
        FixedPointCubaLif fx = new FixedPointCubaLif(m, 8, 12, 1.0, 1.0, FixedPointCubaLif.Overflow.WRAP);
        FixedPointCubaLif.Constants k = fx.constants(1.0);
        Sim sim = new Sim(fx, 1.0);
        sim.state.iExt[0] = 300.0;
        long v = 0;
        boolean wrapped = false;
        for (int s = 0; s < 200; s++) {
            sim.step();
            // Reference: the same integer recurrence with an explicit modulo-256 wrap.
            long x = 300 + Math.floorDiv((v - 300) * k.decayV() + 2048, 4096);
            v = Math.floorMod(x + 128, 256) - 128;
            assertEquals(v, sim.v(), 0.0, "step " + s);
            wrapped |= v < 0;
        }
        assertTrue(wrapped, "the membrane wrapped to negative values");
    }

    @Test
    void registrySelectsTheImplementationByPrecision() {
        NeuronModel f = NeuronModels.get("cuba_lif", Precision.FLOAT64).create(Map.of(), ResetMode.TO_VALUE);
        NeuronModel q = NeuronModels.get("cuba_lif", Precision.FIXED_POINT).create(Map.of("state_bits", 16.0), ResetMode.TO_VALUE);
        assertInstanceOf(CubaLif.class, f);
        assertInstanceOf(FixedPointCubaLif.class, q);
        assertEquals("cuba_lif", q.kind());
        assertEquals(Precision.FIXED_POINT, q.precision());
        assertEquals(Precision.FLOAT64, f.precision());
        assertEquals(16, ((FixedPointCubaLif) q).stateBits());
        assertEquals(f, ((FixedPointCubaLif) q).model(), "same float parameters");
        assertNull(NeuronModels.get("lif", Precision.FIXED_POINT), "lif has no fixed-point implementation");
    }

    @Test
    void rejectsUnsupportedWidthWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuronModels.get("cuba_lif", Precision.FIXED_POINT).create(Map.of("state_bits", 40.0), ResetMode.TO_VALUE));
        assertTrue(e.getMessage().contains("state_bits") && e.getMessage().contains("40"), e.getMessage());
    }
}
