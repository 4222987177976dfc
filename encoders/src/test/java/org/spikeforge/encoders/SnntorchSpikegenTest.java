package org.spikeforge.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikeforge.encoders.io.NpyArray;

/**
 * The snnTorch-compatible latency and delta codes reproduce every array of snnTorch 0.9.4's
 * spikegen outputs (fixtures/encoders/spikegen.npz) exactly, built through the encoder factory
 * with the parameters in spikegen_params.json.
 */
class SnntorchSpikegenTest {

    static Map<String, NpyArray> arrays;
    static Map<String, Map<String, Object>> params;

    @BeforeAll
    static void load() throws IOException {
        arrays = Fixtures.spikegen();
        params = Fixtures.spikegenParams();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latency_log_tau5_thr0.01", "latency_linear_norm", "latency_log_norm_clip", "latency_linear_first0"})
    void latencyCodeReproducesSnntorchExactly(String key) {
        NdArray input = arrays.get("latency_input").toNdArray();
        NpyArray expected = arrays.get(key);
        Encoding out = Encoders.create("latency", params.get(key)).encode(input);
        NdArray got = out.toArray();
        assertArrayEquals(expected.shape(), got.shape(), key);
        assertArrayEquals(expected.toFloats(), got.toFloats(), key);
        assertTrue(((SpikeTrain) out).spikeCount() >= 59, "the case is not trivially empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"delta_thr0.1_off", "delta_thr0.1_on", "delta_thr0.05_pad_off"})
    void deltaCodeReproducesSnntorchExactly(String key) {
        NdArray input = arrays.get("delta_input").toNdArray();
        NpyArray expected = arrays.get(key);
        NdArray got = Encoders.create("delta", params.get(key)).encode(input).toArray();
        assertArrayEquals(expected.shape(), got.shape(), key);
        assertArrayEquals(expected.toFloats(), got.toFloats(), key);
    }

    @org.junit.jupiter.api.Test
    void fixtureCoversEveryArray() {
        assertEquals(arrays.size() - 2, params.size(), "every output array has its parameters");
        for (String k : params.keySet()) assertTrue(arrays.containsKey(k), k);
    }
}
