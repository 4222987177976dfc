package org.spikeforge.neurons;

/**
 * Exact-integration coefficients for linear sub-threshold dynamics (Rotter &amp; Diesmann 1999).
 */
public final class Propagators {
    private Propagators() {}

    /** {@code exp(−dt/τ)}: the decay of a leaky variable over one step. */
    public static double decay(double dt, double tau) {
        return Math.exp(-dt / tau);
    }

    /**
     * Coefficient of an exponentially decaying current {@code I(t) = I₀·e^{−t/τ_s}} on the membrane
     * {@code τ_m dv/dt = −(v − v_rest) + R·I} over one step: the change of {@code v} per unit of
     * {@code I₀}, which is {@code R·τ_s/(τ_s − τ_m)·(e^{−dt/τ_s} − e^{−dt/τ_m})}, with the limit
     * {@code R·dt/τ_m·e^{−dt/τ_m}} when the two time constants coincide. Computed with
     * {@code expm1} so it stays accurate when they are close.
     */
    public static double currentToVoltage(double dt, double tauM, double tauS, double r) {
        double a = 1.0 / tauM - 1.0 / tauS; // e^{-dt/τs} − e^{-dt/τm} = e^{-dt/τm}(e^{dt·a}−1)
        if (Math.abs(a * dt) < 1e-12) {
            return r * dt / tauM * Math.exp(-dt / tauM);
        }
        return r * tauS / (tauS - tauM) * Math.exp(-dt / tauM) * Math.expm1(dt * a);
    }
}
