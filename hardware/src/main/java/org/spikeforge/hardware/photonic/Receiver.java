package org.spikeforge.hardware.photonic;

/**
 * A coherent (balanced homodyne) receiver: the output field {@code E} of a mesh (in √W) beats
 * with a local oscillator of power {@code P_LO} taken from the same laser, and the difference
 * photocurrent {@code i = 2·R·√P_LO·Re(E)} gives the signed field amplitude, which intensity
 * detection ({@code |E|²}) would lose.
 *
 * <pre>
 *   shot noise     σ_i² = 2·q·R·P_LO·B          (LO-dominated)
 *   thermal noise  σ_i² = 4·k_B·T·B / R_L
 *   in field units σ_E² = (σ_i,shot² + σ_i,thermal²) / (2·R·√P_LO)² = q·B/(2R) + k_B·T·B/(R_L·R²·P_LO)
 * </pre>
 * The shot-noise term is the quantum limit of homodyne detection, independent of {@code P_LO}.
 *
 * @param responsivity     R in A/W
 * @param bandwidthHz      B in Hz (one read per 1/B)
 * @param temperatureK     T in K
 * @param loadOhm          R_L in Ω (transimpedance)
 * @param localOscillatorW P_LO in W
 */
public record Receiver(double responsivity, double bandwidthHz, double temperatureK, double loadOhm, double localOscillatorW) {
    /** Elementary charge (C). */
    public static final double Q_E = 1.602176634e-19;
    /** Boltzmann constant (J/K). */
    public static final double K_B = 1.380649e-23;

    public Receiver {
        if (!(responsivity > 0)) throw new IllegalArgumentException("receiver responsivity must be > 0 A/W, was " + responsivity);
        if (!(bandwidthHz > 0)) throw new IllegalArgumentException("receiver bandwidth must be > 0 Hz, was " + bandwidthHz);
        if (!(temperatureK >= 0)) throw new IllegalArgumentException("receiver temperature must be >= 0 K, was " + temperatureK);
        if (!(loadOhm > 0)) throw new IllegalArgumentException("receiver load must be > 0 Ohm, was " + loadOhm);
        if (!(localOscillatorW > 0)) throw new IllegalArgumentException("local oscillator power must be > 0 W, was " + localOscillatorW);
    }

    /** Standard deviation of the detected field amplitude, in √W. */
    public double fieldNoiseSigma() {
        double shot = Q_E * bandwidthHz / (2 * responsivity);
        double thermal = K_B * temperatureK * bandwidthHz / (loadOhm * responsivity * responsivity * localOscillatorW);
        return Math.sqrt(shot + thermal);
    }

    /**
     * Optical power per input channel (W, at the laser) for which a channel at full amplitude
     * reaches the receiver with the given SNR: {@code P = SNR·σ_E² / T}, where {@code T} is the
     * power transmission from laser to receiver (coupling and mesh losses).
     */
    public double laserPowerForSnr(double snrLinear, double powerTransmission) {
        if (!(snrLinear > 0)) throw new IllegalArgumentException("target SNR must be > 0, was " + snrLinear);
        if (!(powerTransmission > 0 && powerTransmission <= 1)) throw new IllegalArgumentException("power transmission must be in (0, 1], was " + powerTransmission);
        double s = fieldNoiseSigma();
        return snrLinear * s * s / powerTransmission;
    }
}
