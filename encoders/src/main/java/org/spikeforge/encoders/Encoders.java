package org.spikeforge.encoders;

import static org.spikeforge.encoders.ParamSpec.bool;
import static org.spikeforge.encoders.ParamSpec.choice;
import static org.spikeforge.encoders.ParamSpec.integer;
import static org.spikeforge.encoders.ParamSpec.real;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.encoders.current.DirectCurrent;
import org.spikeforge.encoders.events.DvsEmulator;
import org.spikeforge.encoders.events.SaccadeEncoder;
import org.spikeforge.encoders.population.GaussianPopulation;
import org.spikeforge.encoders.rate.BernoulliCode;
import org.spikeforge.encoders.rate.PoissonCode;
import org.spikeforge.encoders.rate.RegularCode;
import org.spikeforge.encoders.signal.BsaCode;
import org.spikeforge.encoders.signal.DeltaCode;
import org.spikeforge.encoders.signal.StepForwardCode;
import org.spikeforge.encoders.temporal.BurstCode;
import org.spikeforge.encoders.temporal.LatencyCode;
import org.spikeforge.encoders.temporal.PhaseCode;

/**
 * The encoders by scenario name, for scenario files and the {@code spikeforge encode} command:
 *
 * <pre>{@code
 * Encoder e = Encoders.create("latency", Map.of("num_steps", 50, "tau", 5, "linear", true));
 * Encoding out = e.encode(input);             // SpikeTrain, CurrentRaster or EventStream
 * }</pre>
 *
 * Values are in engine units (ms, Hz, pA) and may be Numbers, Booleans or Strings ("50", "true");
 * errors are one line naming the encoder and the parameter. {@link #spec} lists each encoder's
 * parameters with defaults and meanings (for {@code --help}).
 */
public final class Encoders {
    private static final Map<String, CodeSpec<Encoder>> SPECS = new LinkedHashMap<>();

    static final ParamSpec NUM_STEPS = integer("num_steps", 100L, "steps", "length of the spike train in steps");
    static final ParamSpec DT = real("dt", 1.0, "ms", "time step");
    static final ParamSpec SEED = integer("seed", 0L, "1", "seed of the random stream");
    static final ParamSpec SAMPLE_RATE = real("sample_rate", 1000.0, "Hz", "samples per second of the input series (one sample per output step)");

