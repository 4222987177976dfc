package org.spikeforge.neurons.nir;

import org.spikeforge.neurons.Propagators;

/**
 * The per-neuron coefficients of one step of a NIR neuron. Every NIR neuron is linear below
 * threshold, so one step of either discretisation has the form
 * <pre>
 *   v ← aM·v + cM·v_leak + kX·x + kI·I_old      (kI·I only for CubaLIF, CubaLI)
 *   I ← aS·I_old + gS·x
 * </pre>
 * <table>
 *   <caption>Coefficients (dt and τ in the same unit)</caption>
 *   <tr><th></th><th>Euler</th><th>exact (x held over the step)</th></tr>
 *   <tr><td>aM</td><td>1 − dt/τ</td><td>e^{−dt/τ}</td></tr>
 *   <tr><td>cM</td><td>dt/τ</td><td>1 − e^{−dt/τ}</td></tr>
 *   <tr><td>kX (LIF, LI)</td><td>R·cM</td><td>R·cM</td></tr>
 *   <tr><td>kX (IF, I: aM = 1, cM = 0)</td><td>R·dt</td><td>R·dt</td></tr>
 *   <tr><td>aS, gS</td><td>1 − dt/τ_syn, dt/τ_syn·w_in</td><td>e^{−dt/τ_syn}, (1 − e^{−dt/τ_syn})·w_in</td></tr>
 *   <tr><td>kI, kX (Cuba)</td><td>R·dt/τ_mem·aS, R·dt/τ_mem·gS (v driven by the updated I)</td>
 *       <td>P21, (R·cM − P21)·w_in, P21 from {@link Propagators#currentToVoltage}</td></tr>
 * </table>
 *
 * <p>This is the single place these expressions are written: the NIR reference executor and the
 * engine's NIR neuron models ({@link NirNeuron}) both take their coefficients from here, so they
 * start every step from the same doubles.
 *
 * @param aM membrane decay
 * @param cM weight of {@code v_leak}
 * @param kI weight of the synaptic current at the start of the step (null without one)
 * @param kX weight of this step's input
 * @param aS synaptic decay (null without a synaptic current)
 * @param gS weight of this step's input on the synaptic current (null without one)
 */
public record NirCoefficients(double[] aM, double[] cM, double[] kI, double[] kX, double[] aS, double[] gS) {

    /** The constant term {@code cM·v_leak} of each neuron, as the kernels add it. */
    public double[] leakTerm(double[] vLeak) {
        double[] out = new double[cM.length];
        for (int k = 0; k < out.length; k++) out[k] = cM[k] * vLeak[k];
        return out;
    }

    /**
     * The coefficients of {@code r.length} neurons. Arrays hold one value per neuron; time
     * constants must be positive (callers validate them with their own messages).
     *
     * @param dt     time step, in the unit of the time constants
     * @param tauMem membrane time constants; null for the integrators IF and I (no leak)
     * @param tauSyn synaptic time constants; null without a synaptic current
     * @param r      input resistances ({@code R}); for IF and I, per unit of {@code dt}
     * @param wIn    input weights of the synaptic current; null without one
     */
    public static NirCoefficients of(NirDiscretisation discretisation, double dt, double[] tauMem, double[] tauSyn,
                                     double[] r, double[] wIn) {
        int n = r.length;
        double[] aM = new double[n], cM = new double[n], kX = new double[n];
        double[] kI = tauSyn == null ? null : new double[n];
        double[] aS = tauSyn == null ? null : new double[n];
        double[] gS = tauSyn == null ? null : new double[n];
        boolean euler = discretisation == NirDiscretisation.EULER;
        for (int k = 0; k < n; k++) {
            if (tauMem == null) {
                aM[k] = 1.0;
                cM[k] = 0.0;
                kX[k] = r[k] * dt;
                continue;
            }
            aM[k] = euler ? 1.0 - dt / tauMem[k] : Propagators.decay(dt, tauMem[k]);
            cM[k] = euler ? dt / tauMem[k] : -Math.expm1(-dt / tauMem[k]);
            if (tauSyn == null) {
                kX[k] = r[k] * cM[k];
            } else {
                double s = euler ? 1.0 - dt / tauSyn[k] : Propagators.decay(dt, tauSyn[k]);
                double g = (euler ? dt / tauSyn[k] : -Math.expm1(-dt / tauSyn[k])) * wIn[k];
                aS[k] = s;
                gS[k] = g;
                if (euler) {
                    double gm = r[k] * dt / tauMem[k];
                    kI[k] = gm * s;
                    kX[k] = gm * g;
                } else {
                    double p21 = Propagators.currentToVoltage(dt, tauMem[k], tauSyn[k], r[k]);
                    kI[k] = p21;
                    kX[k] = (r[k] * cM[k] - p21) * wIn[k];
                }
            }
        }
        return new NirCoefficients(aM, cM, kI, kX, aS, gS);
    }
}
