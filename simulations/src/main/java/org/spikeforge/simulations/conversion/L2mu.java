package org.spikeforge.simulations.conversion;

import java.util.ArrayList;
import java.util.List;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.Propagators;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.InitialValue;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

/**
 * An {@link LmuModel} converted into a spiking network of LIF or CuBa-LIF populations that runs on
 * the engine: an L2MU in the sense of Fra et al. 2024 ("Human activity recognition: suitability of
 * a neuromorphic approach for on-edge AIoT applications", Neuromorph. Comput. Eng. 4, 014006),
 * where the LMU's encoder {@code u}, linear memory {@code m} (A_d, B_d) and hidden state {@code h}
 * each become a population of spiking neurons and the sensor values enter, without spike
 * encoding, as input currents. Fra et al. train their L2MU directly; here the trained LMU is
 * <em>converted</em>, with time-multiplexed rate coding and NEF-style pair codes:
 *
 * <ul>
 *   <li><b>Time multiplexing.</b> One LMU step (one sensor sample, {@code samplePeriodMs}) is
 *       simulated as {@code K} engine steps. A value is carried by the spike count of a pair of
 *       neurons over its K-step window.</li>
 *   <li><b>Pair codes.</b> Unit {@code j} of a population is a (+, −) pair driven by
 *       {@code b ± g_j·s_j}, where {@code s_j} is the value the LMU computes there; its decoded
 *       value is {@code D_j·(n⁺ − n⁻)} for spike counts {@code n±} over the window. Each spike of a
 *       source pair therefore carries {@code ±D_q}, and the synapse onto target pair
 *       {@code (j, ±)} has the weight that adds {@code ±g_j·W_jq·D_q} to the target's drive,
 *       spread over the window (the delta or exponential synapse's mean-equivalent current).</li>
 *   <li><b>Linear populations (u, m)</b> use neurons whose membrane time constant is long against
 *       a window, with a bias of half a threshold per step and reset by subtraction: they integrate
 *       almost perfectly, so a window's count is a sigma-delta quantisation of its drive whose
 *       error does not accumulate through the memory's recurrence. {@code R} replicas per side with
 *       random initial membranes make the resolution {@code D/R}. The gain of each memory dimension
 *       is set from its range on calibration data.</li>
 *   <li><b>tanh</b> is the difference of the two rates of a pair of short-τ neurons with a
 *       refractory period, {@code S·(r(b + g·z) − r(b − g·z))}, where {@code r} is the neuron's
 *       rate curve measured on the engine's kernel ({@link RateCurve}) and {@code b, g, S} are
 *       fitted to tanh over the distribution of pre-activations on calibration data. Refractoriness
 *       gives the saturation, the threshold the soft knee.</li>
 *   <li><b>Timing.</b> Each hop (u→m, m→h) has a delay of one step, so with delta synapses the
 *       windows of u, m and h are [tK, tK+K), [tK+1, …) and [tK+2, …), and the recurrent
 *       projections are delayed so that a window's spikes land in the next LMU step's window:
 *       m→m and h→h by K, m→u by K−1, h→u by K−2. Exponential synapses add their mean delay τ_syn
 *       to each hop ({@link #hopLatency()}), and the windows and delays shift by it.</li>
 *   <li><b>Readout.</b> Five non-spiking integrators receive the hidden spikes with weights
 *       {@code W_out·S}; the change of their membrane over the last hidden window, plus
 *       {@code b_out}, gives the logits.</li>
 * </ul>
 *
 * <p>Units: membranes in mV with rest and reset 0 and threshold 1 mV, R = 1 GΩ so that an input
 * current of J pA drives the membrane towards J mV; the drives {@code b}, {@code g} are in pA.
 */
public final class L2mu {

    /** Which neuron model the populations use. */
    public enum Neuron { LIF, CUBA_LIF }

