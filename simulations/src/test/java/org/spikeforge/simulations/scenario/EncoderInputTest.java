package org.spikeforge.simulations.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.encoders.Encoders;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.StateProbe;

/** Scenario inputs that encode a data file: the encoded spikes and currents drive the network as the encoder says. */
class EncoderInputTest {
    @TempDir Path dir;

    /** 5 Hz sine sampled at 100 Hz for 1 s: shape (100, 1). */
    private static double[] sine() {
        double[] x = new double[100];
        for (int k = 0; k < x.length; k++) x[k] = Math.sin(2 * Math.PI * 5 * k / 100.0);
        return x;
    }

    private static final String DELTA = """
            dt: 1 ms
            duration: 1100 ms
            populations:
              out:
                size: 2
                model: lif
                params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -55 mV, r: 100 MOhm, t_ref: 0 ms}
            inputs:
              sig:
                type: encoder
                encoder: delta
                params: {threshold: 0.1, off_spike: true}
                file: %s
                sample_rate: 100 Hz
                %s
            projections:
              drive: {source: sig, target: out, connect: one_to_one, weight: 20 mV, delay: 1 ms}
            probes:
              in: {type: spikes, target: sig}
              out: {type: spikes, target: out}
            """;

    private Scenario load(String yaml) {
        return ScenarioLoader.parse(yaml, "test.yaml", "test", ScenarioLoader.Overrides.none(), dir);
    }

