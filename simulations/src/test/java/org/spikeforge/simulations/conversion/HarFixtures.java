package org.spikeforge.simulations.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** Loads the HAR/LMU fixtures (see src/test/resources/fixtures/har_lmu/README.md). */
final class HarFixtures {
    private HarFixtures() {}

    static Path path(String name) {
        try {
            return Paths.get(HarFixtures.class.getResource("/fixtures/har_lmu/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static NpyArray npy(String name) throws IOException {
        try (InputStream in = HarFixtures.class.getResourceAsStream("/fixtures/har_lmu/" + name)) {
            return Npy.read(in, name);
        }
    }

    static LmuModel model() throws IOException {
        return LmuModel.readNpz(path("har_lmu_weights.npz"));
    }

    /** Windows (raw units, 100 × 6 row-major each) of an (N, 100, 6) array, at most {@code limit}. */
    static List<double[]> windows(String name, int limit) throws IOException {
        NpyArray a = npy(name);
        double[] d = a.toDoubles();
        int n = Math.min(limit, a.dim(0)), w = a.dim(1) * a.dim(2);
        List<double[]> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) out.add(java.util.Arrays.copyOfRange(d, s * w, (s + 1) * w));
        return out;
    }

    static int[] labels(String name) throws IOException {
        return npy(name).toInts();
    }

    static List<double[]> testWindows(int limit) throws IOException { return windows("har_test_x.npy", limit); }

    static int[] testLabels() throws IOException { return labels("har_test_y.npy"); }

    static List<double[]> trainWindows(int limit) throws IOException { return windows("har_train_x_every3rd.npy", limit); }

    static int[] trainLabels() throws IOException { return labels("har_train_y_every3rd.npy"); }
}