    /**
     * Conversion settings.
     *
     * <table>
     *   <caption>Options</caption>
     *   <tr><th>name</th><th>unit</th><th>LIF default</th><th>meaning</th></tr>
     *   <tr><td>substeps</td><td>1</td><td>32</td><td>engine steps K per LMU step</td></tr>
     *   <tr><td>samplePeriodMs</td><td>ms</td><td>20</td><td>one LMU step (50 Hz); dt = period/K</td></tr>
     *   <tr><td>memoryReplicas</td><td>1</td><td>4</td><td>neurons per side and unit in u and m</td></tr>
     *   <tr><td>hiddenReplicas</td><td>1</td><td>1</td><td>neurons per side and unit in h</td></tr>
     *   <tr><td>memoryTauMs</td><td>ms</td><td>200</td><td>τ_m of the u and m neurons (10 LMU steps)</td></tr>
     *   <tr><td>hiddenTauMs</td><td>ms</td><td>12.5</td><td>τ_m of the hidden neurons</td></tr>
     *   <tr><td>hiddenRefractoryMs</td><td>ms</td><td>1.875</td><td>t_ref of the hidden neurons (3 steps)</td></tr>
     *   <tr><td>synapseTauMs</td><td>ms</td><td>2.5</td><td>τ_syn of the CuBa-LIF variant (unused for LIF)</td></tr>
     *   <tr><td>hiddenMinBias</td><td>pA</td><td>2 (LIF), 0 (CuBa)</td><td>lower bound on the hidden pair bias
     *       b: LIF neurons with delta synapses need a tonic operating point (b above threshold), else the
     *       fluctuations of spike input raise their rate above the rate curve near threshold</td></tr>
     *   <tr><td>headroom</td><td>1</td><td>1</td><td>fraction of the linear neurons' range used by the
     *       calibration maximum of u and m</td></tr>
     * </table>
     */
    public record Options(Neuron neuron, int substeps, double samplePeriodMs, int memoryReplicas, int hiddenReplicas,
                          double memoryTauMs, double hiddenTauMs, double hiddenRefractoryMs, double synapseTauMs,
                          double hiddenMinBias, double headroom) {
        public Options {
            if (neuron == null) throw new IllegalArgumentException("neuron must be LIF or CUBA_LIF");
            if (substeps < 4) throw new IllegalArgumentException("substeps must be >= 4, was " + substeps);
            if (!(samplePeriodMs > 0)) throw new IllegalArgumentException("samplePeriodMs must be > 0, was " + samplePeriodMs);
            if (memoryReplicas < 1 || hiddenReplicas < 1) {
                throw new IllegalArgumentException("replicas must be >= 1, were " + memoryReplicas + " and " + hiddenReplicas);
            }
            if (!(memoryTauMs > 0) || !(hiddenTauMs > 0) || !(synapseTauMs > 0)) {
                throw new IllegalArgumentException("time constants must be > 0 ms");
            }
            if (!(hiddenRefractoryMs >= 0)) throw new IllegalArgumentException("hiddenRefractoryMs must be >= 0");
            if (!(headroom > 0 && headroom <= 1)) throw new IllegalArgumentException("headroom must be in (0, 1], was " + headroom);
        }

        public static Options lif() {
            return new Options(Neuron.LIF, 32, 20.0, 4, 1, 200.0, 12.5, 1.875, 2.5, 2.0, 1.0);
        }

        public static Options cubaLif() {
            return new Options(Neuron.CUBA_LIF, 32, 20.0, 4, 1, 200.0, 12.5, 1.875, 2.5, 0.0, 1.0);
        }

        public Options withSubsteps(int k) {
            return new Options(neuron, k, samplePeriodMs, memoryReplicas, hiddenReplicas, memoryTauMs, hiddenTauMs,
                    hiddenRefractoryMs, synapseTauMs, hiddenMinBias, headroom);
        }

        public Options withReplicas(int memory, int hidden) {
            return new Options(neuron, substeps, samplePeriodMs, memory, hidden, memoryTauMs, hiddenTauMs,
                    hiddenRefractoryMs, synapseTauMs, hiddenMinBias, headroom);
        }

        public Options withHidden(double tauMs, double refractoryMs, double minBias) {
            return new Options(neuron, substeps, samplePeriodMs, memoryReplicas, hiddenReplicas, memoryTauMs, tauMs,
                    refractoryMs, synapseTauMs, minBias, headroom);
        }

        public double dtMs() {
            return samplePeriodMs / substeps;
        }
    }

