package org.spikeforge.simulations.conversion;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.Propagators;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Seeds;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;
import org.spikeforge.synapses.device.StochasticSwitching;

/**
 * A liquid state machine (Maass, Natschläger &amp; Markram 2002, "Real-time computing without
 * stable states", Neural Comput. 14:2531): a fixed random recurrent network of LIF neurons (the
 * liquid) driven by an input signal, whose state is read out by a trained linear map.
 *
 * <ul>
 *   <li><b>Liquid.</b> {@code neurons} LIF neurons, the first {@code excitatoryFraction} of them
 *       excitatory (Dale's law: a neuron's outgoing weights share its sign). Each ordered pair
 *       (i ≠ j) is connected with probability {@code connectionProbability}. Magnitudes come from
 *       {@link WeightSource#IDEAL} (|N(0, 1)|, continuous) or {@link WeightSource#DEVICE}: each
 *       synapse is a resistive cell programmed by {@code setPulses} SET pulses of the
 *       stochastic-switching model, so its magnitude is {@code g_on} or {@code g_off} at random
 *       (Lin et al. 2025, Nature Computational Science, "Resistive memory-based zero-shot liquid
 *       state machine for multimodal event data learning"). Inhibitory magnitudes are multiplied by
 *       {@code inhibitoryScale} (default N_E/N_I, which balances the mean input). The matrix is then
 *       scaled so that its spectral radius is {@code spectralRadius} thresholds (v_th − v_reset).</li>
 *   <li><b>Input.</b> Encoding-free, as for the L2MU: each neuron receives the current
 *       {@code bias_i + Σ_c W_in[i,c]·x_c(t)}, with {@code bias_i} uniform in {@code [biasLow, biasHigh]}
 *       and each W_in entry non-zero with probability {@code inputProbability}, uniform in
 *       {@code ±inputGain}. One input sample lasts {@code stepsPerSample} steps.</li>
 *   <li><b>State.</b> Per neuron, its spike counts in {@code bins} equal time bins of the window
 *       and its exponentially filtered spike trace (time constant {@code traceTauMs}) at the end
 *       of the window.</li>
 * </ul>
 *
 * Units: membranes in mV (rest and reset 0, threshold 1), R = 1 GΩ so J pA drive v towards J mV;
 * weights are mV jumps.
 */
public final class LiquidStateMachine {

    /** Where the magnitudes of the recurrent weights come from. */
    public enum WeightSource { IDEAL, DEVICE }

