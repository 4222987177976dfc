package org.spikeforge.hardware.event;

import java.util.Locale;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;

/**
 * Chooses between the time-stepped and the event-driven mode from a network's expected activity
 * ({@code --mode auto}). The cost model, in nanoseconds per second of biological time:
 * <pre>
 *   step  = N·(1000/dt)·c_update + E·c_synapse_step                    (per stepping backend)
 *   event = E·c_synapse_event + R·(c_row + c_sort·log₂(R·dt/1000 + 2)) + S·c_spike
 * </pre>
 * with {@code N} neurons, {@code E} synaptic events per second (each node's spikes per second times
 * its mean out-degree in each projection), {@code R} queued rows per second (one per spike and
 * outgoing projection, sorted per step when they fall between grid points) and {@code S} spikes per
 * second. Populations fire at the expected rate given; Poisson sources at their own rate, other
 * sources at the expected rate.
 *
 * <p>The constants were fitted on this project's 2-core AMD EPYC machine (2026-11-29) to
 * {@code bench/peers/scenarios/sparse-100k.yaml} (100,000 lif neurons, 51 synapses each, state beyond L2) with
 * its Poisson inputs at 4, 8, 16, 32 and 64 Hz (0.3–35 Hz of network activity):
 * {@code spikeforge run bench/peers/scenarios/sparse-100k.yaml --backend B --set inputs.ext_e.rate="R Hz"
 * --set inputs.ext_i.rate="R Hz"}. Stepping: {@code scalar} 1.25 ns an update and 12 ns an event (1.25 s at 4 Hz,
 * 3.45 s at 64 Hz), {@code simd} (one thread, double) 0.44 and 5 ns (0.45 s, 1.33 s). Event mode: 12 ns an event, 25 ns a
 * row and 50 ns a spike, which gives 0.035, 0.10, 0.35, 1.07 and 2.7 s against the measured 0.05, 0.09, 0.27, 0.95
 * and 2.86 s. On that network the event mode is faster than {@code scalar} at every rate of the sweep, and faster than
 * {@code simd} up to about 8 Hz of activity (a 24 Hz input, 8.4 Hz of activity: 0.75 s against 0.72 s; 32 Hz, 13.6 Hz:
 * 0.96 against 0.86 s); the model puts that crossing a little lower, between the 16 and 24 Hz inputs (4–8 Hz).
 */
public final class ModeSelector {
    private ModeSelector() {}

    /**
     * What stepping costs on one backend: {@code nsPerUpdate} a neuron and step, {@code nsPerEvent} a synaptic event
     * delivered into a ring buffer.
     */
    public record SteppingCosts(String backend, double nsPerUpdate, double nsPerEvent) {
        /** The scalar reference backend. */
        public static final SteppingCosts SCALAR = new SteppingCosts("scalar", 1.25, 12.0);
        /** The {@code simd} backend, one thread, double precision. */
        public static final SteppingCosts SIMD = new SteppingCosts("simd", 0.44, 5.0);
        /**
         * The {@code simd} backend, one thread, {@code precision=float32}: fitted to the minima of sparse-100k (1e9
         * updates, 5.97 M events: 0.299 and 0.329 s) and CUBA-100k (1e9 updates, 45.7 M events: 0.534 and 0.563 s) in
         * the harness runs of 2026-11-30 01:07 and 01:32 (BENCHMARKS.md).
         */
        public static final SteppingCosts SIMD_FLOAT32 = new SteppingCosts("simd/float32", 0.28, 5.9);

        /** The costs of stepping on backend {@code name}: {@link #SIMD} for {@code simd}, {@link #SCALAR} for any other. */
        public static SteppingCosts of(String name) {
            return of(name, java.util.Map.of());
        }

        /** {@link #of(String)} with the backend's options: {@link #SIMD_FLOAT32} for {@code simd} with {@code precision=float32}. */
        public static SteppingCosts of(String name, java.util.Map<String, String> options) {
            if (!"simd".equals(name)) return SCALAR;
            String precision = options.getOrDefault("precision", "float64").trim();
            return precision.equals("float32") || precision.equals("float") ? SIMD_FLOAT32 : SIMD;
        }
    }

