package org.spikeforge.simulations.har;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.FixedPointCubaLif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

/**
 * A liquid state machine for HAR (Maass, Natschläger and Markram 2002), simulated window by window
 * in SpikeForge's engine: a {@link SigmaDeltaInput} encoder turns the standardised window into
 * spikes; a random recurrent reservoir of CUBA LIF neurons ({@link CubaLif}, or
 * {@link FixedPointCubaLif} when the state is quantised) receives them through sparse random
 * synapses; the readout counts each neuron's spikes in {@code bins} equal parts of the window and
 * applies a linear map fitted by ridge regression ({@link RidgeReadout}), event-driven: each
 * reservoir spike adds its readout weights to the class accumulators.
 *
 * <p>Each window is an independent inference from the resting state, as on a device. Only the
 * readout is trained; the reservoir is drawn from {@link LsmConfig#seed()}. The ridge penalty is
 * chosen by subject-wise cross-validation inside the training subjects (up to 4 folds of
 * consecutive subjects, by mean macro-F1).
 */
public final class LsmModel implements HarModel {

    /** Sparse synapses as (pre, post, weight) lists. */
    record Synapses(int[] pre, int[] post, float[] weights) {
        int size() { return pre.length; }

        Synapses keep(boolean[] keep) {
            int n = 0;
            for (boolean k : keep) if (k) n++;
            int[] p = new int[n], q = new int[n];
            float[] w = new float[n];
            for (int i = 0, j = 0; i < keep.length; i++) {
                if (!keep[i]) continue;
                p[j] = pre[i];
                q[j] = post[i];
                w[j++] = weights[i];
            }
            return new Synapses(p, q, w);
        }

        double[] weightsAsDoubles() {
            double[] d = new double[weights.length];
            for (int i = 0; i < d.length; i++) d[i] = weights[i];
            return d;
        }
    }

    private static final String BACKEND = "scalar";

    private final LsmConfig config;
    private final Standardisation standardisation;
    private final WindowSpec windowSpec;
    private final List<String> classes;
    private final List<String> channels;
    private final Synapses input;
    private final Synapses recurrent;
    private final float[] readout; // classes × (features + 1), last column bias
    private final double lambda;
    private final CompressionSpec compression;
    private final LsmModel original;
    private final NeuronModel neuron;
    private final int[] readoutFanout; // non-zero readout weights per feature

    private LsmModel(LsmConfig config, Standardisation standardisation, WindowSpec windowSpec, List<String> classes, List<String> channels,
                     Synapses input, Synapses recurrent, float[] readout, double lambda, CompressionSpec compression, LsmModel original,
                     NeuronModel neuron) {
        this.config = config;
        this.standardisation = standardisation;
        this.windowSpec = windowSpec;
        this.classes = List.copyOf(classes);
        this.channels = List.copyOf(channels);
        this.input = input;
        this.recurrent = recurrent;
        this.readout = readout;
        this.lambda = lambda;
        this.compression = compression;
        this.original = original;
        this.neuron = neuron;
        int f = features(), d = f + 1;
        if (readout.length != classes.size() * d) {
            throw new IllegalArgumentException("readout has " + readout.length + " weights; " + classes.size() + " classes x " + d + " expected");
        }
        readoutFanout = new int[f];
        for (int c = 0; c < classes.size(); c++) for (int i = 0; i < f; i++) if (readout[c * d + i] != 0) readoutFanout[i]++;
    }

    /** The float neuron: CUBA LIF with rest and reset at 0 mV, no refractory period. */
    static CubaLif floatNeuron(LsmConfig c) {
        return new CubaLif(c.tauM(), c.tauSyn(), c.tauSyn(), 0, 0, c.vTh(), c.r(), 0, ResetMode.TO_VALUE);
    }

    public LsmConfig config() { return config; }

    /** The ridge penalty the readout was fitted with. */
    public double lambda() { return lambda; }

    /** Readout features: neurons × bins spike counts. */
    public int features() { return config.neurons() * config.bins(); }

    public NeuronModel neuron() { return neuron; }

