package org.spikeforge.encoders.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Delta, step-forward and BSA codes: snnTorch's documented examples, and reconstruction of a
 * band-limited test signal above an SNR bound the test derives from each code's quantum.
 */
class SignalCodesTest {

    /** 0.5 + 0.3 sin(2π·3t) + 0.15 sin(2π·7t + 1) at 1 kHz for 1 s: band-limited to 7 Hz, within [0.05, 0.95]. */
    static double[] testSignal(int samples) {
        double[] x = new double[samples];
        for (int t = 0; t < samples; t++) {
            double s = t / 1000.0;
            x[t] = 0.5 + 0.3 * Math.sin(2 * Math.PI * 3 * s) + 0.15 * Math.sin(2 * Math.PI * 7 * s + 1);
        }
        return x;
    }

    static double maxStep(double[] x) {
        double m = 0;
        for (int t = 1; t < x.length; t++) m = Math.max(m, Math.abs(x[t] - x[t - 1]));
        return m;
    }

    /** SNR in dB of {@code y} against {@code x} over samples [from, to). */
    static double snrDb(double[] x, double[] y, int from, int to) {
        double p = 0, n = 0;
        for (int t = from; t < to; t++) {
            p += x[t] * x[t];
            n += (x[t] - y[t]) * (x[t] - y[t]);
        }
        return 10 * Math.log10(p / n);
    }

    static double power(double[] x, int from, int to) {
        double p = 0;
        for (int t = from; t < to; t++) p += x[t] * x[t];
        return p / (to - from);
    }

    @Test
    void deltaMatchesTheSnntorchDocstringExamples() {
        // spikegen.delta's docstring, example b (its example a, [1, 2, 2.9, 3, 3.9] -> [1, 1, 0, 1, 0], disagrees with
        // its own code: 3 - 2.9 = 0.1 < 1 cannot spike; the code, which the fixture test checks, gives [1, 1, 0, 0, 0])
        NdArray a = NdArray.vector(1, 2, 2.9, 3, 3.9).reshape(5, 1);
        assertArrayEquals(new double[] {1, 1, 0, 0, 0}, DeltaCode.snntorch(1, false, false).encode(a).toArray().data());
        NdArray b = NdArray.vector(1, 2, 0, 2, 2.9).reshape(5, 1);
        assertArrayEquals(new double[] {1, 1, -1, 1, 0}, DeltaCode.snntorch(1, false, true).encode(b).toArray().data());
        assertArrayEquals(new double[] {0, 1, -1, 1, 0}, DeltaCode.snntorch(1, true, true).encode(b).toArray().data());
    }

    @Test
    void bipolarTrainPutsOffSpikesOnTheSecondHalfOfTheChannels() {
        SpikeTrain t = DeltaCode.snntorch(1, false, true).encode(NdArray.vector(1, 2, 0, 2, 2.9).reshape(5, 1));
        assertTrue(t.bipolar());
        assertEquals(2, t.channels());
        SpikeSource src = t.toSource();
        int[] out = new int[2];
        int[] expectChannel = {0, 0, 1, 0, -1};
        for (int s = 0; s < 5; s++) {
            int n = src.spikes(s, out);
            assertEquals(expectChannel[s] < 0 ? 0 : 1, n, "step " + s);
            if (n == 1) assertEquals(expectChannel[s], out[0], "step " + s);
        }
    }

    @Test
    void sendOnDeltaReconstructsWithinTheThresholdAndAboveTheSnrBound() {
        double[] x = testSignal(1000);
        double theta = 0.02;
        assertTrue(maxStep(x) <= theta, "precondition: the signal moves less than θ per sample");
        DeltaCode c = new DeltaCode(theta, true, true, DeltaCode.Reference.RECONSTRUCTION, 1000);
        NdArray series = new NdArray(x.clone(), 1000, 1);
        double[] y = c.decode(c.encode(series).toArray(), x[0]).data();
        for (int t = 0; t < x.length; t++) assertTrue(Math.abs(x[t] - y[t]) < theta, "|error| < θ at sample " + t);
        // |e| < θ everywhere, so the noise power is below θ² and SNR > 10 log10(P / θ²)
        double bound = 10 * Math.log10(power(x, 0, 1000) / (theta * theta));
        assertTrue(snrDb(x, y, 0, 1000) > bound, "SNR " + snrDb(x, y, 0, 1000) + " dB vs bound " + bound + " dB");
    }

