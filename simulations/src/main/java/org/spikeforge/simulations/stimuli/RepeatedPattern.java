package org.spikeforge.simulations.stimuli;

import java.util.Arrays;
import java.util.BitSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
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
 *   background:  afferent i fires as a Poisson process of rate r_i(t) ∈ [rate_min, rate_max], with
 *                exact spike times; each millisecond the rate moves by s_i·1 ms, the speed s_i by
 *                ds ~ U[−360, 360] Hz/s, and s_i is clipped to [−1800, 1800] Hz/s; an afferent
 *                silent for max_silence fires at once
 *   pattern:     one segment of pattern_ms of the background of afferents [0, pattern_size), drawn
 *                once; time is cut into windows of pattern_ms, and each window is a pattern window
 *                with probability p unless the window before it was one; in a pattern window these
 *                afferents replay the segment, each spike moved by N(0, jitter²) (kept inside the
 *                window), instead of their background
 *   noise:       every afferent also fires as a homogeneous Poisson process of noise_rate throughout
 * </pre>
 *
 * <p>A spike at time t is emitted in step ⌊t/dt⌋; two spikes of one afferent in one step count
 * once. With the paper's figures (2000 afferents, half in the pattern, 50 ms, p = 0.25, 0–90 Hz,
 * 10 Hz noise, 50 ms maximal silence, 1 ms jitter) every afferent fires at about 64 Hz inside
 * and outside the pattern. The cost per step is that of its spikes plus one rate update per
 * afferent and millisecond. Spikes draw from a stream seeded with {@code seed}
 * (XO_RO_SHI_RO_128_PP); the pattern windows from a second one, so {@link #patternWindows} is
 * known without running the source.
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
 * @param jitterMs     standard deviation of the displacement of replayed pattern spikes, ms
 * @param dtMs         time step, ms
 * @param seed         seed of the streams
 */
public record RepeatedPattern(int size, int patternSize, double patternMs, double probability, double rateMinHz,
                              double rateMaxHz, double noiseHz, double maxSilenceMs, double jitterMs, double dtMs,
                              long seed) {

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
        if (!(rateMaxHz >= rateMinHz) || !Double.isFinite(rateMaxHz)) {
            throw new IllegalArgumentException("rate_max must be finite and >= rate_min (" + rateMinHz + " Hz), was " + rateMaxHz);
        }
        if (!(noiseHz >= 0) || !Double.isFinite(noiseHz)) throw new IllegalArgumentException("noise_rate must be >= 0 Hz, was " + noiseHz);
        if (!(maxSilenceMs >= 0) || !Double.isFinite(maxSilenceMs)) {
            throw new IllegalArgumentException("max_silence must be a time >= 0 ms, was " + maxSilenceMs);
        }
        if (!(jitterMs >= 0) || !Double.isFinite(jitterMs)) throw new IllegalArgumentException("pattern_jitter must be a time >= 0 ms, was " + jitterMs);
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
     * The generator. It works a chunk of about one millisecond (a whole number of steps) at a time;
     * steps are produced in order, asking for an earlier step restarts it and asking for a later one
     * generates the steps in between.
     */
    public static final class Source implements SpikeSource {
        private final RepeatedPattern p;
        private final int len, chunk;
        private final double chunkMs, accel;
        private final double[] rate, speed, budget, lastSpike, nextNoise;
        private final int[][] bucket; // per step of the current chunk: afferents that fire
        private final int[] bucketSize;
        private final int[] stamp;
        private double[] segTime = new double[0]; // the frozen segment: spike times (ms from the window start) ...
        private int[] segAfferent = new int[0];   // ... and afferents, in time order
        private int[] replayStep = new int[0], replayAfferent = new int[0];
        private int replayCount, replayCursor;
        private UniformRandomProvider rng, windowRng;
        private ZigguratSampler.NormalizedGaussian gauss;
        private final BitSet windows = new BitSet();
        private long decided, chunkStart, next;

        private Source(RepeatedPattern p) {
            this.p = p;
            this.len = p.patternSteps();
            this.chunk = Math.max(1, (int) Math.round(1.0 / p.dtMs));
            this.chunkMs = chunk * p.dtMs;
            this.accel = MAX_RATE_ACCELERATION * Math.sqrt(chunkMs);
            this.rate = new double[p.size];
            this.speed = new double[p.size];
            this.budget = new double[p.size];
            this.lastSpike = new double[p.size];
            this.nextNoise = new double[p.size];
            this.bucket = new int[chunk][16];
            this.bucketSize = new int[chunk];
            this.stamp = new int[p.size];
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
            gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            windowRng = p.windowStream();
            windows.clear();
            decided = 0;
            for (int i = 0; i < p.size; i++) {
                rate[i] = p.rateMinHz + rng.nextDouble() * (p.rateMaxHz - p.rateMinHz);
                speed[i] = (2 * rng.nextDouble() - 1) * MAX_RATE_SPEED;
                budget[i] = exponential();
                lastSpike[i] = -p.patternMs - rng.nextDouble() * p.maxSilenceMs; // before the segment drawn below
                nextNoise[i] = p.noiseHz > 0 ? exponential() / (p.noiseHz * 1e-3) : Double.POSITIVE_INFINITY;
            }
            // the frozen segment: the background of the pattern afferents over one window, before time 0
            double[] t = new double[64];
            int[] a = new int[64];
            int n = 0;
            double[] times = new double[8];
            for (double t0 = 0; t0 < p.patternMs; t0 += chunkMs) {
                double t1 = Math.min(t0 + chunkMs, p.patternMs);
                for (int i = 0; i < p.patternSize; i++) {
                    int m = background(i, t0 - p.patternMs, t1 - p.patternMs, times);
                    for (int k = 0; k < m; k++) {
                        if (n == t.length) { t = Arrays.copyOf(t, 2 * n); a = Arrays.copyOf(a, 2 * n); }
                        t[n] = times[k] + p.patternMs;
                        a[n++] = i;
                    }
                }
            }
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) order[k] = k;
            final double[] tt = t;
            Arrays.sort(order, (x, y) -> Double.compare(tt[x], tt[y]));
            segTime = new double[n];
            segAfferent = new int[n];
            for (int k = 0; k < n; k++) {
                segTime[k] = t[order[k]];
                segAfferent[k] = a[order[k]];
            }
            replayStep = new int[n];
            replayAfferent = new int[n];
            replayCount = replayCursor = 0;
            Arrays.fill(stamp, -1);
            chunkStart = -chunk;
            next = 0;
        }

        private double exponential() {
            return -Math.log(1 - rng.nextDouble());
        }

        /**
         * Advances afferent i's background over [t0, t1) ms (one rate update), writing its spike
         * times to {@code out}; returns how many.
         */
        private int background(int i, double t0, double t1, double[] out) {
            double v = speed[i] + (2 * rng.nextDouble() - 1) * accel;
            speed[i] = v < -MAX_RATE_SPEED ? -MAX_RATE_SPEED : (v > MAX_RATE_SPEED ? MAX_RATE_SPEED : v);
            double r = rate[i] + speed[i] * (t1 - t0) * 1e-3;
            rate[i] = r < p.rateMinHz ? p.rateMinHz : (r > p.rateMaxHz ? p.rateMaxHz : r);
            double perMs = rate[i] * 1e-3;
            double t = t0;
            int n = 0;
            while (true) {
                double poisson = perMs > 0 ? t + budget[i] / perMs : Double.POSITIVE_INFINITY;
                double forced = p.maxSilenceMs > 0 ? lastSpike[i] + p.maxSilenceMs : Double.POSITIVE_INFINITY;
                double at = Math.min(poisson, forced);
                if (!(at < t1)) {
                    budget[i] -= perMs * (t1 - t);
                    return n;
                }
                if (n < out.length) out[n++] = at; // more than out.length spikes in a millisecond: the rest merge in their step
                lastSpike[i] = at;
                budget[i] = exponential();
                t = at;
            }
        }

        private boolean inPattern(long step) {
            long k = step / len;
            while (decided <= k) {
                boolean previous = decided > 0 && windows.get((int) (decided - 1));
                if (!previous && windowRng.nextDouble() < p.probability) windows.set((int) decided);
                decided++;
            }
            return windows.get((int) k);
        }

        @Override
        public int spikes(long step, int[] out) {
            if (step < next) reset();
            while (next < step) emit(next, null);
            return emit(step, out);
        }

        private void add(int slot, int afferent) {
            if (bucketSize[slot] == bucket[slot].length) bucket[slot] = Arrays.copyOf(bucket[slot], 2 * bucketSize[slot]);
            bucket[slot][bucketSize[slot]++] = afferent;
        }

        /** Generates the chunk that starts at {@code start}: background (unless replaced by the pattern) and noise. */
        private void fillChunk(long start) {
            Arrays.fill(bucketSize, 0);
            double t0 = start * p.dtMs, t1 = (start + chunk) * p.dtMs;
            double[] times = new double[8];
            for (int i = 0; i < p.size; i++) {
                int m = background(i, t0, t1, times);
                for (int k = 0; k < m; k++) {
                    long s = Math.min(start + chunk - 1, Math.max(start, (long) Math.floor(times[k] / p.dtMs + 1e-9)));
                    if (i < p.patternSize && inPattern(s)) continue; // the pattern afferents replay instead
                    add((int) (s - start), i);
                }
                while (nextNoise[i] < t1) {
                    long s = Math.min(start + chunk - 1, Math.max(start, (long) Math.floor(nextNoise[i] / p.dtMs + 1e-9)));
                    add((int) (s - start), i);
                    nextNoise[i] += exponential() / (p.noiseHz * 1e-3);
                }
            }
            chunkStart = start;
        }

        /** Places the jittered replay of the segment for the pattern window starting at {@code start}. */
        private void fillReplay(long start) {
            int n = segTime.length;
            for (int k = 0; k < n; k++) {
                double t = segTime[k] + (p.jitterMs > 0 ? p.jitterMs * gauss.sample() : 0);
                int off = (int) Math.floor(t / p.dtMs + 1e-9);
                replayStep[k] = (int) Math.min(len - 1, Math.max(0, off));
                replayAfferent[k] = segAfferent[k];
            }
            // sort by step (jitter reorders a little): insertion sort on nearly sorted data
            for (int k = 1; k < n; k++) {
                int st = replayStep[k], af = replayAfferent[k], j = k - 1;
                while (j >= 0 && replayStep[j] > st) {
                    replayStep[j + 1] = replayStep[j];
                    replayAfferent[j + 1] = replayAfferent[j];
                    j--;
                }
                replayStep[j + 1] = st;
                replayAfferent[j + 1] = af;
            }
            replayCount = n;
            replayCursor = 0;
        }

        /** Emits step {@code step} (the next one) into {@code out} unless null; returns the count. */
        private int emit(long step, int[] out) {
            if (step >= chunkStart + chunk) fillChunk(step - step % chunk);
            int phase = (int) (step % len);
            boolean pattern = inPattern(step);
            if (pattern && phase == 0) fillReplay(step);
            int n = 0;
            int tag = (int) step;
            int slot = (int) (step - chunkStart);
            for (int k = 0; k < bucketSize[slot]; k++) {
                int i = bucket[slot][k];
                if (stamp[i] == tag) continue;
                stamp[i] = tag;
                if (out != null) out[n] = i;
                n++;
            }
            if (pattern) {
                while (replayCursor < replayCount && replayStep[replayCursor] == phase) {
                    int i = replayAfferent[replayCursor++];
                    if (stamp[i] == tag) continue;
                    stamp[i] = tag;
                    if (out != null) out[n] = i;
                    n++;
                }
            }
            if (out != null) Arrays.sort(out, 0, n);
            next = step + 1;
            return n;
        }
    }
}