    int inputSynapses() { return input.size(); }

    Synapses inputSynapsesForTest() { return input; }

    Synapses recurrentSynapsesForTest() { return recurrent; }

    int recurrentSynapses() { return recurrent.size(); }

    float[] readoutWeights() { return readout.clone(); }

    float[] inputWeights() { return input.weights().clone(); }

    float[] recurrentWeights() { return recurrent.weights().clone(); }

    @Override public String kind() { return "lsm"; }

    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "LSM: %d-channel sigma-delta encoder -> %d CUBA LIF (%d input, %d recurrent synapses) -> %d x %d spike-count ridge readout%s",
                2 * channels.size(), config.neurons(), input.size(), recurrent.size(), config.bins(), config.neurons(),
                compression.isNone() ? "" : " [" + compression.label() + "]");
    }

    @Override public List<String> classes() { return classes; }

    @Override public Standardisation standardisation() { return standardisation; }

    @Override public WindowSpec windowSpec() { return windowSpec; }

    @Override public CompressionSpec compression() { return compression; }

    // ------------------------------------------------------------------ simulation

    /** Spike counts per (neuron, bin) of one window and the run's operation counts. */
    record WindowRun(int[] counts, OperationTotals operations) {}

    /** Counts the reservoir's spikes per neuron and readout bin. */
    private static final class BinCounter implements Probe {
        private final int[] counts;
        private final int bins, stepsPerSample, length;

        BinCounter(int neurons, int bins, int stepsPerSample, int length) {
            this.counts = new int[neurons * bins];
            this.bins = bins;
            this.stepsPerSample = stepsPerSample;
            this.length = length;
        }

        @Override public String name() { return "bins"; }

        @Override
        public void record(long step, CompiledNetwork net) {
            int n = net.spikeCount(0);
            if (n == 0) return;
            int bin = (int) (step / stepsPerSample * bins / length);
            int[] s = net.spikes(0);
            for (int k = 0; k < n; k++) counts[s[k] * bins + bin]++;
        }
    }

    /** Runs one standardised window through the engine. */
    WindowRun run(float[] window) {
        return run(window, backend());
    }

    private static Backend backend() {
        Backend b = Backends.byName(BACKEND);
        if (b == null) throw new IllegalStateException("the " + BACKEND + " backend is not on the class path");
        return b;
    }

    private WindowRun run(float[] window, Backend backend) {
        int length = windowSpec.length(), nc = channels.size();
        Network.Builder b = Network.builder(config.dt(), config.seed())
                .population("reservoir", config.neurons(), neuron)
                .source("input", new SigmaDeltaInput(window, length, nc, config.inputGain(), config.stepsPerSample()));
        if (input.size() > 0) {
            b.projection("in", "input", "reservoir", "exc", new ConnectivityRule.Explicit(input.pre(), input.post()),
                    new SynapseValue.Explicit(input.weightsAsDoubles()), new SynapseValue.Constant(config.dt()));
        }
        if (recurrent.size() > 0) {
            b.projection("rec", "reservoir", "reservoir", "exc", new ConnectivityRule.Explicit(recurrent.pre(), recurrent.post()),
                    new SynapseValue.Explicit(recurrent.weightsAsDoubles()), new SynapseValue.Constant(config.dt()));
        }
        Network net = b.build();
        long steps = (long) length * config.stepsPerSample();
        BinCounter counter = new BinCounter(config.neurons(), config.bins(), config.stepsPerSample(), length);
        RunResult r;
        try (Simulator sim = new Simulator(net, backend)) {
            r = sim.run(steps, List.of(counter), Simulator.Progress.NONE);
        }
        Map<String, Long> c = r.counts();
        OperationTotals ops = new OperationTotals(1, r.stepsDone(), c.get("neuron_updates"), c.get("synaptic_events"), c.get("input_spikes"),
                c.get("spikes"), 2L * nc * r.stepsDone(), 0);
        return new WindowRun(counter.counts, ops);
    }

    private WindowRun[] runAll(HarWindows w) {
        checkWindows(w);
        int block = w.length() * w.channelCount();
        float[] x = w.values();
        Backend backend = backend();
        return IntStream.range(0, w.size()).parallel()
                .mapToObj(i -> run(Arrays.copyOfRange(x, i * block, (i + 1) * block), backend)).toArray(WindowRun[]::new);
    }

    private void checkWindows(HarWindows w) {
        if (w.length() != windowSpec.length() || !w.channels().equals(channels)) {
            throw new IllegalArgumentException("model expects windows of " + windowSpec.length() + " samples of " + channels + ", got "
                    + w.length() + " samples of " + w.channels());
        }
        if (!w.classes().equals(classes)) throw new IllegalArgumentException("model classes " + classes + " differ from the data's " + w.classes());
    }

    private static double[] asFeatures(int[] counts) {
        double[] f = new double[counts.length];
        for (int i = 0; i < f.length; i++) f[i] = counts[i];
        return f;
    }

    @Override
    public Evaluation evaluate(HarWindows standardised) {
        WindowRun[] runs = runAll(standardised);
        int[] pred = new int[runs.length];
        OperationTotals total = OperationTotals.ZERO;
        int k = classes.size();
        for (int i = 0; i < runs.length; i++) {
            pred[i] = RidgeReadout.predict(readout, k, asFeatures(runs[i].counts()));
            long acc = k; // the bias
            int[] counts = runs[i].counts();
            for (int f = 0; f < counts.length; f++) acc += (long) counts[f] * readoutFanout[f];
            OperationTotals o = runs[i].operations();
            total = total.plus(new OperationTotals(o.windows(), o.steps(), o.neuronUpdates(), o.synapticEvents(), o.inputSpikes(),
                    o.neuronSpikes(), o.encoderUpdates(), acc));
        }
        return new Evaluation(pred, standardised, total);
    }

    // ------------------------------------------------------------------ training

    /** Draws the reservoir of {@code config} for {@code channels} input channels (2 encoder channels each). */
    static Synapses[] drawReservoir(LsmConfig config, int channels) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(config.seed());
        org.apache.commons.rng.sampling.distribution.ContinuousSampler normal = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), 0, 1);
        int n = config.neurons();
        List<int[]> in = new ArrayList<>();
        List<Float> inW = new ArrayList<>();
        for (int k = 0; k < 2 * channels; k++) {
            for (int j = 0; j < n; j++) {
                if (rng.nextDouble() < config.inputProbability()) {
                    in.add(new int[] {k, j});
                    inW.add((float) (config.inputWeightSd() * normal.sample()));
                }
            }
        }
        List<int[]> rec = new ArrayList<>();
        List<Float> recW = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && rng.nextDouble() < config.recurrentProbability()) {
                    rec.add(new int[] {i, j});
                    recW.add((float) (config.recurrentWeightSd() * normal.sample()));
                }
            }
        }
        return new Synapses[] {synapses(in, inW), synapses(rec, recW)};
    }

    private static Synapses synapses(List<int[]> pairs, List<Float> w) {
        int[] p = new int[pairs.size()], q = new int[pairs.size()];
        float[] ws = new float[pairs.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pairs.get(i)[0];
            q[i] = pairs.get(i)[1];
            ws[i] = w.get(i);
        }
        return new Synapses(p, q, ws);
    }

    /** Default ridge penalties searched by cross-validation. */
    public static final double[] LAMBDAS = {1, 10, 100, 1000, 10000};

    /**
     * Trains the readout on {@code standardisedTrain}: simulates the reservoir once per window, picks
     * the ridge penalty among {@code lambdas} by subject-wise cross-validation, and refits on all
     * training windows.
     */
    public static LsmModel train(HarWindows standardisedTrain, Standardisation standardisation, WindowSpec windowSpec, LsmConfig config,
                                 double[] lambdas, Consumer<String> log) {
        if (standardisedTrain.size() == 0) throw new IllegalArgumentException("no training windows");
        if (lambdas.length == 0) throw new IllegalArgumentException("no ridge penalties to choose from");
        Synapses[] res = drawReservoir(config, standardisedTrain.channelCount());
        int k = standardisedTrain.classes().size();
        int d = config.neurons() * config.bins() + 1;
        LsmModel reservoirOnly = new LsmModel(config, standardisation, windowSpec, standardisedTrain.classes(), standardisedTrain.channels(),
                res[0], res[1], new float[k * d], Double.NaN, CompressionSpec.NONE, null, floatNeuron(config));
        long t0 = System.nanoTime();
        WindowRun[] runs = reservoirOnly.runAll(standardisedTrain);
        double[][] features = Arrays.stream(runs).map(r -> asFeatures(r.counts())).toArray(double[][]::new);
        int[] labels = standardisedTrain.labels();
        log.accept(String.format(java.util.Locale.ROOT, "simulated %d training windows in %.1f s", runs.length, (System.nanoTime() - t0) * 1e-9));
        double best = lambdas[lambdas.length / 2];
        List<String> subjects = standardisedTrain.subjects();
        int folds = Math.min(4, subjects.size());
        if (folds >= 2 && lambdas.length > 1) {
            double bestF1 = -1;
            for (double lambda : lambdas) {
                double f1 = 0;
                for (int f = 0; f < folds; f++) {
                    List<String> held = subjects.subList(f * subjects.size() / folds, (f + 1) * subjects.size() / folds);
                    List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
                    for (int w = 0; w < labels.length; w++) (held.contains(standardisedTrain.info(w).subject()) ? te : tr).add(w);
                    float[] wts = RidgeReadout.fit(tr.stream().map(i -> features[i]).toArray(double[][]::new),
                            tr.stream().mapToInt(i -> labels[i]).toArray(), k, lambda);
                    int[] p = te.stream().mapToInt(i -> RidgeReadout.predict(wts, k, features[i])).toArray();
                    f1 += Metrics.of(te.stream().mapToInt(i -> labels[i]).toArray(), p, standardisedTrain.classes()).macroF1();
                }
                f1 /= folds;
                log.accept(String.format(java.util.Locale.ROOT, "  ridge lambda %-8g %d-fold subject-wise CV macro-F1 %.3f", lambda, folds, f1));
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = lambda;
                }
            }
        }
        float[] w = RidgeReadout.fit(features, labels, k, best);
        log.accept("  chose ridge lambda " + best);
        return new LsmModel(config, standardisation, windowSpec, standardisedTrain.classes(), standardisedTrain.channels(), res[0], res[1], w, best,
                CompressionSpec.NONE, null, floatNeuron(config));
    }

    // ------------------------------------------------------------------ compression

    @Override
    public LsmModel compress(CompressionSpec spec) {
        LsmModel base = original != null ? original : this;
        if (spec.isNone()) return base;
        QuantSpec q = spec.quant();
        Synapses in = base.input, rec = base.recurrent;
        int k = classes.size(), f = features(), d = f + 1;
        float[] ro = base.readout.clone();
        if (spec.sparsity() > 0) {
            in = in.keep(MagnitudePruning.keep(in.weights(), spec.sparsity()));
            rec = rec.keep(MagnitudePruning.keep(rec.weights(), spec.sparsity()));
            float[] w = readoutWithoutBias(ro, k, f);
            boolean[] keep = MagnitudePruning.keep(w, spec.sparsity());
            for (int c = 0; c < k; c++) for (int i = 0; i < f; i++) if (!keep[c * f + i]) ro[c * d + i] = 0;
        }
        int n = config.neurons();
        in = new Synapses(in.pre(), in.post(), Quantiser.quantise(in.weights(), in.post(), n, q.weights(), q.granularity()).values());
        rec = new Synapses(rec.pre(), rec.post(), Quantiser.quantise(rec.weights(), rec.post(), n, q.weights(), q.granularity()).values());
        float[] w = readoutWithoutBias(ro, k, f);
        int[] cls = new int[w.length];
        for (int i = 0; i < w.length; i++) cls[i] = i / f;
        float[] qw = Quantiser.quantise(w, cls, k, q.weights(), q.granularity()).values();
        for (int c = 0; c < k; c++) for (int i = 0; i < f; i++) ro[c * d + i] = qw[c * f + i];
        NeuronModel model = q.stateBits() == 0 ? floatNeuron(config) : fixedPointNeuron(config, q.stateBits(), in, rec);
        return new LsmModel(config, standardisation, windowSpec, classes, channels, in, rec, ro, lambda, spec, base, model);
    }

    private static float[] readoutWithoutBias(float[] ro, int k, int f) {
        float[] w = new float[k * f];
        for (int c = 0; c < k; c++) System.arraycopy(ro, c * (f + 1), w, c * f, f);
        return w;
    }

    /**
     * The fixed-point neuron for {@code bits}-bit state registers. LSBs are powers of two: the
     * membrane register spans ±2·v_th; the current register spans ±4·max|w| (a few coincident
     * strongest inputs; larger sums saturate). Decay constants have 12 fraction bits, as on Loihi.
     */
    static FixedPointCubaLif fixedPointNeuron(LsmConfig c, int bits, Synapses in, Synapses rec) {
        double maxW = 0;
        for (float w : in.weights()) maxW = Math.max(maxW, Math.abs(w));
        for (float w : rec.weights()) maxW = Math.max(maxW, Math.abs(w));
        if (maxW == 0) maxW = 1;
        double half = Math.scalb(1.0, bits - 1);
        double vLsb = Math.scalb(1.0, (int) Math.ceil(Math.log(2 * c.vTh() / half) / Math.log(2)));
        double iLsb = Math.scalb(1.0, (int) Math.ceil(Math.log(4 * maxW / half) / Math.log(2)));
        return new FixedPointCubaLif(floatNeuron(c), bits, 12, vLsb, iLsb, FixedPointCubaLif.Overflow.SATURATE);
    }

    // ------------------------------------------------------------------ footprint

    private static int indexBytes(long range) {
        return range <= 256 ? 1 : range <= 65536 ? 2 : 4;
    }

    /** Bytes of a sparse tensor in CSR form: row pointers, column indices, values, scales. */
    private static long csrBytes(int rows, int cols, long nnz, QuantSpec q, int scaleChannels) {
        long values = (nnz * q.weights().bits() + 7) / 8;
        long pointers = (long) (rows + 1) * indexBytes(nnz + 1);
        long indices = nnz * indexBytes(cols);
        return values + pointers + indices + scaleBytes(q, scaleChannels);
    }

    private static long scaleBytes(QuantSpec q, int channels) {
        if (q.weights() instanceof NumberFormat.Float32) return 0;
        return 4L * (q.granularity() == Granularity.PER_CHANNEL ? channels : 1);
    }

    @Override
    public Footprint footprint() {
        QuantSpec q = compression.quant();
        int n = config.neurons(), enc = 2 * channels.size(), k = classes.size(), f = features();
        Map<String, Long> parts = new LinkedHashMap<>();
        // input synapses stored by encoder channel (row), recurrent by presynaptic neuron: what a spike reads
        parts.put("input_synapses", csrBytes(enc, n, input.size(), q, n));
        parts.put("recurrent_synapses", csrBytes(n, n, recurrent.size(), q, n));
        long nnz = 0;
        for (int x : readoutFanout) nnz += x;
        long dense = ((long) k * f * q.weights().bits() + 7) / 8 + scaleBytes(q, k);
        long sparse = csrBytes(f, k, nnz, q, k);
        parts.put("readout_weights", Math.min(dense, sparse));
        parts.put("readout_bias", 4L * k);
        parts.put("neuron_constants", 32L);
        long params = parts.values().stream().mapToLong(Long::longValue).sum();
        int stateBits = q.stateBits() == 0 ? 32 : q.stateBits();
        long stateBytes = 2L * n * ((stateBits + 7) / 8) + 4L * enc; // v and i per neuron, encoder charge
        long buffers = 4L * windowSpec.length() * channels.size() + 2L * n + 4L * k;
        return new Footprint(params, stateBytes, buffers, n + enc + k, input.size() + recurrent.size() + nnz, q.weights().bits(),
                !q.weights().integer(), stateBits, q.stateBits() == 0, parts);
    }

    // ------------------------------------------------------------------ persistence

    @Override
    public void save(Path file) throws IOException {
        LsmModel m = original != null ? original : this;
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("kind", text("lsm"));
        a.put("config", NpyArray.ofDoubles(m.config.toArray(), 14));
        a.put("window", NpyArray.ofDoubles(new double[] {windowSpec.rateHz(), windowSpec.length(), windowSpec.stride()}, 3));
        a.put("input_mean", NpyArray.ofDoubles(standardisation.mean(), standardisation.mean().length));
        a.put("input_std", NpyArray.ofDoubles(standardisation.std(), standardisation.std().length));
        a.put("classes", text(String.join("\n", classes)));
        a.put("channels", text(String.join("\n", channels)));
        a.put("in_pre", NpyArray.ofInts(m.input.pre(), m.input.size()));
        a.put("in_post", NpyArray.ofInts(m.input.post(), m.input.size()));
        a.put("in_w", NpyArray.ofFloats(m.input.weights(), m.input.size()));
        a.put("rec_pre", NpyArray.ofInts(m.recurrent.pre(), m.recurrent.size()));
        a.put("rec_post", NpyArray.ofInts(m.recurrent.post(), m.recurrent.size()));
        a.put("rec_w", NpyArray.ofFloats(m.recurrent.weights(), m.recurrent.size()));
        a.put("readout", NpyArray.ofFloats(m.readout, classes.size(), features() + 1));
        a.put("lambda", NpyArray.ofDoubles(new double[] {lambda}, 1));
        Npy.writeNpz(file, a);
    }

    static NpyArray text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) v[i] = b[i] & 0xff;
        return NpyArray.ofUint8(v, v.length);
    }

    static String text(Map<String, NpyArray> a, String key, String file) {
        NpyArray t = require(a, key, file);
        int[] v = t.toInts();
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return new String(b, StandardCharsets.UTF_8);
    }

    static NpyArray require(Map<String, NpyArray> a, String key, String file) {
        NpyArray x = a.get(key);
        if (x == null) throw new IllegalArgumentException("model file " + file + ": missing array '" + key + "'");
        return x;
    }

    /** Reads a model written by {@link #save}. */
    static LsmModel load(Map<String, NpyArray> a, String file) {
        LsmConfig config = LsmConfig.fromArray(require(a, "config", file).toDoubles());
        double[] ws = require(a, "window", file).toDoubles();
        WindowSpec spec = new WindowSpec(ws[0], (int) ws[1], (int) ws[2]);
        Standardisation st = new Standardisation(require(a, "input_mean", file).toDoubles(), require(a, "input_std", file).toDoubles());
        List<String> classes = List.of(text(a, "classes", file).split("\n"));
        List<String> channels = List.of(text(a, "channels", file).split("\n"));
        Synapses in = new Synapses(require(a, "in_pre", file).toInts(), require(a, "in_post", file).toInts(), require(a, "in_w", file).toFloats());
        Synapses rec = new Synapses(require(a, "rec_pre", file).toInts(), require(a, "rec_post", file).toInts(), require(a, "rec_w", file).toFloats());
        for (int p : in.pre()) if (p < 0 || p >= 2 * channels.size()) throw new IllegalArgumentException("model file " + file + ": input synapse from channel " + p);
        for (int p : in.post()) checkNeuron(p, config, file);
        for (int p : rec.pre()) checkNeuron(p, config, file);
        for (int p : rec.post()) checkNeuron(p, config, file);
        double lambda = require(a, "lambda", file).toDoubles()[0];
        return new LsmModel(config, st, spec, classes, channels, in, rec, require(a, "readout", file).toFloats(), lambda, CompressionSpec.NONE,
                null, floatNeuron(config));
    }

    private static void checkNeuron(int i, LsmConfig c, String file) {
        if (i < 0 || i >= c.neurons()) throw new IllegalArgumentException("model file " + file + ": synapse names neuron " + i + " of " + c.neurons());
    }
}