    @Test
    void stepForwardReconstructsWithinTheThresholdAndAboveTheSnrBound() {
        double[] x = testSignal(1000);
        double theta = 0.015;
        assertTrue(maxStep(x) <= theta, "precondition: the signal moves less than θ per sample");
        StepForwardCode c = new StepForwardCode(theta, 1000);
        NdArray series = new NdArray(x.clone(), 1000, 1);
        SpikeTrain spikes = c.encode(series);
        assertTrue(spikes.spikeCount() > 20);
        double[] y = c.decode(spikes.toArray(), StepForwardCode.initialValues(series)).data();
        for (int t = 0; t < x.length; t++) assertTrue(Math.abs(x[t] - y[t]) <= theta, "|error| <= θ at sample " + t);
        double bound = 10 * Math.log10(power(x, 0, 1000) / (theta * theta));
        assertTrue(snrDb(x, y, 0, 1000) > bound, "SNR " + snrDb(x, y, 0, 1000) + " dB vs bound " + bound + " dB");
    }

    @Test
    void bsaReconstructsTheInteriorAboveTheSnrBoundOfOneFilterQuantum() {
        double[] x = testSignal(1000);
        double[] h = BsaCode.gaussianFilter(24, 4, 1.0);
        double hMax = 0;
        for (double v : h) hMax = Math.max(hMax, v);
        BsaCode c = new BsaCode(h, 0.9, 1000);
        NdArray series = new NdArray(x.clone(), 1000, 1);
        double[] y = c.decode(c.encode(series).toArray()).data();
        // One spike adds the filter, whose peak h_max is the code's quantum (as θ is the delta code's): away from
        // the first and last M samples, where the filter's support is cut, the error stays below h_max, so
        // SNR > 10 log10(P / h_max²).
        int m = h.length;
        for (int t = m; t < x.length - m; t++) assertTrue(Math.abs(x[t] - y[t]) < hMax, "|error| < h_max at sample " + t);
        double bound = 10 * Math.log10(power(x, m, 1000 - m) / (hMax * hMax));
        double snr = snrDb(x, y, m, 1000 - m);
        assertTrue(snr > bound, "SNR " + snr + " dB vs bound " + bound + " dB");
    }

    @Test
    void bsaFollowsOtherBandLimitedSignalsToo() {
        // a second signal with different content, through two channels at once
        int n = 1500;
        double[] x = new double[2 * n];
        for (int t = 0; t < n; t++) {
            double s = t / 1000.0;
            x[2 * t] = 0.4 + 0.25 * Math.sin(2 * Math.PI * 2 * s + 0.3) + 0.1 * Math.cos(2 * Math.PI * 5 * s);
            x[2 * t + 1] = 0.6 + 0.3 * Math.sin(2 * Math.PI * 1.3 * s);
        }
        double[] h = BsaCode.gaussianFilter(24, 4, 1.0);
        BsaCode c = new BsaCode(h, 0.9, 1000);
        double[] y = c.decode(c.encode(new NdArray(x, n, 2)).toArray()).data();
        double hMax = h[11];
        for (int t = h.length; t < n - h.length; t++) {
            for (int ch = 0; ch < 2; ch++) assertTrue(Math.abs(x[2 * t + ch] - y[2 * t + ch]) < hMax, "channel " + ch + " sample " + t);
        }
    }

    @Test
    void gaussianFilterHasTheRequestedSumAndIsCentred() {
        double[] h = BsaCode.gaussianFilter(9, 2, 3.0);
        double sum = 0;
        for (double v : h) sum += v;
        assertEquals(3.0, sum, 1e-12);
        for (int k = 0; k < 4; k++) assertEquals(h[k], h[8 - k], 1e-15);
        assertEquals(Math.exp(-1.0 / 8), h[3] / h[4], 1e-12); // one sample off-centre, σ = 2
    }

    @Test
    void thresholdsAtOrBelowZeroAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeltaCode.snntorch(0, false, false));
        assertEquals("threshold must be > 0, was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StepForwardCode(-0.1, 1000));
        assertEquals("threshold must be > 0, was -0.1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BsaCode(BsaCode.gaussianFilter(4, 1, 1), -1, 1000));
        assertEquals("threshold must be >= 0, was -1.0", e.getMessage());
    }

    @Test
    void bsaRejectsNegativeInputNamingSampleAndChannel() {
        BsaCode c = new BsaCode(BsaCode.gaussianFilter(4, 1, 1), 0.9, 1000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.encode(new NdArray(new double[] {0.1, 0.2, 0.3, -0.4}, 2, 2)));
        assertTrue(e.getMessage().contains("found -0.4 at sample 1, channel 1"), e.getMessage());
    }
}
