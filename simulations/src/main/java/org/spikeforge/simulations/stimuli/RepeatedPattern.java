package org.spikeforge.simulations.stimuli;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.SpikeSource;

/**
 * A spatio-temporal spike pattern hidden in equally dense noise, the input of Masquelier,
 * Guyonneau &amp; Thorpe (2008): {@code size} afferents fire as inhomogeneous Poisson processes, and
 * at irregular times the first {@code patternSize} of them replay, for {@code patternMs}, one
 * frozen segment of that same activity. Nothing in the rates marks the pattern: only the spike
 * timing repeats. This record holds the parameters; {@link #source()} builds the generator.
 *
 * <pre>
 *   background:  each afferent i fires with rate r_i(t) ∈ [rate_min, rate_max]; the rate changes
 *                at speed s_i, dr = s·dt, where each millisecond s changes by ds ~ U[−360, 360] Hz/s
 *                (by √(dt/1 ms)·ds per step of another length), and s is clipped to
 *                [−1800, 1800] Hz/s; an afferent silent for max_silence is made to fire
 *   pattern:     one segment of pattern_ms of the background of afferents [0, pattern_size), drawn
 *                once; time is cut into windows of pattern_ms, and each window is a pattern window
 *                with probability p unless the window before it was one; in a pattern window these
 *                afferents replay the segment instead of their background
 *   noise:       every afferent also fires as a homogeneous Poisson process of noise_rate throughout
 * </pre>
 *
 * <p>With the paper's figures (2000 afferents, half in the pattern, 50 ms, p = 0.25, 0–90 Hz,
 * 10 Hz noise, 50 ms maximal silence) every afferent fires at about 64 Hz inside and outside the
 * pattern. Spikes draw from a stream seeded with {@code seed} (XO_RO_SHI_RO_128_PP); the pattern
 * windows from a second one, so {@link #patternWindows} is known without running the source.
 *
 * <p>Reference: T. Masquelier, R. Guyonneau, S. J. Thorpe, Spike timing dependent plasticity finds
 * the start of repeating patterns in continuous spike trains, PLoS ONE 3:e1377 (2008), Methods.
 *
 * @param size         afferents
 * @param patternSize  afferents [0, patternSize) that take part in the pattern
 * @param patternMs    pattern duration (and window length), ms
 * @param probability  probability that a window (after a non-pattern window) holds the pattern
 * @param rateMinHz    lower bound of the background rate
 * @param rateMaxHz    upper bound of the background rate
 * @param noiseHz      rate of the additional homogeneous noise
 * @param maxSilenceMs longest background silence of an afferent, ms; 0 for no limit
 * @param dtMs         time step, ms
 * @param seed         seed of the streams
 */
