package org.spikeforge.simulations.recording;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.simulations.io.AtomicFiles;

/**
 * Exports a {@link Recording} to files Python users load directly. Each file is written atomically,
 * streaming from the queue (nothing is held in memory but one step).
 *
 * <table>
 *   <caption>Files written into the export folder</caption>
 *   <tr><th>format, what</th><th>file</th><th>content</th></tr>
 *   <tr><td>csv, spikes</td><td>{@code spikes.csv}</td><td>header {@code population,neuron,time_ms}; one spike a row, in time order</td></tr>
 *   <tr><td>npy, spikes</td><td>{@code spikes_<population>.npy}</td><td>float64, shape (n, 2): neuron, time in ms</td></tr>
 *   <tr><td>csv, state</td><td>{@code state.csv}</td><td>header {@code population,variable,neuron,time_ms,value}</td></tr>
 *   <tr><td>npy, state</td><td>{@code state_<population>_<variable>.npy}</td><td>float32, shape (samples, neurons)</td></tr>
 *   <tr><td></td><td>{@code state_<population>_<variable>_times.npy}</td><td>float64, shape (samples,): sample times, ms</td></tr>
 *   <tr><td></td><td>{@code state_<population>_<variable>_neurons.npy}</td><td>int32, shape (neurons,): the sampled neurons</td></tr>
 * </table>
 *
 * <p>A spike in step {@code s} has time {@code s·dt}; a state sample taken after step {@code s} has time
 * {@code (s+1)·dt}. A time range {@code [from, to)} selects the steps {@code s} with
 * {@code from ≤ s·dt < to}.
 */
public final class Exporter {
    private Exporter() {}

    public enum Format { CSV, NPY }

    public enum What { SPIKES, STATE }

    /**
     * What to export.
     *
     * @param population only this population (or input), or {@code null} for all
     * @param fromMs     start of the time range, ms, or {@code null} for the start of the recording
     * @param toMs       end of the time range (exclusive), ms, or {@code null} for the end of the recording
     */
    public record Options(Format format, What what, String population, Double fromMs, Double toMs) {
        public Options {
            if (format == null || what == null) throw new IllegalArgumentException("format and what are required");
        }
    }

    /**
     * Writes the export into {@code outDir} and returns the files written.
     *
     * @throws IllegalArgumentException for an unknown population, a recording without such channels, or a
     *                                  time range outside the recording (one line each)
     */
    public static List<Path> export(Recording rec, Path outDir, Options o) throws IOException {
        Channel.Kind kind = o.what() == What.SPIKES ? Channel.Kind.SPIKES : Channel.Kind.STATE;
        List<Integer> chs = selectChannels(rec, kind, o.population());
        long[] range = stepRange(rec, o.fromMs(), o.toMs());
        List<Path> files = new ArrayList<>();
        if (kind == Channel.Kind.SPIKES) {
            if (o.format() == Format.CSV) files.add(spikesCsv(rec, outDir.resolve("spikes.csv"), chs, range));
            else for (int k : chs) files.add(spikesNpy(rec, outDir, k, range));
        } else {
            if (o.format() == Format.CSV) files.add(stateCsv(rec, outDir.resolve("state.csv"), chs, range));
            else {
                Map<String, Integer> used = new LinkedHashMap<>();
                for (int k : chs) {
                    Channel c = rec.channels().get(k);
                    String base = "state_" + c.target() + "_" + c.variable();
                    if (used.merge(base, 1, Integer::sum) > 1) base += "_" + c.name();
                    files.addAll(stateNpy(rec, outDir, base, k, range));
                }
            }
        }
        return files;
    }

