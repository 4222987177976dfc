package org.spikeforge.encoders.events;

import java.util.Arrays;
import java.util.List;
import org.spikeforge.encoders.Encoding;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.encoders.io.NpyDType;

/**
 * Address events of an event camera (DVS, ATIS) or of the {@link DvsEmulator}: event {@code i} is
 * pixel {@code (x_i, y_i)} of a {@code width × height} sensor changing brightness at time
 * {@code t_i} (ms), with polarity 1 (on, brighter) or 0 (off, darker). Events are sorted by time
 * (stably: equal times keep their order).
 *
 * <p>As spikes, a stream has shape {@code (2, height, width)}: channel
 * {@code p · height · width + y · width + x}, polarity axis first as in Tonic's frames.
 */
public final class EventStream implements Encoding {
    private final double[] tMs;
    private final int[] x;
    private final int[] y;
    private final byte[] p;
    private final int width;
    private final int height;

    /**
     * @param tMs      event times in ms (finite, >= 0)
     * @param x        columns in [0, width)
     * @param y        rows in [0, height)
     * @param polarity 1 on, 0 off
     * @param width    sensor width in pixels
     * @param height   sensor height in pixels
     */
    public EventStream(double[] tMs, int[] x, int[] y, byte[] polarity, int width, int height) {
        int n = tMs.length;
        if (x.length != n || y.length != n || polarity.length != n) {
            throw new IllegalArgumentException("event columns differ in length: t " + n + ", x " + x.length + ", y " + y.length + ", p " + polarity.length);
        }
        if (width < 1 || height < 1) throw new IllegalArgumentException("sensor size must be at least 1 x 1, was " + width + " x " + height);
        for (int i = 0; i < n; i++) {
            if (!(tMs[i] >= 0) || !Double.isFinite(tMs[i])) throw new IllegalArgumentException("event " + i + ": time " + tMs[i] + " ms must be finite and >= 0");
            if (x[i] < 0 || x[i] >= width) throw new IllegalArgumentException("event " + i + ": x = " + x[i] + " outside [0, " + width + ")");
            if (y[i] < 0 || y[i] >= height) throw new IllegalArgumentException("event " + i + ": y = " + y[i] + " outside [0, " + height + ")");
            if (polarity[i] != 0 && polarity[i] != 1) throw new IllegalArgumentException("event " + i + ": polarity " + polarity[i] + " must be 0 (off) or 1 (on)");
        }
        int[] order = stableTimeOrder(tMs);
        this.tMs = new double[n];
        this.x = new int[n];
        this.y = new int[n];
        this.p = new byte[n];
        for (int k = 0; k < n; k++) {
            int i = order == null ? k : order[k];
            this.tMs[k] = tMs[i];
            this.x[k] = x[i];
            this.y[k] = y[i];
            this.p[k] = polarity[i];
        }
        this.width = width;
        this.height = height;
    }

    private static int[] stableTimeOrder(double[] t) {
        boolean sorted = true;
        for (int i = 1; i < t.length && sorted; i++) sorted = t[i - 1] <= t[i];
        if (sorted) return null;
        Integer[] idx = new Integer[t.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Double.compare(t[a], t[b])); // TimSort is stable
        int[] o = new int[idx.length];
        for (int i = 0; i < o.length; i++) o[i] = idx[i];
        return o;
    }