    static {
        add("poisson", "Poisson trains of rate gain·x + offset, optional dead time; input any shape -> spikes (num_steps, shape...)",
                List.of(real("gain", 100.0, "Hz", "rate per unit of input"), real("offset", 0.0, "Hz", "rate at input 0"), NUM_STEPS, DT,
                        real("refractory", 0.0, "ms", "absolute refractory period (dead time)"), SEED),
                p -> new PoissonCode(p.real("gain"), p.real("offset"), p.integer("num_steps"), p.real("dt"), p.real("refractory"), p.longValue("seed")));
        add("bernoulli", "snnTorch spikegen.rate: spike with probability clamp(gain·x + offset, 0, 1) each step; input any shape -> (num_steps, shape...)",
                List.of(real("gain", 1.0, "1", "probability per unit of input"), real("offset", 0.0, "1", "probability at input 0"), NUM_STEPS,
                        integer("first_spike_time", 0L, "steps", "leading silent steps"),
                        bool("time_varying", false, "input is a series (time first), one probability per step"), DT, SEED),
                p -> new BernoulliCode(p.real("gain"), p.real("offset"), p.integer("num_steps"), p.integer("first_spike_time"),
                        p.bool("time_varying"), p.real("dt"), p.longValue("seed")));
        add("regular", "deterministic trains of rate gain·x + offset; input any shape -> (num_steps, shape...)",
                List.of(real("gain", 100.0, "Hz", "rate per unit of input"), real("offset", 0.0, "Hz", "rate at input 0"), NUM_STEPS, DT,
                        real("phase", 0.0, "1", "first spike at phase/rate, phase in [0, 1)")),
                p -> new RegularCode(p.real("gain"), p.real("offset"), p.integer("num_steps"), p.real("dt"), p.real("phase")));
        add("latency", "time-to-first-spike (snnTorch spikegen.latency); input in [0, 1], any shape -> (num_steps, shape...)",
                List.of(NUM_STEPS, real("tau", 1.0, "steps", "RC time constant (log) or slope (linear)"),
                        real("threshold", 0.01, "1", "threshold in (0, 1); values below it fire last (or never, with clip)"),
                        real("epsilon", 1e-7, "1", "keeps the log finite"), integer("first_spike_time", 0L, "steps", "earliest spike step"),
                        bool("linear", false, "linear instead of logarithmic code"), bool("normalize", false, "stretch spike times over num_steps"),
                        bool("clip", false, "values below threshold do not fire"), bool("bypass", false, "drop spikes past num_steps instead of failing"),
                        bool("snntorch", true, "float32 arithmetic and round-half-even steps, as snnTorch; false: double precision, exact times"), DT),
                p -> new LatencyCode(p.integer("num_steps"), p.real("tau"), p.real("threshold"), p.real("epsilon"), p.integer("first_spike_time"),
                        p.bool("linear"), p.bool("normalize"), p.bool("clip"), p.bool("bypass"), p.bool("snntorch"), p.real("dt")));
        add("burst", "burst code (Park et al. 2019): ceil(max_spikes·x) spikes, interval shrinking with x; input in [0, 1] -> (num_steps, shape...)",
                List.of(NUM_STEPS, integer("max_spikes", 5L, "1", "spikes of a burst at x = 1"), integer("isi_min", 2L, "steps", "interval at x = 1"),
                        integer("isi_max", 20L, "steps", "interval as x approaches 0"), DT),
                p -> new BurstCode(p.integer("num_steps"), p.integer("max_spikes"), p.integer("isi_min"), p.integer("isi_max"), p.real("dt")));
        add("phase", "phase code (Kim et al. 2018): bit k of x, MSB first, at phase k of each period of `bits` steps; input in [0, 1] -> (num_steps, shape...)",
                List.of(integer("bits", 8L, "steps", "phases per period"), integer("num_steps", 8L, "steps", "length of the train, at least one period"), DT),
                p -> new PhaseCode(p.integer("bits"), p.integer("num_steps"), p.real("dt")));
        add("delta", "send-on-delta (snnTorch spikegen.delta with reference=previous); input series (T, shape...) -> (T, shape...), +1 on, -1 off",
                List.of(real("threshold", 0.1, "1", "change that triggers a spike, > 0"), bool("padding", false, "x[-1] = x[0] instead of 0"),
                        bool("off_spike", false, "emit off spikes for falls"),
                        choice("reference", "previous", List.of("previous", "reconstruction"),
                                "compare with the previous sample (snnTorch) or with the decoder's reconstruction"), SAMPLE_RATE),
                p -> new DeltaCode(p.real("threshold"), p.bool("padding"), p.bool("off_spike"),
                        DeltaCode.Reference.valueOf(p.choice("reference").toUpperCase(java.util.Locale.ROOT)), p.real("sample_rate")));
        add("step_forward", "step-forward code (Petro et al. 2020); input series (T, shape...) -> (T, shape...), +1 on, -1 off; decode from the first sample",
                List.of(real("threshold", 0.1, "1", "step of the baseline, > 0"), SAMPLE_RATE),
                p -> new StepForwardCode(p.real("threshold"), p.real("sample_rate")));
        add("bsa", "Ben's Spiker Algorithm with a Gaussian FIR filter; input series >= 0 (T, shape...) -> (T, shape...)",
                List.of(integer("filter_length", 24L, "samples", "taps of the filter"), real("filter_sigma", 4.0, "samples", "width of the Gaussian window"),
                        real("filter_gain", 1.0, "1", "sum of the filter taps: the largest value the code can follow"),
                        real("threshold", 0.9, "1", "error reduction a spike must buy, >= 0; best just below filter_gain"), SAMPLE_RATE),
                p -> new BsaCode(BsaCode.gaussianFilter(p.integer("filter_length"), p.real("filter_sigma"), p.real("filter_gain")),
                        p.real("threshold"), p.real("sample_rate")));
        add("gaussian_population", "Gaussian receptive fields (Bohte et al. 2002), one latency spike per neuron; input in [min, max] -> (num_steps, shape..., neurons)",
                populationParams(), Encoders::population);
        add("current", "direct current injection gain·x + offset pA; static input held num_steps, or a series at sample_rate -> currents (steps, shape...)",
                List.of(real("gain", 1.0, "pA", "current per unit of input"), real("offset", 0.0, "pA", "current at input 0"),
                        integer("num_steps", 100L, "steps", "length; 0 with a series: the series' duration"), DT,
                        real("sample_rate", 0.0, "Hz", "0: static input; else the sample rate of the input series")),
                p -> new DirectCurrent(p.real("gain"), p.real("offset"), p.integer("num_steps"), p.real("dt"), p.real("sample_rate")));
        add("dvs", "DVS emulator (ESIM/v2e): frames (T, height, width) -> events; with saccade, one image (height, width) -> N-MNIST-like events",
                List.of(real("threshold_on", 0.2, "1", "log-intensity rise per on event"), real("threshold_off", 0.2, "1", "log-intensity fall per off event"),
                        real("threshold_sigma", 0.0, "1", "pixel-to-pixel spread of the thresholds"), real("refractory", 0.0, "ms", "dead time after an event"),
                        real("noise_rate", 0.0, "Hz", "background events per pixel per second"), real("log_eps", 0.1, "1", "eps in ln(I + eps)"),
                        real("frame_rate", 1000.0, "Hz", "frames per second (input frames, or rendered saccade frames)"), SEED,
                        bool("saccade", false, "move one still image along a triangle, as N-MNIST"),
                        real("saccade_amplitude", 6.0, "px", "size of the saccade triangle"), real("saccade_ms", 100.0, "ms", "duration of each saccade")),
                p -> {
                    DvsEmulator d = new DvsEmulator(p.real("threshold_on"), p.real("threshold_off"), p.real("threshold_sigma"), p.real("refractory"),
                            p.real("noise_rate"), p.real("log_eps"), p.real("frame_rate"), p.longValue("seed"));
                    return p.bool("saccade") ? new SaccadeEncoder(d, p.real("saccade_amplitude"), p.real("saccade_ms")) : d;
                });
    }

