package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReceiverTest {
    private static final double H = 6.62607015e-34, C = 299_792_458.0;

    @Test
    void shotNoiseLimitedHomodyneSnrIsFourTimesEfficiencyTimesPhotonNumber() {
        // textbook quantum limit of balanced homodyne detection: SNR = 4·η·N, N photons in T = 1/(2B)
        double lambda = 1550e-9, eta = 0.8, bandwidth = 1e9, power = 1e-6;
        double hv = H * C / lambda;
        double responsivity = eta * Receiver.Q_E / hv;
        Receiver rx = new Receiver(responsivity, bandwidth, 0.0, 50, 1e-3);
        double sigma = rx.fieldNoiseSigma();
        double snr = power / (sigma * sigma);
        double photons = power * (1 / (2 * bandwidth)) / hv;
        assertEquals(4 * eta * photons, snr, 1e-9 * snr);
    }

    @Test
    void thermalNoiseAddsKTBOverLoadInCurrent() {
        Receiver cold = new Receiver(1.0, 1e10, 0, 1000, 1e-3);
        Receiver warm = new Receiver(1.0, 1e10, 300, 1000, 1e-3);
        double dShot = cold.fieldNoiseSigma() * cold.fieldNoiseSigma();
        double dAll = warm.fieldNoiseSigma() * warm.fieldNoiseSigma();
        // current variance 4kTB/R_L over the homodyne gain (2·R·√P_LO)²
        double thermal = 4 * Receiver.K_B * 300 * 1e10 / 1000 / (4 * 1e-3);
        assertEquals(thermal, dAll - dShot, 1e-12 * dAll);
    }

    @Test
    void laserPowerForSnrReachesThatSnrAfterTheLosses() {
        Receiver rx = new Receiver(1.0, 1e10, 300, 1000, 1e-3);
        double transmission = 0.05, snr = 1000;
        double p = rx.laserPowerForSnr(snr, transmission);
        assertEquals(snr, p * transmission / Math.pow(rx.fieldNoiseSigma(), 2), 1e-9 * snr);
        assertThrows(IllegalArgumentException.class, () -> rx.laserPowerForSnr(snr, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Receiver(0, 1, 1, 1, 1));
    }
}
