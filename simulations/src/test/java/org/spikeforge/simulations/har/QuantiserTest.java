package org.spikeforge.simulations.har;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Post-training quantisation and pruning of weight tensors, and the quantisation spec syntax. */
class QuantiserTest {

    private static float[] gaussian(int n, long seed, int channels) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * Math.pow(10, i % channels - 1)); // channel c spans 10^(c-1)
        return w;
    }

    @Test
    void int8RoundTripErrorIsWithinHalfAScaleStepPerTensorAndPerChannel() {
        int channels = 3, n = 3000;
        float[] w = gaussian(n, 7, channels);
        int[] ch = new int[n];
        for (int i = 0; i < n; i++) ch[i] = i % channels;
        for (Granularity g : Granularity.values()) {
            Quantiser.Quantised q = Quantiser.quantise(w, ch, channels, new IntFormat(8), g);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                double s = q.scale(ch[i]);
                double err = Math.abs(q.values()[i] - w[i]);
                assertTrue(err <= s / 2 * (1 + 1e-6), g + " element " + i + ": error " + err + " > half step " + s / 2);
                double code = q.values()[i] / s;
                assertEquals(Math.rint(code), code, 1e-4, "stored value is an integer multiple of the scale");
                assertTrue(Math.abs(code) <= 127 + 1e-4);
                worst = Math.max(worst, err);
            }
            assertTrue(worst > 0, "quantisation changes something");
        }
        // per-channel scales follow each channel's range, so its small channels lose far less
        Quantiser.Quantised pt = Quantiser.quantise(w, ch, channels, new IntFormat(8), Granularity.PER_TENSOR);
        Quantiser.Quantised pc = Quantiser.quantise(w, ch, channels, new IntFormat(8), Granularity.PER_CHANNEL);
        assertEquals(pt.scales()[0] / 100, pc.scales()[0], pt.scales()[0] / 100 * 0.01, "channel 0 spans 1/100 of channel 2");
        double ePt = 0, ePc = 0;
        for (int i = 0; i < n; i += channels) {
            ePt += Math.abs(pt.values()[i] - w[i]);
            ePc += Math.abs(pc.values()[i] - w[i]);
        }
        assertTrue(ePc < ePt / 20, "channel 0 error per-channel " + ePc + " vs per-tensor " + ePt);
    }

    @Test
    void int4HasSevenLevelsEachSideAndFp8KeepsTheLargestWeightExact() {
        float[] w = {-1f, -0.5f, 0.07f, 0.3f, 1f};
        Quantiser.Quantised q = Quantiser.quantise(w, null, 1, new IntFormat(4), Granularity.PER_TENSOR);
        assertEquals(1.0 / 7, q.scales()[0], 1e-12);
        assertArrayEquals(new float[] {-1f, (float) (-4.0 / 7), 0f, (float) (2.0 / 7), 1f}, q.values(), 1e-6f, "-3.5 steps ties to even: -4");
        Quantiser.Quantised f8 = Quantiser.quantise(w, null, 1, Fp8Format.E4M3, Granularity.PER_TENSOR);
        assertEquals(1f, f8.values()[4], 0f, "max |w| maps onto max normal and back");
        assertEquals(-1f, f8.values()[0], 0f);
    }

    @Test
    void magnitudePruningRemovesTheSmallestWeightsToTheTargetSparsity() {
        float[] w = {0.5f, -0.1f, 0.9f, 0.05f, -0.7f, 0.2f, 0f, -0.3f};
        boolean[] keep = MagnitudePruning.keep(w, 0.5);
        assertArrayEquals(new boolean[] {true, false, true, false, true, false, false, true}, keep);
        assertEquals(8, countTrue(MagnitudePruning.keep(w, 0)));
        assertEquals(1, countTrue(MagnitudePruning.keep(w, 0.9)));
        assertEquals("sparsity must be in [0, 1), was 1.0",
                assertThrows(IllegalArgumentException.class, () -> MagnitudePruning.keep(w, 1.0)).getMessage());
    }

    private static int countTrue(boolean[] b) {
        int n = 0;
        for (boolean x : b) if (x) n++;
        return n;
    }

    @Test
    void quantisationSpecsParseAndBadOnesSayWhatWasExpected() {
        QuantSpec q = QuantSpec.parse("int8");
        assertEquals(new IntFormat(8), q.weights());
        assertEquals(Granularity.PER_CHANNEL, q.granularity());
        assertEquals(QuantSpec.DEFAULT_STATE_BITS, q.stateBits());
        QuantSpec e = QuantSpec.parse("E4M3,per-tensor,state=16");
        assertEquals(Fp8Format.E4M3, e.weights());
        assertEquals(Granularity.PER_TENSOR, e.granularity());
        assertEquals(16, e.stateBits());
        assertEquals(0, QuantSpec.parse("int4,state=float").stateBits());
        assertTrue(QuantSpec.parse("float").isFloat());
        assertEquals(q, QuantSpec.parse(q.spec()), "spec() is parseable");
        String m = assertThrows(IllegalArgumentException.class, () -> QuantSpec.parse("int7b")).getMessage();
        assertTrue(m.startsWith("quantisation spec 'int7b': unknown format 'int7b'; expected FORMAT[,per-tensor|per-channel]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> QuantSpec.parse("int8,per-row")).getMessage();
        assertTrue(m.startsWith("quantisation spec 'int8,per-row': unknown option 'per-row'"), m);
        m = assertThrows(IllegalArgumentException.class, () -> QuantSpec.parse("int8,state=64")).getMessage();
        assertEquals("quantisation spec 'int8,state=64': state width must be 2 to 32 bits, was 64", m);
        assertThrows(IllegalArgumentException.class, () -> QuantSpec.parse("int32"));
        m = assertThrows(IllegalArgumentException.class, () -> new CompressionSpec(QuantSpec.FLOAT, 1.5)).getMessage();
        assertTrue(m.startsWith("pruning sparsity must be in [0, 1)"), m);
    }
}