    /**
     * The pair code of one population: bias b (pA), per-unit gain g_j (pA per unit of value) and
     * decoder D_j (value per spike, already divided by the replicas).
     */
    public record PairCode(String population, int units, int replicas, double bias, double[] gain, double[] decoder) {
        /** Neurons: 2 sides × units × replicas. */
        public int size() {
            return 2 * units * replicas;
        }

        /** Index of neuron (side 0 = +, 1 = −; unit; replica). */
        public int index(int side, int unit, int replica) {
            return (side * units + unit) * replicas + replica;
        }
    }

    private final LmuModel model;
    private final Options options;
    private final PairCode u, m, h;
    private final RateCurve.PairFit tanh;
    private final NeuronModel memoryNeuron, hiddenNeuron;

    private L2mu(LmuModel model, Options options, PairCode u, PairCode m, PairCode h, RateCurve.PairFit tanh,
                 NeuronModel memoryNeuron, NeuronModel hiddenNeuron) {
        this.model = model;
        this.options = options;
        this.u = u;
        this.m = m;
        this.h = h;
        this.tanh = tanh;
        this.memoryNeuron = memoryNeuron;
        this.hiddenNeuron = hiddenNeuron;
    }

    public LmuModel model() { return model; }

    public Options options() { return options; }

    public PairCode encoderCode() { return u; }

    public PairCode memoryCode() { return m; }

    public PairCode hiddenCode() { return h; }

    /** The fitted tanh pair (bias, gain and output scale per spike; rms error of the rate-level fit). */
    public RateCurve.PairFit tanhFit() { return tanh; }