    /**
     * Liquid settings.
     *
     * <table>
     *   <caption>Options</caption>
     *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
     *   <tr><td>neurons</td><td>1</td><td>1000</td><td>liquid size</td></tr>
     *   <tr><td>excitatoryFraction</td><td>1</td><td>0.8</td><td>fraction of excitatory neurons</td></tr>
     *   <tr><td>connectionProbability</td><td>1</td><td>0.1</td><td>recurrent connection probability</td></tr>
     *   <tr><td>spectralRadius</td><td>v_th − v_reset</td><td>1.0</td><td>spectral radius of the weight matrix after scaling</td></tr>
     *   <tr><td>inhibitoryScale</td><td>1</td><td>N_E/N_I</td><td>inhibitory magnitude factor (NaN: balanced)</td></tr>
     *   <tr><td>weights, device, setPulses</td><td></td><td>IDEAL, p=0.5 g_off=0.1 g_on=1, 1</td><td>weight magnitudes</td></tr>
     *   <tr><td>tauMs, tRefMs</td><td>ms</td><td>20, 2</td><td>LIF membrane time constant and refractory period</td></tr>
     *   <tr><td>biasLow, biasHigh</td><td>pA</td><td>0.5, 1.1</td><td>range of the constant bias currents</td></tr>
     *   <tr><td>inputProbability, inputGain</td><td>1, pA</td><td>0.5, 1.0</td><td>input weights</td></tr>
     *   <tr><td>dtMs, stepsPerSample</td><td>ms, 1</td><td>1, 5</td><td>time step; steps per input sample</td></tr>
     *   <tr><td>bins, traceTauMs</td><td>1, ms</td><td>4, 50</td><td>state extraction</td></tr>
     *   <tr><td>seed</td><td></td><td>1</td><td>seed of the liquid's random streams</td></tr>
     * </table>
     */
    public record Options(int neurons, double excitatoryFraction, double connectionProbability, double spectralRadius,
                          double inhibitoryScale, WeightSource weights, StochasticSwitching device, int setPulses,
                          double tauMs, double tRefMs, double biasLow, double biasHigh, double inputProbability,
                          double inputGain, double dtMs, int stepsPerSample, int bins, double traceTauMs, long seed) {
        public Options {
            if (neurons < 2) throw new IllegalArgumentException("neurons must be >= 2, was " + neurons);
            if (!(excitatoryFraction > 0 && excitatoryFraction < 1)) {
                throw new IllegalArgumentException("excitatoryFraction must be in (0, 1), was " + excitatoryFraction);
            }
            if (!(connectionProbability > 0 && connectionProbability <= 1)) {
                throw new IllegalArgumentException("connectionProbability must be in (0, 1], was " + connectionProbability);
            }
            if (!(spectralRadius >= 0)) throw new IllegalArgumentException("spectralRadius must be >= 0, was " + spectralRadius);
            if (weights == null) throw new IllegalArgumentException("weights must be IDEAL or DEVICE");
            if (weights == WeightSource.DEVICE && device == null) throw new IllegalArgumentException("DEVICE weights need a device model");
            if (setPulses < 1) throw new IllegalArgumentException("setPulses must be >= 1, was " + setPulses);
            if (!(biasHigh >= biasLow)) throw new IllegalArgumentException("biasHigh must be >= biasLow");
            if (!(inputProbability >= 0 && inputProbability <= 1)) throw new IllegalArgumentException("inputProbability must be in [0, 1]");
            if (stepsPerSample < 1 || bins < 1) throw new IllegalArgumentException("stepsPerSample and bins must be >= 1");
            if (!(tauMs > 0) || !(dtMs > 0) || !(traceTauMs > 0) || !(tRefMs >= 0)) {
                throw new IllegalArgumentException("time constants and dt must be > 0 ms");
            }
        }

        public static Options defaults() {
            return new Options(1000, 0.8, 0.1, 1.0, Double.NaN, WeightSource.IDEAL, new StochasticSwitching(0.5, 0.1, 1.0), 1,
                    20.0, 2.0, 0.5, 1.1, 0.5, 1.0, 1.0, 5, 4, 50.0, 1);
        }

        public Options withNeurons(int n) {
            return new Options(n, excitatoryFraction, connectionProbability, spectralRadius, inhibitoryScale, weights, device,
                    setPulses, tauMs, tRefMs, biasLow, biasHigh, inputProbability, inputGain, dtMs, stepsPerSample, bins, traceTauMs, seed);
        }

        public Options withWeights(WeightSource w) {
            return new Options(neurons, excitatoryFraction, connectionProbability, spectralRadius, inhibitoryScale, w, device,
                    setPulses, tauMs, tRefMs, biasLow, biasHigh, inputProbability, inputGain, dtMs, stepsPerSample, bins, traceTauMs, seed);
        }

        public Options withSpectralRadius(double rho) {
            return new Options(neurons, excitatoryFraction, connectionProbability, rho, inhibitoryScale, weights, device,
                    setPulses, tauMs, tRefMs, biasLow, biasHigh, inputProbability, inputGain, dtMs, stepsPerSample, bins, traceTauMs, seed);
        }

        public Options withSeed(long s) {
            return new Options(neurons, excitatoryFraction, connectionProbability, spectralRadius, inhibitoryScale, weights, device,
                    setPulses, tauMs, tRefMs, biasLow, biasHigh, inputProbability, inputGain, dtMs, stepsPerSample, bins, traceTauMs, s);
        }

        public Options withInput(double probability, double gain, double biasLo, double biasHi) {
            return new Options(neurons, excitatoryFraction, connectionProbability, spectralRadius, inhibitoryScale, weights, device,
                    setPulses, tauMs, tRefMs, biasLo, biasHi, probability, gain, dtMs, stepsPerSample, bins, traceTauMs, seed);
        }

        public Options withState(int b, double traceTau, int samplesSteps) {
            return new Options(neurons, excitatoryFraction, connectionProbability, spectralRadius, inhibitoryScale, weights, device,
                    setPulses, tauMs, tRefMs, biasLow, biasHigh, inputProbability, inputGain, dtMs, samplesSteps, b, traceTau, seed);
        }

        public int excitatory() {
            return (int) Math.round(neurons * excitatoryFraction);
        }

        /** Features per window: counts in each bin plus the trace, per neuron. */
        public int features() {
            return neurons * (bins + 1);
        }
    }

