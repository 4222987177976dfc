package org.spikeforge.encoders.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/**
 * Reads (t, x, y, polarity) events from files.
 *
 * <ul>
 *   <li><b>NPY, structured</b> (Tonic's layout): fields named {@code t} (or {@code ts},
 *       {@code timestamp}), {@code x}, {@code y} and {@code p} (or {@code pol}, {@code polarity}),
 *       in any order and of any numeric type.</li>
 *   <li><b>NPY, (n, 4) array</b> of any numeric type: columns {@code t, x, y, p}.</li>
 *   <li><b>CSV</b>: one event per line, fields separated by commas (or by whitespace); an optional
 *       header line names the columns as above, in any order; without one the order is
 *       {@code t, x, y, p}. Blank lines and lines starting with {@code #} are skipped.</li>
 * </ul>
 *
 * Timestamps are in {@code unit} and converted to ms. A polarity > 0 is on, <= 0 is off (files use
 * 0/1 or −1/+1). A width or height of 0 is taken from the data (largest coordinate + 1).
 * Coordinates must be whole numbers >= 0. Errors name the file and the line or event.
 */
public final class EventReader {
    private EventReader() {}

    private static final List<String> T_NAMES = List.of("t", "ts", "timestamp", "time");
    private static final List<String> P_NAMES = List.of("p", "pol", "polarity");

    public static EventStream readNpy(Path file, TimeUnit unit, int width, int height) throws IOException {
        return fromNpy(Npy.read(file), file.toString(), unit, width, height);
    }

