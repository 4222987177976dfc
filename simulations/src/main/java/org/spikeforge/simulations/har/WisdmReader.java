package org.spikeforge.simulations.har;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reader of the WISDM raw accelerometer format (Kwapisz, Weiss and Moore 2010, WISDM v1.1; and the
 * per-device files of WISDM 2019, Weiss et al.): one record per sample,
 * {@code subject,activity,timestamp,x,y,z;}. Timestamps are in nanoseconds in both releases
 * ({@code timeUnitMs} converts them).
 *
 * <p>Quirks handled, as found in the releases: a record may end with or without {@code ;}; several
 * records may share a line; a trailing comma before {@code ;} is ignored; blank lines are skipped;
 * records with timestamp 0 (a v1.1 glitch) are dropped. Consecutive records of the same subject and
 * activity form one {@link Recording} (session {@code "<activity>#<n>"}), whose samples
 * {@link Resampling} sorts and merges. Anything else malformed is an error naming the file, the
 * line and the field.
 */
public final class WisdmReader {
    private WisdmReader() {}

    /** Recordings and the class list their labels index (activities sorted, unless given). */
    public record Wisdm(List<Recording> recordings, List<String> classes) {
        /** Windows of every recording. */
        public HarWindows windows(WindowSpec spec) {
            return HarWindows.fromRecordings(recordings, spec, classes);
        }
    }

    public static final List<String> CHANNELS = List.of("x", "y", "z");

    /** Reads {@code file} with nanosecond timestamps and classes = the activities found, sorted. */
    public static Wisdm read(Path file) {
        return read(file, 1e-6, null);
    }

    /**
     * Reads {@code file}.
     *
     * @param timeUnitMs ms per timestamp unit (1e-6 for ns)
     * @param classes    class list, or null for the activities found, sorted
     */
    public static Wisdm read(Path file, double timeUnitMs, List<String> classes) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("WISDM file " + file + " not found");
        if (!(timeUnitMs > 0)) throw new IllegalArgumentException("timestamp unit must be > 0 ms, was " + timeUnitMs);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("WISDM file " + file + ": cannot read (" + e.getMessage() + ")");
        }
        record Row(String subject, String activity, double t, double x, double y, double z) {}
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            for (String rec : lines[ln].split(";")) {
                String s = rec.strip();
                if (s.isEmpty()) continue;
                String[] f = s.split(",", -1);
                int n = f.length;
                if (n == 7 && f[6].isBlank()) n = 6;
                if (n != 6) {
                    throw new IllegalArgumentException(file + ":" + (ln + 1) + ": expected 'subject,activity,timestamp,x,y,z', got "
                            + n + " fields in '" + s + "'");
                }
                String subject = f[0].strip(), activity = f[1].strip();
                if (subject.isEmpty()) throw new IllegalArgumentException(file + ":" + (ln + 1) + ": field 'subject' is empty");
                if (activity.isEmpty()) throw new IllegalArgumentException(file + ":" + (ln + 1) + ": field 'activity' is empty");
                double t = number(file, ln, "timestamp", f[2]);
                double x = number(file, ln, "x", f[3]), y = number(file, ln, "y", f[4]), z = number(file, ln, "z", f[5]);
                if (t == 0) continue;
                rows.add(new Row(subject, activity, t * timeUnitMs, x, y, z));
            }
        }
        if (rows.isEmpty()) throw new IllegalArgumentException("WISDM file " + file + ": no records");
        List<String> cls = classes;
        if (cls == null) {
            TreeSet<String> found = new TreeSet<>();
            for (Row r : rows) found.add(r.activity());
            cls = List.copyOf(found);
        }
        List<Recording> out = new ArrayList<>();
        java.util.Map<String, Integer> runs = new java.util.HashMap<>();
        int i = 0;
        while (i < rows.size()) {
            int j = i;
            Row first = rows.get(i);
            while (j < rows.size() && rows.get(j).subject().equals(first.subject()) && rows.get(j).activity().equals(first.activity())) j++;
            int label = cls.indexOf(first.activity());
            if (label < 0) throw new IllegalArgumentException(file + ": activity '" + first.activity() + "' is not one of the classes " + cls);
            int n = j - i;
            double[] t = new double[n];
            double[][] v = new double[3][n];
            int[] labels = new int[n];
            java.util.Arrays.fill(labels, label);
            for (int k = 0; k < n; k++) {
                Row r = rows.get(i + k);
                t[k] = r.t();
                v[0][k] = r.x();
                v[1][k] = r.y();
                v[2][k] = r.z();
            }
            int run = runs.merge(first.subject() + "," + first.activity(), 1, Integer::sum);
            out.add(new Recording(first.subject(), first.activity() + "#" + run, file.getFileName().toString(), t, v, labels, CHANNELS));
            i = j;
        }
        return new Wisdm(out, cls);
    }

    private static double number(Path file, int line, String field, String s) {
        try {
            double v = Double.parseDouble(s.strip());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(file + ":" + (line + 1) + ": field '" + field + "' must be a finite number, was '" + s.strip() + "'");
    }
}