    private Encoders() {}

    static List<ParamSpec> populationParams() {
        return List.of(integer("neurons", 10L, "1", "neurons per value, >= 3"), real("min", 0.0, "1", "lower end of the value range"),
                real("max", 1.0, "1", "upper end of the value range"), real("beta", 1.5, "1", "receptive-field width factor"), NUM_STEPS,
                real("min_response", 0.1, "1", "responses below this do not fire"), DT);
    }

    static GaussianPopulation population(Params p) {
        return new GaussianPopulation(p.integer("neurons"), p.real("min"), p.real("max"), p.real("beta"), p.integer("num_steps"),
                p.real("min_response"), p.real("dt"));
    }

    private static void add(String name, String summary, List<ParamSpec> params, java.util.function.Function<Params, Encoder> f) {
        SPECS.put(name, new CodeSpec<>("encoder", name, summary, params, f));
    }

    /** Builds encoder {@code name} from {@code values}; see {@link CodeSpec#create}. */
    public static Encoder create(String name, Map<String, ?> values) {
        return spec(name).create(values);
    }

    /** The spec of encoder {@code name}; an unknown name is an error listing the known ones. */
    public static CodeSpec<Encoder> spec(String name) {
        CodeSpec<Encoder> s = SPECS.get(name);
        if (s == null) throw new IllegalArgumentException("unknown encoder '" + name + "'; known: " + names());
        return s;
    }

    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }
}
