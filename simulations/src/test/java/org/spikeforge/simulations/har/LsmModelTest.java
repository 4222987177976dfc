package org.spikeforge.simulations.har;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.neurons.FixedPointCubaLif;
import org.spikeforge.neurons.NeuronModels;
import org.spikeforge.neurons.Precision;

/** The LSM trained and run in the engine on the fixture split (s01 train, s17 test), compressed and saved. */
class LsmModelTest {
    static HarSplit split;
    static HarWindows train, test;
    static LsmModel model;
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void trainOnFixture() {
        split = HarFixtures.split();
        train = split.standardisedTrain();
        test = split.standardisedTest();
        model = LsmModel.train(train, split.standardisation(), WindowSpec.reference(), LsmConfig.defaults().withNeurons(64), new double[] {10, 100},
                log::add);
    }

    @Test
    void operationCountsAreConservedSpikeDeliveries() {
        float[] window = Arrays.copyOfRange(test.values(), 0, 600);
        LsmModel.WindowRun r = model.run(window);
        int n = model.config().neurons(), bins = model.config().bins();
        // input spikes per encoder channel, from the encoder alone
        SigmaDeltaInput enc = new SigmaDeltaInput(window, 100, 6, model.config().inputGain(), model.config().stepsPerSample());
        long[] inSpikes = new long[12];
        int[] buf = new int[12];
        for (int s = 0; s < 200; s++) {
            int k = enc.spikes(s, buf);
            for (int i = 0; i < k; i++) inSpikes[buf[i]]++;
        }
        long expectedEvents = 0;
        LsmModel.Synapses in = model.inputSynapsesForTest(), rec = model.recurrentSynapsesForTest();
        for (int i = 0; i < in.size(); i++) expectedEvents += inSpikes[in.pre()[i]];
        long spikes = 0;
        for (int i = 0; i < rec.size(); i++) for (int b = 0; b < bins; b++) expectedEvents += r.counts()[rec.pre()[i] * bins + b];
        for (int c : r.counts()) spikes += c;
        assertEquals(expectedEvents, r.operations().synapticEvents(), "one event per synapse reached by a spike");
        assertEquals(spikes, r.operations().neuronSpikes());
        assertEquals(Arrays.stream(inSpikes).sum(), r.operations().inputSpikes());
        assertEquals((long) n * 200, r.operations().neuronUpdates(), "N neurons x 100 samples x 2 steps");
        assertTrue(spikes > 0, "the reservoir is active");
    }

    @Test
    void readoutFitsTheTrainingWindowsAndChoosesItsPenaltyBySubjectWiseValidation() {
        Evaluation e = model.evaluate(train);
        assertTrue(e.metrics().accuracy() >= 0.9, "train accuracy " + e.metrics().accuracy());
        // one training subject: no cross-validation, the middle penalty is used
        assertEquals(100, model.lambda());
        Evaluation t = model.evaluate(test);
        int majority = Arrays.stream(test.classCounts()).max().orElseThrow();
        assertTrue(t.metrics().accuracy() > majority / (double) test.size(),
                "test accuracy " + t.metrics().accuracy() + " beats always predicting the largest class " + majority + "/" + test.size());
        assertEquals(test.size(), t.operations().windows());
    }

    @Test
    void int8CompressionUsesTheFixedPointNeuronAndAgreesWithFloat() {
        LsmModel q = model.compress(new CompressionSpec(QuantSpec.parse("int8"), 0));
        assertInstanceOf(FixedPointCubaLif.class, q.neuron());
        FixedPointCubaLif fp = (FixedPointCubaLif) q.neuron();
        assertEquals(8, fp.stateBits());
        assertSame(NeuronModels.get("cuba_lif", Precision.FIXED_POINT).create(java.util.Map.of(), null).getClass(), fp.getClass());
        int[] pf = model.evaluate(test).predictions(), pq = q.evaluate(test).predictions();
        int same = 0;
        for (int i = 0; i < pf.length; i++) if (pf[i] == pq[i]) same++;
        assertTrue(same >= pf.length - 2, same + " of " + pf.length + " predictions unchanged by INT8");
        // each stored input weight is an integer number of its neuron's scale (per-channel INT8)
        assertTrue(q.footprint().parameterBytes() < model.footprint().parameterBytes() / 2);
        assertSame(model, q.compress(CompressionSpec.NONE), "compressing back to none gives the float original");
    }

    @Test
    void pruningRemovesSynapsesAndTheirEvents() {
        LsmModel p = model.compress(new CompressionSpec(QuantSpec.FLOAT, 0.5));
        assertEquals(Math.round(model.inputSynapses() * 0.5), model.inputSynapses() - p.inputSynapses(), 1);
        assertEquals(Math.round(model.recurrentSynapses() * 0.5), model.recurrentSynapses() - p.recurrentSynapses(), 1);
        long zeros = 0;
        for (float w : p.readoutWeights()) if (w == 0) zeros++;
        assertTrue(zeros >= p.readoutWeights().length / 2 - 5, zeros + " readout weights removed");
        assertTrue(p.evaluate(test).operations().synapticOpsPerWindow() < model.evaluate(test).operations().synapticOpsPerWindow());
    }

    @Test
    void footprintIsTheSumOfItsTensorsInCsrForm() {
        LsmModel q = model.compress(new CompressionSpec(QuantSpec.parse("int8,per-tensor"), 0));
        Footprint f = q.footprint();
        int n = 64, in = q.inputSynapses(), rec = q.recurrentSynapses(), feat = 64 * 4;
        // input: 1-byte values, 13 row pointers of the smallest width that counts to nnz, 1-byte columns (64 targets), one 4-byte scale
        assertTrue(in < 256 && rec > 256, "this config has " + in + " input and " + rec + " recurrent synapses");
        assertEquals(in + 13 + in + 4, f.parts().get("input_synapses"));
        // recurrent: 65 row pointers of 2 bytes, 1-byte columns, one scale
        assertEquals(rec + 65 * 2 + rec + 4, f.parts().get("recurrent_synapses"));
        // dense readout 5 x 256 int8 + one scale, float bias, neuron constants
        assertEquals(5 * feat + 4, f.parts().get("readout_weights"));
        assertEquals(f.parts().values().stream().mapToLong(Long::longValue).sum(), f.parameterBytes());
        // state: v and i per neuron in 8-bit registers, 12 encoder accumulators of 4 bytes
        assertEquals(2 * n + 48, f.stateBytes());
        assertEquals(n + 12 + 5, f.neurons());
        assertFalse(f.floatWeights());
        assertEquals(8, f.weightBits());
    }

    @Test
    void savedModelPredictsTheSame(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("m.npz");
        model.save(file);
        HarModel back = HarModels.load(file);
        assertArrayEquals(model.evaluate(test).predictions(), back.evaluate(test).predictions());
        assertArrayEquals(model.standardisation().mean(), back.standardisation().mean());
        String m = assertThrows(IllegalArgumentException.class, () -> HarModels.load(tmp.resolve("none.npz"))).getMessage();
        assertTrue(m.startsWith("model file " + tmp.resolve("none.npz") + " not found"), m);
    }
}
