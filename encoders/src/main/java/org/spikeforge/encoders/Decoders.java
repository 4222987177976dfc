package org.spikeforge.encoders;

import static org.spikeforge.encoders.ParamSpec.bool;
import static org.spikeforge.encoders.ParamSpec.choice;
import static org.spikeforge.encoders.ParamSpec.integer;
import static org.spikeforge.encoders.ParamSpec.real;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.encoders.decoders.FirstSpike;
import org.spikeforge.encoders.decoders.MembraneReadout;
import org.spikeforge.encoders.decoders.PopulationVector;
import org.spikeforge.encoders.decoders.RateReadout;
import org.spikeforge.encoders.decoders.SpikeCount;
import org.spikeforge.encoders.decoders.Window;
import org.spikeforge.encoders.signal.BsaCode;
import org.spikeforge.encoders.signal.DeltaCode;
import org.spikeforge.encoders.signal.StepForwardCode;
import org.spikeforge.encoders.temporal.BurstCode;
import org.spikeforge.encoders.temporal.LatencyCode;
import org.spikeforge.encoders.temporal.PhaseCode;

/**
 * The decoders by scenario name, for scenario files and the {@code spikeforge decode} command. Every
 * decoder takes a time-first array (a spike raster, or a membrane trace for {@code membrane}) and
 * returns values; the inverse of an encoder takes that encoder's parameter names.
 *
 * <pre>{@code
 * NdArray values = Decoders.create("delta", Map.of("threshold", 0.05)).decode(raster);
 * }</pre>
 */
public final class Decoders {
    private static final Map<String, CodeSpec<Decoder>> SPECS = new LinkedHashMap<>();

    private static final ParamSpec FROM = integer("from_step", 0L, "steps", "first step of the window");
    private static final ParamSpec TO = integer("to_step", -1L, "steps", "step after the window; -1: the end");

    static {
        add("count", "spike count per channel over a window: (steps, shape...) -> (shape...)", List.of(FROM, TO),
                p -> new SpikeCount(window(p)));
        add("rate", "firing rate in Hz over a window: (steps, shape...) -> (shape...)", List.of(FROM, TO, Encoders.DT),
                p -> new RateReadout(window(p), p.real("dt")));
        add("first_spike", "time of the first spike in ms, NaN if none: (steps, shape...) -> (shape...)", List.of(Encoders.DT),
                p -> new FirstSpike(p.real("dt")));
        add("membrane", "membrane readout (max, mean or last over a window): trace (steps, shape...) -> (shape...)",
                List.of(choice("mode", "max", List.of("max", "mean", "last"), "how the trace is reduced"), FROM, TO),
                p -> new MembraneReadout(MembraneReadout.Mode.parse(p.choice("mode")), window(p)));
        add("population_vector", "activity-weighted mean of preferred values along the last axis: (steps, shape..., m) -> (shape...)",
                List.of(real("min", 0.0, "1", "preferred value of the first neuron"), real("max", 1.0, "1", "preferred value of the last neuron (circular: one turn)"),
                        bool("circular", false, "preferences are directions around a circle")),
                p -> new PopulationVector(p.real("min"), p.real("max"), p.bool("circular")));
        add("gaussian_population", "inverse of the gaussian_population encoder (least squares): (steps, shape..., neurons) -> (shape...)",
                Encoders.populationParams(), p -> Encoders.population(p)::decode);
        add("delta", "integrates a delta code: x[t] = x[t-1] + threshold·s[t], x[-1] = initial: (T, shape...) -> (T, shape...)",
                List.of(real("threshold", 0.1, "1", "threshold of the code"), real("initial", 0.0, "1", "value before the first sample")),
                p -> {
                    DeltaCode c = new DeltaCode(p.real("threshold"), false, true, DeltaCode.Reference.RECONSTRUCTION, 1000);
                    double initial = p.real("initial");
                    return raster -> c.decode(raster, initial);
                });
        add("step_forward", "rebuilds a step-forward code from its first sample: (T, shape...) -> (T, shape...)",
                List.of(real("threshold", 0.1, "1", "threshold of the code"), real("initial", 0.0, "1", "the first sample of the signal")),
                p -> {
                    StepForwardCode c = new StepForwardCode(p.real("threshold"), 1000);
                    double initial = p.real("initial");
                    return raster -> c.decode(raster, initial);
                });
        add("bsa", "BSA decoder, the spikes convolved with the Gaussian filter: (T, shape...) -> (T, shape...)",
                List.of(integer("filter_length", 24L, "samples", "taps of the filter"), real("filter_sigma", 4.0, "samples", "width of the Gaussian window"),
                        real("filter_gain", 1.0, "1", "sum of the filter taps")),
                p -> new BsaCode(BsaCode.gaussianFilter(p.integer("filter_length"), p.real("filter_sigma"), p.real("filter_gain")), 0, 1000)::decode);
        add("burst", "inverse of the burst encoder: (steps, shape...) -> (shape...)",
                List.of(Encoders.NUM_STEPS, integer("max_spikes", 5L, "1", "spikes of a burst at x = 1"), integer("isi_min", 2L, "steps", "interval at x = 1"),
                        integer("isi_max", 20L, "steps", "interval as x approaches 0")),
                p -> new BurstCode(p.integer("num_steps"), p.integer("max_spikes"), p.integer("isi_min"), p.integer("isi_max"), 1)::decode);
        add("phase", "weighted spike sum of a phase code over its full periods: (steps, shape...) -> (shape...)",
                List.of(integer("bits", 8L, "steps", "phases per period")),
                p -> new PhaseCode(p.integer("bits"), p.integer("bits"), 1)::decode);
        add("latency", "inverse of an un-normalized (or linear) latency code from each channel's first spike; NaN if none: (steps, shape...) -> (shape...)",
                List.of(Encoders.NUM_STEPS, real("tau", 1.0, "steps", "time constant of the code"), real("threshold", 0.01, "1", "threshold of the code"),
                        integer("first_spike_time", 0L, "steps", "earliest spike step"), bool("linear", false, "linear code"),
                        bool("normalize", false, "normalized (linear codes only)")),
                p -> {
                    LatencyCode c = new LatencyCode(p.integer("num_steps"), p.real("tau"), p.real("threshold"), 1e-7, p.integer("first_spike_time"),
                            p.bool("linear"), p.bool("normalize"), false, false, true, 1);
                    if (c.normalize() && !c.linear()) throw new IllegalArgumentException("normalize: a normalized logarithmic code cannot be decoded");
                    return raster -> {
                        NdArray first = new FirstSpike(1).decode(raster);
                        double[] d = first.data();
                        for (int i = 0; i < d.length; i++) d[i] = Double.isNaN(d[i]) ? Double.NaN : c.valueAt(d[i]);
                        return first;
                    };
                });
    }

    private Decoders() {}

    private static Window window(Params p) {
        return new Window(p.integer("from_step"), p.integer("to_step"));
    }

    private static void add(String name, String summary, List<ParamSpec> params, java.util.function.Function<Params, Decoder> f) {
        SPECS.put(name, new CodeSpec<>("decoder", name, summary, params, f));
    }

    /** Builds decoder {@code name} from {@code values}; see {@link CodeSpec#create}. */
    public static Decoder create(String name, Map<String, ?> values) {
        return spec(name).create(values);
    }

    public static CodeSpec<Decoder> spec(String name) {
        CodeSpec<Decoder> s = SPECS.get(name);
        if (s == null) throw new IllegalArgumentException("unknown decoder '" + name + "'; known: " + names());
        return s;
    }

    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }
}
