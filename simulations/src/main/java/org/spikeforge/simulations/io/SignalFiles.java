package org.spikeforge.simulations.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/**
 * Reads the numeric arrays that encoders take: an {@code .npy} file (any numeric dtype, any
 * shape; through {@link Npy}) or a {@code .csv} table, whose rows become the first axis (time,
 * for a series) and whose columns the second: shape {@code (rows, columns)}.
 *
 * <p>CSV: values separated by commas; an optional first row of column names (any row whose
 * fields are not all numbers counts as a header if it comes first); blank lines and lines
 * starting with {@code #} are skipped. Every error is one line naming the file (and the line).
 */
public final class SignalFiles {
    private SignalFiles() {}

    /** An array and, for a CSV file with a header, its column names (else empty). */
    public record Table(NdArray data, List<String> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** Reads {@code file} by its extension ({@code .npy} or {@code .csv}). */
    public static Table read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": file not found");
        }
        try {
            if (name.endsWith(".npy")) {
                NpyArray a = Npy.read(file);
                if (a.dtype().isStructured()) {
                    throw new IllegalArgumentException(file + ": holds a structured array (fields " + a.fieldNames()
                            + "); expected a plain numeric array");
                }
                return new Table(a.toNdArray(), List.of());
            }
            if (name.endsWith(".csv")) return readCsv(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException(file + ": unknown file type; expected a .npy or .csv file");
    }

    private static Table readCsv(Path file) throws IOException {
        List<String> header = List.of();
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                String[] f = s.split(",", -1);
                double[] v = new double[f.length];
                boolean numeric = true;
                for (int k = 0; k < f.length && numeric; k++) {
                    try {
                        v[k] = Double.parseDouble(f[k].strip());
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
                if (!numeric) {
                    if (rows.isEmpty() && header.isEmpty()) {
                        header = Arrays.stream(f).map(String::strip).toList();
                        width = f.length;
                        continue;
                    }
                    throw new IllegalArgumentException(file + ": line " + lineNo + ": expected " + Math.max(width, 1)
                            + " numbers separated by commas, got '" + s + "'");
                }
                if (width >= 0 && f.length != width) {
                    throw new IllegalArgumentException(file + ": line " + lineNo + ": expected " + width + " values, got " + f.length);
                }
                width = f.length;
                rows.add(v);
            }
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + ": no rows of numbers");
        double[] d = new double[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, d, i * width, width);
        return new Table(new NdArray(d, rows.size(), width), header);
    }

    /**
     * The entries {@code channels} of the last axis of {@code a} (of rank >= 2), in the given
     * order: shape {@code (..., channels.length)}.
     */
    public static NdArray selectLastAxis(NdArray a, int[] channels) {
        if (a.rank() < 2) {
            throw new IllegalArgumentException("channels need an array with a channel axis (shape (samples, channels)), got shape "
                    + Arrays.toString(a.shape()));
        }
        int c = a.dim(a.rank() - 1);
        for (int ch : channels) {
            if (ch < 0 || ch >= c) throw new IllegalArgumentException("channel " + ch + " outside [0, " + c + ")");
        }
        int outer = a.size() / Math.max(1, c);
        double[] src = a.data();
        double[] out = new double[outer * channels.length];
        for (int i = 0; i < outer; i++) {
            for (int k = 0; k < channels.length; k++) out[i * channels.length + k] = src[i * c + channels[k]];
        }
        int[] shape = a.shape();
        shape[shape.length - 1] = channels.length;
        return new NdArray(out, shape);
    }
}
