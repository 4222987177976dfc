package org.spikeforge.hardware.photonic;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The thermo-optic phase shifters of one optical region (a mesh, or an attenuator line) as the
 * device holds them: what each heater is driven to, and what phase the light actually sees.
 *
 * <pre>
 *   held_k   = Q_b(drive_k)                                   heater DAC with step 2π/2^b
 *   actual_k = held_k + ε_k + κ · Σ_{j ∈ nbr(k)} held_j        ε_k ~ N(0, σ_static), fixed
 *   read_k   = actual_k + η_k                                  η_k ~ N(0, σ_read), fresh per read
 * </pre>
 * Crosstalk is linear in the held phase because a heater's phase, like the heat it spreads, is
 * proportional to its power. Without calibration {@code drive_k = target_k ∈ [0, 2π)}.
 *
 * <p>Calibration: the controller knows {@code ε} and {@code κ} (measured once, as hardware does)
 * and solves the linear system {@code (I + κA)·drive = b} for the heater drives (the coupled-actuator
 * view of Milanizadeh et al., "Canceling thermal cross-talk effects in photonic integrated
 * circuits", J. Lightwave Technol., 2019), where {@code b_k ≡ target_k − ε_k (mod 2π)}. Heaters only heat, so
 * each {@code b_k} starts in {@code [0, 2π)} and is raised by 2π wherever the solution would need a
 * negative drive, until all drives are non-negative. The system is solved by Gauss–Seidel
 * iteration, which converges because {@code I + κA} is diagonally dominant ({@code 2κ < 1}). The
 * drives are quantised afterwards, so what calibration leaves is each shifter's quantisation error,
 * its neighbours' (times κ) and the per-read noise.
 *
 * <p>Neighbours are given in CSR form ({@code nbrStart}, {@code nbr}).
 */
final class PhaseShifterBank {
    final int size;
    final double[] target;
    final double[] held;
    final double[] actual;

    PhaseShifterBank(double[] target, int[] nbrStart, int[] nbr, PhotonicNonIdealities ni, ContinuousSampler gaussian) {
        this.size = target.length;
        this.target = target;
        this.held = new double[size];
        this.actual = new double[size];
        double[] offset = new double[size];
        if (ni.staticPhaseSigma() > 0) for (int k = 0; k < size; k++) offset[k] = ni.staticPhaseSigma() * gaussian.sample();
        final int bits = ni.phaseBits();
        final double kappa = ni.crosstalk();
        double[] drive = new double[size];
        if (ni.calibration()) {
            double[] b = new double[size];
            for (int k = 0; k < size; k++) b[k] = MeshNulling.wrap(target[k] - offset[k]);
            System.arraycopy(b, 0, drive, 0, size);
            if (kappa > 0) {
                for (int round = 0; round < 1000; round++) {
                    solveCrosstalk(b, drive, nbrStart, nbr, kappa);
                    boolean negative = false;
                    for (int k = 0; k < size; k++) {
                        if (drive[k] < 0) {
                            b[k] += 2 * Math.PI;
                            negative = true;
                        }
                    }
                    if (!negative) break;
                }
                for (int k = 0; k < size; k++) drive[k] = Math.max(0.0, drive[k]);
            }
        } else {
            for (int k = 0; k < size; k++) drive[k] = MeshNulling.wrap(target[k]);
        }
        for (int k = 0; k < size; k++) held[k] = quantise(drive[k], bits);
        for (int k = 0; k < size; k++) {
            double x = 0;
            for (int q = nbrStart[k]; q < nbrStart[k + 1]; q++) x += held[nbr[q]];
            actual[k] = held[k] + offset[k] + kappa * x;
        }
    }

    /** Gauss–Seidel for {@code d_k + κ·Σ_nbr d_j = b_k}, starting from {@code d}. */
    private static void solveCrosstalk(double[] b, double[] d, int[] nbrStart, int[] nbr, double kappa) {
        for (int sweep = 0; sweep < 100_000; sweep++) {
            double change = 0;
            for (int k = 0; k < d.length; k++) {
                double x = 0;
                for (int q = nbrStart[k]; q < nbrStart[k + 1]; q++) x += d[nbr[q]];
                double v = b[k] - kappa * x;
                change = Math.max(change, Math.abs(v - d[k]));
                d[k] = v;
            }
            if (change <= 1e-15) return;
        }
    }

    /**
     * {@code x >= 0} rounded to the nearest multiple of {@code 2π/2^bits} (a drive of 2π or more, which
     * calibration may ask for, stays above 2π); unchanged when bits = 0.
     */
    static double quantise(double x, int bits) {
        if (bits == 0) return x;
        double step = 2.0 * Math.PI / (double) (1L << bits);
        return Math.rint(x / step) * step;
    }

    /** Sum of the held phases (rad): heater power is {@code P_π/π} times this. */
    double heldPhaseSum() {
        double s = 0;
        for (double h : held) s += h;
        return s;
    }

    /** Neighbour lists for shifters on a line {@code 0 … n−1}: {@code k ± 1}. */
    static int[][] lineNeighbours(int n) {
        int[] start = new int[n + 1];
        int[] nbr = new int[Math.max(0, 2 * (n - 1))];
        int at = 0;
        for (int k = 0; k < n; k++) {
            start[k] = at;
            if (k > 0) nbr[at++] = k - 1;
            if (k < n - 1) nbr[at++] = k + 1;
        }
        start[n] = at;
        return new int[][] {start, nbr};
    }
}
