package org.spikeforge.neurons;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@link CubaLif} neuron computed in fixed point, as on a digital neuromorphic chip: the
 * {@link Precision#FIXED_POINT} implementation of {@code cuba_lif}. Same equations, parameters,
 * state variables and receptors as the floating-point model; only the arithmetic differs.
 *
 * <p>Number format. The membrane potential is an integer count of {@code v_lsb} (mV) and each
 * synaptic current an integer count of {@code i_lsb} (pA), each held in a signed two's-complement
 * register of {@code state_bits} bits, range {@code [−2^(B−1), 2^(B−1) − 1]}. The propagators of
 * {@link CubaLif} become integer constants with {@code F = decay_bits} fraction bits:
 *
 * <pre>
 *   D_v = round(e^{−dt/τ_m}·2^F)     D_e = round(e^{−dt/τ_e}·2^F)     D_i = round(e^{−dt/τ_i}·2^F)
 *   K_e = round(P21e·(i_lsb/v_lsb)·2^F)                              K_i likewise for τ_i
 * </pre>
 *
 * <p>One step, in integer arithmetic only ({@code ⌊x⌉_F = (x + 2^(F−1)) >> F}, round half up;
 * {@code ovf} is saturation or wrap-around at B bits):
 *
 * <pre>
 *   e  = ovf(i_e + round(in_e / i_lsb))          h = ovf(i_i + round(in_i / i_lsb))
 *   i_e ← ovf(⌊e·D_e⌉_F)                          i_i ← ovf(⌊h·D_i⌉_F)
 *   v∞ = round((v_rest + R·I_ext) / v_lsb)        (the bias register)
 *   v  ← ovf(v∞ + ⌊(v − v∞)·D_v + e·K_e + h·K_i⌉_F)
 *   spike if v &gt; round(v_th / v_lsb); reset to round(v_reset / v_lsb) or subtract
 * </pre>
 *
 * <table>
 *   <caption>Parameters (in addition to those of {@link CubaLif})</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>state_bits</td><td>1</td><td>24</td><td>register width B of v, i_e, i_i (2 … 32; Loihi: 24)</td></tr>
 *   <tr><td>decay_bits</td><td>1</td><td>12</td><td>fraction bits F of the integer constants (1 … 24; Loihi: 12)</td></tr>
 *   <tr><td>v_lsb</td><td>mV</td><td>2⁻⁶</td><td>membrane quantisation step</td></tr>
 *   <tr><td>i_lsb</td><td>pA</td><td>2⁻²</td><td>current quantisation step</td></tr>
 *   <tr><td>overflow_wrap</td><td>1</td><td>0</td><td>0: saturate on overflow; 1: wrap around (two's complement)</td></tr>
 * </table>
 *
 * <p>Storage. {@link PopulationState} holds doubles in engine units, so probes and initial values
 * work as for every model; the kernel keeps every stored value an exact integer multiple of its
 * LSB (exact for power-of-two LSBs, which the defaults are) and does all arithmetic on
 * {@code long}s. Initial values that are not multiples of the LSB are rounded in the first step.
 * Input weights should be multiples of {@code i_lsb}; each step's summed input is rounded to it.
 *
 * <p>Accuracy. Without overflow, each step adds at most half an LSB of rounding to v and to each
 * current, plus the error of the rounded constants; the decay keeps these from accumulating beyond
 * {@code (per-step error)/(1 − e^{−dt/τ})}. References: Davies et al. 2018, IEEE Micro 38:82
 * (Loihi's CUBA neuron); Lava's {@code PyLifModelBitAcc}.
 */
public record FixedPointCubaLif(CubaLif model, int stateBits, int decayBits, double vLsb, double iLsb,
                                Overflow overflow) implements NeuronModel {

    /** What a register does when a result falls outside its range. */
    public enum Overflow {
        /** Clamp to the nearest representable value. */
        SATURATE,
        /** Keep the low B bits, as two's-complement hardware without saturation logic does. */
        WRAP
    }

    public static final List<ParameterSpec> PARAMETERS;

    static {
        List<ParameterSpec> p = new ArrayList<>(CubaLif.PARAMETERS);
        p.add(new ParameterSpec("state_bits", Dimension.DIMENSIONLESS, 24, "register width of v and the currents"));
        p.add(new ParameterSpec("decay_bits", Dimension.DIMENSIONLESS, 12, "fraction bits of the integer constants"));
        p.add(new ParameterSpec("v_lsb", Dimension.VOLTAGE, 1.0 / 64, "membrane quantisation step"));
        p.add(new ParameterSpec("i_lsb", Dimension.CURRENT, 0.25, "current quantisation step"));
        p.add(new ParameterSpec("overflow_wrap", Dimension.DIMENSIONLESS, 0, "0: saturate on overflow, 1: wrap around"));
        PARAMETERS = Collections.unmodifiableList(p);
    }

    public FixedPointCubaLif {
        if (model == null) throw new IllegalArgumentException("model must not be null");
        if (stateBits < 2 || stateBits > 32) {
            throw new IllegalArgumentException("state_bits must be in [2, 32], was " + stateBits);
        }
        if (decayBits < 1 || decayBits > 24) {
            throw new IllegalArgumentException("decay_bits must be in [1, 24], was " + decayBits);
        }
        Checks.positive("v_lsb", vLsb, "mV");
        Checks.positive("i_lsb", iLsb, "pA");
        if (overflow == null) overflow = Overflow.SATURATE;
    }

    /** Builds the model from registry values (engine units), as {@link NeuronModels} does. */
    public static FixedPointCubaLif fromParameters(Map<String, Double> p, ResetMode reset) {
        CubaLif m = new CubaLif(p.get("tau_m"), p.get("tau_syn_e"), p.get("tau_syn_i"), p.get("v_rest"),
                p.get("v_reset"), p.get("v_th"), p.get("r"), p.get("t_ref"), reset);
        double wrap = p.get("overflow_wrap");
        if (wrap != 0 && wrap != 1) throw new IllegalArgumentException("overflow_wrap must be 0 or 1, was " + wrap);
        return new FixedPointCubaLif(m, integer("state_bits", p.get("state_bits")), integer("decay_bits", p.get("decay_bits")),
                p.get("v_lsb"), p.get("i_lsb"), wrap == 1 ? Overflow.WRAP : Overflow.SATURATE);
    }

    private static int integer(String field, double v) {
        if (v != Math.rint(v)) throw new IllegalArgumentException(field + " must be an integer, was " + v);
        return (int) v;
    }

    /**
     * The integer constants for a time step: decays {@code D_v, D_e, D_i} and couplings
     * {@code K_e, K_i}, all with {@link #decayBits()} fraction bits.
     */
    public record Constants(long decayV, long decayE, long decayI, long couplingE, long couplingI) {}

    /** The integer constants for time step {@code dtMs}. */
    public Constants constants(double dtMs) {
        double one = Math.scalb(1.0, decayBits);
        double scale = iLsb / vLsb;
        Constants k = new Constants(
                Math.round(Propagators.decay(dtMs, model.tauM()) * one),
                Math.round(Propagators.decay(dtMs, model.tauSynE()) * one),
                Math.round(Propagators.decay(dtMs, model.tauSynI()) * one),
                Math.round(Propagators.currentToVoltage(dtMs, model.tauM(), model.tauSynE(), model.r()) * scale * one),
                Math.round(Propagators.currentToVoltage(dtMs, model.tauM(), model.tauSynI(), model.r()) * scale * one));
        long limit = 1L << (60 - stateBits - 2); // keeps each product, and their sum, inside a long
        if (Math.abs(k.couplingE()) >= limit || Math.abs(k.couplingI()) >= limit) {
            throw new IllegalArgumentException("i_lsb/v_lsb = " + scale + " makes the current-to-voltage constant too large"
                    + " for " + stateBits + "-bit state; use a smaller i_lsb or a larger v_lsb");
        }
        return k;
    }

    /** Largest register value, {@code 2^(B−1) − 1}. */
    public long maxState() {
        return (1L << (stateBits - 1)) - 1;
    }

    /** Smallest register value, {@code −2^(B−1)}. */
    public long minState() {
        return -(1L << (stateBits - 1));
    }

    /** Saturating or wrapping a result to {@code bits} bits. */
    static long overflow(long x, int bits, boolean wrap) {
        if (wrap) {
            int sh = 64 - bits;
            return (x << sh) >> sh;
        }
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        return x > max ? max : (x < min ? min : x);
    }

    @Override public String kind() { return "cuba_lif"; }
    @Override public Precision precision() { return Precision.FIXED_POINT; }
    @Override public List<String> stateVariables() { return model.stateVariables(); }
    @Override public List<Dimension> stateDimensions() { return model.stateDimensions(); }
    @Override public List<String> receptors() { return model.receptors(); }
    @Override public Dimension receptorDimension(int receptor) { return model.receptorDimension(receptor); }
    @Override public double refractoryMs() { return model.tRef(); }

    @Override
    public double[] restingState() {
        return new double[] {Math.round(model.vRest() / vLsb) * vLsb, 0.0, 0.0};
    }

    @Override
    public NeuronKernel kernel(double dtMs) {
        final Constants k = constants(dtMs);
        final long dV = k.decayV(), dE = k.decayE(), dI = k.decayI(), kE = k.couplingE(), kI = k.couplingI();
        final int f = decayBits, bits = stateBits;
        final long half = 1L << (f - 1);
        final boolean wrap = overflow == Overflow.WRAP;
        final double vLsb = this.vLsb, iLsb = this.iLsb, vRest = model.vRest(), r = model.r();
        final long vTh = Math.round(model.vTh() / vLsb), vReset = Math.round(model.vReset() / vLsb);
        final long jump = vTh - vReset;
        final boolean subtract = model.reset() == ResetMode.SUBTRACT;
        final int refSteps = refractorySteps(dtMs);
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0], ie = s.vars[1], ii = s.vars[2];
            final double[] inE = s.ring[0], inI = s.ring[1];
            final double[] iExt = s.iExt;
            final int[] ref = s.refractory;
            for (int i = from; i < to; i++) {
                final long e = overflow(Math.round(ie[i] / iLsb) + Math.round(inE[slot + i] / iLsb), bits, wrap);
                final long h = overflow(Math.round(ii[i] / iLsb) + Math.round(inI[slot + i] / iLsb), bits, wrap);
                inE[slot + i] = 0.0;
                inI[slot + i] = 0.0;
                ie[i] = overflow((e * dE + half) >> f, bits, wrap) * iLsb;
                ii[i] = overflow((h * dI + half) >> f, bits, wrap) * iLsb;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final long vInf = Math.round((vRest + r * iExt[i]) / vLsb);
                final long vq = Math.round(v[i] / vLsb);
                long vn = overflow(vInf + (((vq - vInf) * dV + e * kE + h * kI + half) >> f), bits, wrap);
                if (vn > vTh) {
                    vn = subtract ? overflow(vn - jump, bits, wrap) : vReset;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vn * vLsb;
            }
            return count;
        };
    }
}
