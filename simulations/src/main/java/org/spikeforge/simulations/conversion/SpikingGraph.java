package org.spikeforge.simulations.conversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Any ONNX graph (MLP, CNN, Transformer block) run as a spiking network, with the operators of
 * {@link SpikingOperators}. Every value in the graph becomes a train of per-step outputs whose
 * cumulative sum approaches {@code t ×} the ANN value:
 *
 * <ul>
 *   <li>the input is injected as a constant current each step;</li>
 *   <li>ops that are affine in their spiking inputs (Gemm and MatMul with constant weights, Add, Sub,
 *       Mul and Div by constants, Reshape, Transpose, Flatten, ReduceMean, Gather, Concat, ...) act on
 *       each step's spikes; their constant terms (biases) are injected every step;</li>
 *   <li>ReLU becomes integrate-and-fire neurons with reset by subtraction and a threshold balanced at
 *       the chosen percentile of the node's calibration activations (Rueckauer et al. 2017);</li>
 *   <li>every other op (softmax, the LayerNorm chain, the matmul of two spiking operands, ...) becomes an
 *       expectation-compensating neuron that emits the change of {@code t·f(S_t/t)} (SpikeZIP-TF).</li>
 * </ul>
 *
 * Readout: the cumulative output divided by T.
 */
public final class SpikingGraph {
    private enum Kind { CONST, LINEAR, RELU, NONLINEAR }

    private static final Set<String> ALWAYS_LINEAR = Set.of("Reshape", "Transpose", "Flatten", "ReduceMean", "Gather",
            "Concat", "Squeeze", "Unsqueeze", "Identity", "AveragePool");

    private final OnnxGraph graph;
    private final Map<String, Double> lambda;
    private final List<Kind> kinds = new ArrayList<>();

    private SpikingGraph(OnnxGraph graph, Map<String, Double> lambda) {
        this.graph = graph;
        this.lambda = lambda;
        Set<String> constant = new java.util.HashSet<>(graph.initializers().keySet());
        for (OnnxGraph.Node n : graph.nodes()) {
            boolean allConst = n.inputs().stream().allMatch(i -> i.isEmpty() || constant.contains(i));
            Kind k;
            if (allConst) {
                k = Kind.CONST;
                constant.addAll(n.outputs());
            } else {
                k = classify(n, constant);
            }
            kinds.add(k);
        }
    }

    private static Kind classify(OnnxGraph.Node n, Set<String> constant) {
        String op = n.opType();
        if (op.equals("Relu")) return Kind.RELU;
        if (ALWAYS_LINEAR.contains(op)) return Kind.LINEAR;
        long spiking = n.inputs().stream().filter(i -> !i.isEmpty() && !constant.contains(i)).count();
        return switch (op) {
            case "Add", "Sub" -> Kind.LINEAR;
            case "Mul", "MatMul", "Gemm", "Conv" -> spiking == 1 ? Kind.LINEAR : Kind.NONLINEAR;
            case "Div" -> !constant.contains(n.inputs().get(0)) && constant.contains(n.inputs().get(1)) ? Kind.LINEAR : Kind.NONLINEAR;
            default -> Kind.NONLINEAR;
        };
    }

    /**
     * Balances the ReLU thresholds on calibration inputs (each shaped like the graph input, batch 1).
     *
     * @param percentile percentile of non-zero activations (99.9 by default)
     */
    public static SpikingGraph convert(OnnxGraph graph, List<Tensor> calibration, double percentile) {
        OnnxInterpreter ann = new OnnxInterpreter(graph);
        Map<String, RateConversion.DoubleList> acts = new HashMap<>();
        for (OnnxGraph.Node n : graph.nodes()) if (n.opType().equals("Relu")) acts.put(n.outputs().get(0), new RateConversion.DoubleList());
        for (Tensor x : calibration) {
            Map<String, Tensor> env = ann.evaluateAll(x);
            for (var e : acts.entrySet()) for (double v : env.get(e.getKey()).data()) if (v > 0) e.getValue().add(v);
        }
        Map<String, Double> lambda = new HashMap<>();
        for (var e : acts.entrySet()) {
            double[] v = e.getValue().toArray();
            lambda.put(e.getKey(), v.length == 0 ? 1.0
                    : new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(v, percentile));
        }
        return new SpikingGraph(graph, lambda);
    }

