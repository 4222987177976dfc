package org.spikeforge.simulations.har;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** FP8 E4M3 and E5M2 against the OCP 8-bit floating point specification (OFP8 rev. 1.0). */
class Fp8FormatTest {
    private static final Fp8Format E4M3 = Fp8Format.E4M3, E5M2 = Fp8Format.E5M2;

    @Test
    void e4m3BoundaryValuesMatchTheSpecTable() {
        assertEquals(448.0, E4M3.decode(0b0_1111_110), "max normal S.1111.110");
        assertEquals(-448.0, E4M3.decode(0b1_1111_110));
        assertEquals(Math.scalb(1.0, -6), E4M3.decode(0b0_0001_000), "min normal S.0001.000 = 2^-6");
        assertEquals(Math.scalb(0.875, -6), E4M3.decode(0b0_0000_111), "max subnormal S.0000.111 = 0.875 * 2^-6");
        assertEquals(Math.scalb(1.0, -9), E4M3.decode(0b0_0000_001), "min subnormal S.0000.001 = 2^-9");
        assertTrue(Double.isNaN(E4M3.decode(0b0_1111_111)), "NaN S.1111.111");
        assertTrue(Double.isNaN(E4M3.decode(0b1_1111_111)));
        assertEquals(0b0_1111_110, E4M3.encode(448, false));
        assertEquals(0b0_0000_001, E4M3.encode(Math.scalb(1.0, -9), false));
        assertEquals(448.0, E4M3.maxValue());
        assertEquals(Math.scalb(1.0, -9), E4M3.minSubnormal());
        assertEquals(0x7F, E4M3.encode(Double.NaN, true), "NaN stays NaN even when saturating");
    }

    @Test
    void e5m2BoundaryValuesMatchTheSpecTable() {
        assertEquals(57344.0, E5M2.decode(0b0_11110_11), "max normal S.11110.11 = 1.75 * 2^15");
        assertEquals(Math.scalb(1.0, -14), E5M2.decode(0b0_00001_00), "min normal 2^-14");
        assertEquals(Math.scalb(1.0, -16), E5M2.decode(0b0_00000_01), "min subnormal 2^-16");
        assertEquals(Double.POSITIVE_INFINITY, E5M2.decode(0b0_11111_00), "infinity S.11111.00");
        assertEquals(Double.NEGATIVE_INFINITY, E5M2.decode(0b1_11111_00));
        for (int m = 1; m <= 3; m++) assertTrue(Double.isNaN(E5M2.decode(0b0_11111_00 | m)), "NaN S.11111." + m);
        assertEquals(57344.0, E5M2.maxValue());
        assertEquals(Math.scalb(1.0, -16), E5M2.minSubnormal());
    }

    @Test
    void outOfRangeValuesSaturateOrOverflowAsTheSpecSays() {
        // E4M3 has no infinity: overflow is NaN unless saturating
        assertEquals(0x7E, E4M3.encode(1e6, true));
        assertEquals(0x7F, E4M3.encode(1e6, false));
        assertEquals(0xFE, E4M3.encode(-1e6, true));
        assertEquals(0x7E, E4M3.encode(Double.POSITIVE_INFINITY, true));
        // 464 is halfway between 448 (mantissa 110, even) and the unrepresentable 480: ties to even keep 448
        assertEquals(0x7E, E4M3.encode(464, false));
        assertEquals(0x7F, E4M3.encode(464.01, false));
        // E5M2: overflow is infinity unless saturating; 61440 is halfway to 2^16 and ties to the even (overflowing) neighbour
        assertEquals(0x7B, E5M2.encode(60000, true));
        assertEquals(0x7B, E5M2.encode(61439.9, false));
        assertEquals(0x7C, E5M2.encode(61440, false));
        assertEquals(0xFC, E5M2.encode(-1e9, false));
        assertEquals(0xFB, E5M2.encode(Double.NEGATIVE_INFINITY, true));
    }

    @Test
    void subnormalsRoundToNearestEven() {
        double q = E4M3.minSubnormal();
        assertEquals(0x00, E4M3.encode(q / 2, false), "half the min subnormal ties to even: zero");
        assertEquals(0x01, E4M3.encode(0.75 * q, false));
        assertEquals(0x02, E4M3.encode(1.5 * q, false), "1.5 quanta ties to even: 2");
        assertEquals(0x08, E4M3.encode(7.75 * q, false), "rounds up out of the subnormals into min normal");
        assertEquals(0x80, E4M3.encode(-0.0, false), "negative zero keeps its sign");
    }

    @Test
    void e5m2CodesDecodeAsTheUpperByteOfIeeeHalfPrecision() {
        // independent oracle: E5M2 is binary16 with the low 8 mantissa bits dropped
        for (int c = 0; c < 256; c++) {
            float half = Float.float16ToFloat((short) (c << 8));
            double mine = E5M2.decode(c);
            if (Float.isNaN(half)) assertTrue(Double.isNaN(mine), "code " + c);
            else assertEquals(half, mine, 0.0, "code " + c);
        }
    }

    @Test
    void everyFiniteCodeSurvivesTheRoundTripAndRoundingIsNearest() {
        for (Fp8Format f : Fp8Format.values()) {
            for (int c = 0; c < 256; c++) {
                double v = f.decode(c);
                if (Double.isNaN(v) || Double.isInfinite(v)) continue;
                assertEquals(c, f.encode(v, false), f + " code " + c);
            }
            // a value between two neighbours goes to the nearer one
            assertEquals(1.0, f.round(1.0 + 0.4 * (f == E4M3 ? 0.125 : 0.25)));
            assertEquals(1.0 + (f == E4M3 ? 0.125 : 0.25), f.round(1.0 + 0.6 * (f == E4M3 ? 0.125 : 0.25)));
        }
    }
}