    private final Options options;
    private final int channels;
    private final int[] pre, post;
    private final double[] weight; // mV
    private final double rawRadius;
    private final double[] inputWeight; // neurons × channels, pA per input unit
    private final double[] bias; // pA

    private LiquidStateMachine(Options options, int channels, int[] pre, int[] post, double[] weight, double rawRadius,
                               double[] inputWeight, double[] bias) {
        this.options = options;
        this.channels = channels;
        this.pre = pre;
        this.post = post;
        this.weight = weight;
        this.rawRadius = rawRadius;
        this.inputWeight = inputWeight;
        this.bias = bias;
    }

    public Options options() { return options; }

    /** Recurrent synapses (pre, post, weight in mV). */
    public int synapses() { return pre.length; }

    public int[] pre() { return pre.clone(); }

    public int[] post() { return post.clone(); }

    public double[] weights() { return weight.clone(); }

    /** Spectral radius of the drawn weight matrix before scaling (in the units of the drawn magnitudes). */
    public double rawSpectralRadius() { return rawRadius; }

    /** Builds a liquid for inputs of {@code channels} channels. */
    public static LiquidStateMachine build(Options o, int channels) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        int n = o.neurons(), ne = o.excitatory();
        UniformRandomProvider rng = Seeds.stream(o.seed(), "lsm:recurrent");
        UniformRandomProvider dev = Seeds.stream(o.seed(), "lsm:device");
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double g = Double.isNaN(o.inhibitoryScale()) ? (double) ne / (n - ne) : o.inhibitoryScale();
        IntArray ps = new IntArray(), qs = new IntArray();
        DoubleArray ws = new DoubleArray();
        float[] cell = new float[1];
        for (int i = 0; i < n; i++) { // source
            double sign = i < ne ? 1.0 : -g;
            for (int j = 0; j < n; j++) { // target
                if (i == j || rng.nextDouble() >= o.connectionProbability()) continue;
                double mag;
                if (o.weights() == WeightSource.IDEAL) {
                    mag = Math.abs(gauss.sample());
                } else {
                    o.device().program(cell, 0, 1, o.setPulses(), dev);
                    mag = cell[0];
                }
                if (mag == 0) continue;
                ps.add(i);
                qs.add(j);
                ws.add(sign * mag);
            }
        }
        int[] pre = ps.toArray(), post = qs.toArray();
        double[] w = ws.toArray();
        double rho = spectralRadius(n, pre, post, w, 600, Seeds.derive(o.seed(), "lsm:power"));
        double scale = rho > 0 ? o.spectralRadius() / rho : 0; // threshold − reset = 1 mV
        for (int k = 0; k < w.length; k++) w[k] *= scale;
        UniformRandomProvider in = Seeds.stream(o.seed(), "lsm:input");
        double[] win = new double[n * channels], bias = new double[n];
        for (int i = 0; i < n; i++) {
            bias[i] = o.biasLow() + (o.biasHigh() - o.biasLow()) * in.nextDouble();
            for (int c = 0; c < channels; c++) {
                if (in.nextDouble() < o.inputProbability()) win[i * channels + c] = o.inputGain() * (2 * in.nextDouble() - 1);
            }
        }
        return new LiquidStateMachine(o, channels, pre, post, w, rho, win, bias);
    }

    /**
     * Spectral radius of the sparse matrix with entries {@code M[post][pre] = w}, by power
     * iteration: the growth {@code |M x_k| / |x_k|} of a normalised random start vector, averaged
     * in the log over the second half of {@code iterations}, tends to the spectral radius for any
     * generic start vector (Gelfand's formula), also when the dominant eigenvalues are a complex
     * pair and the plain Rayleigh quotient oscillates.
     */
    public static double spectralRadius(int n, int[] pre, int[] post, double[] w, int iterations, long seed) {
        UniformRandomProvider rng = Seeds.stream(seed, "power-iteration");
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.nextDouble() - 0.5;
        normalise(x);
        double logSum = 0;
        int counted = 0;
        for (int k = 0; k < iterations; k++) {
            java.util.Arrays.fill(y, 0);
            for (int s = 0; s < w.length; s++) y[post[s]] += w[s] * x[pre[s]];
            double norm = normalise(y);
            if (norm == 0) return 0;
            if (k >= iterations / 2) { logSum += Math.log(norm); counted++; }
            double[] t = x; x = y; y = t;
        }
        return Math.exp(logSum / counted);
    }

    private static double normalise(double[] v) {
        double s = 0;
        for (double a : v) s += a * a;
        s = Math.sqrt(s);
        if (s > 0) for (int i = 0; i < v.length; i++) v[i] /= s;
        return s;
    }

    // ---- running ------------------------------------------------------------------------

    /** A window's state: features (neurons × (bins + 1): counts per bin, then the trace) and total spikes. */
    public record State(double[] features, long spikes) {}

    /**
     * The liquid network for one standardised window ({@code samples × channels}, row-major):
     * population {@code liquid}, one current per neuron, the recurrent projection, and, when
     * {@code readout} is given, its spiking output layer {@code readout}.
     */
    public Network toNetwork(double[] x, SpikingReadout readout) {
        int n = options.neurons(), T = x.length / channels, S = options.stepsPerSample();
        if (x.length % channels != 0) {
            throw new IllegalArgumentException("window has " + x.length + " values, not a multiple of " + channels + " channels");
        }
        Network.Builder b = Network.builder(options.dtMs(), options.seed())
                .population("liquid", n, new Lif(options.tauMs(), 0.0, 0.0, 1.0, 1.0, options.tRefMs(), ResetMode.TO_VALUE));
        for (int i = 0; i < n; i++) {
            long[] start = new long[T + 1];
            double[] amp = new double[T + 1];
            for (int t = 0; t < T; t++) {
                start[t] = (long) t * S;
                double a = bias[i];
                for (int c = 0; c < channels; c++) a += inputWeight[i * channels + c] * x[t * channels + c];
                amp[t] = a;
            }
            start[T] = (long) T * S;
            amp[T] = 0;
            b.current("in" + i, "liquid", new int[] {i}, new CurrentSource(start, amp));
        }
        b.projection("recurrent", "liquid", "liquid", null, new ConnectivityRule.Explicit(pre, post), new SynapseValue.Explicit(weight),
                new SynapseValue.Constant(options.dtMs()));
        if (readout != null) readout.attach(b, "liquid", (long) T * S);
        return b.build();
    }

    /** Runs one standardised window and extracts its state. */
    public State run(double[] x) {
        return run(x, null).state();
    }

    /**
     * A run with a spiking readout attached: the state, and the readout layer's spike count and
     * final membrane per class (null without a readout).
     */
    public record Run(State state, long[] readoutSpikes, double[] readoutMembrane) {
        /** The spiking readout's class: most output spikes, the membrane breaking ties. */
        public int predicted() {
            int best = 0;
            for (int c = 1; c < readoutSpikes.length; c++) {
                if (readoutSpikes[c] > readoutSpikes[best]
                        || (readoutSpikes[c] == readoutSpikes[best] && readoutMembrane[c] > readoutMembrane[best])) best = c;
            }
            return best;
        }
    }

    public Run run(double[] x, SpikingReadout readout) {
        Network net = toNetwork(x, readout);
        int T = x.length / channels;
        long steps = (long) T * options.stepsPerSample();
        StateProbe probe = new StateProbe(net.population("liquid"), options.neurons(), steps, options.bins(),
                Propagators.decay(options.dtMs(), options.traceTauMs()));
        SpikingReadout.Probe rp = readout == null ? null : readout.probe(net);
        try (Simulator sim = new Simulator(net, new ScalarBackend())) {
            sim.run(steps + (readout == null ? 0 : 1), rp == null ? List.of(probe) : List.of(probe, rp), Simulator.Progress.NONE);
        }
        return new Run(new State(probe.features(), probe.spikes), rp == null ? null : rp.spikeCounts(), rp == null ? null : rp.membrane());
    }

    /** Spike counts per bin and the exponential trace, from the engine's spikes. */
    private static final class StateProbe implements Probe {
        private final int node, n, bins;
        private final long steps;
        private final double decay;
        private final double[] counts, trace;
        private long spikes;

        StateProbe(int node, int n, long steps, int bins, double decay) {
            this.node = node;
            this.n = n;
            this.steps = steps;
            this.bins = bins;
            this.decay = decay;
            counts = new double[n * bins];
            trace = new double[n];
        }

        @Override public String name() { return "lsm-state"; }

        @Override
        public void record(long step, CompiledNetwork net) {
            if (step >= steps) return;
            for (int i = 0; i < n; i++) trace[i] *= decay;
            int c = net.spikeCount(node);
            int[] s = net.spikes(node);
            int bin = (int) (step * bins / steps);
            for (int k = 0; k < c; k++) {
                counts[bin * n + s[k]]++;
                trace[s[k]] += 1;
            }
            spikes += c;
        }

        double[] features() {
            double[] f = new double[n * (bins + 1)];
            System.arraycopy(counts, 0, f, 0, counts.length);
            System.arraycopy(trace, 0, f, counts.length, n);
            return f;
        }
    }

    /**
     * A linear readout of the <em>spike counts over the whole window</em> turned into a spiking
     * output layer on the engine: one integrate-and-fire neuron per class with threshold
     * {@code theta} and reset by subtraction, receiving every liquid spike with weight
     * {@code W[c][i]} and a constant bias current that adds {@code b_c} over the window. Because the
     * subtraction keeps the surplus, {@code theta·spikes_c + v_c} after the window equals
     * {@code W·counts + b} exactly (up to float32 weights); the class is the one with most output
     * spikes, the residual membrane breaking ties. Spikes cannot be taken back, so a class whose
     * input rises early and falls late can out-spike the linear readout's winner; the tests
     * measure how often the two disagree.
     */
    public static final class SpikingReadout {
        private final double[] w; // classes × neurons
        private final double[] b;
        private final int classes, neurons;
        private final double theta;

        public SpikingReadout(double[] weights, double[] bias, int neurons, double theta) {
            if (weights.length != bias.length * neurons) {
                throw new IllegalArgumentException("readout weights have " + weights.length + " values; expected " + bias.length + "×" + neurons);
            }
            if (!(theta > 0)) throw new IllegalArgumentException("theta must be > 0, was " + theta);
            this.w = weights.clone();
            this.b = bias.clone();
            this.classes = bias.length;
            this.neurons = neurons;
            this.theta = theta;
        }

        void attach(Network.Builder nb, String liquid, long steps) {
            double cM = 1.0; // pF: v ← v + dt·I/C
            nb.population("readout", classes, new IntegrateAndFire(cM, 0.0, theta, 0.0, ResetMode.SUBTRACT));
            int[] pre = new int[classes * neurons], post = new int[pre.length];
            double[] ws = new double[pre.length];
            int k = 0;
            for (int i = 0; i < neurons; i++) {
                for (int c = 0; c < classes; c++) {
                    pre[k] = i;
                    post[k] = c;
                    ws[k++] = w[c * neurons + i];
                }
            }
            nb.projection("readout.weights", liquid, "readout", null, new ConnectivityRule.Explicit(pre, post), new SynapseValue.Explicit(ws),
                    new SynapseValue.Constant(nb.dtMs()));
            for (int c = 0; c < classes; c++) {
                double perStep = b[c] / steps; // pA·dt/C per step adds b over the window
                nb.current("readout.bias" + c, "readout", new int[] {c},
                        new CurrentSource(new long[] {1, steps + 1}, new double[] {perStep * cM / nb.dtMs(), 0.0}));
            }
        }

        Probe probe(Network net) {
            return new Probe(net.population("readout"), classes, theta);
        }

        /** Counts output spikes and reads the residual membranes at the end. */
        static final class Probe implements org.spikeforge.simulations.Probe {
            private final int node;
            private final double theta;
            private final long[] spikes;
            private final double[] v;
            private final int[] all;

            Probe(int node, int classes, double theta) {
                this.node = node;
                this.theta = theta;
                spikes = new long[classes];
                v = new double[classes];
                all = new int[classes];
                for (int c = 0; c < classes; c++) all[c] = c;
            }

            @Override public String name() { return "lsm-readout"; }

            @Override
            public void record(long step, CompiledNetwork net) {
                int c = net.spikeCount(node);
                int[] s = net.spikes(node);
                for (int k = 0; k < c; k++) spikes[s[k]]++;
                net.readState(node, 0, all, v);
            }

            double[] membrane() {
                return v.clone();
            }

            long[] spikeCounts() {
                return spikes.clone();
            }
        }
    }

    private static final class IntArray {
        private int[] a = new int[1024];
        private int n;
        void add(int v) { if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n); a[n++] = v; }
        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }

    private static final class DoubleArray {
        private double[] a = new double[1024];
        private int n;
        void add(double v) { if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n); a[n++] = v; }
        double[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
