package org.spikeforge.hardware.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp(x)} for vectors without a call and without a branch, for the {@code coba_lif} decay factor
 * {@code exp(−dt·g_tot/C_m)}: Cody–Waite range reduction {@code x = n·ln 2 + r}, {@code |r| ≤ ln 2 / 2}, a
 * Taylor polynomial in {@code r} (degree 7 in single, 13 in double precision: truncation below 6e-9 and
 * 5e-18 relative), and the scale {@code 2ⁿ} built in the exponent bits. Results lie within 2 ulp of
 * {@link StrictMath#exp} ({@code VectorExpTest}), for every {@code x} whose result is a normal number;
 * {@code x} is clamped to {@code [−87, 88]} (float) or {@code [−708, 709]} (double), so a result that would
 * be subnormal is the clamp's (about 1.6e-38 / 3.3e-308, where the exact value is smaller), and NaN stays NaN.
 *
 * <p><b>Why not the Vector API's own {@code EXP}.</b> {@link VectorOperators#EXP} calls Intel's SVML, which
 * is accurate and fast on its own, but it is a call: C2 saves the live vector registers around it in every
 * iteration of the update loop. An earlier call-free version (Taylor of degree 18 on {@code [−1, 1]}, with a
 * per-vector range check and a scalar fallback) was no faster than SVML inside the network; this one needs
 * neither the check nor the fallback. With it, and the kernels' spikes appended without an inner loop
 * ({@link SimdKernels#COMPRESS}), {@code coba.yaml} for 10 s simulates in 0.78 s instead of 0.92–1.00 s
 * (double) and 0.43–0.46 s instead of 0.53–0.55 s (float32); BENCHMARKS.md.
 *
 * <p>{@code n} is rounded with the 1.5·2²³ (2⁵²) shifter: adding it leaves {@code n} in the low mantissa bits,
 * which then give {@code 2ⁿ}'s exponent by an integer add and shift. The methods are small so that C2 inlines
 * them into the kernels' loops (a vector passed to a call that is not inlined would be boxed).
 */
final class VectorExp {
    private VectorExp() {}

    private static final float F_LO = -87f, F_HI = 88f;
    private static final float F_LOG2E = 1.44269504f;
    private static final float F_SHIFT = 12582912f; // 1.5·2²³
    private static final float F_LN2_HI = 0.693145752f, F_LN2_LO = 1.42860677e-6f;
    private static final int F_SHIFT_BITS = Float.floatToRawIntBits(F_SHIFT);

    private static final double D_LO = -708, D_HI = 709;
    private static final double D_LOG2E = 1.4426950408889634;
    private static final double D_SHIFT = 6755399441055744.0; // 1.5·2⁵²
    private static final double D_LN2_HI = 0.6931471803691238, D_LN2_LO = 1.9082149292705877e-10;
    private static final long D_SHIFT_BITS = Double.doubleToRawLongBits(D_SHIFT);

    /** {@code exp(x)} lane by lane in single precision (within 2 ulp). */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.blend(F_LO, x.compare(VectorOperators.LT, F_LO));
        c = c.blend(F_HI, c.compare(VectorOperators.GT, F_HI));
        FloatVector t = c.fma(F_LOG2E, F_SHIFT);
        FloatVector n = t.sub(F_SHIFT);
        FloatVector r = n.fma(FloatVector.broadcast(c.species(), -F_LN2_HI), c);
        r = n.fma(FloatVector.broadcast(c.species(), -F_LN2_LO), r);
        // Estrin: (1 + r) + r²(1/2 + r/6) + r⁴((1/24 + r/120) + r²(1/720 + r/5040)), a chain of 4 instead of 7
        FloatVector r2 = r.mul(r), r4 = r2.mul(r2);
        FloatVector p = r.fma(1f / 5040, 1f / 720).fma(r2, r.fma(1f / 120, 1f / 24)).fma(r4, r.fma(1f / 6, 0.5f).fma(r2, r.add(1f)));
        FloatVector scale = t.reinterpretAsInts().sub(F_SHIFT_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /** {@code exp(x)} lane by lane in double precision (within 2 ulp). */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector c = x.blend(D_LO, x.compare(VectorOperators.LT, D_LO));
        c = c.blend(D_HI, c.compare(VectorOperators.GT, D_HI));
        DoubleVector t = c.fma(D_LOG2E, D_SHIFT);
        DoubleVector n = t.sub(D_SHIFT);
        DoubleVector r = n.fma(DoubleVector.broadcast(x.species(), -D_LN2_HI), c);
        r = n.fma(DoubleVector.broadcast(x.species(), -D_LN2_LO), r);
        // Estrin: pairs, then r², r⁴, r⁸ (a chain of 5 operations instead of Horner's 13)
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
        DoubleVector b0 = r.fma(1.0 / 6, 1.0 / 2).fma(r2, r.add(1.0));
        DoubleVector b1 = r.fma(1.0 / 5040, 1.0 / 720).fma(r2, r.fma(1.0 / 120, 1.0 / 24));
        DoubleVector b2 = r.fma(1.0 / 39916800, 1.0 / 3628800).fma(r2, r.fma(1.0 / 362880, 1.0 / 40320));
        DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600).fma(r4, b2).fma(r8, b1.fma(r4, b0));
        return p.mul(t.reinterpretAsLongs().sub(D_SHIFT_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
    }
}
