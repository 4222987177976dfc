package org.spikeforge.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.events.EventStream;

/** The encoder and decoder registries that scenario files and the CLI use. */
class EncodersFactoryTest {

    static String error(String encoder, Map<String, ?> params) {
        return assertThrows(IllegalArgumentException.class, () -> Encoders.create(encoder, params)).getMessage();
    }

    @Test
    void everyEncoderBuildsFromDefaultsAndDocumentsItsParameters() {
        assertEquals(List.of("poisson", "bernoulli", "regular", "latency", "burst", "phase", "delta", "step_forward", "bsa",
                "gaussian_population", "current", "dvs"), Encoders.names());
        for (String name : Encoders.names()) {
            assertTrue(Encoders.create(name, Map.of()) != null, name);
            CodeSpec<Encoder> spec = Encoders.spec(name);
            for (ParamSpec p : spec.parameters()) assertTrue(spec.help().contains("\n  " + p.name() + " ("), name + " help lists " + p.name());
        }
        for (String name : Decoders.names()) assertTrue(Decoders.create(name, Map.of()) != null, name);
    }

    @Test
    void valuesMayBeStringsAsOnACommandLine() {
        Encoder e = Encoders.create("latency", Map.of("num_steps", "5", "linear", "true", "normalize", "yes"));
        // snnTorch docstring example: [0.02, 0.5, 1] -> steps 4, 2, 0
        assertEquals(List.of(4.0, 2.0, 0.0), List.of(
                ((SpikeTrain) e.encode(NdArray.vector(0.02, 0.5, 1))).timesMs(0)[0],
                ((SpikeTrain) e.encode(NdArray.vector(0.02, 0.5, 1))).timesMs(1)[0],
                ((SpikeTrain) e.encode(NdArray.vector(0.02, 0.5, 1))).timesMs(2)[0]));
    }

    @Test
    void thresholdsAtOrBelowZeroAreRejectedNamingTheParameter() {
        assertEquals("encoder 'delta': threshold must be > 0, was 0.0", error("delta", Map.of("threshold", 0)));
        assertEquals("encoder 'step_forward': threshold must be > 0, was -0.5", error("step_forward", Map.of("threshold", -0.5)));
        assertEquals("encoder 'latency': threshold must be in (0.0, 1.0), was 0.0", error("latency", Map.of("threshold", 0.0)));
        assertEquals("encoder 'dvs': threshold_off must be > 0, was -0.2", error("dvs", Map.of("threshold_off", -0.2)));
    }

    @Test
    void negativeRatesAreRejected() {
        assertEquals("encoder 'poisson': refractory must be >= 0 ms, was -2.0", error("poisson", Map.of("refractory", -2)));
        Encoder neg = Encoders.create("poisson", Map.of("gain", -100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> neg.encode(NdArray.vector(0.0, 0.3)));
        assertTrue(e.getMessage().startsWith("poisson: rate must be >= 0 Hz, but gain·x + offset = -30.0 Hz for x = 0.3 at flat index 1"),
                e.getMessage());
        Encoder regular = Encoders.create("regular", Map.of("offset", -1));
        e = assertThrows(IllegalArgumentException.class, () -> regular.encode(NdArray.vector(0.0)));
        assertTrue(e.getMessage().startsWith("regular: rate must be >= 0 Hz"), e.getMessage());
    }

    @Test
    void numStepsTooSmallForTheRequestedLatencyRangeIsRejected() {
        assertEquals("encoder 'latency': num_steps = 50 is too small for first_spike_time = 60: it must be at least first_spike_time + 1 = 61",
                error("latency", Map.of("num_steps", 50, "first_spike_time", 60)));
        // snnTorch's default log code (τ = 1, θ = 0.01) needs 13 steps for an input of 0
        Encoder e = Encoders.create("latency", Map.of("num_steps", 10));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.encode(NdArray.vector(0.0, 1.0)));
        assertTrue(ex.getMessage().startsWith("latency: num_steps = 10 is too small for this input: its latest spike falls at step 12"), ex.getMessage());
        assertTrue(error("burst", Map.of("num_steps", 20)).startsWith("encoder 'burst': num_steps = 20 is too small for bursts of up to 5 spikes"));
        assertTrue(error("phase", Map.of("bits", 8, "num_steps", 4)).startsWith("encoder 'phase': num_steps = 4 is too small"));
    }

