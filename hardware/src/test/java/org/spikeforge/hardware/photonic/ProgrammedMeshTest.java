package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The mesh as a device: energy conservation with and without loss. */
class ProgrammedMeshTest {

    private static ContinuousSampler gauss(long seed) {
        return ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    }

    private static PhotonicNonIdealities lossOnly(double db) {
        return new PhotonicNonIdealities(0, 0, 0, 0, db, 0, false, 0, true);
    }

    @Test
    void losslessMeshIsUnitaryAndRealisesTheDecomposedMatrix() {
        ComplexMatrix u = Unitaries.haarRandom(10, RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        ProgrammedMesh device = new ProgrammedMesh(ClementsDecomposition.decompose(u), PhotonicNonIdealities.IDEAL, gauss(2));
        ComplexMatrix t = device.transferMatrix();
        assertTrue(Unitaries.unitarityError(t) < 1e-13);
        assertTrue(t.maxAbsDifference(u) < 1e-13);
    }

    @Test
    void withLossOnlyEachBarPathKeepsInputPowerTimesTheProductOfItsTransmissions() {
        // The Clements layout of a 7-mode mesh, every MZI set to the bar state: light stays in its
        // mode and crosses exactly the MZIs on that mode, each transmitting 10^(−IL/10) of the power.
        int n = 7;
        MziMesh layout = ClementsDecomposition.decompose(Unitaries.haarRandom(n, RandomSource.XO_RO_SHI_RO_128_PP.create(3)));
        double[] pi = new double[layout.mziCount()];
        Arrays.fill(pi, Math.PI);
        MziMesh bar = new MziMesh(n, MziMesh.Layout.CLEMENTS, layout.top(), pi, pi.clone(), new double[n]);
        double db = 0.4;
        ProgrammedMesh device = new ProgrammedMesh(bar, lossOnly(db), gauss(4));
        int[] crossed = bar.mzisPerMode();
        for (int mode = 0; mode < n; mode++) {
            double[] re = new double[n], im = new double[n];
            re[mode] = Math.sqrt(2.5); // 2.5 units of power in
            device.propagate(re, im, null);
            double expected = 2.5 * Math.pow(Math.pow(10, -db / 10), crossed[mode]);
            assertEquals(expected, re[mode] * re[mode] + im[mode] * im[mode], 1e-12, "mode " + mode);
            double elsewhere = 0;
            for (int i = 0; i < n; i++) if (i != mode) elsewhere += re[i] * re[i] + im[i] * im[i];
            assertEquals(0.0, elsewhere, 1e-24);
        }
    }

    @Test
    void withLossOnlyACrossStatePathLosesOneTransmissionPerMziItHopsThrough() {
        // Every MZI in the cross state (θ = φ = 0): a photon swaps mode at each MZI it meets. The
        // path is traced here with integers, independently of the field propagation.
        int n = 6;
        MziMesh layout = ReckDecomposition.decompose(Unitaries.haarRandom(n, RandomSource.XO_RO_SHI_RO_128_PP.create(5)));
        double[] zero = new double[layout.mziCount()];
        MziMesh cross = new MziMesh(n, MziMesh.Layout.RECK, layout.top(), zero, zero.clone(), new double[n]);
        double db = 0.25, t = Math.pow(10, -db / 10);
        ProgrammedMesh device = new ProgrammedMesh(cross, lossOnly(db), gauss(6));
        for (int start = 0; start < n; start++) {
            int mode = start, hops = 0;
            for (int m : cross.top()) {
                if (mode == m) { mode = m + 1; hops++; } else if (mode == m + 1) { mode = m; hops++; }
            }
            double[] re = new double[n], im = new double[n];
            re[start] = 1.0;
            device.propagate(re, im, null);
            assertEquals(Math.pow(t, hops), re[mode] * re[mode] + im[mode] * im[mode], 1e-12);
        }
    }

    @Test
    void withLossOutputPowerIsBoundedByTheColumnsEveryPathMustCross() {
        // Per column the loss is diag(a on modes with an MZI, 1 on idle modes) after a unitary, so
        // a^(2·depth)·P_in <= P_out <= a^(2·full columns)·P_in, full columns having no idle mode.
        int n = 10;
        ComplexMatrix u = Unitaries.haarRandom(n, RandomSource.XO_RO_SHI_RO_128_PP.create(7));
        MziMesh mesh = ClementsDecomposition.decompose(u);
        double db = 0.3, t = Math.pow(10, -db / 10);
        ProgrammedMesh device = new ProgrammedMesh(mesh, lossOnly(db), gauss(8));
        int[] perColumn = new int[mesh.depth()];
        for (int c : mesh.column()) perColumn[c]++;
        int full = 0;
        for (int c : perColumn) if (c == n / 2) full++;
        assertEquals(n / 2, full, "an even Clements mesh alternates full and edge-idle columns");
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9);
        for (int trial = 0; trial < 20; trial++) {
            double[] re = new double[n], im = new double[n];
            double in = 0;
            for (int i = 0; i < n; i++) {
                re[i] = rng.nextDouble() - 0.5;
                im[i] = rng.nextDouble() - 0.5;
                in += re[i] * re[i] + im[i] * im[i];
            }
            device.propagate(re, im, null);
            double out = 0;
            for (int i = 0; i < n; i++) out += re[i] * re[i] + im[i] * im[i];
            assertTrue(out <= in * Math.pow(t, full) * (1 + 1e-12), "out " + out + " in " + in);
            assertTrue(out >= in * Math.pow(t, mesh.depth()) * (1 - 1e-12), "out " + out + " in " + in);
        }
    }
}
