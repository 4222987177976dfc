package org.spikeforge.encoders;

import java.util.Arrays;

/**
 * Spikes of a group of channels over {@code steps} time steps of {@code dt} ms, stored sparsely as
 * (step, channel) events sorted by step, then channel, then time. Events may carry exact times
 * (in ms, within their step) for event-driven simulation; otherwise an event's time is
 * {@code step · dt}.
 *
 * <p>Channels are the flattened (C-order) elements of the feature {@link #shape()}. A
 * <em>bipolar</em> train (delta, step-forward and event-camera codes) has twice as many channels:
 * on spikes on channels {@code [0, n)} and off spikes on {@code [n, 2n)}, where {@code n} is the
 * number of features; as an array it is written the snnTorch way, {@code +1} on, {@code −1} off.
 *
 * <p>A channel may spike more than once in a step (a fast Poisson train, a camera pixel crossing
 * several thresholds): {@link #toArray()} then holds the count, while {@link #toSource()} reports
 * the channel once, as {@link SpikeSource} allows.
 */
public final class SpikeTrain implements Encoding {
    private final int[] shape;
    private final int features;
    private final boolean bipolar;
    private final int steps;
    private final double dtMs;
    private final int[] step;
    private final int[] channel;
    private final double[] timeMs; // null: times are step * dt

    private SpikeTrain(int[] shape, boolean bipolar, int steps, double dtMs, int[] step, int[] channel, double[] timeMs) {
        this.shape = shape;
        this.features = NdArray.product(shape);
        this.bipolar = bipolar;
        this.steps = steps;
        this.dtMs = dtMs;
        this.step = step;
        this.channel = channel;
        this.timeMs = timeMs;
    }

    /** Collects events in any order; {@link #build()} sorts them. */
    public static final class Builder {
        private final int[] shape;
        private final boolean bipolar;
        private final int steps;
        private final double dtMs;
        private final int channels;
        private int[] step = new int[64];
        private int[] channel = new int[64];
        private double[] time;
        private int n;

        /**
         * @param shape   feature shape
         * @param bipolar whether off channels follow the on channels
         * @param steps   number of time steps (>= 0)
         * @param dtMs    step length in ms (> 0)
         */
        public Builder(int[] shape, boolean bipolar, int steps, double dtMs) {
            if (steps < 0) throw new IllegalArgumentException("steps must be >= 0, was " + steps);
            if (!(dtMs > 0) || !Double.isFinite(dtMs)) throw new IllegalArgumentException("dt must be a positive ms value, was " + dtMs);
            this.shape = shape.clone();
            this.bipolar = bipolar;
            this.steps = steps;
            this.dtMs = dtMs;
            this.channels = NdArray.product(shape) * (bipolar ? 2 : 1);
        }

        /** Adds a spike of {@code channel} in {@code step}. */
        public Builder add(int step, int channel) {
            if (step < 0 || step >= steps) throw new IllegalArgumentException("spike step " + step + " outside [0, " + steps + ")");
            if (channel < 0 || channel >= channels) throw new IllegalArgumentException("spike channel " + channel + " outside [0, " + channels + ")");
            if (time != null) throw new IllegalStateException("this train has exact times: use addAt");
            grow();
            this.step[n] = step;
            this.channel[n++] = channel;
            return this;
        }

        /**
         * Adds a spike at exact time {@code tMs} (>= 0), in step {@code floor(t / dt)} (a time within
         * 1e-9 steps below a step boundary counts as on it, forgiving rounding in {@code k · dt}).
         * Returns false, adding nothing, when that step is past the end of the train.
         */
        public boolean addAt(double tMs, int channel) {
            if (!(tMs >= 0)) throw new IllegalArgumentException("spike time must be >= 0 ms, was " + tMs);
            if (channel < 0 || channel >= channels) throw new IllegalArgumentException("spike channel " + channel + " outside [0, " + channels + ")");
            double s = Math.floor(tMs / dtMs + 1e-9);
            if (s >= steps) return false;
            if (time == null) {
                if (n > 0) throw new IllegalStateException("cannot mix exact-time and step spikes");
                time = new double[step.length];
            }
            grow();
            this.step[n] = (int) s;
            this.channel[n] = channel;
            this.time[n++] = tMs;
            return true;
        }

        private void grow() {
            if (n == step.length) {
                int cap = Math.max(64, n * 2);
                step = Arrays.copyOf(step, cap);
                channel = Arrays.copyOf(channel, cap);
                if (time != null) time = Arrays.copyOf(time, cap);
            }
        }

        public SpikeTrain build() {
            int[] order = sortedOrder();
            int[] s = new int[n];
            int[] c = new int[n];
            double[] t = time == null ? null : new double[n];
            for (int k = 0; k < n; k++) {
                int i = order == null ? k : order[k];
                s[k] = step[i];
                c[k] = channel[i];
                if (t != null) t[k] = time[i];
            }
            return new SpikeTrain(shape, bipolar, steps, dtMs, s, c, t);
        }

        private int compare(int a, int b) {
            if (step[a] != step[b]) return Integer.compare(step[a], step[b]);
            if (channel[a] != channel[b]) return Integer.compare(channel[a], channel[b]);
            return time == null ? 0 : Double.compare(time[a], time[b]);
        }

        /** The sorting permutation, or null when the events are already in order. */
        private int[] sortedOrder() {
            boolean sorted = true;
            for (int k = 1; k < n && sorted; k++) sorted = compare(k - 1, k) <= 0;
            if (sorted) return null;
            int[] a = new int[n];
            for (int k = 0; k < n; k++) a[k] = k;
            mergeSort(a, new int[n], 0, n);
            return a;
        }