    private static void run(Scenario sc) {
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(sc.steps(), sc.probes(), Simulator.Progress.NONE);
        }
    }

    private static SpikeProbe spikes(Scenario sc, String name) {
        for (Probe p : sc.probes()) if (p.name().equals(name)) return (SpikeProbe) p;
        throw new AssertionError("no probe " + name);
    }

    @Test
    void deltaCodedSineDrivesLifNeuronsAtTheEncodersSpikeTimes() throws IOException {
        Npy.write(dir.resolve("sine.npy"), NpyArray.ofDoubles(sine(), 100, 1));
        Scenario sc = load(DELTA.formatted("sine.npy", ""));
        run(sc);
        // oracle: the encoder itself, on the same samples; channel 0 = on, channel 1 = off
        SpikeTrain code = (SpikeTrain) Encoders.create("delta", Map.of("threshold", 0.1, "off_spike", true, "sample_rate", 100.0))
                .encode(new NdArray(sine(), 100, 1));
        SpikeProbe out = spikes(sc, "out");
        int total = 0;
        for (int c = 0; c < 2; c++) {
            double[] expected = code.timesMs(c);
            total += expected.length;
            double[] shifted = new double[expected.length];
            for (int k = 0; k < expected.length; k++) shifted[k] = expected[k] + 1.0; // one step of delay
            assertArrayEquals(expected, spikes(sc, "in").timesOf(c, 1.0), 1e-9, "input channel " + c);
            assertArrayEquals(shifted, out.timesOf(c, 1.0), 1e-9, "LIF neuron " + c + " fires one delay after each spike");
        }
        assertTrue(total >= 10 && code.timesMs(0).length > 0 && code.timesMs(1).length > 0, "the sine gives on and off spikes: " + total);
    }

    @Test
    void csvColumnsByNameGiveTheSameInputAsTheNpyFile() throws IOException {
        Npy.write(dir.resolve("sine.npy"), NpyArray.ofDoubles(sine(), 100, 1));
        StringBuilder csv = new StringBuilder("# a sine\ntime,signal\n");
        double[] x = sine();
        for (int k = 0; k < x.length; k++) csv.append(k * 0.01).append(',').append(x[k]).append('\n');
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/sine.csv"), csv);
        Scenario fromNpy = load(DELTA.formatted("sine.npy", ""));
        Scenario fromCsv = load(DELTA.formatted("data/sine.csv", "channels: [signal]"));
        run(fromNpy);
        run(fromCsv);
        assertTrue(spikes(fromNpy, "in").count() > 0);
        assertArrayEquals(spikes(fromNpy, "in").steps(), spikes(fromCsv, "in").steps());
        assertArrayEquals(spikes(fromNpy, "in").neurons(), spikes(fromCsv, "in").neurons());
    }

    @Test
    void currentEncoderInjectsTheSeriesSampledAtEachStep() throws IOException {
        // x = [1, 2, -1, 3] at 500 Hz (2 ms per sample), gain 100 pA: 100, 200, -100, 300 pA, then 0
        Npy.write(dir.resolve("x.npy"), NpyArray.ofDoubles(new double[] {1, 2, -1, 3}, 4, 1));
        Scenario sc = load("""
                dt: 1 ms
                duration: 12 ms
                populations:
                  n: {size: 1, model: if, params: {c_m: 200 pF, v_reset: 0 mV, v_th: 1000 mV, t_ref: 0 ms}}
                inputs:
                  x: {type: encoder, encoder: current, params: {gain: 100 pA}, file: x.npy, sample_rate: 500 Hz, target: n}
                probes:
                  v: {type: state, target: n, variable: v, every: 1 ms}
                """);
        run(sc);
        StateProbe v = (StateProbe) sc.probes().get(0);
        double[] current = {100, 200, -100, 300};
        double expected = 0;
        assertEquals(12, v.samples());
        for (int s = 0; s < 12; s++) {
            double i = s < 8 ? current[s / 2] : 0.0;
            expected += i * 1.0 / 200.0; // C dv/dt = I: pA · ms / pF = mV
            assertEquals(expected, v.value(s, 0), 1e-9, "v after step " + s);
        }
    }

    private String rejects(String yaml, String field, String... parts) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load(yaml));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("test.yaml: field '" + field + "'"), msg);
        for (String p : parts) assertTrue(msg.contains(p), "'" + p + "' in: " + msg);
        assertEquals(1, msg.lines().count(), msg);
        return msg;
    }

    @Test
    void badEncoderInputsAreRejectedNamingFieldValueAndExpectation() throws IOException {
        Npy.write(dir.resolve("sine.npy"), NpyArray.ofDoubles(sine(), 100, 1));
        String base = DELTA.formatted("sine.npy", "");
        rejects(DELTA.formatted("missing.npy", ""), "inputs.sig.file", "value 'missing.npy'", "missing.npy: file not found");
        rejects(base.replace("threshold: 0.1", "threshold: -0.1"), "inputs.sig.params.threshold", "value '-0.1'", "expected > 0");
        rejects(base.replace("threshold: 0.1", "threshold: 0.1 ms"), "inputs.sig.params.threshold", "wrong unit");
        rejects(base.replace("encoder: delta", "encoder: deltaa"), "inputs.sig.encoder", "value 'deltaa'", "known encoders: poisson");
        rejects(base.replace("off_spike: true", "off_spike: maybe"), "inputs.sig.params.off_spike", "expected true or false");
        rejects(base.replace("off_spike: true", "tau: 3"), "inputs.sig.params.tau", "unknown key 'tau'");
        rejects(base.replace("sample_rate: 100 Hz", "sample_rate: 100"), "inputs.sig.sample_rate", "missing unit", "10 Hz");
        rejects(base.replace("sample_rate: 100 Hz", "target: out"), "inputs.sig.target", "gives spikes");
        rejects(base.replace("encoder: delta", "encoder: latency").replace("params: {threshold: 0.1, off_spike: true}",
                "params: {dt: 1}"), "inputs.sig.params.dt", "missing unit", "time");
        rejects(base.replace("encoder: delta", "encoder: latency").replace("params: {threshold: 0.1, off_spike: true}",
                "params: {num_steps: 50}"), "inputs.sig.sample_rate", "takes no sample rate", "delta");
    }

    @Test
    void relativeDataFilesResolveAgainstTheScenarioFolder() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("scenarios"));
        Npy.write(sub.resolve("sine.npy"), NpyArray.ofDoubles(sine(), 100, 1));
        Path file = sub.resolve("s.yaml");
        Files.writeString(file, DELTA.formatted("sine.npy", ""));
        Scenario sc = ScenarioLoader.load(file, ScenarioLoader.Overrides.none());
        List<String> names = new ArrayList<>();
        for (int k = 0; k < sc.network().graph().nodes(); k++) names.add(sc.network().graph().nodeName(k));
        assertEquals(List.of("out", "sig"), names);
        assertEquals(2, sc.network().graph().nodeSize(1), "on and off channels");
    }
}