    @Test
    void malformedValuesAndNamesAreRejectedClearly() {
        assertEquals("encoder 'poisson': unknown parameter 'rate'; known: [gain, offset, num_steps, dt, refractory, seed]",
                error("poisson", Map.of("rate", 10)));
        assertEquals("encoder 'poisson': num_steps must be a whole number, was 2.5", error("poisson", Map.of("num_steps", 2.5)));
        assertEquals("encoder 'poisson': gain must be a number (in Hz), was 'fast'", error("poisson", Map.of("gain", "fast")));
        assertEquals("encoder 'latency': linear must be true or false, was 'maybe'", error("latency", Map.of("linear", "maybe")));
        assertEquals("encoder 'delta': reference must be one of [previous, reconstruction], was 'next'", error("delta", Map.of("reference", "next")));
        assertEquals("encoder 'poisson': num_steps must be >= 1, was 0", error("poisson", Map.of("num_steps", 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Encoders.create("morse", Map.of()));
        assertTrue(e.getMessage().startsWith("unknown encoder 'morse'; known: [poisson, bernoulli"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Decoders.create("membrane", Map.of("mode", "median")));
        assertEquals("decoder 'membrane': mode must be one of [max, mean, last], was 'median'", e.getMessage());
    }

    @Test
    void encoderDecoderPairsRoundTripThroughTheRegistries() {
        double[] x = {0.05, 0.3, 0.62, 0.97};
        NdArray v = NdArray.vector(x);
        Map<String, Object> pop = Map.of("neurons", 12, "min", 0, "max", 1, "num_steps", 200);
        NdArray popBack = Decoders.create("gaussian_population", pop).decode(Encoders.create("gaussian_population", pop).encode(v).toArray());
        for (int i = 0; i < x.length; i++) assertEquals(x[i], popBack.get(i), 0.005);

        Map<String, Object> burst = Map.of("num_steps", 60);
        NdArray burstBack = Decoders.create("burst", burst).decode(Encoders.create("burst", burst).encode(v).toArray());
        for (int i = 0; i < x.length; i++) assertEquals(x[i], burstBack.get(i), 0.1);

        Map<String, Object> phase = Map.of("bits", 10);
        NdArray phaseBack = Decoders.create("phase", phase).decode(Encoders.create("phase", Map.of("bits", 10, "num_steps", 10)).encode(v).toArray());
        for (int i = 0; i < x.length; i++) assertEquals(x[i], phaseBack.get(i), 1.0 / 1024);

        Map<String, Object> lat = Map.of("num_steps", 101, "linear", true, "normalize", true, "snntorch", false);
        NdArray latBack = Decoders.create("latency", Map.of("num_steps", 101, "linear", true, "normalize", true))
                .decode(Encoders.create("latency", lat).encode(v).toArray());
        for (int i = 0; i < x.length; i++) assertEquals(x[i], latBack.get(i), 1.0 / 100, "one step of a 100-step linear code");

        double[] s = new double[200];
        for (int t = 0; t < 200; t++) s[t] = 0.3 + 0.2 * Math.sin(t / 20.0);
        NdArray series = new NdArray(s, 200, 1);
        Map<String, Object> delta = Map.of("threshold", 0.02, "off_spike", true, "padding", true, "reference", "reconstruction");
        NdArray deltaBack = Decoders.create("delta", Map.of("threshold", 0.02, "initial", s[0]))
                .decode(Encoders.create("delta", delta).encode(series).toArray());
        for (int t = 0; t < 200; t++) assertEquals(s[t], deltaBack.get(t), 0.02);
    }

    @Test
    void encodingsAreSpikesCurrentsOrEvents() {
        assertInstanceOf(SpikeTrain.class, Encoders.create("poisson", Map.of()).encode(NdArray.vector(0.5)));
        assertInstanceOf(CurrentRaster.class, Encoders.create("current", Map.of()).encode(NdArray.vector(0.5)));
        Encoding ev = Encoders.create("dvs", Map.of("saccade", true, "saccade_ms", 10)).encode(new NdArray(new double[] {0, 1, 1, 0}, 2, 2));
        assertInstanceOf(EventStream.class, ev);
        assertEquals(8, ((EventStream) ev).width(), "2 px image, amplitude 6: margin 3 on each side");
    }
}