        private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
            if (hi - lo < 2) return;
            int mid = (lo + hi) >>> 1;
            mergeSort(a, tmp, lo, mid);
            mergeSort(a, tmp, mid, hi);
            if (compare(a[mid - 1], a[mid]) <= 0) return;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = compare(a[i], a[j]) <= 0 ? a[i++] : a[j++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
            System.arraycopy(tmp, lo, a, lo, hi - lo);
        }
    }

    /**
     * Reads a dense raster {@code (steps, shape...)}: a value {@code k > 0} is {@code k} spikes of
     * that channel in that step; a value {@code −k} is {@code k} off spikes, allowed only when
     * {@code bipolar}. Values must be whole numbers.
     */
    public static SpikeTrain fromArray(NdArray raster, double dtMs, boolean bipolar) {
        if (raster.rank() < 1) throw new IllegalArgumentException("a spike raster needs a time axis (shape (steps, ...)), got a 0-d array");
        int steps = raster.dim(0);
        int[] shape = raster.sliceShape();
        int n = NdArray.product(shape);
        Builder b = new Builder(shape, bipolar, steps, dtMs);
        double[] d = raster.data();
        for (int s = 0; s < steps; s++) {
            for (int c = 0; c < n; c++) {
                double v = d[s * n + c];
                if (v == 0) continue;
                if (v != Math.rint(v) || Math.abs(v) > 1e6) {
                    throw new IllegalArgumentException("spike raster value " + v + " at step " + s + ", channel " + c + " is not a spike count");
                }
                if (v < 0 && !bipolar) {
                    throw new IllegalArgumentException("spike raster value " + v + " at step " + s + ", channel " + c + " is negative; only bipolar (on/off) codes have off spikes");
                }
                int ch = v > 0 ? c : c + n;
                for (int k = 0; k < Math.abs(v); k++) b.add(s, ch);
            }
        }
        return b.build();
    }

    /** Feature shape (the array shape of one time step). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of features: the product of the shape. */
    public int features() {
        return features;
    }

    public boolean bipolar() {
        return bipolar;
    }

    /** Number of channels: features, doubled for a bipolar train. */
    public int channels() {
        return bipolar ? 2 * features : features;
    }

    public int steps() {
        return steps;
    }

    public double dtMs() {
        return dtMs;
    }

    /** Total number of events. */
    public int spikeCount() {
        return step.length;
    }

    public int stepOf(int event) {
        return step[event];
    }

    public int channelOf(int event) {
        return channel[event];
    }

    public boolean hasExactTimes() {
        return timeMs != null;
    }

    /** Time of event {@code event} in ms: exact if known, else {@code step · dt}. */
    public double timeMsOf(int event) {
        return timeMs != null ? timeMs[event] : step[event] * dtMs;
    }

    /** Number of spikes of each channel. */
    public int[] counts() {
        int[] c = new int[channels()];
        for (int ch : channel) c[ch]++;
        return c;
    }

    /** Spike times of one channel, ascending, in ms. */
    public double[] timesMs(int ch) {
        int m = 0;
        for (int c : channel) if (c == ch) m++;
        double[] t = new double[m];
        int j = 0;
        for (int k = 0; k < channel.length; k++) if (channel[k] == ch) t[j++] = timeMsOf(k);
        return t;
    }

    /**
     * Dense array {@code (steps, shape...)}: spike counts; for a bipolar train, on count minus off
     * count (±1 for the snnTorch codes).
     */
    @Override
    public NdArray toArray() {
        double[] d = new double[Math.multiplyExact(steps, features)];
        for (int k = 0; k < step.length; k++) {
            int c = channel[k];
            if (c < features) d[step[k] * features + c] += 1;
            else d[step[k] * features + c - features] -= 1;
        }
        return new NdArray(d, NdArray.prepend(steps, shape));
    }

    /**
     * The same spikes on a grid of {@code newDtMs} steps, {@code newSteps} long: each event moves to
     * step {@code floor(time / newDt)}; events past the end are dropped. Exact times are kept.
     */
    public SpikeTrain resampled(double newDtMs, int newSteps) {
        Builder b = new Builder(shape, bipolar, newSteps, newDtMs);
        for (int k = 0; k < step.length; k++) {
            if (timeMs != null) {
                b.addAt(timeMs[k], channel[k]);
            } else {
                double s = Math.floor(step[k] * dtMs / newDtMs + 1e-9);
                if (s < newSteps) b.add((int) s, channel[k]);
            }
        }
        return b.build();
    }

    /**
     * An engine input that replays this train: each step reports the channels with at least one
     * event in that step (once each). Steps may be requested in any order; in increasing order each
     * call costs only the events of that step.
     */
    public SpikeSource toSource() {
        return new Replay();
    }

    private final class Replay implements SpikeSource {
        private int cursor;

        @Override
        public int size() {
            return channels();
        }

        @Override
        public void reset() {
            cursor = 0;
        }

        @Override
        public int spikes(long s, int[] out) {
            if (cursor > 0 && step[cursor - 1] >= s) cursor = firstAtOrAfter(s); // the caller went back
            while (cursor < step.length && step[cursor] < s) cursor++;
            int n = 0;
            int last = -1;
            while (cursor < step.length && step[cursor] == s) {
                int c = channel[cursor++];
                if (c != last) out[n++] = c;
                last = c;
            }
            return n;
        }

        private int firstAtOrAfter(long s) {
            int lo = 0, hi = step.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (step[mid] < s) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    @Override
    public String toString() {
        return "SpikeTrain(shape " + Arrays.toString(shape) + (bipolar ? ", on/off" : "") + ", " + steps + " steps of "
                + dtMs + " ms, " + step.length + " spikes)";
    }
}