    /** Threshold scale of each ReLU node's output. */
    public Map<String, Double> lambdas() {
        return Map.copyOf(lambda);
    }

    /**
     * Runs one input for {@code max(checkpoints)} steps and returns the readout (cumulative output / t)
     * at each checkpoint.
     */
    public List<Tensor> run(Tensor input, int[] checkpoints) {
        Map<String, Tensor> constants = new HashMap<>(graph.initializers());
        Map<String, double[]> cum = new HashMap<>();     // S_t of every spiking value
        Map<String, double[]> prev = new HashMap<>();    // t·f(S/t) of the previous step, nonlinear nodes
        Map<String, double[]> membrane = new HashMap<>();
        Map<String, Tensor> delta = new HashMap<>();
        String in = graph.inputs().get(0).name();
        String outName = graph.outputs().get(0).name();
        List<Tensor> readouts = new ArrayList<>();
        int T = checkpoints[checkpoints.length - 1];
        int next = 0;
        List<OnnxGraph.Node> nodes = graph.nodes();
        for (int k = 0; k < nodes.size(); k++) {
            if (kinds.get(k) == Kind.CONST) constants.put(nodes.get(k).outputs().get(0), OnnxInterpreter.apply(nodes.get(k), args(nodes.get(k), constants, null)));
        }
        for (int t = 1; t <= T; t++) {
            delta.put(in, input);
            accumulate(cum, in, input);
            for (int k = 0; k < nodes.size(); k++) {
                OnnxGraph.Node n = nodes.get(k);
                String o = n.outputs().get(0);
                Tensor d;
                switch (kinds.get(k)) {
                    case CONST -> { continue; }
                    case LINEAR -> d = OnnxInterpreter.apply(n, args(n, constants, delta));
                    case RELU -> {
                        Tensor x = delta.get(n.inputs().get(0));
                        double[] v = membrane.computeIfAbsent(o, key -> new double[x.size()]);
                        d = Tensor.zeros(x.shape());
                        SpikingOperators.ifStep(x.data(), lambda.get(o), v, d.data());
                    }
                    default -> {
                        Tensor[] avg = new Tensor[n.inputs().size()];
                        for (int i = 0; i < avg.length; i++) {
                            String name = n.inputs().get(i);
                            if (name.isEmpty()) continue;
                            Tensor c = constants.get(name);
                            if (c != null) {
                                avg[i] = c;
                            } else {
                                Tensor sh = delta.get(name);
                                double[] s = cum.get(name);
                                double[] a = new double[s.length];
                                for (int j = 0; j < a.length; j++) a[j] = s[j] / t;
                                avg[i] = new Tensor(sh.shape(), a);
                            }
                        }
                        Tensor f = OnnxInterpreter.apply(n, avg);
                        double[] p = prev.computeIfAbsent(o, key -> new double[f.size()]);
                        d = Tensor.zeros(f.shape());
                        for (int j = 0; j < p.length; j++) {
                            double c = t * f.data()[j];
                            d.data()[j] = c - p[j];
                            p[j] = c;
                        }
                    }
                }
                delta.put(o, d);
                accumulate(cum, o, d);
            }
            if (next < checkpoints.length && t == checkpoints[next]) {
                double[] s = cum.get(outName);
                double[] r = new double[s.length];
                for (int j = 0; j < r.length; j++) r[j] = s[j] / t;
                readouts.add(new Tensor(delta.get(outName).shape(), r));
                next++;
            }
        }
        return readouts;
    }

    private static void accumulate(Map<String, double[]> cum, String name, Tensor d) {
        double[] s = cum.computeIfAbsent(name, k -> new double[d.size()]);
        for (int j = 0; j < s.length; j++) s[j] += d.data()[j];
    }

    private static Tensor[] args(OnnxGraph.Node n, Map<String, Tensor> constants, Map<String, Tensor> delta) {
        Tensor[] a = new Tensor[n.inputs().size()];
        for (int i = 0; i < a.length; i++) {
            String name = n.inputs().get(i);
            if (name.isEmpty()) continue;
            Tensor c = constants.get(name);
            a[i] = c != null ? c : delta.get(name);
        }
        return a;
    }
}
