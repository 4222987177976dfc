package org.spikeforge.encoders.events;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;

/**
 * A DVS (dynamic vision sensor) emulator after ESIM (Rebecq, Gehrig and Scaramuzza, CoRL 2018) and
 * v2e (Hu, Liu and Delbruck, CVPR Workshops 2021): each pixel watches its log intensity
 * {@code L = ln(I + ε)} and emits an on event each time {@code L} has risen by {@code C_on} above
 * its memorised reference, an off event each time it has fallen by {@code C_off} below it; the
 * reference then moves by that threshold. Between frames {@code L} is interpolated linearly, and
 * each event is stamped with the time its level is crossed, so a pixel may fire several events
 * between two frames.
 *
 * <p>Non-idealities, all off by default: per-pixel threshold mismatch (each pixel's {@code C_on}
 * and {@code C_off} drawn once from a normal distribution of standard deviation {@code σ_C},
 * floored at 0.01); a refractory period (a crossing within {@code refractory} ms of the pixel's last
 * event emits nothing, though the reference still moves, as the pixel's reset would have absorbed
 * the change); and background noise events (a Poisson process per pixel at {@code noise_rate} Hz,
 * polarity on or off with equal probability, leaving the reference alone).
 *
 * <p>Without noise the reference tracks the signal within one threshold, so a pixel whose log
 * intensity rises monotonically by {@code ΔL} fires {@code ⌊ΔL / C_on⌋} on events, and a pixel whose
 * intensity ends where it started fires as many on as off events (with equal thresholds).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>threshold_on</td><td>log intensity</td><td>0.2</td><td>{@code C_on} > 0</td></tr>
 *   <tr><td>threshold_off</td><td>log intensity</td><td>0.2</td><td>{@code C_off} > 0</td></tr>
 *   <tr><td>threshold_sigma</td><td>log intensity</td><td>0</td><td>pixel-to-pixel spread of the thresholds</td></tr>
 *   <tr><td>refractory</td><td>ms</td><td>0</td><td>dead time after an event</td></tr>
 *   <tr><td>noise_rate</td><td>Hz</td><td>0</td><td>background events per pixel per second</td></tr>
 *   <tr><td>log_eps</td><td>intensity</td><td>0.1</td><td>ε in {@code ln(I + ε)}</td></tr>
 *   <tr><td>frame_rate</td><td>Hz</td><td>1000</td><td>frames per second of the input</td></tr>
 *   <tr><td>seed</td><td>1</td><td>0</td><td>seed for mismatch and noise</td></tr>
 * </table>
 *
 * Input of {@link #encode}: frames {@code (T, height, width)} of intensities >= 0, frame {@code k}
 * at {@code k · 1000 / frame_rate} ms. Output: an {@link EventStream}.
 */
