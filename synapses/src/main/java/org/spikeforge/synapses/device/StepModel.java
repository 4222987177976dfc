package org.spikeforge.synapses.device;

/**
 * How far one programming pulse moves a resistive device's weight, as a function of the weight
 * it is at: the update nonlinearity of the pulsed-device models of IBM's aihwkit. The step of one
 * pulse in direction d ∈ {up, down} is {@code Δw_min^d · shape(w)}; {@link DeviceArray} adds the
 * cycle-to-cycle noise and clips to the device's bounds after every pulse.
 *
 * <table>
 *   <caption>Step models (w_max, w_min: the device's own bounds)</caption>
 *   <tr><th>model</th><th>shape up</th><th>shape down</th><th>pulse-sequence curve</th></tr>
 *   <tr><td>{@link IdealStep}</td><td colspan="2">no pulses: the requested change is applied exactly</td><td>—</td></tr>
 *   <tr><td>{@link ConstantStep}</td><td>1</td><td>1</td><td>straight ramps, hard stop at the bounds</td></tr>
 *   <tr><td>{@link LinearStep}</td><td>1 + γ_up·w</td><td>1 + γ_down·w</td><td>geometric: w_k = (w_0 + 1/γ)(1 + γ·Δw_min)^k − 1/γ</td></tr>
 *   <tr><td>{@link SoftBounds}</td><td>1 − w/w_max</td><td>1 − w/w_min</td><td>exponential approach to each bound</td></tr>
 *   <tr><td>{@link ExpStep}</td><td>max(1 − A_up·e^{γ_up·z}, 0)</td><td>max(1 − A_down·e^{−γ_down·z}, 0)</td><td>z = 2a·w/(w_max − w_min) + b; steps shrink or grow exponentially with w</td></tr>
 *   <tr><td>{@link PowStep}</td><td>((w_max − w)/(w_max − w_min))^γ</td><td>((w − w_min)/(w_max − w_min))^γ</td><td>γ = 1: exponential approach; γ &gt; 1: slower near the bound</td></tr>
 * </table>
 *
 * <p>Source: aihwkit {@code simulator/configs/devices.py} (MIT/Apache-2.0), as summarised in the
 * project's device reference; PowStep after Fusi &amp; Abbott 2007, Nat Neurosci 10:485.
 */
public sealed interface StepModel permits StepModel.IdealStep, StepModel.ConstantStep, StepModel.LinearStep,
        StepModel.SoftBounds, StepModel.ExpStep, StepModel.PowStep {

    /** Name in preset files ("ideal", "constant", "linear", "soft_bounds", "exp", "pow"). */
    String kind();

    /** A device that stores any value in its range exactly: the reference for the others. */
    record IdealStep() implements StepModel {
        @Override public String kind() { return "ideal"; }
    }

    /** Every pulse moves the weight by the same step. */
    record ConstantStep() implements StepModel {
        @Override public String kind() { return "constant"; }
    }

    /**
     * The step changes linearly with the weight: {@code Δw = Δw_min^d·(1 + γ^d·w)}.
     *
     * @param gammaUp   slope γ_up of the up steps
     * @param gammaDown slope γ_down of the down steps
     * @param gammaDtod device-to-device spread of both slopes (relative, Gaussian)
     */
    record LinearStep(double gammaUp, double gammaDown, double gammaDtod) implements StepModel {
        public LinearStep {
            finite("gamma_up", gammaUp);
            finite("gamma_down", gammaDown);
            nonNegative("gamma_dtod", gammaDtod);
        }
        @Override public String kind() { return "linear"; }
    }

    /** The step goes linearly to zero at the bound it moves towards (a LinearStep with γ = −1/bound). */
    record SoftBounds() implements StepModel {
        @Override public String kind() { return "soft_bounds"; }
    }

    /**
     * Exponential step, fitted to measured ReRAM and PCM conductance curves.
     *
     * @param a      global slope a
     * @param b      global offset b
     * @param aUp    factor A_up
     * @param aDown  factor A_down
     * @param gammaUp   exponent γ_up
     * @param gammaDown exponent γ_down
     */
    record ExpStep(double a, double b, double aUp, double aDown, double gammaUp, double gammaDown) implements StepModel {
        /** aihwkit's ExpStepDevice defaults. */
        public static final ExpStep DEFAULTS = new ExpStep(0.244, 0.2425, 0.00081, 0.36833, 12.44625, 12.78785);

        public ExpStep {
            finite("a", a);
            finite("b", b);
            finite("A_up", aUp);
            finite("A_down", aDown);
            finite("gamma_up", gammaUp);
            finite("gamma_down", gammaDown);
        }
        @Override public String kind() { return "exp"; }
    }

    /**
     * Power-law step: {@code Δw_up = Δw_min·((w_max − w)/(w_max − w_min))^γ}, symmetrically down.
     *
     * @param gamma      exponent γ (aihwkit default 1)
     * @param gammaDtod  device-to-device spread of γ (relative; aihwkit default 0.1)
     */
    record PowStep(double gamma, double gammaDtod) implements StepModel {
        public PowStep {
            if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException("pow_gamma must be > 0, was " + gamma);
            nonNegative("pow_gamma_dtod", gammaDtod);
        }
        @Override public String kind() { return "pow"; }
    }

    private static void finite(String field, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(field + " must be a finite number, was " + v);
    }

    private static void nonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(field + " must be >= 0, was " + v);
    }
}
