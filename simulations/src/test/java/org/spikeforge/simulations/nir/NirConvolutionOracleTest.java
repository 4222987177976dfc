package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Convolution, pooling and Flatten against an independent NumPy implementation (make_fixtures.py:
 * convolutions as sums of shifted slices of the padded input, IF with v += r·x at dt = 1 s). The
 * Sinabs CNN of the NIR paper and the Conv1d "same" / Conv2d + pooling files written by NIR HEAD
 * give the same outputs; spikes are compared exactly.
 */
class NirConvolutionOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"conv1d_same_v1_0_7_head", "conv_pool_v1_0_7_head", "cnn_sinabs"})
    void outputsMatchNumpyOracle(String name) {
        NirFile file = NirReader.read(NirTestFiles.nir(name + ".nir"));
        NirNpy.Array input = NirNpy.read(NirTestFiles.nir("oracle_" + name + "_input.npy"));
        NirNpy.Array expected = NirNpy.read(NirTestFiles.nir("oracle_" + name + "_output.npy"));
        // IF nodes integrate dv/dt = R·x; Sinabs counts time in steps, which is dt = 1.
        NirRecording rec = NirExecutor.compile(file.graph(), NirRunOptions.defaults().withDt(1.0)).run(input);
        NirRecording.Trace out = rec.output();
        assertArrayEquals(expected.shape(), out.shape());
        double max = 0;
        int nonZero = 0;
        for (int i = 0; i < expected.size(); i++) {
            max = Math.max(max, Math.abs(expected.data()[i] - out.data()[i]));
            if (expected.data()[i] != 0) nonZero++;
        }
        assertTrue(max < 1e-4, name + ": max |difference| " + max);
        assertTrue(nonZero > 0, "the oracle output must not be all zero");
        assertEquals(expected.size(), out.data().length);
    }
}