public record DvsEmulator(double thresholdOn, double thresholdOff, double thresholdSigma, double refractoryMs,
                          double noiseRateHz, double logEps, double frameRateHz, long seed) implements Encoder {

    public DvsEmulator {
        Checks.positive("threshold_on", thresholdOn, "");
        Checks.positive("threshold_off", thresholdOff, "");
        Checks.nonNegative("threshold_sigma", thresholdSigma, "");
        Checks.nonNegative("refractory", refractoryMs, "ms");
        Checks.nonNegative("noise_rate", noiseRateHz, "Hz");
        Checks.positive("log_eps", logEps, "");
        Checks.positive("frame_rate", frameRateHz, "Hz");
    }

    /** An ideal sensor: equal thresholds {@code c}, no mismatch, refractoriness or noise, ε = 0.1, 1 kHz frames. */
    public static DvsEmulator ideal(double c) {
        return new DvsEmulator(c, c, 0, 0, 0, 0.1, 1000, 0);
    }

    @Override
    public EventStream encode(NdArray frames) {
        if (frames.rank() != 3 || frames.dim(0) < 1) {
            throw new IllegalArgumentException("dvs input must be frames (T, height, width) with T >= 1, got shape " + Arrays.toString(frames.shape()));
        }
        int steps = frames.dim(0), h = frames.dim(1), w = frames.dim(2), n = h * w;
        double[] in = frames.data();
        for (int i = 0; i < in.length; i++) {
            if (!(in[i] >= 0) || !Double.isFinite(in[i])) {
                throw new IllegalArgumentException("dvs input intensities must be finite and >= 0, found " + in[i] + " in frame " + i / Math.max(1, n)
                        + " at (y, x) = (" + (i % Math.max(1, n)) / Math.max(1, w) + ", " + i % Math.max(1, w) + ")");
            }
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double frameMs = 1e3 / frameRateHz;
        Events out = new Events();
        for (int pix = 0; pix < n; pix++) {
            int x = pix % w, y = pix / w;
            double cOn = thresholdOn, cOff = thresholdOff;
            if (thresholdSigma > 0) {
                cOn = Math.max(0.01, thresholdOn + thresholdSigma * gauss.sample());
                cOff = Math.max(0.01, thresholdOff + thresholdSigma * gauss.sample());
            }
            double ref = Math.log(in[pix] + logEps);
            double last = Double.NEGATIVE_INFINITY;
            double l0 = ref;
            for (int k = 0; k + 1 < steps; k++) {
                double l1 = Math.log(in[(k + 1) * n + pix] + logEps);
                double t0 = k * frameMs;
                if (l1 > l0) {
                    while (l1 - ref >= cOn) {
                        ref += cOn;
                        double t = crossing(t0, frameMs, l0, l1, ref);
                        if (t - last >= refractoryMs) {
                            out.add(t, x, y, 1);
                            last = t;
                        }
                    }
                } else if (l1 < l0) {
                    while (l1 - ref <= -cOff) {
                        ref -= cOff;
                        double t = crossing(t0, frameMs, l0, l1, ref);
                        if (t - last >= refractoryMs) {
                            out.add(t, x, y, 0);
                            last = t;
                        }
                    }
                }
                l0 = l1;
            }
            if (noiseRateHz > 0) {
                double end = (steps - 1) * frameMs;
                double rate = noiseRateHz * 1e-3;
                for (double t = -Math.log1p(-rng.nextDouble()) / rate; t < end; t += -Math.log1p(-rng.nextDouble()) / rate) {
                    out.add(t, x, y, rng.nextBoolean() ? 1 : 0);
                }
            }
        }
        return out.stream(w, h);
    }

    /** Time at which the line from {@code (t0, l0)} to {@code (t0 + dt, l1)} reaches {@code level}. */
    private static double crossing(double t0, double dt, double l0, double l1, double level) {
        double f = (level - l0) / (l1 - l0);
        return t0 + Math.min(1, Math.max(0, f)) * dt;
    }

    /**
     * Saccade mode, as the N-MNIST recordings (Orchard et al., Front. Neurosci. 9:437, 2015) moved a
     * sensor in front of still MNIST digits: the image (height, width) is drawn, with bilinear
     * interpolation, onto a canvas {@code 2m} pixels larger ({@code m = ⌈amplitude / 2⌉}; 28 × 28 and
     * amplitude 6 give N-MNIST's 34 × 34) and moved along a closed triangle, offsets (dy, dx)
     * {@code (−a/2, −a/2) → (a/2, 0) → (−a/2, a/2) → (−a/2, −a/2)}, one linear saccade of
     * {@code saccade_ms} per side. The rendered frames at {@code frame_rate} go through the emulator.
     */
    public EventStream saccade(NdArray image, double amplitudePx, double saccadeMs) {
        return encode(saccadeFrames(image, amplitudePx, saccadeMs));
    }

    /** The frames {@link #saccade} renders: {@code (3 · saccade_ms · frame_rate / 1000 + 1, h + 2m, w + 2m)}. */
    public NdArray saccadeFrames(NdArray image, double amplitudePx, double saccadeMs) {
        if (image.rank() != 2) throw new IllegalArgumentException("dvs saccade input must be one image (height, width), got shape " + Arrays.toString(image.shape()));
        Checks.positive("saccade_amplitude", amplitudePx, "px");
        Checks.positive("saccade_ms", saccadeMs, "ms");
        int h = image.dim(0), w = image.dim(1);
        int m = (int) Math.ceil(amplitudePx / 2 - 1e-9);
        int ch = h + 2 * m, cw = w + 2 * m;
        double frameMs = 1e3 / frameRateHz;
        int frames = (int) Math.round(3 * saccadeMs / frameMs) + 1;
        double a = amplitudePx / 2;
        double[][] v = {{-a, -a}, {a, 0}, {-a, a}};
        double[] img = image.data();
        double[] out = new double[Math.multiplyExact(frames, ch * cw)];
        for (int k = 0; k < frames; k++) {
            double t = k * frameMs / saccadeMs; // in saccades
            int seg = Math.min(2, (int) Math.floor(t));
            double f = Math.min(1, t - seg);
            double[] p = v[seg], q = v[(seg + 1) % 3];
            double dy = p[0] + f * (q[0] - p[0]), dx = p[1] + f * (q[1] - p[1]);
            for (int yy = 0; yy < ch; yy++) {
                for (int xx = 0; xx < cw; xx++) {
                    out[(k * ch + yy) * cw + xx] = bilinear(img, h, w, yy - m - dy, xx - m - dx);
                }
            }
        }
        return new NdArray(out, frames, ch, cw);
    }

    private static double bilinear(double[] img, int h, int w, double yy, double xx) {
        int y0 = (int) Math.floor(yy), x0 = (int) Math.floor(xx);
        double fy = yy - y0, fx = xx - x0;
        return (1 - fy) * ((1 - fx) * pixel(img, h, w, y0, x0) + fx * pixel(img, h, w, y0, x0 + 1))
                + fy * ((1 - fx) * pixel(img, h, w, y0 + 1, x0) + fx * pixel(img, h, w, y0 + 1, x0 + 1));
    }

    private static double pixel(double[] img, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0 : img[y * w + x];
    }

    /** Growable event columns. */
    private static final class Events {
        double[] t = new double[256];
        int[] x = new int[256], y = new int[256];
        byte[] p = new byte[256];
        int n;

        void add(double time, int px, int py, int pol) {
            if (n == t.length) {
                t = Arrays.copyOf(t, 2 * n);
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
                p = Arrays.copyOf(p, 2 * n);
            }
            t[n] = time;
            x[n] = px;
            y[n] = py;
            p[n++] = (byte) pol;
        }

        EventStream stream(int w, int h) {
            return new EventStream(Arrays.copyOf(t, n), Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(p, n), w, h);
        }
    }
}
