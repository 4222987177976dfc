package org.spikeforge.simulations.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** Loads the ANN fixtures (see src/test/resources/fixtures/ann/README.md) with the project's NPY reader. */
final class AnnFixtures {
    private AnnFixtures() {}

    static Path path(String name) {
        try {
            return Paths.get(AnnFixtures.class.getResource("/fixtures/ann/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static NpyArray npy(String name) throws IOException {
        try (InputStream in = AnnFixtures.class.getResourceAsStream("/fixtures/ann/" + name)) {
            if (in == null) throw new IllegalStateException("fixture missing: " + name);
            return Npy.read(in, name);
        }
    }

    /** Integer labels; {@link NpyArray#toLongs} refuses values that are not whole numbers. */
    static long[] longs(String name) throws IOException {
        return npy(name).toLongs();
    }

    /** MNIST rows as the models expect them: float32(u8) / 255, widened to double. */
    static double[][] mnist(String name, int limit) throws IOException {
        NpyArray a = npy(name);
        double[] d = a.toDoubles();
        int n = Math.min(limit, a.dim(0)), w = a.dim(1);
        double[][] rows = new double[n][w];
        for (int s = 0; s < n; s++) for (int i = 0; i < w; i++) rows[s][i] = (float) d[s * w + i] / 255f;
        return rows;
    }
}
