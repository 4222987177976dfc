package org.spikeforge.simulations.conversion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.simulations.nir.NirGraph;
import org.spikeforge.simulations.nir.NirNode;
import org.spikeforge.simulations.nir.NirTensor;
import org.spikeforge.simulations.nir.NirValue;

/**
 * A rate-converted {@link ConvertedSnn} as a NIR graph that any NIR runner can execute: the
 * thresholds are folded into the weights, so every spiking layer is a plain IF node with
 * threshold 1 and reset by subtraction.
 *
 * <pre>
 *   input → layer1 (Affine: W_1/λ_1, b_1/λ_1) → if1 (IF) → layer2 (Affine: W_2·λ_1/λ_2, b_2/λ_2) → if2 → …
 *         → layerL (Affine: W_L·λ_{L−1}, b_L) → readout (I: V_out ← V_out + x) → output      (membrane readout)
 *         → layerL (Affine: W_L·λ_{L−1}/λ_L, b_L/λ_L) → readout (IF) → output                   (spike-count readout)
 * </pre>
 *
 * The time step is {@value #DT} s, stored in the graph metadata; IF and I nodes have
 * {@code r = 1/dt}, so that NIR's {@code dv/dt = R·x} adds exactly {@code x} per step, as
 * {@link ConvertedSnn} does. The input is the analog sample, fed unchanged at every step. The
 * half-threshold initialisation (QCFS) is expressed without an initial-state field: an IF neuron
 * that starts at 0.5 with threshold 1 spikes exactly when one that starts at 0 with threshold 0.5
 * and reset −0.5 does (subtraction of v_th − v_reset = 1 in both), so those are the values written.
 * Node metadata names the ONNX node of each layer and the reset ({@code "subtract"}), which NIR
 * itself does not store; runners must use reset by subtraction.
 *
 * <p>Dense layers only; a convolution or pooling layer gets a clear error.
 */
public final class NirExport {
    /** The time step written to the graph metadata, in seconds. */
    public static final double DT = 1e-3;

    private NirExport() {}

    public static NirGraph toNir(ConvertedSnn snn, String source) {
        FeedForwardAnn ann = snn.ann();
        List<AnnLayer> layers = ann.layers();
        double[] lambda = snn.lambdas();
        RateConversion.Options o = snn.options();
        boolean half = o.halfThresholdInit();
        boolean count = o.readout() == RateConversion.Readout.SPIKE_COUNT;
        NirGraph.Builder g = NirGraph.builder();
        g.node("input", new NirNode.Input(ann.inputSize()));
        String prev = "input";
        int L = layers.size();
        for (int l = 0; l < L; l++) {
            if (!(layers.get(l) instanceof AnnLayer.Dense d)) {
                throw new IllegalArgumentException("NIR export supports dense layers only; layer " + (l + 1) + " ('"
                        + name(layers.get(l)) + "') is a " + layers.get(l).getClass().getSimpleName());
            }
            boolean last = l == L - 1;
            double in = l == 0 ? 1.0 : lambda[l - 1];
            double out = last && !count ? 1.0 : lambda[l];
            double[] w = new double[d.out() * d.in()];
            for (int k = 0; k < w.length; k++) w[k] = d.weights()[k] * in / out;
            double[] b = new double[d.out()];
            for (int k = 0; k < b.length; k++) b[k] = d.bias()[k] / out;
            String affine = "layer" + (l + 1);
            g.node(affine, new NirNode.Affine(new NirTensor(NirTensor.DType.FLOAT64, new int[] {d.out(), d.in()}, w),
                    new NirTensor(NirTensor.DType.FLOAT64, new int[] {d.out()}, b), meta("onnx_node", d.name(), "lambda_in", in, "lambda_out", out)));
            g.edge(prev, affine);
            String neuron = last ? "readout" : "if" + (l + 1);
            NirTensor r = NirTensor.filled(NirTensor.DType.FLOAT64, new int[] {d.out()}, 1.0 / DT);
            boolean halfHere = half && (!last || count);
            if (last && !count) {
                g.node(neuron, new NirNode.I(r, meta("readout", "membrane")));
            } else {
                NirTensor th = NirTensor.filled(NirTensor.DType.FLOAT64, new int[] {d.out()}, halfHere ? 0.5 : 1.0);
                NirTensor reset = NirTensor.filled(NirTensor.DType.FLOAT64, new int[] {d.out()}, halfHere ? -0.5 : 0.0);
                g.node(neuron, new NirNode.IF(r, th, reset, meta("reset", "subtract", "initial_v_equivalent", halfHere ? 0.5 : 0.0)));
            }
            g.edge(affine, neuron);
            prev = neuron;
        }
        g.node("output", new NirNode.Output(layers.get(L - 1).outputSize()));
        g.edge(prev, "output");
        g.metadata("dt", NirTensor.scalar(NirTensor.DType.FLOAT64, DT));
        g.metadata("generator", new NirValue.Text("SpikeForge rate conversion (Rueckauer et al. 2017)"));
        g.metadata("source", new NirValue.Text(source));
        g.metadata("percentile", NirTensor.scalar(NirTensor.DType.FLOAT64, o.percentile()));
        g.metadata("half_threshold_init", NirTensor.scalar(NirTensor.DType.INT64, half ? 1 : 0));
        g.metadata("readout", new NirValue.Text(count ? "spike_count" : "membrane"));
        g.metadata("reset", new NirValue.Text("subtract"));
        g.metadata("lambda", new NirTensor(NirTensor.DType.FLOAT64, new int[] {lambda.length}, lambda.clone()));
        return g.build();
    }

    private static String name(AnnLayer l) {
        return switch (l) {
            case AnnLayer.Dense d -> d.name();
            case AnnLayer.Convolution c -> c.name();
            case AnnLayer.AveragePooling p -> p.name();
        };
    }

    private static Map<String, NirValue> meta(Object... kv) {
        Map<String, NirValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof String s ? new NirValue.Text(s.isEmpty() ? "-" : s)
                    : NirTensor.scalar(NirTensor.DType.FLOAT64, ((Number) v).doubleValue()));
        }
        return m;
    }
}
