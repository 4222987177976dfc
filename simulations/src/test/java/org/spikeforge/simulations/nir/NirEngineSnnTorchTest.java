package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spikeforge.simulations.nir.NirSnnTorchReferenceTest.maxAbsDiff;
import static org.spikeforge.simulations.nir.NirSnnTorchReferenceTest.mismatches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.neurons.ResetMode;

/**
 * The snnTorch networks (fixtures/nir-snntorch) mapped onto the engine ({@link NirToNetwork}) and
 * run on the {@code scalar}, {@code gpu} (exact delivery, PoCL on CI), {@code memristor} (ideal crossbar) and {@code photonic} (ideal
 * device: no backend option set) backends: all five input sequences as one batch on one compiled
 * network, with zero spike mismatches against snnTorch, membrane and synaptic current within 1e-4
 * of snnTorch, and every trace within 1e-6 of the reference executor's (in practice the same float32).
 */
class NirEngineSnnTorchTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        // backend → its ideal or exact settings (photonic: no option set is the ideal device)
        Map<String, BackendOptions> backends = new LinkedHashMap<>();
        backends.put("scalar", BackendOptions.defaults());
        backends.put("gpu", new BackendOptions(1, Map.of("delivery", "exact")));
        backends.put("photonic", BackendOptions.defaults());
        backends.put("memristor", BackendOptions.defaults()); // ideal crossbar: every non-ideality off by default
        for (String be : backends.keySet()) {
            NirSnnTorchReferenceTest.networks().forEach(a -> {
                Object[] n = a.get();
                out.add(Arguments.of(be, n[0], n[1], n[2], backends.get(be)));
            });
        }
        return out.stream();
    }

    /** The backend of that name on the class path (as the CLI finds it). */
    static Backend backend(String name) {
        Backend b = Backends.byName(name);
        if (b == null) throw new IllegalStateException("backend " + name + " is not on the class path: " + Backends.names());
        return b;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void reproducesSnnTorchOnTheEngine(String be, String net, List<String> layers, Map<String, ResetMode> resets, BackendOptions beOpts) {
        NirFile file = NirReader.read(NirTestFiles.snntorch(net + ".nir"));
        Map<String, NirNpy.Array> ref = NirNpy.readNpz(NirTestFiles.snntorch(net + "_ref.npz"));
        NirRunOptions opts = NirRunOptions.snntorch();
        for (Map.Entry<String, ResetMode> e : resets.entrySet()) opts = opts.withNodeReset(e.getKey(), e.getValue());
        NirToNetwork mapping = NirToNetwork.map(file.graph(), opts);
        NirToNetwork.EngineRun run = mapping.run(ref.get("inputs"), backend(be), beOpts);
        NirRecording rec = run.recording();
        assertEquals(NirToNetwork.InputMode.SPIKES, run.mapped().inputMode(), "0/1 inputs run as a spike source on the backend");
        assertEquals(5, rec.batch());
        assertEquals(100, rec.steps());

        long spikes = 0;
        for (String layer : layers) {
            NirRecording.Trace spk = rec.get(layer, "spk");
            NirNpy.Array refSpk = ref.get("spk_" + layer);
            assertArrayEquals(refSpk.shape(), spk.shape(), "trace shape (B, T, …node shape) of node " + layer);
            assertEquals(0, mismatches(refSpk.data(), spk.data()), net + " node " + layer + " spike mismatches on " + be);
            for (double s : refSpk.data()) spikes += (long) s;
            assertTrue(maxAbsDiff(ref.get("mem_" + layer).data(), rec.get(layer, "v").data()) < 1e-4, net + " node " + layer + " membrane");
            if (ref.containsKey("syn_" + layer)) {
                assertTrue(maxAbsDiff(ref.get("syn_" + layer).data(), rec.get(layer, "i").data()) < 1e-4, net + " node " + layer + " current");
            }
        }
        assertTrue(spikes > 100, "the reference must contain spikes for the comparison to mean something");
        assertEquals(0, mismatches(ref.get("output_spk").data(), rec.output().data()), net + " output spikes on " + be);

        // Against the reference executor: the same traces, key for key, to float32 rounding.
        NirRecording expected = mapping.reference().run(ref.get("inputs"));
        assertEquals(expected.traces().keySet(), rec.traces().keySet(), "recorded node variables");
        for (Map.Entry<String, NirRecording.Trace> e : expected.traces().entrySet()) {
            float[] a = e.getValue().data(), b = rec.traces().get(e.getKey()).data();
            double worst = 0;
            for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
            assertTrue(worst <= 1e-6, net + " " + e.getKey() + " on " + be + ": largest difference from the reference executor " + worst);
        }

        Map<String, Long> counts = run.counts();
        assertTrue(counts.getOrDefault("synaptic_events", 0L) > 0, "spikes crossed the backend's projections: " + counts);
        if (be.equals("photonic")) assertTrue(counts.getOrDefault("optical_reads", 0L) > 0, "projections ran as light: " + counts);
        if (be.equals("gpu")) assertTrue(counts.getOrDefault("kernel_launches", 0L) > 0, "kernels ran on the device: " + counts);
    }
}
