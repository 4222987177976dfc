package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The call-free vector exp against {@link StrictMath#exp} (fdlibm, within 1 ulp of the exact value). */
class VectorExpTest {

    /** A quarter near 0, a quarter over the decay factors of a step ([−1, 0]), half over the whole normal range. */
    private static double draw(UniformRandomProvider r, int it, double lo, double hi) {
        return switch (it % 4) {
            case 0 -> (2 * r.nextDouble() - 1) * 1e-7;
            case 1 -> -r.nextDouble();
            default -> lo + (hi - lo) * r.nextDouble();
        };
    }

    @Test
    void doubleExpIsWithinTwoUlpsOverTheNormalRange() {
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        double[] x = new double[SimdKernels.LANES];
        double worst = 0;
        for (int it = 0; it < 200_000; it++) {
            for (int k = 0; k < x.length; k++) x[k] = draw(r, it, -708, 709);
            if (it == 0) { x[0] = -708; x[1] = 709; x[2] = 0; x[3] = -0.005; }
            double[] y = VectorExp.exp(DoubleVector.fromArray(SimdKernels.D, x, 0)).toArray();
            for (int k = 0; k < x.length; k++) {
                double e = StrictMath.exp(x[k]);
                worst = Math.max(worst, Math.abs(y[k] - e) / Math.ulp(e));
            }
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
        assertTrue(worst > 0, "the polynomial is not StrictMath itself");
        assertEquals(1.0, VectorExp.exp(DoubleVector.zero(SimdKernels.D)).lane(0), 0.0);
    }

    @Test
    void floatExpIsWithinTwoUlpsOverTheNormalRange() {
        UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        float[] x = new float[Float32Network.LANES];
        double worst = 0;
        for (int it = 0; it < 200_000; it++) {
            for (int k = 0; k < x.length; k++) x[k] = (float) draw(r, it, -87, 88);
            if (it == 0) { x[0] = -87; x[1] = 88; x[2] = 0; x[3] = -0.005f; }
            float[] y = VectorExp.exp(FloatVector.fromArray(Float32Network.F, x, 0)).toArray();
            for (int k = 0; k < x.length; k++) {
                float e = (float) StrictMath.exp(x[k]);
                worst = Math.max(worst, Math.abs(y[k] - e) / (double) Math.ulp(e));
            }
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
        assertEquals(1f, VectorExp.exp(FloatVector.zero(Float32Network.F)).lane(0), 0f);
    }

    @Test
    void outOfRangeArgumentsAreClampedAndNanStaysNan() {
        double[] x = new double[SimdKernels.LANES];
        x[0] = Double.NaN; x[1] = -1e6; x[2] = Double.NEGATIVE_INFINITY; x[3] = 1e6;
        double[] y = VectorExp.exp(DoubleVector.fromArray(SimdKernels.D, x, 0)).toArray();
        assertTrue(Double.isNaN(y[0]));
        assertEquals(StrictMath.exp(-708), y[1], Math.ulp(StrictMath.exp(-708)) * 2);
        assertEquals(y[1], y[2], 0.0);
        assertEquals(StrictMath.exp(709), y[3], Math.ulp(StrictMath.exp(709)) * 2);
        float[] f = new float[Float32Network.LANES];
        f[0] = Float.NaN; f[1] = -1e6f; f[2] = 1e6f;
        float[] g = VectorExp.exp(FloatVector.fromArray(Float32Network.F, f, 0)).toArray();
        assertTrue(Float.isNaN(g[0]));
        assertEquals((float) StrictMath.exp(-87), g[1], Math.ulp((float) StrictMath.exp(-87)) * 2);
        assertEquals((float) StrictMath.exp(88), g[2], Math.ulp((float) StrictMath.exp(88)) * 2);
    }
}
