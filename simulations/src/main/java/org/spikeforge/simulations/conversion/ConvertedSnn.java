package org.spikeforge.simulations.conversion;

import java.util.List;

/**
 * A rate-converted feed-forward SNN and its reference executor. One step = one update of every layer
 * in order, so a spike reaches the next layer in the same step (as in the PyTorch reference of
 * {@code M1_snnref.json} and in NIR graphs without delays):
 *
 * <pre>
 *   V_l ← V_l + (W_l·(λ_{l−1}·s_{l−1}) + b_l)/λ_l      (layer 1: W_1·x + b_1, x the analog input)
 *   s_l = [V_l &gt; 1],  V_l ← V_l − s_l                  (IF, reset by subtraction)
 *   V_out ← V_out + W_L·(λ_{L−1}·s_{L−1}) + b_L           (non-spiking integrator; logits ≈ V_out/T)
 * </pre>
 *
 * Spikes are delivered event-driven: only the columns of units that spiked are added.
 */
public final class ConvertedSnn {
    private final FeedForwardAnn ann;
    private final double[] lambda;
    private final RateConversion.Options options;
    private final double[][] columns; // dense layers stored by input column (in, out) for event-driven delivery

    ConvertedSnn(FeedForwardAnn ann, double[] lambda, RateConversion.Options options) {
        this.ann = ann;
        this.lambda = lambda.clone();
        this.options = options;
        List<AnnLayer> ls = ann.layers();
        columns = new double[ls.size()][];
        for (int l = 0; l < ls.size(); l++) {
            if (ls.get(l) instanceof AnnLayer.Dense d) {
                double[] c = new double[d.in() * d.out()];
                for (int o = 0; o < d.out(); o++) for (int i = 0; i < d.in(); i++) c[i * d.out() + o] = d.weights()[o * d.in() + i];
                columns[l] = c;
            }
        }
    }

    public FeedForwardAnn ann() { return ann; }

    /** Threshold-balancing scale λ_l of each layer (the last one is used only for spike-count readout). */
    public double[] lambdas() { return lambda.clone(); }

    public RateConversion.Options options() { return options; }

    /** Result of one run: the predicted class at each checkpoint, and spike counts per layer. */
    public record Run(int[] predictions, long[] spikesPerLayer, double[] finalOutput) {}

    /**
     * Runs one flattened input for {@code max(checkpoints)} steps and returns the argmax of the readout
     * after each checkpoint (checkpoints ascending, ≥ 1).
     */
    public Run run(double[] x, int[] checkpoints) {
        List<AnnLayer> ls = ann.layers();
        int L = ls.size();
        double[][] v = new double[L][];
        boolean[][] s = new boolean[L][];
        double[][] drive = new double[L][];
        for (int l = 0; l < L; l++) {
            v[l] = new double[ls.get(l).outputSize()];
            s[l] = new boolean[ls.get(l).outputSize()];
            drive[l] = new double[ls.get(l).outputSize()];
            if (options.halfThresholdInit() && (l < L - 1 || options.readout() == RateConversion.Readout.SPIKE_COUNT)) {
                java.util.Arrays.fill(v[l], 0.5);
            }
        }
        // Layer 1 sees a constant current: W_1·x + b_1, computed once.
        double[] in0 = new double[ls.get(0).outputSize()];
        ls.get(0).apply(x, in0);
        double[] b0 = ls.get(0).bias();
        for (int i = 0; i < in0.length; i++) in0[i] += b0[i];
        long[] spikes = new long[L];
        double[] counts = new double[ls.get(L - 1).outputSize()];
        int[] pred = new int[checkpoints.length];
        int next = 0;
        int T = checkpoints[checkpoints.length - 1];
        double[] scaled = new double[0];
        for (int t = 1; t <= T; t++) {
            for (int l = 0; l < L; l++) {
                AnnLayer layer = ls.get(l);
                double[] d = drive[l];
                if (l == 0) {
                    System.arraycopy(in0, 0, d, 0, d.length);
                } else {
                    double[] b = layer.bias();
                    System.arraycopy(b, 0, d, 0, d.length);
                    double lp = lambda[l - 1];
                    boolean[] sp = s[l - 1];
                    if (columns[l] != null) {
                        double[] c = columns[l];
                        int out = d.length;
                        for (int i = 0; i < sp.length; i++) {
                            if (!sp[i]) continue;
                            int base = i * out;
                            for (int o = 0; o < out; o++) d[o] += c[base + o] * lp;
                        }
                    } else {
                        if (scaled.length != sp.length) scaled = new double[sp.length];
                        for (int i = 0; i < sp.length; i++) scaled[i] = sp[i] ? lp : 0.0;
                        double[] tmp = new double[d.length];
                        layer.apply(scaled, tmp);
                        for (int o = 0; o < d.length; o++) d[o] += tmp[o];
                    }
                }
                boolean last = l == L - 1;
                if (last && options.readout() == RateConversion.Readout.MEMBRANE) {
                    double[] vo = v[l];
                    for (int o = 0; o < d.length; o++) vo[o] += d[o];
                    continue;
                }
                double inv = 1.0 / lambda[l];
                double[] vl = v[l];
                boolean[] sl = s[l];
                int fired = 0;
                for (int o = 0; o < d.length; o++) {
                    double u = vl[o] + d[o] * inv;
                    boolean f = u > 1.0;
                    sl[o] = f;
                    if (f) {
                        u -= 1.0;
                        fired++;
                        if (last) counts[o]++;
                    }
                    vl[o] = u;
                }
                spikes[l] += fired;
            }
            if (next < checkpoints.length && t == checkpoints[next]) {
                pred[next++] = argmax(options.readout() == RateConversion.Readout.MEMBRANE ? v[L - 1] : tieBreak(counts, v[L - 1]));
            }
        }
        double[] fin = options.readout() == RateConversion.Readout.MEMBRANE ? v[L - 1].clone() : counts.clone();
        return new Run(pred, spikes, fin);
    }

