package org.spikeforge.synapses.device;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * {@code n} instances of one {@link PulsedDevice}, each with its own device-to-device parameters,
 * fault state and weight, as struct-of-arrays. It turns a requested weight change into pulses and
 * applies them with the device's step nonlinearity and cycle-to-cycle noise.
 *
 * <p>Every device holds a hidden weight {@code w} (the physical state, in {@code [w_min,i, w_max,i]})
 * and a read-out weight: {@code w} plus write noise (redrawn at each update), rounded to one of
 * {@code levels} conductance levels when the device has finitely many, and clipped to its range. A
 * device stuck at on (off) reads its upper (lower) bound forever and ignores pulses.
 *
 * <p>A requested change {@code Δ} becomes {@code n = ⌊|Δ|/Δw_min + U⌋} pulses in the direction of
 * {@code Δ} (stochastic rounding, {@code U ~ Uniform[0, 1)}, so {@code E[n·Δw_min] = |Δ|}), at most
 * {@link #MAX_PULSES} per update. After every pulse the hidden weight is clipped to the device's
 * bounds.
 *
 * <p>All randomness (device-to-device parameters and faults at construction, then pulse noise,
 * rounding and write noise) comes from the one stream given, in a fixed order, so the same seed
 * gives the same devices and the same updates. Not thread-safe; one array per projection.
 */
public final class DeviceArray {
    /** Upper limit on the pulses of one update, as a pulse-train length of a real programming circuit. */
    public static final int MAX_PULSES = 1024;

    /** Fault state of a healthy device. */
    public static final byte HEALTHY = 0;
    /** Fault state of a device stuck at its upper bound. */
    public static final byte STUCK_ON = 1;
    /** Fault state of a device stuck at its lower bound. */
    public static final byte STUCK_OFF = 2;

    private static final int IDEAL = 0, CONSTANT = 1, LINEAR = 2, SOFT = 3, EXP = 4, POW = 5;

    private final PulsedDevice device;
    private final int kind;
    private final int n;
    private final double[] w;
    private final double[] readout;
    private final double[] wMax, wMin;
    private final double[] scaleUp, scaleDown;
    private final double[] gammaUp, gammaDown;
    private final byte[] fault;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;
    private final double expA, expB, expAUp, expADown, expGammaUp, expGammaDown;
    private long pulses;

    /** Draws {@code n} devices from {@code device}, all starting at weight 0 clipped to their range. */
    public DeviceArray(PulsedDevice device, int n, UniformRandomProvider rng) {
        if (n < 0) throw new IllegalArgumentException("device count must be >= 0, was " + n);
        this.device = device;
        this.n = n;
        this.rng = rng;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        StepModel step = device.step();
        this.kind = switch (step) {
            case StepModel.IdealStep _ -> IDEAL;
            case StepModel.ConstantStep _ -> CONSTANT;
            case StepModel.LinearStep _ -> LINEAR;
            case StepModel.SoftBounds _ -> SOFT;
            case StepModel.ExpStep _ -> EXP;
            case StepModel.PowStep _ -> POW;
        };
        StepModel.ExpStep es = step instanceof StepModel.ExpStep e ? e : StepModel.ExpStep.DEFAULTS;
        expA = es.a();
        expB = es.b();
        expAUp = es.aUp();
        expADown = es.aDown();
        expGammaUp = es.gammaUp();
        expGammaDown = es.gammaDown();
        w = new double[n];
        readout = new double[n];
        wMax = new double[n];
        wMin = new double[n];
        scaleUp = new double[n];
        scaleDown = new double[n];
        gammaUp = new double[n];
        gammaDown = new double[n];
        fault = new byte[n];
        final double upBias = Math.min(device.upDown(), 0.0), downBias = -Math.max(device.upDown(), 0.0);
        final boolean signedRange = device.wMin() <= 0 && device.wMax() >= 0;
        for (int j = 0; j < n; j++) {
            double hi = device.wMax() * (1 + device.wMaxDtod() * gauss.sample());
            double lo = device.wMin() * (1 + device.wMinDtod() * gauss.sample());
            if (lo > hi) {
                double t = lo;
                lo = hi;
                hi = t;
            }
            if (signedRange) { // keep 0 inside every device's range, as aihwkit's enforce_consistency
                hi = Math.abs(hi);
                lo = -Math.abs(lo);
            }
            wMax[j] = hi;
            wMin[j] = lo;
            double gain = 1 + device.dwMinDtod() * gauss.sample();
            double r = device.upDownDtod() * gauss.sample();
            scaleUp[j] = Math.abs(upBias + gain + r) * device.dwMin();
            scaleDown[j] = Math.abs(downBias + gain - r) * device.dwMin();
            switch (step) {
                case StepModel.LinearStep ls -> {
                    gammaUp[j] = ls.gammaUp() * (1 + ls.gammaDtod() * gauss.sample());
                    gammaDown[j] = ls.gammaDown() * (1 + ls.gammaDtod() * gauss.sample());
                }
                case StepModel.PowStep ps -> {
                    double g = ps.gamma() * (1 + ps.gammaDtod() * gauss.sample());
                    gammaUp[j] = Math.max(g, 0.0);
                    gammaDown[j] = gammaUp[j];
                }
                default -> { }
            }
            double u = rng.nextDouble();
            fault[j] = u < device.stuckOnRate() ? STUCK_ON
                    : (u < device.stuckOnRate() + device.stuckOffRate() ? STUCK_OFF : HEALTHY);
            w[j] = fault[j] == STUCK_ON ? hi : (fault[j] == STUCK_OFF ? lo : Math.min(Math.max(0.0, lo), hi));
            readout[j] = w[j];
        }
    }

    public PulsedDevice device() { return device; }
    public int size() { return n; }

    /** Read-out weight of device {@code j}. */
    public double weight(int j) { return readout[j]; }

    /** Hidden (physical) weight of device {@code j}. */
    public double hiddenWeight(int j) { return w[j]; }

    /** Upper bound of device {@code j}. */
    public double upperBound(int j) { return wMax[j]; }

    /** Lower bound of device {@code j}. */
    public double lowerBound(int j) { return wMin[j]; }

    /** Up-step size Δw_up of device {@code j} (before its shape factor). */
    public double upStep(int j) { return scaleUp[j]; }

    /** Down-step size Δw_down of device {@code j} (before its shape factor). */
    public double downStep(int j) { return scaleDown[j]; }

    /** {@link #HEALTHY}, {@link #STUCK_ON} or {@link #STUCK_OFF}. */
    public byte fault(int j) { return fault[j]; }

    /** Pulses applied so far, over all devices (for cost models). */
    public long pulsesApplied() { return pulses; }

    /**
     * Writes {@code target} into device {@code j} directly (a program-and-verify write): the hidden
     * weight becomes {@code target} clipped to the device's range. Stuck devices keep their value.
     * Returns the read-out weight.
     */
    public double program(int j, double target) {
        if (fault[j] == HEALTHY) w[j] = Math.min(Math.max(target, wMin[j]), wMax[j]);
        return refreshReadout(j);
    }

    /**
     * Applies {@code count} pulses to device {@code j}: up (potentiation) if {@code count > 0},
     * down if {@code count < 0}. Returns the read-out weight.
     */
    public double pulse(int j, int count) {
        if (fault[j] != HEALTHY || count == 0) return readout[j];
        final boolean up = count > 0;
        final int m = Math.min(Math.abs(count), MAX_PULSES);
        final double hi = wMax[j], lo = wMin[j], range = hi - lo;
        final double scale = up ? scaleUp[j] : scaleDown[j];
        final double c2c = device.dwMinStd();
        final boolean mult = device.multiplicativeNoise();
        double x = w[j];
        for (int p = 0; p < m; p++) {
            double shape = switch (kind) {
                case LINEAR -> up ? 1 + gammaUp[j] * x : 1 + gammaDown[j] * x;
                case SOFT -> up ? 1 - x / hi : 1 - x / lo;
                case EXP -> {
                    double z = 2 * expA * x / range + expB;
                    yield up ? Math.max(1 - expAUp * Math.exp(expGammaUp * z), 0.0)
                            : Math.max(1 - expADown * Math.exp(-expGammaDown * z), 0.0);
                }
                case POW -> range <= 0 ? 0.0 : Math.pow(Math.max(up ? (hi - x) / range : (x - lo) / range, 0.0),
                        up ? gammaUp[j] : gammaDown[j]);
                default -> 1.0;
            };
            if (kind == LINEAR && shape < 0) shape = 0;
            double step = scale * shape;
            if (c2c > 0) step = mult ? step * (1 + c2c * gauss.sample()) : step + c2c * scale * gauss.sample();
            x = up ? x + step : x - step;
            x = x < lo ? lo : (x > hi ? hi : x);
        }
        pulses += m;
        w[j] = x;
        return refreshReadout(j);
    }

    /**
     * Moves device {@code j} by a requested change {@code delta}: exactly for an ideal device,
     * otherwise by {@code ⌊|delta|/Δw_min + U⌋} pulses (at most {@link #MAX_PULSES}). Returns the
     * read-out weight.
     */
    public double update(int j, double delta) {
        if (fault[j] != HEALTHY || delta == 0) return readout[j];
        if (kind == IDEAL) return program(j, w[j] + delta);
        double m = Math.abs(delta) / device.dwMin();
        int count = m >= MAX_PULSES ? MAX_PULSES : (int) Math.floor(m + rng.nextDouble());
        return pulse(j, delta > 0 ? count : -count);
    }

    private double refreshReadout(int j) {
        if (fault[j] != HEALTHY) return readout[j] = w[j];
        double r = w[j];
        if (device.writeNoiseStd() > 0) r += device.writeNoiseStd() * device.dwMin() * gauss.sample();
        final double lo = wMin[j], hi = wMax[j];
        if (device.levels() >= 2 && hi > lo) {
            double q = (hi - lo) / (device.levels() - 1);
            r = lo + Math.rint((r - lo) / q) * q;
        }
        return readout[j] = r < lo ? lo : (r > hi ? hi : r);
    }
}
