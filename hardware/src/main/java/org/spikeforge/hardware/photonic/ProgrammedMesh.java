package org.spikeforge.hardware.photonic;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * An {@link MziMesh} as programmed on an imperfect device: its phases held by a
 * {@link PhaseShifterBank} (quantisation, static offsets, crosstalk, calibration), its couplers
 * off 50:50 by a fixed random amount, and an insertion loss on every MZI.
 *
 * <p>Phase shifter {@code 2k} is MZI {@code k}'s θ, {@code 2k+1} its φ, {@code 2K + i} the output
 * phase of mode {@code i}. Thermal neighbours: the θ (and the φ) shifters of MZIs in the same
 * column on adjacent mode pairs ({@code top} differing by 2), and adjacent output phase shifters.
 *
 * <p>Layout: each MZI's transfer matrix is cached as 8 consecutive doubles ({@code t00re, t00im,
 * t01re, …}), so that propagating a field reads one short contiguous block per MZI; with per-read
 * phase noise the matrices are recomputed on the fly instead.
 */
public final class ProgrammedMesh {
    private final MziMesh mesh;
    private final PhaseShifterBank shifters;
    private final double[] coupler; // c1, s1, c2, s2 per MZI
    private final double amplitude;
    private final double[] coef;
    private final double[] outCos;
    private final double[] outSin;
    private final double readSigma;

    /**
     * @param fabrication Gaussian sampler of this device's fixed errors (offsets, splitters); drawn
     *                    from in a fixed order, so one seed gives one device
     */
    public ProgrammedMesh(MziMesh mesh, PhotonicNonIdealities ni, ContinuousSampler fabrication) {
        this.mesh = mesh;
        final int k = mesh.mziCount(), n = mesh.modes();
        double[] target = new double[2 * k + n];
        for (int q = 0; q < k; q++) {
            target[2 * q] = mesh.theta()[q];
            target[2 * q + 1] = mesh.phi()[q];
        }
        System.arraycopy(mesh.outputPhase(), 0, target, 2 * k, n);
        int[][] nb = neighbours(mesh);
        this.shifters = new PhaseShifterBank(target, nb[0], nb[1], ni, fabrication);
        this.coupler = new double[4 * k];
        for (int q = 0; q < k; q++) {
            double r1 = splitRatio(ni.splitterSigma(), fabrication), r2 = splitRatio(ni.splitterSigma(), fabrication);
            coupler[4 * q] = Math.sqrt(r1);
            coupler[4 * q + 1] = Math.sqrt(1 - r1);
            coupler[4 * q + 2] = Math.sqrt(r2);
            coupler[4 * q + 3] = Math.sqrt(1 - r2);
        }
        this.amplitude = ni.mziAmplitudeTransmission();
        this.readSigma = ni.readPhaseSigma();
        this.coef = new double[8 * k];
        double[] a = shifters.actual;
        for (int q = 0; q < k; q++) {
            Mzi.transfer(a[2 * q], a[2 * q + 1], coupler[4 * q], coupler[4 * q + 1], coupler[4 * q + 2], coupler[4 * q + 3],
                    amplitude, coef, 8 * q);
        }
        this.outCos = new double[n];
        this.outSin = new double[n];
        for (int i = 0; i < n; i++) {
            outCos[i] = Math.cos(a[2 * k + i]);
            outSin[i] = Math.sin(a[2 * k + i]);
        }
    }

    static double splitRatio(double sigma, ContinuousSampler g) {
        if (sigma == 0) return 0.5;
        return Math.min(1.0, Math.max(0.0, 0.5 + sigma * g.sample()));
    }

    public MziMesh mesh() { return mesh; }

    public int phaseShifterCount() { return shifters.size; }

    /** Sum of the phases the heaters hold (rad), for the holding-power estimate. */
    public double heldPhaseSum() { return shifters.heldPhaseSum(); }

    /** The phases the light sees (rad), indexed as in the class comment. Copy. */
    public double[] actualPhases() { return shifters.actual.clone(); }

    /**
     * Propagates a field through the device, in place.
     *
     * @param readNoise standard Gaussian sampler for this read's phase noise, or null for none
     */
    public void propagate(double[] re, double[] im, ContinuousSampler readNoise) {
        final int k = mesh.mziCount(), n = mesh.modes();
        final int[] top = mesh.top();
        if (readNoise == null || readSigma == 0) {
            for (int q = 0; q < k; q++) Mzi.apply(coef, 8 * q, re, im, top[q]);
            for (int i = 0; i < n; i++) rotate(re, im, i, outCos[i], outSin[i]);
        } else {
            final double[] a = shifters.actual;
            final double[] t = new double[8];
            for (int q = 0; q < k; q++) {
                double th = a[2 * q] + readSigma * readNoise.sample();
                double ph = a[2 * q + 1] + readSigma * readNoise.sample();
                Mzi.transfer(th, ph, coupler[4 * q], coupler[4 * q + 1], coupler[4 * q + 2], coupler[4 * q + 3], amplitude, t, 0);
                Mzi.apply(t, 0, re, im, top[q]);
            }
            for (int i = 0; i < n; i++) {
                double d = a[2 * k + i] + readSigma * readNoise.sample();
                rotate(re, im, i, Math.cos(d), Math.sin(d));
            }
        }
    }

    static void rotate(double[] re, double[] im, int i, double c, double s) {
        double ar = re[i], ai = im[i];
        re[i] = c * ar - s * ai;
        im[i] = c * ai + s * ar;
    }

    /** The device's (static) transfer matrix, column by column. */
    public ComplexMatrix transferMatrix() {
        int n = mesh.modes();
        ComplexMatrix m = new ComplexMatrix(n, n);
        double[] re = new double[n], im = new double[n];
        for (int j = 0; j < n; j++) {
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            re[j] = 1;
            propagate(re, im, null);
            for (int i = 0; i < n; i++) m.set(i, j, re[i], im[i]);
        }
        return m;
    }

    /** Thermal neighbour lists (CSR) for the shifters of {@code mesh}, indexed as in the class comment. */
    static int[][] neighbours(MziMesh mesh) {
        final int k = mesh.mziCount(), n = mesh.modes();
        final int s = 2 * k + n;
        // sort MZIs by (column, top): neighbours in a column are then consecutive with top + 2
        long[] key = new long[k];
        for (int q = 0; q < k; q++) key[q] = ((long) mesh.column()[q] * n + mesh.top()[q]) << 32 | q;
        Arrays.sort(key);
        int[] left = new int[k], right = new int[k];
        Arrays.fill(left, -1);
        Arrays.fill(right, -1);
        for (int p = 1; p < k; p++) {
            int a = (int) key[p - 1], b = (int) key[p];
            if (mesh.column()[a] == mesh.column()[b] && mesh.top()[b] == mesh.top()[a] + 2) {
                right[a] = b;
                left[b] = a;
            }
        }
        int[] start = new int[s + 1];
        int[] nbr = new int[4 * k + 2 * n];
        int at = 0;
        for (int q = 0; q < k; q++) {
            for (int which = 0; which < 2; which++) {
                start[2 * q + which] = at;
                if (left[q] >= 0) nbr[at++] = 2 * left[q] + which;
                if (right[q] >= 0) nbr[at++] = 2 * right[q] + which;
            }
        }
        for (int i = 0; i < n; i++) {
            start[2 * k + i] = at;
            if (i > 0) nbr[at++] = 2 * k + i - 1;
            if (i < n - 1) nbr[at++] = 2 * k + i + 1;
        }
        start[s] = at;
        return new int[][] {start, Arrays.copyOf(nbr, at)};
    }
}