    /** Synaptic event applied to a neuron's state in the event mode, ns. */
    static final double C_SYNAPSE_EVENT = 12.0;
    /** Queued spike row, ns. */
    static final double C_ROW = 25.0;
    /** Sorting a row among the other rows of its step, ns per comparison level. */
    static final double C_SORT = 2.0;
    /** Spike in the event mode (reset, exponentials, crossing prediction), ns. */
    static final double C_SPIKE = 50.0;

    /** The two ways of running a network. */
    public enum Mode {
        STEP, EVENT;

        /** The name on the command line ({@code --mode step|event}). */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The mode chosen and why.
     *
     * @param mode             the faster mode (always {@link Mode#STEP} when the event mode cannot run the network)
     * @param stepSeconds      estimated cost of stepping, seconds per second of biological time
     * @param eventSeconds     estimated cost of the event mode, or NaN when it cannot run the network
     * @param explanation      one line saying which mode was picked and why
     */
    public record Choice(Mode mode, double stepSeconds, double eventSeconds, String explanation) {}

    /** {@link #choose(NetworkGraph, double, SteppingCosts)} against the scalar reference backend. */
    public static Choice choose(NetworkGraph graph, double expectedRateHz) {
        return choose(graph, expectedRateHz, SteppingCosts.SCALAR);
    }

    /**
     * Picks the faster mode for {@code graph} when its populations fire at {@code expectedRateHz}, stepping costing
     * what {@code stepping} says.
     *
     * @throws IllegalArgumentException when the rate is negative or not finite
     */
    public static Choice choose(NetworkGraph graph, double expectedRateHz, SteppingCosts stepping) {
        if (!(expectedRateHz >= 0) || Double.isInfinite(expectedRateHz)) {
            throw new IllegalArgumentException("expected rate must be a finite number of Hz >= 0, was " + expectedRateHz);
        }
        long n = graph.neuronCount();
        double stepsPerSecond = 1000.0 / graph.dtMs();
        double[] nodeRate = new double[graph.nodes()];
        for (int node = 0; node < nodeRate.length; node++) nodeRate[node] = expectedRateHz;
        int np = graph.populations().size();
        for (int j = 0; j < graph.sources().size(); j++) {
            if (graph.sources().get(j).source() instanceof PoissonSource ps) {
                nodeRate[np + j] = -Math.log1p(-ps.spikeProbability()) * stepsPerSecond;
            }
        }
        double events = 0, rows = 0, spikes = expectedRateHz * n;
        for (NetworkGraph.Projection pr : graph.projections()) {
            int node = pr.sourceNode();
            double spikesPerSecond = nodeRate[node] * graph.nodeSize(node);
            double meanOut = graph.nodeSize(node) == 0 ? 0 : (double) pr.connectivity().synapses() / graph.nodeSize(node);
            events += spikesPerSecond * meanOut;
            rows += spikesPerSecond * Math.min(1.0, meanOut); // empty rows are never queued
        }
        double step = (n * stepsPerSecond * stepping.nsPerUpdate() + events * stepping.nsPerEvent()) * 1e-9;
        String activity = String.format(Locale.ROOT, "%,d neurons at %.3g Hz: %.3g neuron updates/s stepping vs %.3g synaptic events/s",
                n, expectedRateHz, n * stepsPerSecond, events);
        for (NetworkGraph.Population p : graph.populations()) {
            if (!(p.model() instanceof Lif) && !(p.model() instanceof IntegrateAndFire)) {
                return new Choice(Mode.STEP, step, Double.NaN, "auto: step mode (the event mode runs only lif and if; population '"
                        + p.name() + "' is " + p.model().kind() + ")");
            }
        }
        if (!graph.plasticity().isEmpty()) {
            return new Choice(Mode.STEP, step, Double.NaN, "auto: step mode (the event mode runs static networks only; projection '"
                    + graph.projections().get(graph.plasticity().get(0).projection()).name() + "' is plastic)");
        }
        double rowsPerStep = rows / stepsPerSecond;
        double event = (events * C_SYNAPSE_EVENT + rows * (C_ROW + C_SORT * log2(rowsPerStep + 2)) + spikes * C_SPIKE) * 1e-9;
        Mode mode = event < step ? Mode.EVENT : Mode.STEP;
        String why = String.format(Locale.ROOT, "auto: %s mode (estimated %.3g s stepping on %s vs %.3g s event-driven per simulated second; %s)",
                mode.cliName(), step, stepping.backend(), event, activity);
        return new Choice(mode, step, event, why);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
