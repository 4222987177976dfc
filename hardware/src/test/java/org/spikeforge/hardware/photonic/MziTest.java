package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class MziTest {

    /** Directional coupler with bar power ratio r: [[√r, i√(1−r)], [i√(1−r), √r]]. */
    private static ComplexMatrix coupler(double r) {
        double c = Math.sqrt(r), s = Math.sqrt(1 - r);
        return new ComplexMatrix(2, 2, new double[] {c, 0, 0, c}, new double[] {0, s, s, 0});
    }

    private static ComplexMatrix phase(double p) {
        return new ComplexMatrix(2, 2, new double[] {Math.cos(p), 0, 0, 1}, new double[] {Math.sin(p), 0, 0, 0});
    }

    @Test
    void thetaPhiZeroIsTheCrossStateAndThetaPhiPiTheBarState() {
        ComplexMatrix cross = Mzi.ideal(0, 0);
        ComplexMatrix expectedCross = new ComplexMatrix(2, 2, new double[] {0, 0, 0, 0}, new double[] {0, 1, 1, 0});
        assertTrue(cross.maxAbsDifference(expectedCross) < 1e-15, "θ = φ = 0 must route each input to the other output (i on the anti-diagonal)");
        ComplexMatrix bar = Mzi.ideal(Math.PI, Math.PI);
        assertTrue(bar.maxAbsDifference(ComplexMatrix.identity(2)) < 1e-15, "θ = φ = π must be the identity");
    }

    @Test
    void transferMatrixIsTheTransposedNeuropticaMatrix() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        for (int trial = 0; trial < 20; trial++) {
            double th = 2 * Math.PI * rng.nextDouble(), ph = 2 * Math.PI * rng.nextDouble();
            // neuroptica: ½·[[e^{iφ}(e^{iθ} − 1), i·e^{iφ}(1 + e^{iθ})], [i(e^{iθ} + 1), 1 − e^{iθ}]]
            double ct = Math.cos(th), st = Math.sin(th), cp = Math.cos(ph), sp = Math.sin(ph);
            double[] n00 = mul(cp, sp, ct - 1, st), n01 = mul(cp, sp, -st, 1 + ct), n10 = {-st, ct + 1}, n11 = {1 - ct, -st};
            ComplexMatrix neuroptica = new ComplexMatrix(2, 2,
                    new double[] {n00[0] / 2, n01[0] / 2, n10[0] / 2, n11[0] / 2},
                    new double[] {n00[1] / 2, n01[1] / 2, n10[1] / 2, n11[1] / 2});
            ComplexMatrix t = Mzi.ideal(th, ph);
            assertTrue(t.maxAbsDifference(transpose(neuroptica)) < 1e-15);
            // and the physical layout: B·diag(e^{iθ},1)·B·diag(e^{iφ},1)
            ComplexMatrix layout = coupler(0.5).times(phase(th)).times(coupler(0.5)).times(phase(ph));
            assertTrue(t.maxAbsDifference(layout) < 1e-15);
            // power to the bar port is sin²(θ/2)
            double p00 = t.getRe(0, 0) * t.getRe(0, 0) + t.getIm(0, 0) * t.getIm(0, 0);
            assertEquals(Math.pow(Math.sin(th / 2), 2), p00, 1e-15);
        }
    }

    @Test
    void imbalancedCouplersAndLossMatchTheComponentProduct() {
        double r1 = 0.47, r2 = 0.55, a = Math.pow(10, -0.3 / 20), th = 1.1, ph = 2.3;
        double[] t = new double[8];
        Mzi.transfer(th, ph, Math.sqrt(r1), Math.sqrt(1 - r1), Math.sqrt(r2), Math.sqrt(1 - r2), a, t, 0);
        ComplexMatrix got = new ComplexMatrix(2, 2, new double[] {t[0], t[2], t[4], t[6]}, new double[] {t[1], t[3], t[5], t[7]});
        ComplexMatrix want = coupler(r2).times(phase(th)).times(coupler(r1)).times(phase(ph));
        for (int k = 0; k < 4; k++) {
            want.re[k] *= a;
            want.im[k] *= a;
        }
        assertTrue(got.maxAbsDifference(want) < 1e-15);
    }

    @Test
    void lossyMziTransmitsTheInputPowerTimesItsTransmissionInEveryState() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12);
        double lossDb = 0.37, transmission = Math.pow(10, -lossDb / 10);
        double[] t = new double[8];
        for (int trial = 0; trial < 50; trial++) {
            Mzi.transfer(7 * rng.nextDouble(), 7 * rng.nextDouble(), Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT,
                    Math.pow(10, -lossDb / 20), t, 0);
            double[] re = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5}, im = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
            double in = re[0] * re[0] + im[0] * im[0] + re[1] * re[1] + im[1] * im[1];
            Mzi.apply(t, 0, re, im, 0);
            double out = re[0] * re[0] + im[0] * im[0] + re[1] * re[1] + im[1] * im[1];
            assertEquals(in * transmission, out, 1e-15);
        }
    }

    private static double[] mul(double ar, double ai, double br, double bi) {
        return new double[] {ar * br - ai * bi, ar * bi + ai * br};
    }

    private static ComplexMatrix transpose(ComplexMatrix m) {
        ComplexMatrix t = m.adjoint();
        for (int k = 0; k < t.im.length; k++) t.im[k] = -t.im[k];
        return t;
    }
}
