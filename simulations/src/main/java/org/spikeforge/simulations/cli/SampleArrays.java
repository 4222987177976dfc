package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** Reads sample and label arrays (NPY) for the conversion commands, with one-line errors. */
final class SampleArrays {
    private SampleArrays() {}

    /**
     * Rows of an (N, …) array whose trailing dimensions hold {@code size} values per sample,
     * divided by {@code divideBy} in float32 (so uint8 pixels with 255 give {@code float32(u8)/255},
     * the usual model input), at most {@code limit} rows.
     *
     * @param what the option that named the file, for messages
     */
    static double[][] read(Path file, String what, int[] sampleShape, double divideBy, int limit) throws IOException {
        NpyArray a = Npy.read(file);
        int[] shape = a.shape();
        long per = 1;
        for (int k = 1; k < shape.length; k++) per *= shape[k];
        long size = 1;
        for (int d : sampleShape) size *= d;
        if (shape.length < 2 || per != size) {
            throw new IllegalArgumentException(file + ": " + what + " has shape " + Arrays.toString(shape) + "; the model input "
                    + Arrays.toString(sampleShape) + " needs (N, " + join(sampleShape) + ")" + (shape.length >= 2 && size > 0 ? " or (N, " + size + ")" : ""));
        }
        int n = Math.min(limit, shape[0]);
        if (n < 1) throw new IllegalArgumentException(file + ": " + what + " holds no samples");
        double[] d = a.toDoubles();
        float div = (float) divideBy;
        double[][] rows = new double[n][(int) size];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < size; i++) {
                double v = d[(int) (s * size + i)];
                rows[s][i] = divideBy == 1 ? v : (float) v / div;
            }
        }
        return rows;
    }

    /** Integer class labels of shape (N,), at most {@code limit}. */
    static int[] labels(Path file, int samples) throws IOException {
        NpyArray a = Npy.read(file);
        if (a.rank() != 1 || a.dim(0) < samples) {
            throw new IllegalArgumentException(file + ": labels have shape " + Arrays.toString(a.shape()) + "; expected (" + samples + ",) or longer, one integer class per sample");
        }
        int[] y = a.toInts();
        return Arrays.copyOf(y, samples);
    }

    /** Parses "1,2,4,8"; a bad list is a one-line error. */
    static int[] timesteps(String list) {
        String[] parts = list.split(",");
        int[] t = new int[parts.length];
        for (int k = 0; k < t.length; k++) {
            try {
                t[k] = Integer.parseInt(parts[k].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--timesteps " + list + ": '" + parts[k] + "' is not an integer");
            }
            if (t[k] < 1 || (k > 0 && t[k] <= t[k - 1])) {
                throw new IllegalArgumentException("--timesteps " + list + ": expected ascending integers >= 1");
            }
        }
        return t;
    }

    private static String join(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) b.append(i == 0 ? "" : ", ").append(s[i]);
        return b.toString();
    }
}