    /**
     * Converts {@code model}, setting the gains of u and m from their largest magnitude and the
     * tanh fit from the distribution of pre-activations on {@code calibration} (raw windows, each
     * {@code steps × inputs} row-major).
     */
    public static L2mu convert(LmuModel model, List<double[]> calibration, Options options) {
        if (calibration.isEmpty()) throw new IllegalArgumentException("calibration data is empty");
        int d = model.order(), n = model.hidden(), K = options.substeps();
        double dt = options.dtMs();
        double uMax = 0, zMax = 0;
        double[] mMax = new double[d];
        List<double[]> zs = new ArrayList<>();
        for (int w = 0; w < calibration.size(); w++) {
            double[] raw = calibration.get(w);
            if (raw.length % model.inputs() != 0) {
                throw new IllegalArgumentException("calibration window " + w + " has " + raw.length + " values, not a multiple of "
                        + model.inputs() + " channels");
            }
            LmuModel.Trace tr = model.forward(model.standardise(raw));
            for (double v : tr.u()) uMax = Math.max(uMax, Math.abs(v));
            for (int i = 0; i < tr.m().length; i++) mMax[i % d] = Math.max(mMax[i % d], Math.abs(tr.m()[i]));
            for (double z : tr.z()) zMax = Math.max(zMax, Math.abs(z));
            zs.add(tr.z());
        }
        NeuronModel memNeuron = neuron(options, options.memoryTauMs(), 0.0);
        NeuronModel hidNeuron = neuron(options, options.hiddenTauMs(), options.hiddenRefractoryMs());

        // Linear populations: half a threshold per step at rest, ± headroom·half at the calibration maximum.
        double leak = -Math.expm1(-dt / options.memoryTauMs()); // 1 − e^{−dt/τ}: drive J gives an increment J·leak
        double bias = 0.5 / leak;
        RateCurve memCurve = RateCurve.measure(memNeuron, dt, 0, 2.2 * bias, 4001, 2 * (int) Math.ceil(options.memoryTauMs() / dt), 4000);
        PairCode uCode = linearCode("u", memCurve, bias, new double[] {uMax}, options, leak);
        PairCode mCode = linearCode("m", memCurve, bias, mMax, options, leak);

        // tanh: weights from the histogram of calibration pre-activations (plus a floor so the tails count).
        double zr = Math.max(1.0, zMax);
        int bins = 241;
        double[] xs = new double[bins], ws = new double[bins];
        for (int i = 0; i < bins; i++) xs[i] = -zr + 2 * zr * i / (bins - 1);
        long total = 0;
        for (double[] z : zs) {
            for (double v : z) {
                int i = (int) Math.round((v + zr) / (2 * zr) * (bins - 1));
                ws[Math.max(0, Math.min(bins - 1, i))]++;
                total++;
            }
        }
        for (int i = 0; i < bins; i++) ws[i] = ws[i] / total + 0.05 / bins;
        double refSteps = Math.max(1, Math.round(options.hiddenRefractoryMs() / dt));
        double jMax = 60.0 / Math.max(1e-9, -Math.expm1(-dt / options.hiddenTauMs())) / refSteps; // well into saturation
        RateCurve hidCurve = RateCurve.measure(hidNeuron, dt, 0, jMax, 6001, 200, 4000);
        RateCurve.PairFit fit = hidCurve.fitOdd(Math::tanh, xs, ws, K, options.hiddenMinBias(), Math.max(options.hiddenMinBias() + 1, jMax / 8));
        double[] g = new double[n], dec = new double[n];
        java.util.Arrays.fill(g, fit.gain());
        java.util.Arrays.fill(dec, fit.scale() / options.hiddenReplicas());
        PairCode hCode = new PairCode("h", n, options.hiddenReplicas(), fit.bias(), g, dec);
        return new L2mu(model, options, uCode, mCode, hCode, fit, memNeuron, hidNeuron);
    }

    private static PairCode linearCode(String name, RateCurve curve, double bias, double[] max, Options o, double leak) {
        int n = max.length, R = o.memoryReplicas(), K = o.substeps();
        double[] g = new double[n], dec = new double[n];
        for (int j = 0; j < n; j++) {
            double range = Math.max(max[j], 1e-6);
            g[j] = o.headroom() * 0.5 / (range * leak);
            dec[j] = curve.linearDecoder(bias, g[j], range, K) / R;
        }
        return new PairCode(name, n, R, bias, g, dec);
    }

    private static NeuronModel neuron(Options o, double tauM, double tRef) {
        return o.neuron() == Neuron.LIF
                ? new Lif(tauM, 0.0, 0.0, 1.0, 1.0, tRef, ResetMode.SUBTRACT)
                : new CubaLif(tauM, o.synapseTauMs(), o.synapseTauMs(), 0.0, 0.0, 1.0, 1.0, tRef, ResetMode.SUBTRACT);
    }

    /** Weight of a delta (LIF: mV) or exponential (CuBa: pA) synapse whose mean over K steps adds 1 pA of drive. */
    private double perWindowUnit(NeuronModel target) {
        double dt = options.dtMs();
        int K = options.substeps();
        return switch (target) {
            case Lif l -> {
                double p = Propagators.decay(dt, l.tauM());
                yield K * (1 - p) / p;
            }
            case CubaLif c -> {
                double p22 = Propagators.decay(dt, c.tauM()), p11 = Propagators.decay(dt, c.tauSynE());
                double p21 = Propagators.currentToVoltage(dt, c.tauM(), c.tauSynE(), c.r());
                yield K * (1 - p11) * (1 - p22) / p21;
            }
            default -> throw new IllegalStateException(target.kind());
        };
    }

    // ---- the network of one window -------------------------------------------------------

    /** Engine steps for a window of {@code samples} LMU steps (the readout of the last hidden window ends then). */
    public long steps(int samples) {
        return (long) samples * options.substeps() + 2L * hopLatency() + 1;
    }

