package org.spikeforge.simulations.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.neurons.ResetMode;

/**
 * What a NIR file does not say and a run needs: the time step, the reset of each spiking node,
 * the discretisation of the NIR differential equations, and the step conventions of the
 * framework that trained the model.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>CLI</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>dt</td><td>{@code --dt SECONDS}</td><td>graph metadata {@code dt}, else the
 *       {@code dt} all nodes' metadata agree on, else 1e-4 s</td><td>time step (NIR time is in seconds)</td></tr>
 *   <tr><td>reset</td><td>{@code --reset zero|subtract}</td><td>zero ({@code subtract} for the
 *       snnTorch flavor, snnTorch's default)</td><td>{@code zero}: v ← v_reset;
 *       {@code subtract}: v ← v − (v_threshold − v_reset)</td></tr>
 *   <tr><td>node resets</td><td>{@code --reset NODE=zero|subtract} (repeatable)</td><td>none</td>
 *       <td>the reset of one spiking node (inlined name, e.g. {@code lif1.lif})</td></tr>
 *   <tr><td>discretisation</td><td>{@code --discretisation euler|exact}</td><td>euler</td>
 *       <td>{@code euler}: forward Euler, which is what snnTorch, Norse, Lava and Spyx compute and
 *       what their exported parameters are calibrated for; {@code exact}: exact integration with
 *       the input held constant over the step</td></tr>
 *   <tr><td>flavor</td><td>{@code --flavor nir|snntorch}</td><td>nir</td><td>step conventions, see {@link Flavor}</td></tr>
 * </table>
 */
public record NirRunOptions(Double dt, ResetMode reset, Map<String, ResetMode> nodeResets,
                            Discretisation discretisation, Flavor flavor) {

    /** The dt used when neither the options nor the file give one (snnTorch's exporter assumes it too). */
    public static final double DEFAULT_DT = 1e-4;

    /** How the NIR equations are turned into a step. */
    public enum Discretisation {
        /** Forward Euler: {@code v ← v + dt/τ·(v_leak − v + R·x)}; CubaLIF updates I first and drives v with the new I. */
        EULER,
        /** Exact solution over the step with the input held constant (Rotter &amp; Diesmann 1999). */
        EXACT;

        public static Discretisation parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "euler" -> EULER;
                case "exact" -> EXACT;
                default -> throw new NirFormatException("discretisation must be 'euler' or 'exact', found '" + s + "'");
            };
        }
    }

    /** Step conventions. */
    public enum Flavor {
        /**
         * The NIR equations as written: each step the input is integrated, a spike is emitted when
         * {@code v > v_threshold}, and the spiking neuron is reset at once (the recorded v is the
         * value before that reset). This is Norse's step.
         */
        NIR,
        /**
         * snnTorch's conventions ({@code reset_delay=True}): a spike of step t−1 resets the
         * membrane inside step t, after the decay and input: {@code v[t] = β·v[t−1] + x[t] −
         * θ·s[t−1]} for subtract, and {@code v[t] = v_reset} when {@code s[t−1]} for zero reset of
         * CubaLIF (Synaptic) and of recurrent LIF (RLeaky); the zero reset of a feed-forward LIF
         * (Leaky) acts on the previous membrane, which is the NIR step. Default reset: subtract.
         */
        SNNTORCH;

        public static Flavor parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "nir", "norse" -> NIR;
                case "snntorch" -> SNNTORCH;
                default -> throw new NirFormatException("flavor must be 'nir' or 'snntorch', found '" + s + "'");
            };
        }
    }

    public NirRunOptions {
        if (dt != null && !(dt > 0 && Double.isFinite(dt))) {
            throw new NirFormatException("dt must be a positive number of seconds, found " + dt);
        }
        if (reset == null) throw new NirFormatException("reset must be 'zero' or 'subtract'");
        if (discretisation == null) discretisation = Discretisation.EULER;
        if (flavor == null) flavor = Flavor.NIR;
        nodeResets = Collections.unmodifiableMap(new LinkedHashMap<>(nodeResets == null ? Map.of() : nodeResets));
    }

    /** NIR flavor, Euler, reset to v_reset, dt from the file. */
    public static NirRunOptions defaults() {
        return new NirRunOptions(null, ResetMode.TO_VALUE, Map.of(), Discretisation.EULER, Flavor.NIR);
    }

    /** The snnTorch preset: snnTorch flavor, Euler, subtract reset, dt from the file or 1e-4 s. */
    public static NirRunOptions snntorch() {
        return new NirRunOptions(null, ResetMode.SUBTRACT, Map.of(), Discretisation.EULER, Flavor.SNNTORCH);
    }

    /** The preset of a flavor. */
    public static NirRunOptions preset(Flavor flavor) {
        return flavor == Flavor.SNNTORCH ? snntorch() : defaults();
    }

    public NirRunOptions withDt(double seconds) {
        return new NirRunOptions(seconds, reset, nodeResets, discretisation, flavor);
    }

    public NirRunOptions withReset(ResetMode mode) {
        return new NirRunOptions(dt, mode, nodeResets, discretisation, flavor);
    }

    public NirRunOptions withNodeReset(String node, ResetMode mode) {
        Map<String, ResetMode> m = new LinkedHashMap<>(nodeResets);
        m.put(node, mode);
        return new NirRunOptions(dt, reset, m, discretisation, flavor);
    }

    public NirRunOptions withDiscretisation(Discretisation d) {
        return new NirRunOptions(dt, reset, nodeResets, d, flavor);
    }

    /** The reset of a node: its own if set, else the global one. */
    public ResetMode resetOf(String node) {
        return nodeResets.getOrDefault(node, reset);
    }

    /** Parses {@code zero} or {@code subtract}. */
    public static ResetMode parseReset(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("zero")) return ResetMode.TO_VALUE;
        if (v.equals("subtract")) return ResetMode.SUBTRACT;
        throw new NirFormatException("reset must be 'zero' or 'subtract', found '" + s + "'");
    }

    /**
     * Applies one {@code --reset} argument: {@code MODE} sets every node, {@code NODE=MODE} one
     * node (the last {@code =} separates, so node names may contain it).
     */
    public NirRunOptions withResetArgument(String arg) {
        int eq = arg.lastIndexOf('=');
        if (eq < 0) return withReset(parseReset(arg));
        String node = arg.substring(0, eq).strip();
        if (node.isEmpty()) throw new NirFormatException("--reset " + arg + ": expected NODE=zero|subtract");
        return withNodeReset(node, parseReset(arg.substring(eq + 1)));
    }

    /** The time step for a graph: the option, else the graph's metadata, else {@link #DEFAULT_DT}. */
    public double resolveDt(NirGraph graph) {
        if (dt != null) return dt;
        Double fromGraph = metadataDt(graph.metadata(), "graph metadata");
        if (fromGraph != null) return fromGraph;
        Double common = null;
        for (NirFlatGraph.Node n : NirFlatGraph.of(graph).nodes()) {
            Double d = metadataDt(n.node().metadata(), "node '" + n.name() + "' metadata");
            if (d == null) continue;
            if (common != null && !common.equals(d)) return DEFAULT_DT;
            common = d;
        }
        return common != null ? common : DEFAULT_DT;
    }

    private static Double metadataDt(Map<String, NirValue> metadata, String where) {
        if (!(metadata.get("dt") instanceof NirTensor t) || t.size() != 1) return null;
        double d = t.get(0);
        if (!(d > 0 && Double.isFinite(d))) throw new NirFormatException(where + ": dt must be a positive number of seconds, found " + d);
        return d;
    }
}
