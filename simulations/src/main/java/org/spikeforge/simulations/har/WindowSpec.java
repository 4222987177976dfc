package org.spikeforge.simulations.har;

/**
 * How recordings become windows: the resampling rate, the window length and the stride, in samples
 * of the resampled grid. The reference split uses 50 Hz, 100 samples (2 s) and a stride of 50 (1 s).
 *
 * @param rateHz resampling rate, Hz (grid period {@code 1000/rateHz} ms)
 * @param length samples per window
 * @param stride samples between window starts
 */
public record WindowSpec(double rateHz, int length, int stride) {

    public WindowSpec {
        if (!(rateHz > 0) || !Double.isFinite(rateHz)) throw new IllegalArgumentException("resampling rate must be > 0 Hz, was " + rateHz);
        if (length < 1) throw new IllegalArgumentException("window length must be >= 1 sample, was " + length);
        if (stride < 1) throw new IllegalArgumentException("window stride must be >= 1 sample, was " + stride);
    }

    /** 50 Hz, 100-sample windows, stride 50: the split of {@code shared/fixtures/ann/har_split.json}. */
    public static WindowSpec reference() {
        return new WindowSpec(50, 100, 50);
    }

    public double periodMs() {
        return 1000.0 / rateHz;
    }
}
