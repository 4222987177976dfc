package org.spikeforge.simulations.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.spikeforge.simulations.nir.NirNpy;

/** Loads the ANN fixtures (see src/test/resources/fixtures/ann/README.md). */
final class AnnFixtures {
    private AnnFixtures() {}

    static Path path(String name) {
        try {
            return Paths.get(AnnFixtures.class.getResource("/fixtures/ann/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }

    static NirNpy.Array npy(String name) throws IOException {
        try (InputStream in = AnnFixtures.class.getResourceAsStream("/fixtures/ann/" + name)) {
            return NirNpy.parse(in.readAllBytes(), name);
        }
    }

    static long[] longs(String name) throws IOException {
        double[] d = npy(name).data();
        long[] r = new long[d.length];
        for (int i = 0; i < d.length; i++) r[i] = (long) d[i];
        return r;
    }

    /** MNIST rows as the models expect them: float32(u8) / 255, widened to double. */
    static double[][] mnist(String name, int limit) throws IOException {
        NirNpy.Array a = npy(name);
        double[] d = a.data();
        int n = Math.min(limit, a.shape()[0]), w = a.shape()[1];
        double[][] rows = new double[n][w];
        for (int s = 0; s < n; s++) for (int i = 0; i < w; i++) rows[s][i] = (float) d[s * w + i] / 255f;
        return rows;
    }
}