    /** Channel indices of {@code kind}, one per target, restricted to {@code population} if given. */
    static List<Integer> selectChannels(Recording rec, Channel.Kind kind, String population) {
        List<Channel> all = rec.channels();
        List<Integer> out = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            Channel c = all.get(k);
            if (c.kind() != kind) continue;
            String key = kind == Channel.Kind.SPIKES ? c.target() : c.name();
            if (!targets.contains(c.target())) targets.add(c.target());
            if (kind == Channel.Kind.SPIKES && out.stream().anyMatch(i -> all.get(i).target().equals(key))) continue;
            if (population == null || c.target().equals(population)) out.add(k);
        }
        String what = kind == Channel.Kind.SPIKES ? "spike" : "state";
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(rec.directory() + ": the recording has no " + what
                    + " probes (add a probe of type " + (kind == Channel.Kind.SPIKES ? "spikes" : "state") + " to the scenario)");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--population '" + population + "': unknown population; recorded " + what
                    + " populations: " + String.join(", ", targets));
        }
        return out;
    }

    /** {@code [fromStep, toStep)} for a time range in ms, checked against the recorded span. */
    static long[] stepRange(Recording rec, Double fromMs, Double toMs) {
        double dt = rec.dtMs();
        long last = rec.lastStep();
        long first = Math.max(0, rec.firstStep());
        double startMs = first * dt, endMs = (last + 1) * dt;
        if (last < 0) throw new IllegalArgumentException(rec.directory() + ": the recording holds no steps (the run stopped before its first step was written)");
        double from = fromMs == null ? startMs : fromMs;
        double to = toMs == null ? endMs : toMs;
        double eps = 1e-9 * Math.max(1, endMs);
        String span = "the recording spans " + ms(startMs) + " to " + ms(endMs);
        if (fromMs != null && (from < startMs - eps || from >= endMs - eps)) {
            throw new IllegalArgumentException("--from " + ms(from) + ": outside the recorded time; " + span);
        }
        if (toMs != null && (to <= startMs + eps || to > endMs + eps)) {
            throw new IllegalArgumentException("--to " + ms(to) + ": outside the recorded time; " + span);
        }
        if (!(from < to)) throw new IllegalArgumentException("--from " + ms(from) + " must be before --to " + ms(to));
        return new long[] {(long) Math.ceil(from / dt - 1e-9), (long) Math.ceil(to / dt - 1e-9)};
    }

    static String ms(double v) {
        return BigDecimal.valueOf(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString() + " ms";
    }

    /** Exact decimal {@code step·dt}, so 3 × 0.1 prints as 0.3. */
    static String timeText(BigDecimal dt, long step) {
        BigDecimal t = dt.multiply(BigDecimal.valueOf(step));
        return t.signum() == 0 ? "0" : t.stripTrailingZeros().toPlainString();
    }

    private static Path spikesCsv(Recording rec, Path file, List<Integer> chs, long[] range) throws IOException {
        BigDecimal dt = BigDecimal.valueOf(rec.dtMs());
        AtomicFiles.write(file, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write("population,neuron,time_ms\n");
            try (Recording.Cursor c = rec.cursor()) {
                while (c.next()) {
                    long s = c.step();
                    if (s < range[0]) continue;
                    if (s >= range[1]) break;
                    String t = null;
                    for (int k : chs) {
                        int n = c.count(k);
                        if (n <= 0) continue;
                        if (t == null) t = timeText(dt, s);
                        String pop = rec.channels().get(k).target();
                        for (int j = 0; j < n; j++) {
                            w.write(pop);
                            w.write(',');
                            w.write(Integer.toString(c.neuron(k, j)));
                            w.write(',');
                            w.write(t);
                            w.write('\n');
                        }
                    }
                }
            }
            w.flush();
        });
        return file;
    }

    private static long countSpikes(Recording rec, int k, long[] range) {
        long n = 0;
        try (Recording.Cursor c = rec.cursor()) {
            while (c.next()) {
                if (c.step() < range[0]) continue;
                if (c.step() >= range[1]) break;
                n += c.count(k);
            }
        }
        return n;
    }

    private static Path spikesNpy(Recording rec, Path dir, int k, long[] range) throws IOException {
        Channel ch = rec.channels().get(k);
        Path file = dir.resolve("spikes_" + ch.target() + ".npy");
        long n = countSpikes(rec, k, range);
        double dt = rec.dtMs();
        AtomicFiles.write(file, os -> {
            try (NpyWriter w = new NpyWriter(os, NpyWriter.Dtype.FLOAT64, n, 2);
                 Recording.Cursor c = rec.cursor()) {
                while (c.next()) {
                    long s = c.step();
                    if (s < range[0]) continue;
                    if (s >= range[1]) break;
                    double t = s * dt;
                    for (int j = 0, m = c.count(k); j < m; j++) {
                        w.writeDouble(c.neuron(k, j));
                        w.writeDouble(t);
                    }
                }
            }
        });
        return file;
    }

    private static Path stateCsv(Recording rec, Path file, List<Integer> chs, long[] range) throws IOException {
        BigDecimal dt = BigDecimal.valueOf(rec.dtMs());
        AtomicFiles.write(file, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write("population,variable,neuron,time_ms,value\n");
            try (Recording.Cursor c = rec.cursor()) {
                while (c.next()) {
                    long s = c.step();
                    if (s < range[0]) continue;
                    if (s >= range[1]) break;
                    for (int k : chs) {
                        int n = c.count(k);
                        if (n < 0) continue;
                        Channel ch = rec.channels().get(k);
                        String t = timeText(dt, s + 1);
                        int[] neurons = ch.neurons();
                        for (int j = 0; j < n; j++) {
                            w.write(ch.target());
                            w.write(',');
                            w.write(ch.variable());
                            w.write(',');
                            w.write(Integer.toString(neurons[j]));
                            w.write(',');
                            w.write(t);
                            w.write(',');
                            w.write(Float.toString(c.value(k, j)).toLowerCase(Locale.ROOT));
                            w.write('\n');
                        }
                    }
                }
            }
            w.flush();
        });
        return file;
    }

    private static List<Path> stateNpy(Recording rec, Path dir, String base, int k, long[] range) throws IOException {
        Recording.StateSeries s = rec.state(rec.channels().get(k).name(), range[0], range[1]);
        int w = s.channel().sampledNeurons();
        Path values = dir.resolve(base + ".npy"), times = dir.resolve(base + "_times.npy"), neurons = dir.resolve(base + "_neurons.npy");
        AtomicFiles.write(values, os -> {
            try (NpyWriter npy = new NpyWriter(os, NpyWriter.Dtype.FLOAT32, s.samples(), w)) {
                for (float v : s.values()) npy.writeFloat(v);
            }
        });
        AtomicFiles.write(times, os -> {
            try (NpyWriter npy = new NpyWriter(os, NpyWriter.Dtype.FLOAT64, s.samples())) {
                for (int i = 0; i < s.samples(); i++) npy.writeDouble(s.timeMs(i));
            }
        });
        AtomicFiles.write(neurons, os -> {
            int[] ns = s.channel().neurons();
            try (NpyWriter npy = new NpyWriter(os, NpyWriter.Dtype.INT32, ns.length)) {
                for (int n : ns) npy.writeInt(n);
            }
        });
        return List.of(values, times, neurons);
    }
}
