package org.spikeforge.encoders;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** Loads the test fixtures under src/test/resources/fixtures/ (see the README beside each). */
public final class Fixtures {
    private Fixtures() {}

    public static InputStream open(String path) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path);
        if (in == null) throw new IllegalStateException("missing test fixture " + path);
        return in;
    }

    /** The arrays of snnTorch's spikegen outputs. */
    public static Map<String, NpyArray> spikegen() throws IOException {
        try (InputStream in = open("encoders/spikegen.npz")) {
            return Npy.readNpz(in, "spikegen.npz");
        }
    }

    /** The snnTorch parameters of each case in spikegen.npz. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> spikegenParams() throws IOException {
        try (InputStream in = open("encoders/spikegen_params.json")) {
            return new ObjectMapper().readValue(in, Map.class);
        }
    }
}
