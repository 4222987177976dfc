package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.neurons.ResetMode;

/**
 * Each vector kernel against its model's scalar reference kernel, step by step, on twin states
 * driven by the same random inputs and currents: membranes spread across the threshold so that
 * every path (spike, reset, refractory clamp, release, scalar tail) is taken many times.
 */
class SimdKernelsTest {

    static final double DT = 0.1;
    static final int N = 203; // 25 whole vectors of 8 (or 50 of 4) and a tail of 3

    static Stream<Arguments> exactModels() {
        return Stream.of(
                Arguments.of(new Lif(10, -65, -70, -50, 0.1, 2, ResetMode.TO_VALUE), 6.0),
                Arguments.of(new Lif(10, 0, 0, 1, 1.0, 0.3, ResetMode.SUBTRACT), 0.6),
                Arguments.of(new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE), 40.0),
                Arguments.of(new CubaLif(10, 2, 2, -65, -65, -50, 0.04, 2, ResetMode.SUBTRACT), 900.0),
                Arguments.of(new IntegrateAndFire(250, 0, 1, 0.3, ResetMode.SUBTRACT), 0.5),
                Arguments.of(new IntegrateAndFire(250, -1, 1, 0.0, ResetMode.TO_VALUE), 0.5),
                // coba_lif with forward Euler has no exp: the same arithmetic as the scalar kernel
                Arguments.of(new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE, CobaLif.Method.EULER), 20.0),
                Arguments.of(new CobaLif(150, 12, -65, 0, -75, 3, 8, -62, -52, 0, ResetMode.SUBTRACT, CobaLif.Method.EULER), 30.0));
    }

    /** Twin states with membranes in [v_reset − 2·jump, v_th + jump]. */
    static PopulationState[] twins(NeuronModel m, long seed, double vLow, double vHigh) {
        PopulationState a = new PopulationState(N, m.stateVariables().size(), m.receptors().size(), 3);
        PopulationState b = new PopulationState(N, m.stateVariables().size(), m.receptors().size(), 3);
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] rest = m.restingState();
        for (int k = 0; k < rest.length; k++) Arrays.fill(a.vars[k], rest[k]);
        for (int i = 0; i < N; i++) a.vars[0][i] = vLow + (vHigh - vLow) * r.nextDouble();
        for (int k = 0; k < rest.length; k++) System.arraycopy(a.vars[k], 0, b.vars[k], 0, N);
        return new PopulationState[] {a, b};
    }

    static long[] rawBits(double[] a) {
        long[] b = new long[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Double.doubleToRawLongBits(a[i]);
        return b;
    }

    /** {v_th, v_reset} of a model. */
    static double[] thresholdAndReset(NeuronModel m) {
        return switch (m) {
            case Lif l -> new double[] {l.vTh(), l.vReset()};
            case CubaLif c -> new double[] {c.vTh(), c.vReset()};
            case IntegrateAndFire f -> new double[] {f.vTh(), f.vReset()};
            case CobaLif c -> new double[] {c.vTh(), c.vReset()};
            default -> throw new IllegalArgumentException(m.kind());
        };
    }

    @ParameterizedTest
    @MethodSource("exactModels")
    void vectorKernelEqualsScalarKernelBitForBit(NeuronModel m, double inputScale) {
        for (boolean external : new boolean[] {false, true}) {
            double[] tr = thresholdAndReset(m);
            double span = Math.max(tr[0] - tr[1], 1.0);
            PopulationState[] s = twins(m, 42, tr[1] - 0.5 * span, tr[0] + 0.2 * span);
            NeuronKernel ref = m.kernel(DT);
            SimdKernels.VectorKernel vk = SimdKernels.of(m, DT);
            assertNotNull(vk, m.kind() + " has a vector kernel");
            UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
            int[] sa = new int[N], sb = new int[N];
            long spikes = 0, clamped = 0;
            for (int step = 0; step < 1500; step++) {
                int slot = (step % 3) * N;
                for (int i = 0; i < N; i++) {
                    for (int q = 0; q < s[0].ring.length; q++) {
                        double w = r.nextDouble() < 0.3 ? inputScale * (r.nextDouble() - 0.35) : 0.0;
                        s[0].ring[q][slot + i] = w;
                        s[1].ring[q][slot + i] = w;
                    }
                    if (external) {
                        double cur = 50 * r.nextDouble();
                        s[0].iExt[i] = cur;
                        s[1].iExt[i] = cur;
                    }
                }
                for (int i = 0; i < N; i++) if (s[0].refractory[i] > 1) clamped++;
                int na = ref.step(s[0], slot, 0, N, sa, 0);
                int nb = vk.step(s[1], slot, 0, N, external, sb, 0);
                spikes += na;
                assertArrayEquals(Arrays.copyOf(sa, na), Arrays.copyOf(sb, nb), m.kind() + " step " + step + ": spike lists");
                for (int k = 0; k < s[0].vars.length; k++) {
                    assertArrayEquals(rawBits(s[0].vars[k]), rawBits(s[1].vars[k]), m.kind() + " step " + step + " variable " + k);
                }
                assertArrayEquals(s[0].refractory, s[1].refractory, "refractory counters");
                for (double[] ring : s[1].ring) {
                    assertArrayEquals(new double[N], Arrays.copyOfRange(ring, slot, slot + N), "slot cleared");
                }
            }
            assertTrue(spikes > 1000, m.kind() + ": only " + spikes + " spikes; the test must exercise resets");
            if (m.refractorySteps(DT) > 1) assertTrue(clamped > 1000, m.kind() + ": refractory clamp exercised");
        }
    }

    @Test
    void cobaVectorKernelStaysWithinAFewUlpsOfScalarKernel() {
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
        PopulationState[] s = twins(m, 3, -65, -49);
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        NeuronKernel ref = m.kernel(DT);
        SimdKernels.VectorKernel vk = SimdKernels.of(m, DT);
        int[] sa = new int[N], sb = new int[N];
        long spikes = 0;
        double worstUlps = 0;
        for (int step = 0; step < 1500; step++) {
            int slot = (step % 3) * N;
            for (int i = 0; i < N; i++) {
                for (int q = 0; q < 2; q++) {
                    double w = r.nextDouble() < 0.2 ? 20 * r.nextDouble() : 0.0;
                    s[0].ring[q][slot + i] = w;
                    s[1].ring[q][slot + i] = w;
                }
                s[0].iExt[i] = s[1].iExt[i] = 250 * r.nextDouble();
            }
            int na = ref.step(s[0], slot, 0, N, sa, 0);
            // odd steps append after 4 entries, leaving no room for whole-vector stores: the masked store
            int at = step % 2 == 0 ? 0 : 4;
            int nb = vk.step(s[1], slot, 0, N, true, sb, at);
            spikes += na;
            for (int i = 0; i < N; i++) {
                double va = s[0].vars[0][i], vb = s[1].vars[0][i];
                worstUlps = Math.max(worstUlps, Math.abs(va - vb) / Math.ulp(Math.max(Math.abs(va), 60.0)));
                // conductances do not involve exp: equal bit for bit
                assertEquals(s[0].vars[1][i], s[1].vars[1][i], 0.0);
                assertEquals(s[0].vars[2][i], s[1].vars[2][i], 0.0);
            }
            // re-synchronise the membranes so that each step is compared from the same state
            for (int i = 0; i < N; i++) s[1].vars[0][i] = s[0].vars[0][i];
            System.arraycopy(s[0].refractory, 0, s[1].refractory, 0, N);
            // a spike could only differ where the membrane lies within a few ulps of threshold,
            // which these continuous random states never hit
            assertArrayEquals(Arrays.copyOf(sa, na), Arrays.copyOfRange(sb, at, nb), "step " + step + ": spike lists");
        }
        assertTrue(spikes > 1000, "spikes " + spikes);
        assertTrue(worstUlps <= 8, "worst membrane difference " + worstUlps + " ulps");
    }

    @Test
    void spikesComeOutAscendingAcrossVectorsChunksAndTail() {
        // Every neuron above threshold: the list must be 0..N-1 in order, from any split of the range.
        IntegrateAndFire m = new IntegrateAndFire(250, 0, 1, 0, ResetMode.TO_VALUE);
        PopulationState s = new PopulationState(N, 1, 1, 1);
        SimdKernels.VectorKernel vk = SimdKernels.of(m, DT);
        Arrays.fill(s.vars[0], 2.0);
        int[] out = new int[N];
        int n = vk.step(s, 0, 0, 64, false, out, 0);
        n = vk.step(s, 0, 64, N, false, out, n);
        assertEquals(N, n);
        for (int i = 0; i < N; i++) assertEquals(i, out[i]);
        for (int i = 0; i < N; i++) assertEquals(0.0, s.vars[0][i], "reset to v_reset");
    }
}
