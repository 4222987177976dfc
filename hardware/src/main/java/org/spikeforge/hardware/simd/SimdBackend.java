package org.spikeforge.hardware.simd;

import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * The SIMD multi-core CPU backend ({@code simd}): Vector API neuron kernels ({@link SimdKernels}),
 * a persistent worker pool, and a partition of the work that makes the spikes independent of the
 * thread count ({@link SimdNetwork}). Bit-identical to the scalar backend for {@code lif},
 * {@code cuba_lif} and {@code if}; {@code coba_lif} differs in the last bits of the vector
 * {@code exp}. Models without a vector kernel run their scalar kernel, chunk by chunk.
 *
 * <p>Options: {@code threads} (default 1); extra {@code chunk} (neurons per chunk of the parallel
 * update, a multiple of the vector length; default {@value SimdNetwork#DEFAULT_CHUNK}) and
 * {@code parallel_delivery_events} (expected synaptic events in a step from which delivery runs on all
 * threads; default {@value SimdNetwork#PARALLEL_DELIVERY_EVENTS}), {@code precision}: {@code float64}
 * (default) or {@code float32} ({@link Float32Network}: 16 float lanes, half the bytes per neuron, the same
 * threads and partition, statistics rather than bits equal to the double-precision backends), and {@code warmup}: steps the
 * simulator runs and undoes before its first timed run so that the JIT has compiled the step
 * ({@link org.spikeforge.hardware.CompiledNetwork#warmUpSteps}; {@code auto}, the default, is
 * {@value #AUTO_WARM_UP_STEPS} steps for the first network of each precision in a JVM, at most 0.5 s; 0: none).
 */
public final class SimdBackend implements Backend {
    @Override public String name() { return "simd"; }

    @Override public String description() {
        return "CPU backend with " + SimdKernels.LANES + "-lane double Vector API kernels and threads; same spikes for any thread count"
                + " (precision=float32: " + Float32Network.LANES + " float lanes)";
    }

    @Override
    public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
        String precision = options.extra().getOrDefault("precision", "float64").trim();
        boolean single = switch (precision) {
            case "float64", "double" -> false;
            case "float32", "float" -> true;
            default -> throw new IllegalArgumentException("simd backend: option precision: value '" + precision
                    + "': expected float64 (default) or float32");
        };
        int c = wholeOption(options, "chunk", SimdNetwork.DEFAULT_CHUNK, "neurons");
        int events = wholeOption(options, "parallel_delivery_events", SimdNetwork.PARALLEL_DELIVERY_EVENTS, "events");
        if (single) {
            Float32Network f = new Float32Network(graph, options.threads(), c, events);
            f.warmUpSteps(warmUp(options, "float32"));
            return f;
        }
        SimdNetwork n = new SimdNetwork(graph, options.threads(), c, events);
        n.warmUpSteps(warmUp(options, "float64"));
        return n;
    }

    /**
     * Warm-up steps in {@code auto} mode (the default): enough for C2 to compile the methods called once a step
     * (a few thousand calls each) on the first network of each precision in a JVM; later networks find them
     * compiled and get none.
     */
    static final long AUTO_WARM_UP_STEPS = 10_000;
    private static final java.util.Set<String> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The {@code warmup} option: {@code auto} (the default) or a whole number of steps (0: none). */
    private static long warmUp(BackendOptions options, String precision) {
        if (options.extra().getOrDefault("warmup", "auto").trim().equals("auto")) return WARMED.add(precision) ? AUTO_WARM_UP_STEPS : 0;
        int n = wholeOption(options, "warmup", 0, "steps (or auto)");
        if (n < 0) throw new IllegalArgumentException("simd backend: option warmup: value '" + n + "': expected auto or a whole number of steps (0: none)");
        return n;
    }

    /** The whole-number option {@code key}, or {@code dflt} when it is not given. */
    private static int wholeOption(BackendOptions options, String key, int dflt, String unit) {
        String v = options.extra().get(key);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("simd backend: option " + key + ": value '" + v + "' is not a whole number of " + unit);
        }
    }
}