public record RepeatedPattern(int size, int patternSize, double patternMs, double probability, double rateMinHz,
                              double rateMaxHz, double noiseHz, double maxSilenceMs, double dtMs, long seed) {

    /** The paper's bound on the speed of rate change, Hz/s. */
    public static final double MAX_RATE_SPEED = 1800;
    /** The paper's largest change of that speed per millisecond, Hz/s. */
    public static final double MAX_RATE_ACCELERATION = 360;

    public RepeatedPattern {
        if (size < 1) throw new IllegalArgumentException("size must be >= 1, was " + size);
        if (patternSize < 0 || patternSize > size) {
            throw new IllegalArgumentException("pattern_size must be in [0, " + size + "], was " + patternSize);
        }
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) throw new IllegalArgumentException("dt must be a positive ms value, was " + dtMs);
        if (!(patternMs >= dtMs) || !Double.isFinite(patternMs)) {
            throw new IllegalArgumentException("pattern_duration must be at least one step (" + dtMs + " ms), was " + patternMs);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("pattern_probability must be in [0, 1], was " + probability);
        }
        if (!(rateMinHz >= 0) || !Double.isFinite(rateMinHz)) throw new IllegalArgumentException("rate_min must be >= 0 Hz, was " + rateMinHz);
        if (!(rateMaxHz >= rateMinHz) || !(rateMaxHz * dtMs * 1e-3 <= 1)) {
            throw new IllegalArgumentException("rate_max must be in [rate_min, 1/dt] = [" + rateMinHz + ", " + 1e3 / dtMs + "] Hz, was " + rateMaxHz);
        }
        if (!(noiseHz >= 0) || !(noiseHz * dtMs * 1e-3 <= 1)) {
            throw new IllegalArgumentException("noise_rate must be in [0, 1/dt] = [0, " + 1e3 / dtMs + "] Hz, was " + noiseHz);
        }
        if (!(maxSilenceMs >= 0) || !Double.isFinite(maxSilenceMs)) {
            throw new IllegalArgumentException("max_silence must be a time >= 0 ms, was " + maxSilenceMs);
        }
    }

    /** Steps per pattern window. */
    public int patternSteps() {
        return Math.max(1, (int) Math.round(patternMs / dtMs));
    }

    /** Which of the first {@code count} windows (window k: steps [k·L, (k+1)·L)) hold the pattern. */
    public boolean[] patternWindows(int count) {
        UniformRandomProvider w = windowStream();
        boolean[] out = new boolean[count];
        for (int k = 0; k < count; k++) out[k] = (k == 0 || !out[k - 1]) && w.nextDouble() < probability;
        return out;
    }

    private UniformRandomProvider windowStream() {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed ^ 0x5DEECE66DL, 0x9E3779B97F4A7C15L});
    }

    /** A new generator of this input, at step 0. */
    public Source source() {
        return new Source(this);
    }

    /**
     * The generator. Steps are produced in order; asking for an earlier step restarts it, asking
     * for a later one generates the steps in between. Nothing is allocated per step.
     */
    public static final class Source implements SpikeSource {
        private final RepeatedPattern p;
        private final double dtS, accel, pNoise;
        private final int maxSilence, len;
        private final double[] rate, speed;
        private final int[] silent;
        private int[][] segment; // per step of the frozen segment: the pattern afferents that fire, ascending
        private UniformRandomProvider rng, windowRng;
        private boolean inWindow, previousWindow;
        private long next;

        private Source(RepeatedPattern p) {
            this.p = p;
            this.dtS = p.dtMs * 1e-3;
            this.accel = MAX_RATE_ACCELERATION * Math.sqrt(p.dtMs);
            this.pNoise = p.noiseHz * dtS;
            this.maxSilence = p.maxSilenceMs == 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.round(p.maxSilenceMs / p.dtMs));
            this.len = p.patternSteps();
            this.rate = new double[p.size];
            this.speed = new double[p.size];
            this.silent = new int[p.size];
            reset();
        }

        /** The parameters. */
        public RepeatedPattern pattern() {
            return p;
        }

        @Override
        public int size() {
            return p.size;
        }

        @Override
        public void reset() {
            rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {p.seed, 0x632BE59BD9B4E019L});
            windowRng = p.windowStream();
            for (int i = 0; i < p.size; i++) {
                rate[i] = p.rateMinHz + rng.nextDouble() * (p.rateMaxHz - p.rateMinHz);
                speed[i] = (2 * rng.nextDouble() - 1) * MAX_RATE_SPEED;
                silent[i] = maxSilence == Integer.MAX_VALUE ? 0 : (int) (rng.nextDouble() * maxSilence);
            }
            int[] buf = new int[p.size];
            segment = new int[len][];
            for (int t = 0; t < len; t++) {
                int n = 0;
                for (int i = 0; i < p.patternSize; i++) if (background(i)) buf[n++] = i;
                segment[t] = Arrays.copyOf(buf, n);
            }
            previousWindow = false;
            next = 0;
        }

        /** One step of afferent i's background: advances its rate; returns whether it fires. */
        private boolean background(int i) {
            double v = speed[i] + (2 * rng.nextDouble() - 1) * accel;
            speed[i] = v < -MAX_RATE_SPEED ? -MAX_RATE_SPEED : (v > MAX_RATE_SPEED ? MAX_RATE_SPEED : v);
            double r = rate[i] + speed[i] * dtS;
            rate[i] = r < p.rateMinHz ? p.rateMinHz : (r > p.rateMaxHz ? p.rateMaxHz : r);
            boolean fire = ++silent[i] >= maxSilence || rng.nextDouble() < rate[i] * dtS;
            if (fire) silent[i] = 0;
            return fire;
        }

        @Override
        public int spikes(long step, int[] out) {
            if (step < next) reset();
            while (next < step) emit(null);
            return emit(out);
        }

        /** Generates step {@code next}; writes its spikes to {@code out} unless null. */
        private int emit(int[] out) {
            int phase = (int) (next % len);
            if (phase == 0) { // a new window: the same draws as patternWindows()
                inWindow = !previousWindow && windowRng.nextDouble() < p.probability;
                previousWindow = inWindow;
            }
            int[] frozen = inWindow ? segment[phase] : null;
            int n = 0, f = 0;
            for (int i = 0; i < p.size; i++) {
                boolean fire = background(i); // every afferent's process runs on, replaying or not
                if (frozen != null && i < p.patternSize) {
                    fire = f < frozen.length && frozen[f] == i;
                    if (fire) f++;
                }
                if (!fire && pNoise > 0 && rng.nextDouble() < pNoise) fire = true;
                if (fire) {
                    if (out != null) out[n] = i;
                    n++;
                }
            }
            next++;
            return n;
        }
    }
}