    public int size() {
        return tMs.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double timeMs(int i) {
        return tMs[i];
    }

    public int x(int i) {
        return x[i];
    }

    public int y(int i) {
        return y[i];
    }

    /** 1 on, 0 off. */
    public int polarity(int i) {
        return p[i];
    }

    /** Time of the last event in ms (0 for an empty stream). */
    public double lastTimeMs() {
        return tMs.length == 0 ? 0 : tMs[tMs.length - 1];
    }

    /** Number of events of each pixel and polarity, as an array {@code (2, height, width)}. */
    public NdArray counts() {
        double[] c = new double[2 * height * width];
        for (int i = 0; i < tMs.length; i++) c[channel(i)] += 1;
        return new NdArray(c, 2, height, width);
    }

    private int channel(int i) {
        return (p[i] * height + y[i]) * width + x[i];
    }

    /**
     * The events as spikes at their exact times, on a grid of {@code dt} ms long enough for the last
     * event: shape {@code (2, height, width)}.
     */
    public SpikeTrain toSpikeTrain(double dtMs) {
        int steps = (int) Math.floor(lastTimeMs() / dtMs + 1e-9) + 1;
        return toSpikeTrain(dtMs, steps);
    }

    /** As {@link #toSpikeTrain(double)} over {@code steps} steps; later events are dropped. */
    public SpikeTrain toSpikeTrain(double dtMs, int steps) {
        SpikeTrain.Builder b = new SpikeTrain.Builder(new int[] {2, height, width}, false, steps, dtMs);
        for (int i = 0; i < tMs.length; i++) b.addAt(tMs[i], channel(i));
        return b.build();
    }

    /**
     * Event counts binned into frames of {@code binMs}: an array {@code (bins, 2, height, width)} with
     * {@code bins = ⌈durationMs / binMs⌉}; event {@code i} falls in frame {@code ⌊t_i / binMs⌋}, and
     * events at or after {@code durationMs} are left out. (Tonic's {@code ToFrame(time_window=...)}
     * with the window starting at 0.)
     */
    public NdArray toFrames(double binMs, double durationMs) {
        if (!(binMs > 0)) throw new IllegalArgumentException("frame bin must be > 0 ms, was " + binMs);
        if (!(durationMs > 0)) throw new IllegalArgumentException("frame duration must be > 0 ms, was " + durationMs);
        int bins = (int) Math.ceil(durationMs / binMs - 1e-9);
        int frame = 2 * height * width;
        double[] f = new double[Math.multiplyExact(bins, frame)];
        for (int i = 0; i < tMs.length; i++) {
            if (tMs[i] >= durationMs) continue;
            int b = Math.min(bins - 1, (int) Math.floor(tMs[i] / binMs + 1e-9));
            f[b * frame + channel(i)] += 1;
        }
        return new NdArray(f, bins, 2, height, width);
    }

    /** {@link #toFrames(double, double)} over the whole stream (up to and including its last event). */
    public NdArray toFrames(double binMs) {
        return toFrames(binMs, (Math.floor(lastTimeMs() / binMs + 1e-9) + 1) * binMs);
    }

    /** The events as an array {@code (n, 4)} of {@code (t ms, x, y, p)} rows. */
    @Override
    public NdArray toArray() {
        double[] d = new double[4 * tMs.length];
        for (int i = 0; i < tMs.length; i++) {
            d[4 * i] = tMs[i];
            d[4 * i + 1] = x[i];
            d[4 * i + 2] = y[i];
            d[4 * i + 3] = p[i];
        }
        return new NdArray(d, tMs.length, 4);
    }

    /**
     * The events as a structured NPY array with fields {@code t} (int64, µs, rounded), {@code x},
     * {@code y} (int16) and {@code p} (int8), the layout {@link EventReader#readNpy} reads back.
     */
    public NpyArray toNpy() {
        int n = tMs.length;
        double[] t = new double[n], xs = new double[n], ys = new double[n], ps = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.rint(tMs[i] * 1e3);
            xs[i] = x[i];
            ys[i] = y[i];
            ps[i] = p[i];
        }
        if (width > Short.MAX_VALUE || height > Short.MAX_VALUE) {
            return NpyArray.structured(List.of("t", "x", "y", "p"), List.of(NpyDType.INT64, NpyDType.INT32, NpyDType.INT32, NpyDType.INT8),
                    List.of(t, xs, ys, ps));
        }
        return NpyArray.structured(List.of("t", "x", "y", "p"), List.of(NpyDType.INT64, NpyDType.INT16, NpyDType.INT16, NpyDType.INT8),
                List.of(t, xs, ys, ps));
    }

    @Override
    public String toString() {
        return "EventStream(" + width + " x " + height + ", " + tMs.length + " events, " + lastTimeMs() + " ms)";
    }
}