    /** Events from an NPY array already read; {@code source} names it in errors. */
    public static EventStream fromNpy(NpyArray a, String source, TimeUnit unit, int width, int height) {
        double[] t, x, y, p;
        if (a.dtype().isStructured()) {
            String tn = pick(a, T_NAMES, source), pn = pick(a, P_NAMES, source);
            for (String f : List.of("x", "y")) {
                if (!a.hasField(f)) throw new IllegalArgumentException(source + ": event records lack field '" + f + "'; fields: " + a.fieldNames());
            }
            t = a.fieldDoubles(tn);
            x = a.fieldDoubles("x");
            y = a.fieldDoubles("y");
            p = a.fieldDoubles(pn);
        } else {
            if (a.rank() != 2 || a.dim(1) != 4) {
                throw new IllegalArgumentException(source + ": expected structured events or an (n, 4) array of (t, x, y, p), got shape "
                        + Arrays.toString(a.shape()));
            }
            double[] d = a.toDoubles();
            int n = a.dim(0);
            t = new double[n];
            x = new double[n];
            y = new double[n];
            p = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = d[4 * i];
                x[i] = d[4 * i + 1];
                y[i] = d[4 * i + 2];
                p[i] = d[4 * i + 3];
            }
        }
        return build(source, "event ", t, x, y, p, null, unit, width, height);
    }

    private static String pick(NpyArray a, List<String> names, String source) {
        for (String n : names) if (a.hasField(n)) return n;
        throw new IllegalArgumentException(source + ": event records lack a field named one of " + names + "; fields: " + a.fieldNames());
    }

    public static EventStream readCsv(Path file, TimeUnit unit, int width, int height) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(r, file.toString(), unit, width, height);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        }
    }

    /** Events from CSV text; {@code source} names it in errors. */
    public static EventStream readCsv(Reader in, String source, TimeUnit unit, int width, int height) throws IOException {
        BufferedReader r = new BufferedReader(in);
        int[] col = {0, 1, 2, 3}; // positions of t, x, y, p
        double[] t = new double[1024], x = new double[1024], y = new double[1024], p = new double[1024];
        int[] line = new int[1024];
        int n = 0;
        int lineNo = 0;
        boolean first = true;
        String s;
        while ((s = r.readLine()) != null) {
            lineNo++;
            String trimmed = s.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            String[] f = trimmed.contains(",") ? trimmed.split("\\s*,\\s*") : trimmed.split("\\s+");
            if (first) {
                first = false;
                if (!f[0].isEmpty() && !looksNumeric(f[0])) {
                    col = headerColumns(f, source, lineNo);
                    continue;
                }
            }
            int need = Arrays.stream(col).max().getAsInt() + 1;
            if (f.length < need) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": expected " + need + " fields (t, x, y, p), found " + f.length + ": " + trimmed);
            }
            if (n == t.length) {
                int cap = n * 2;
                t = Arrays.copyOf(t, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                p = Arrays.copyOf(p, cap);
                line = Arrays.copyOf(line, cap);
            }
            t[n] = number(f[col[0]], source, lineNo, "t");
            x[n] = number(f[col[1]], source, lineNo, "x");
            y[n] = number(f[col[2]], source, lineNo, "y");
            p[n] = number(f[col[3]], source, lineNo, "p");
            line[n++] = lineNo;
        }
        return build(source, "line ", Arrays.copyOf(t, n), Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(p, n),
                Arrays.copyOf(line, n), unit, width, height);
    }

    private static boolean looksNumeric(String s) {
        char c = s.charAt(0);
        return Character.isDigit(c) || c == '-' || c == '+' || c == '.';
    }

    private static int[] headerColumns(String[] f, String source, int lineNo) {
        int[] col = {-1, -1, -1, -1};
        for (int i = 0; i < f.length; i++) {
            String h = f[i].toLowerCase(Locale.ROOT).replace("\"", "");
            if (T_NAMES.contains(h)) col[0] = i;
            else if (h.equals("x")) col[1] = i;
            else if (h.equals("y")) col[2] = i;
            else if (P_NAMES.contains(h)) col[3] = i;
        }
        String[] names = {"t", "x", "y", "p"};
        for (int k = 0; k < 4; k++) {
            if (col[k] < 0) throw new IllegalArgumentException(source + " line " + lineNo + ": header " + Arrays.toString(f) + " has no column '" + names[k] + "'");
        }
        return col;
    }

    private static double number(String s, String source, int lineNo, String field) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": " + field + " = '" + s + "' is not a number");
        }
    }

    private static EventStream build(String source, String where, double[] t, double[] x, double[] y, double[] p, int[] lines,
                                     TimeUnit unit, int width, int height) {
        int n = t.length;
        int[] xi = new int[n], yi = new int[n];
        byte[] pi = new byte[n];
        double[] tMs = new double[n];
        int maxX = -1, maxY = -1;
        for (int i = 0; i < n; i++) {
            String at = source + " " + where + (lines == null ? i : lines[i]);
            tMs[i] = t[i] * unit.toMs();
            if (!(tMs[i] >= 0) || !Double.isFinite(tMs[i])) throw new IllegalArgumentException(at + ": time " + t[i] + " must be finite and >= 0");
            xi[i] = coordinate(x[i], at, "x");
            yi[i] = coordinate(y[i], at, "y");
            if (Double.isNaN(p[i])) throw new IllegalArgumentException(at + ": polarity is NaN");
            pi[i] = (byte) (p[i] > 0 ? 1 : 0);
            maxX = Math.max(maxX, xi[i]);
            maxY = Math.max(maxY, yi[i]);
            if (width > 0 && xi[i] >= width) throw new IllegalArgumentException(at + ": x = " + xi[i] + " outside the sensor width " + width);
            if (height > 0 && yi[i] >= height) throw new IllegalArgumentException(at + ": y = " + yi[i] + " outside the sensor height " + height);
        }
        int w = width > 0 ? width : Math.max(1, maxX + 1);
        int h = height > 0 ? height : Math.max(1, maxY + 1);
        return new EventStream(tMs, xi, yi, pi, w, h);
    }

    private static int coordinate(double v, String at, String name) {
        if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + ": " + name + " = " + v + " must be a whole number >= 0");
        }
        return (int) v;
    }
}