    /**
     * Steps from a spike to the centre of its effect on the target population: the one-step
     * delay, plus, for exponential synapses, their mean delay τ_syn (the centroid of the current
     * kernel), rounded to whole steps. The windows of u, m and h start at 0, L and 2L, and every
     * delay is chosen so that a window's spikes centre on the window they are meant for.
     */
    public int hopLatency() {
        return options.neuron() == Neuron.LIF ? 1 : 1 + (int) Math.round(options.synapseTauMs() / options.dtMs());
    }

    /**
     * The spiking network for one raw window ({@code samples × inputs}, row-major): populations
     * {@code u}, {@code m}, {@code h} (pairs) and {@code out} (integrators), the input currents,
     * and the projections named after the LMU matrices they carry.
     */
    public Network toNetwork(double[] rawWindow, long seed) {
        double[] x = model.standardise(rawWindow);
        int T = x.length / model.inputs(), K = options.substeps(), d = model.order(), n = model.hidden(), in = model.inputs();
        double dt = options.dtMs();
        Network.Builder b = Network.builder(dt, seed)
                .population("u", u.size(), memoryNeuron)
                .population("m", m.size(), memoryNeuron)
                .population("h", h.size(), hiddenNeuron)
                .population("out", model.classes(), new IntegrateAndFire(1.0, 0.0, Double.MAX_VALUE, 0.0, ResetMode.TO_VALUE));
        // Replicas start at random phases of the threshold, so their quantisation errors do not coincide.
        b.initial("u", "v", InitialValue.uniform(0, 1)).initial("m", "v", InitialValue.uniform(0, 1));
        if (h.replicas() > 1) b.initial("h", "v", InitialValue.uniform(0, 1));

        // Input module: sensor values as currents (encoding-free), bias included; u's window starts at 0, h's at 2.
        double[] ux = new double[T];
        for (int t = 0; t < T; t++) for (int c = 0; c < in; c++) ux[t] += model.ex()[c] * x[t * in + c];
        int L = hopLatency();
        inputCurrents(b, u, 0, T, K, (t, j) -> ux[t]);
        b.current("m.bias", "m", null, CurrentSource.constant(m.bias()));
        double[] hx = new double[T * n];
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int c = 0; c < in; c++) acc += model.wx()[j * in + c] * x[t * in + c];
                hx[t * n + j] = acc;
            }
        }
        inputCurrents(b, h, 2 * L, T, K, (t, j) -> hx[t * n + j]);

        // Projections: target ← source, weight matrix (target units × source units), delay in steps.
        // A synapse from window offset o_s to o_t (next LMU step: + K) has delay o_t − o_s − (L − 1).
        project(b, "B_d", m, u, (j, q) -> model.bd()[j], 1);
        project(b, "A_d", m, m, (j, q) -> model.ad()[j * d + q], K - L + 1);
        project(b, "e_m", u, m, (j, q) -> model.em()[q], K - 2 * L + 1);
        project(b, "e_h", u, h, (j, q) -> model.eh()[q], K - 3 * L + 1);
        project(b, "W_m", h, m, (j, q) -> model.wm()[j * d + q], 1);
        project(b, "W_h", h, h, (j, q) -> model.wh()[j * n + q], K - L + 1);
        // Readout integrators: v ← v + W_out·(±S) per hidden spike.
        int classes = model.classes();
        int[] pre = new int[h.size() * classes], post = new int[pre.length];
        double[] w = new double[pre.length];
        int k = 0;
        for (int side = 0; side < 2; side++) {
            for (int q = 0; q < n; q++) {
                for (int r = 0; r < h.replicas(); r++) {
                    for (int c = 0; c < classes; c++) {
                        pre[k] = h.index(side, q, r);
                        post[k] = c;
                        w[k++] = (side == 0 ? 1 : -1) * model.wOut()[c * n + q] * h.decoder()[q];
                    }
                }
            }
        }
        b.projection("W_out", "h", "out", null, new ConnectivityRule.Explicit(pre, post), new SynapseValue.Explicit(w),
                new SynapseValue.Constant(dt));
        return b.build();
    }

    private interface Value {
        double at(int t, int unit);
    }

    /** Piecewise-constant currents b ± g_j·value(t, j) from step offset + tK, bias alone before and after. */
    private void inputCurrents(Network.Builder b, PairCode code, int offset, int T, int K, Value value) {
        for (int side = 0; side < 2; side++) {
            double sign = side == 0 ? 1 : -1;
            for (int j = 0; j < code.units(); j++) {
                long[] start = new long[T + 2];
                double[] amp = new double[T + 2];
                start[0] = 0;
                amp[0] = code.bias();
                for (int t = 0; t < T; t++) {
                    start[t + 1] = offset + (long) t * K;
                    amp[t + 1] = code.bias() + sign * code.gain()[j] * value.at(t, j);
                }
                start[T + 1] = offset + (long) T * K;
                amp[T + 1] = code.bias();
                if (offset == 0) { // no bias-only segment before the first window
                    start = java.util.Arrays.copyOfRange(start, 1, T + 2);
                    amp = java.util.Arrays.copyOfRange(amp, 1, T + 2);
                }
                int[] neurons = new int[code.replicas()];
                for (int r = 0; r < neurons.length; r++) neurons[r] = code.index(side, j, r);
                b.current(code.population() + ".in" + (side == 0 ? "+" : "-") + j, code.population(), neurons, new CurrentSource(start, amp));
            }
        }
    }

    private interface Matrix {
        double at(int target, int source);
    }

    /**
     * Synapses from every neuron of {@code src} to every neuron of {@code tgt}: a spike of source
     * (q, ±) carries ±D_q, which adds ±g_j·W_jq·D_q to the drive of target (j, ±) over a window.
     * CuBa-LIF targets get excitatory and inhibitory synapses on their two receptors.
     */
    private void project(Network.Builder b, String name, PairCode tgt, PairCode src, Matrix w, int delaySteps) {
        NeuronModel model = tgt == h ? hiddenNeuron : memoryNeuron;
        double unit = perWindowUnit(model);
        boolean cuba = model instanceof CubaLif;
        IntList[] pre = {new IntList(), new IntList()}, post = {new IntList(), new IntList()};
        DoubleList[] wt = {new DoubleList(), new DoubleList()};
        for (int ss = 0; ss < 2; ss++) {
            for (int q = 0; q < src.units(); q++) {
                for (int ts = 0; ts < 2; ts++) {
                    for (int j = 0; j < tgt.units(); j++) {
                        double v = w.at(j, q);
                        if (v == 0) continue;
                        double weight = (ss == ts ? 1 : -1) * tgt.gain()[j] * v * src.decoder()[q] * unit;
                        int rec = cuba && weight < 0 ? 1 : 0;
                        for (int rs = 0; rs < src.replicas(); rs++) {
                            for (int rt = 0; rt < tgt.replicas(); rt++) {
                                pre[rec].add(src.index(ss, q, rs));
                                post[rec].add(tgt.index(ts, j, rt));
                                wt[rec].add(weight);
                            }
                        }
                    }
                }
            }
        }
        double delayMs = delaySteps * options.dtMs();
        String[] receptors = cuba ? new String[] {"exc", "inh"} : new String[] {null, null};
        for (int r = 0; r < (cuba ? 2 : 1); r++) {
            if (!cuba) { // delta synapses take both signs on one receptor
                for (int k = 0; k < pre[1].size(); k++) { pre[0].add(pre[1].get(k)); post[0].add(post[1].get(k)); wt[0].add(wt[1].get(k)); }
            }
            if (pre[r].size() == 0) continue;
            b.projection(name + (cuba ? "." + receptors[r] : ""), src.population(), tgt.population(), receptors[r],
                    new ConnectivityRule.Explicit(pre[r].toArray(), post[r].toArray()), new SynapseValue.Explicit(wt[r].toArray()),
                    new SynapseValue.Constant(delayMs));
        }
    }

    // ---- running ------------------------------------------------------------------------

    /**
     * The result of one window: logits, the spikes of each population, and (when asked for) the
     * decoded value of every unit in every window: u (T), m (T × d), h (T × n).
     */
    public record Result(double[] logits, long[] spikes, double[] u, double[] m, double[] h) {
        public int predicted() {
            int best = 0;
            for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
            return best;
        }
    }

    /** Runs one raw window on the scalar CPU backend. */
    public Result run(double[] rawWindow, long seed, boolean decode) {
        Network net = toNetwork(rawWindow, seed);
        int T = rawWindow.length / model.inputs(), K = options.substeps();
        Decoding probe = new Decoding(net, T, K, decode);
        try (Simulator sim = new Simulator(net, new ScalarBackend())) {
            RunResult r = sim.run(steps(T), List.of(probe), Simulator.Progress.NONE);
            double[] logits = new double[model.classes()];
            for (int c = 0; c < logits.length; c++) logits[c] = probe.outEnd[c] - probe.outStart[c] + model.bOut()[c];
            long[] spikes = new long[3];
            for (int p = 0; p < 3; p++) spikes[p] = r.populationSpikes()[p];
            return new Result(logits, spikes, probe.decoded(u, 0), probe.decoded(m, 1), probe.decoded(h, 2));
        }
    }

    /** Records the output membranes around the last hidden window and, optionally, window spike counts. */
    private final class Decoding implements Probe {
        private final int T, K, L, out;
        private final int[] pops = new int[3];
        private final long[][] counts;
        private final double[] outStart, outEnd;
        private final int[] all;

        Decoding(Network net, int T, int K, boolean decode) {
            this.T = T;
            this.K = K;
            this.L = hopLatency();
            pops[0] = net.population("u");
            pops[1] = net.population("m");
            pops[2] = net.population("h");
            out = net.population("out");
            counts = decode ? new long[][] {new long[T * u.size()], new long[T * m.size()], new long[T * h.size()]} : null;
            outStart = new double[model.classes()];
            outEnd = new double[model.classes()];
            all = new int[model.classes()];
            for (int c = 0; c < all.length; c++) all[c] = c;
        }

        @Override public String name() { return "l2mu"; }

        @Override
        public void record(long step, CompiledNetwork net) {
            if (step == (long) (T - 1) * K + 2L * L) net.readState(out, 0, all, outStart);
            if (step == (long) T * K + 2L * L) net.readState(out, 0, all, outEnd);
            if (counts == null) return;
            PairCode[] codes = {u, m, h};
            for (int p = 0; p < 3; p++) {
                long t = (step - (long) p * L) / K;
                if (step < (long) p * L || t >= T) continue;
                int c = net.spikeCount(pops[p]);
                int[] s = net.spikes(pops[p]);
                int size = codes[p].size();
                for (int k = 0; k < c; k++) counts[p][(int) t * size + s[k]]++;
            }
        }

        double[] decoded(PairCode code, int p) {
            if (counts == null) return null;
            double[] out = new double[T * code.units()];
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < code.units(); j++) {
                    long diff = 0;
                    for (int r = 0; r < code.replicas(); r++) {
                        diff += counts[p][t * code.size() + code.index(0, j, r)] - counts[p][t * code.size() + code.index(1, j, r)];
                    }
                    out[t * code.units() + j] = code.decoder()[j] * diff;
                }
            }
            return out;
        }
    }

    private static final class IntList {
        private int[] a = new int[256];
        private int n;
        void add(int v) { if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n); a[n++] = v; }
        int get(int i) { return a[i]; }
        int size() { return n; }
        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }

    private static final class DoubleList {
        private double[] a = new double[256];
        private int n;
        void add(double v) { if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n); a[n++] = v; }
        double get(int i) { return a[i]; }
        double[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
