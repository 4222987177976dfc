package org.spikeforge.encoders.rate;

/**
 * The map from a feature value to a firing rate shared by the rate codes:
 * {@code r = gain · x + offset}. A resulting rate must be >= 0; the error names the value.
 */
final class RateMap {
    private RateMap() {}

    static double rateHz(String code, double gainHz, double offsetHz, double x, int index) {
        double r = gainHz * x + offsetHz;
        if (!(r >= 0) || !Double.isFinite(r)) {
            throw new IllegalArgumentException(code + ": rate must be >= 0 Hz, but gain·x + offset = " + r + " Hz for x = " + x
                    + " at flat index " + index + " (gain " + gainHz + " Hz, offset " + offsetHz + " Hz)");
        }
        return r;
    }
}