    /** Spike counts, with the residual membrane breaking ties (a common count readout refinement). */
    private static double[] tieBreak(double[] counts, double[] v) {
        double[] r = new double[counts.length];
        for (int i = 0; i < r.length; i++) r[i] = counts[i] + 1e-3 * v[i];
        return r;
    }

    /** A converted network expressed for the engine, with its input source and output population. */
    public record EngineNetwork(org.spikeforge.simulations.Network network, RateInputSource input, int outputPopulation,
                                int depth) {}

    /**
     * The converted network for SpikeForge's engine, so that it runs on any backend (scalar, SIMD,
     * GPU, crossbar, photonic). Dense layers only. Layer {@code l} becomes a population of {@code if}
     * neurons (threshold 1, reset by subtraction, {@code C_m = dt} so that a current of 1 pA adds 1 per
     * step); its weights are {@code W_l·λ_{l−1}/λ_l} (with {@code λ_0 = 1} for the input spikes), all to
     * all, one step of delay; biases {@code b_l/λ_l} are constant currents. The input is rate-coded by
     * {@link RateInputSource}. The output layer integrates without spiking ({@code v_th} = +∞).
     *
     * <p>Because every layer adds one step of delay (the engine's minimum), the output at step
     * {@code T + depth} corresponds to the same-step executor's output at {@code T}; {@code depth} is the
     * number of layers.
     *
     * @param dtMs the time step of the network (any positive value; the dynamics are per step)
     */
    public EngineNetwork toNetwork(double dtMs, long seed) {
        List<AnnLayer> ls = ann.layers();
        for (AnnLayer l : ls) {
            if (!(l instanceof AnnLayer.Dense)) {
                throw new IllegalArgumentException("layer " + l + " is not dense: only MLPs can be expressed for the engine yet");
            }
        }
        var b = org.spikeforge.simulations.Network.builder(dtMs, seed);
        RateInputSource in = new RateInputSource(ann.inputSize());
        b.source("input", in);
        String prev = "input";
        int L = ls.size();
        for (int l = 0; l < L; l++) {
            AnnLayer.Dense d = (AnnLayer.Dense) ls.get(l);
            boolean last = l == L - 1 && options.readout() == RateConversion.Readout.MEMBRANE;
            double vTh = last ? Double.MAX_VALUE : 1.0;
            String name = "layer" + (l + 1);
            b.population(name, d.out(), new org.spikeforge.neurons.IntegrateAndFire(dtMs, 0.0, vTh, 0.0,
                    org.spikeforge.neurons.ResetMode.SUBTRACT));
            if (options.halfThresholdInit() && !last) b.initial(name, "v", org.spikeforge.simulations.InitialValue.constant(0.5));
            double lin = l == 0 ? 1.0 : lambda[l - 1];
            double lout = last ? 1.0 : lambda[l];
            double[] w = new double[d.in() * d.out()];
            for (int i = 0; i < d.in(); i++) for (int o = 0; o < d.out(); o++) w[i * d.out() + o] = d.weights()[o * d.in() + i] * lin / lout;
            b.projection(prev + "_to_" + name, prev, name, "v", new org.spikeforge.synapses.ConnectivityRule.AllToAll(true),
                    new org.spikeforge.synapses.SynapseValue.Explicit(w), new org.spikeforge.synapses.SynapseValue.Constant(dtMs));
            for (int o = 0; o < d.out(); o++) {
                double bias = d.bias()[o] / lout;
                if (bias != 0) b.current(name + "_bias_" + o, name, new int[] {o}, org.spikeforge.encoders.CurrentSource.constant(bias));
            }
            prev = name;
        }
        org.spikeforge.simulations.Network net = b.build();
        return new EngineNetwork(net, in, net.population(prev), L);
    }

    static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
        return best;
    }
}
