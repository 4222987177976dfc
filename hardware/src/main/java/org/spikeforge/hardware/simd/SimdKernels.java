package org.spikeforge.hardware.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.neurons.Propagators;
import org.spikeforge.neurons.ResetMode;

/**
 * Panama Vector API kernels for the foundation's neuron models ({@code lif}, {@code cuba_lif},
 * {@code coba_lif}, {@code if}): the same update as each model's reference {@link NeuronKernel},
 * {@link #LANES} neurons at a time.
 *
 * <p><b>Lanes are doubles.</b> The state is {@code double[]} (as in the reference kernels), so the
 * kernels use {@link DoubleVector#SPECIES_PREFERRED}: 8 lanes with AVX-512, 4 with AVX2. Float lanes
 * would double the width but give different numbers from the scalar reference, from Brian2 and from
 * the analytic tests the models are checked against; we keep exactness and win the width back on
 * memory traffic instead (no external-current stream when a population has none, fused ring clear).
 *
 * <p><b>Same arithmetic, same bits.</b> Each kernel evaluates the reference expression in the same
 * order with separate multiplies and adds (Java never contracts {@code a·b + c} into a fused
 * multiply-add, and neither do these kernels), with the same precomputed propagators, so
 * {@code lif}, {@code cuba_lif} and {@code if} give bit-identical state and spikes to the scalar
 * backend. {@code coba_lif} needs {@code exp(−dt·g_tot/C_m)} per neuron: it uses the call-free
 * {@link VectorExp} (within 2 ulp of the exact value; {@link Math#exp} is within 1, and not always
 * the same ulp), so its membrane potentials differ from the
 * scalar backend's in the last bits, and on a chaotic network the spike trains eventually diverge;
 * statistics (rates) agree.
 *
 * <p><b>Branch-free.</b> Per vector: load the input slot and store zeros in its place (the ring
 * clear is fused into the read); compute the new state in every lane; the refractory counter
 * {@code r} (an {@code int} lane of the same count) is decremented where positive, and lanes where
 * it is still positive keep their old membrane ({@code blend}); the spike mask is
 * {@code integrating ∧ v > v_th}; reset and the new refractory count are blended in by that mask.
 * The only branch is on whether the mask has any bit set, to append the spiking indices (ascending,
 * by scanning the mask's bits), so the spike list equals the scalar kernel's; {@code coba_lif} on
 * AVX-512 ({@link #COMPRESS}) has none: its lane indices are compressed by the mask
 * ({@code vpcompressd}) and stored as a whole vector (the spare lanes land past the list's end; under
 * the mask of the first {@code trueCount} lanes when the array has no room for them), the same
 * ascending list. Its loop holds more values than the others', and the branch to an inner loop made
 * C2 spill the loop's pointers and constants to the stack in every iteration; in the other kernels,
 * whose neurons rarely spike, the branch is cheaper than the compress (BENCHMARKS.md). Neurons past the last
 * whole vector are handed to the model's scalar kernel.
 *
 * <p>Nothing is allocated per step once C2 has compiled the loops (vectors are scalar-replaced into
 * registers). Until then (the first few thousand steps of a run, in the interpreter and C1) the
 * Vector API boxes its vectors, which is slow: {@link SimdNetwork} warms the kernels up at compile
 * time.
 */
public final class SimdKernels {
    private SimdKernels() {}

    /** Double lanes: 8 with AVX-512. */
    public static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Int lanes of the same count, for the refractory counters (256 bits with AVX-512). */
    public static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(D.length() * Integer.SIZE));
    /** Neurons per vector. */
    public static final int LANES = D.length();
    /** 0, 1, …, LANES − 1: a vector's lane indices. */
    static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    /**
     * Whether the {@code coba_lif} kernels append their spikes by a vector compress rather than by a branch
     * to a loop over the mask's bits: on 512-bit vectors (AVX-512 has {@code vpcompressd}; elsewhere the
     * Vector API's {@code compress} is not compiled to one instruction). See the class comment.
     */
    static final boolean COMPRESS = D.vectorBitSize() >= 512;

    /** A vectorised update of neurons {@code [from, to)}; like {@link NeuronKernel#step}. */
    public interface VectorKernel {
        /**
         * @param external whether the population receives an injected current ({@code iExt} is read
         *                 only then; otherwise it is all zeros and the kernel uses the constant it gives)
         */
        int step(PopulationState s, int inputSlot, int from, int to, boolean external, int[] spikes, int count);

        /**
         * Fills a scratch state (one ring slot) so that a step takes every path of the kernel:
         * membranes spread across the threshold, some neurons refractory, inputs in the ring.
         * Used to warm the kernel up before a run; never applied to a network's state.
         */
        void prime(PopulationState s);
    }

    /** Membranes spread over {@code [vLow, vHigh]}, a third of the neurons refractory, inputs of {@code ±w}. */
    static void spread(PopulationState s, double vLow, double vHigh, double w) {
        for (int i = 0; i < s.size; i++) {
            double x = ((i * 0x9E3779B9L) & 0xFFFF) / 65535.0;
            s.vars[0][i] = vLow + (vHigh - vLow) * x;
            s.refractory[i] = i % 3 == 0 ? 1 + i % 4 : 0;
            for (double[] r : s.ring) r[i] = (i & 1) == 0 ? w : -w;
        }
    }

    /** Appends the indices {@code base + k} of the set bits {@code k} of {@code bits}, ascending. */
    static int compact(long bits, int base, int[] spikes, int count) {
        while (bits != 0) {
            spikes[count++] = base + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
        }
        return count;
    }

    /** The vector kernel for {@code model}, or null when there is none (the backend then uses the scalar kernel). */
    public static VectorKernel of(NeuronModel model, double dtMs) {
        return switch (model) {
            case Lif m -> new LifKernel(m, dtMs);
            case CubaLif m -> new CubaLifKernel(m, dtMs);
            case CobaLif m -> m.method() == CobaLif.Method.EULER ? new CobaEulerKernel(m, dtMs) : new CobaLifKernel(m, dtMs);
            case IntegrateAndFire m -> new IfKernel(m, dtMs);
            default -> null;
        };
    }

    /** {@code lif}: {@code v ← v∞ + (v + w − v∞)·P}, as {@link Lif#kernel}. */
    static final class LifKernel implements VectorKernel {
        private final double p, vRest, r, vTh, vReset, jump, vInfRest;
        private final boolean subtract;
        private final int refSteps;
        private final NeuronKernel tail;

        LifKernel(Lif m, double dt) {
            p = Propagators.decay(dt, m.tauM());
            vRest = m.vRest();
            r = m.r();
            vTh = m.vTh();
            vReset = m.vReset();
            jump = vTh - vReset;
            vInfRest = vRest + r * 0.0; // the reference's v∞ when I_ext = 0, bit for bit
            subtract = m.reset() == ResetMode.SUBTRACT;
            refSteps = m.refractorySteps(dt);
            tail = m.kernel(dt);
        }

        @Override
        public void prime(PopulationState s) {
            spread(s, vReset - Math.abs(jump), vTh + Math.abs(jump), Math.abs(jump) * 0.5);
        }

        @Override
        public int step(PopulationState s, int slot, int from, int to, boolean external, int[] spikes, int count) {
            final double[] v = s.vars[0], in = s.ring[0], iExt = s.iExt;
            final int[] ref = s.refractory;
            final DoubleVector zero = DoubleVector.zero(D);
            final int end = from + D.loopBound(to - from);
            int i = from;
            for (; i < end; i += LANES) {
                DoubleVector w = DoubleVector.fromArray(D, in, slot + i);
                zero.intoArray(in, slot + i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Double> live = rd.compare(VectorOperators.LE, 0).cast(D);
                DoubleVector vOld = DoubleVector.fromArray(D, v, i);
                DoubleVector vInf = external
                        ? DoubleVector.fromArray(D, iExt, i).mul(r).add(vRest)
                        : DoubleVector.broadcast(D, vInfRest);
                DoubleVector vi = vOld.add(w).sub(vInf).mul(p).add(vInf);
                VectorMask<Double> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                DoubleVector reset = subtract ? vi.sub(jump) : DoubleVector.broadcast(D, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                rd.blend(refSteps, spike.cast(I)).intoArray(ref, i);
                if (spike.anyTrue()) count = compact(spike.toLong(), i, spikes, count);
            }
            return i < to ? tail.step(s, slot, i, to, spikes, count) : count;
        }
    }

    /** {@code cuba_lif}: exact propagators (Rotter &amp; Diesmann 1999), as {@link CubaLif#kernel}. */
    static final class CubaLifKernel implements VectorKernel {
        private final double p22, p11e, p11i, p21e, p21i, vRest, r, vTh, vReset, jump, vInfRest;
        private final boolean subtract;
        private final int refSteps;
        private final NeuronKernel tail;

        CubaLifKernel(CubaLif m, double dt) {
            p22 = Propagators.decay(dt, m.tauM());
            p11e = Propagators.decay(dt, m.tauSynE());
            p11i = Propagators.decay(dt, m.tauSynI());
            p21e = Propagators.currentToVoltage(dt, m.tauM(), m.tauSynE(), m.r());
            p21i = Propagators.currentToVoltage(dt, m.tauM(), m.tauSynI(), m.r());
            vRest = m.vRest();
            r = m.r();
            vTh = m.vTh();
            vReset = m.vReset();
            jump = vTh - vReset;
            vInfRest = vRest + r * 0.0;
            subtract = m.reset() == ResetMode.SUBTRACT;
            refSteps = m.refractorySteps(dt);
            tail = m.kernel(dt);
        }

        @Override
        public void prime(PopulationState s) {
            spread(s, vReset - Math.abs(jump), vTh + Math.abs(jump), Math.abs(jump) / Math.max(1e-12, Math.abs(p21e)));
        }

        @Override
        public int step(PopulationState s, int slot, int from, int to, boolean external, int[] spikes, int count) {
            final double[] v = s.vars[0], ie = s.vars[1], ii = s.vars[2];
            final double[] inE = s.ring[0], inI = s.ring[1], iExt = s.iExt;
            final int[] ref = s.refractory;
            final DoubleVector zero = DoubleVector.zero(D);
            final int end = from + D.loopBound(to - from);
            int i = from;
            for (; i < end; i += LANES) {
                DoubleVector e = DoubleVector.fromArray(D, ie, i).add(DoubleVector.fromArray(D, inE, slot + i));
                DoubleVector h = DoubleVector.fromArray(D, ii, i).add(DoubleVector.fromArray(D, inI, slot + i));
                zero.intoArray(inE, slot + i);
                zero.intoArray(inI, slot + i);
                e.mul(p11e).intoArray(ie, i);
                h.mul(p11i).intoArray(ii, i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Double> live = rd.compare(VectorOperators.LE, 0).cast(D);
                DoubleVector vOld = DoubleVector.fromArray(D, v, i);
                DoubleVector vInf = external
                        ? DoubleVector.fromArray(D, iExt, i).mul(r).add(vRest)
                        : DoubleVector.broadcast(D, vInfRest);
                // v∞ + (v − v∞)·P22 + P21e·e + P21i·h, left to right
                DoubleVector vi = vOld.sub(vInf).mul(p22).add(vInf).add(e.mul(p21e)).add(h.mul(p21i));
                VectorMask<Double> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                DoubleVector reset = subtract ? vi.sub(jump) : DoubleVector.broadcast(D, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                rd.blend(refSteps, spike.cast(I)).intoArray(ref, i);
                if (spike.anyTrue()) count = compact(spike.toLong(), i, spikes, count);
            }
            return i < to ? tail.step(s, slot, i, to, spikes, count) : count;
        }
    }

    /** The constants, scalar tail and warm-up state of both {@code coba_lif} kernels; each has its own loop. */
    abstract static class CobaKernel implements VectorKernel {
        final double pe, pi, gL, gLeL, eE, eI, dtOverC, negDtOverC, vTh, vReset, jump;
        final boolean subtract;
        final int refSteps;
        final NeuronKernel tail;

        CobaKernel(CobaLif m, double dt) {
            pe = Propagators.decay(dt, m.tauSynE());
            pi = Propagators.decay(dt, m.tauSynI());
            gL = m.gL();
            gLeL = gL * m.eL();
            eE = m.eE();
            eI = m.eI();
            dtOverC = dt / m.cM();
            negDtOverC = -dtOverC;
            vTh = m.vTh();
            vReset = m.vReset();
            jump = vTh - vReset;
            subtract = m.reset() == ResetMode.SUBTRACT;
            refSteps = m.refractorySteps(dt);
            tail = m.kernel(dt);
        }

        @Override
        public void prime(PopulationState s) {
            spread(s, vReset - Math.abs(jump), vTh + Math.abs(jump), gL);
            java.util.Arrays.fill(s.vars[1], gL);
        }
    }

    /**
     * {@code coba_lif}: exponential Euler for v with the conductances held over the step, as
     * {@link CobaLif#kernel}, but with the vector {@code exp} (within 2 ulp, not bit-identical).
     */
    static final class CobaLifKernel extends CobaKernel {
        CobaLifKernel(CobaLif m, double dt) {
            super(m, dt);
        }

        @Override
        public int step(PopulationState s, int slot, int from, int to, boolean external, int[] spikes, int count) {
            final double[] v = s.vars[0], ge = s.vars[1], gi = s.vars[2];
            final double[] inE = s.ring[0], inI = s.ring[1], iExt = s.iExt;
            final int[] ref = s.refractory;
            final DoubleVector zero = DoubleVector.zero(D);
            final int end = from + D.loopBound(to - from);
            // the compressed indices may be stored whole (their spare lanes land past the list's end) when there is room
            final boolean room = count + (end - from) <= spikes.length;
            int i = from;
            for (; i < end; i += LANES) {
                DoubleVector e = DoubleVector.fromArray(D, ge, i).add(DoubleVector.fromArray(D, inE, slot + i));
                DoubleVector h = DoubleVector.fromArray(D, gi, i).add(DoubleVector.fromArray(D, inI, slot + i));
                zero.intoArray(inE, slot + i);
                zero.intoArray(inI, slot + i);
                e.mul(pe).intoArray(ge, i);
                h.mul(pi).intoArray(gi, i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Double> live = rd.compare(VectorOperators.LE, 0).cast(D);
                DoubleVector vOld = DoubleVector.fromArray(D, v, i);
                DoubleVector gTot = e.add(gL).add(h);
                // (gL·E_L + g_e·E_e + g_i·E_i + I_ext) / g_tot, left to right (+0.0 when there is no current, as the reference adds)
                DoubleVector num = e.mul(eE).add(gLeL).add(h.mul(eI));
                num = external ? num.add(DoubleVector.fromArray(D, iExt, i)) : num.add(0.0);
                DoubleVector vInf = num.div(gTot);
                DoubleVector decay = VectorExp.exp(gTot.mul(negDtOverC));
                DoubleVector vi = vOld.sub(vInf).mul(decay).add(vInf);
                VectorMask<Double> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                DoubleVector reset = subtract ? vi.sub(jump) : DoubleVector.broadcast(D, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                VectorMask<Integer> fired = spike.cast(I);
                rd.blend(refSteps, fired).intoArray(ref, i);
                if (COMPRESS) { // see the class comment
                    if (room) IOTA.add(i).compress(fired).intoArray(spikes, count);
                    else IOTA.add(i).compress(fired).intoArray(spikes, count, fired.compress());
                    count += fired.trueCount();
                } else if (spike.anyTrue()) {
                    count = compact(spike.toLong(), i, spikes, count);
                }
            }
            return i < to ? tail.step(s, slot, i, to, spikes, count) : count;
        }
    }

    /**
     * {@code coba_lif} with {@code method: euler}: forward Euler for v, as {@link CobaLif#kernel} then computes
     * it, in the same order, so the state and spikes are the scalar backend's bit for bit (no {@code exp}, no
     * division). A class of its own rather than a flag in {@link CobaLifKernel}'s loop, so that each loop is
     * compiled for its one method.
     */
    static final class CobaEulerKernel extends CobaKernel {
        CobaEulerKernel(CobaLif m, double dt) {
            super(m, dt);
        }

        @Override
        public int step(PopulationState s, int slot, int from, int to, boolean external, int[] spikes, int count) {
            final double[] v = s.vars[0], ge = s.vars[1], gi = s.vars[2];
            final double[] inE = s.ring[0], inI = s.ring[1], iExt = s.iExt;
            final int[] ref = s.refractory;
            final DoubleVector zero = DoubleVector.zero(D);
            final int end = from + D.loopBound(to - from);
            final boolean room = count + (end - from) <= spikes.length;
            int i = from;
            for (; i < end; i += LANES) {
                DoubleVector e = DoubleVector.fromArray(D, ge, i).add(DoubleVector.fromArray(D, inE, slot + i));
                DoubleVector h = DoubleVector.fromArray(D, gi, i).add(DoubleVector.fromArray(D, inI, slot + i));
                zero.intoArray(inE, slot + i);
                zero.intoArray(inI, slot + i);
                e.mul(pe).intoArray(ge, i);
                h.mul(pi).intoArray(gi, i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Double> live = rd.compare(VectorOperators.LE, 0).cast(D);
                DoubleVector vOld = DoubleVector.fromArray(D, v, i);
                DoubleVector gTot = e.add(gL).add(h);
                // v + (dt/C)·((g_L·E_L + g_e·E_e + g_i·E_i + I_ext) − g_tot·v), left to right, as the reference
                DoubleVector num = e.mul(eE).add(gLeL).add(h.mul(eI));
                num = external ? num.add(DoubleVector.fromArray(D, iExt, i)) : num.add(0.0);
                DoubleVector vi = num.sub(gTot.mul(vOld)).mul(dtOverC).add(vOld);
                VectorMask<Double> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                DoubleVector reset = subtract ? vi.sub(jump) : DoubleVector.broadcast(D, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                VectorMask<Integer> fired = spike.cast(I);
                rd.blend(refSteps, fired).intoArray(ref, i);
                if (COMPRESS) {
                    if (room) IOTA.add(i).compress(fired).intoArray(spikes, count);
                    else IOTA.add(i).compress(fired).intoArray(spikes, count, fired.compress());
                    count += fired.trueCount();
                } else if (spike.anyTrue()) {
                    count = compact(spike.toLong(), i, spikes, count);
                }
            }
            return i < to ? tail.step(s, slot, i, to, spikes, count) : count;
        }
    }

    /** {@code if}: {@code v ← v + w + dt·I_ext/C_m}, as {@link IntegrateAndFire#kernel}. */
    static final class IfKernel implements VectorKernel {
        private final double gain, vTh, vReset, jump, driftRest;
        private final boolean subtract;
        private final int refSteps;
        private final NeuronKernel tail;

        IfKernel(IntegrateAndFire m, double dt) {
            gain = dt / m.cM();
            vTh = m.vTh();
            vReset = m.vReset();
            jump = vTh - vReset;
            driftRest = gain * 0.0;
            subtract = m.reset() == ResetMode.SUBTRACT;
            refSteps = m.refractorySteps(dt);
            tail = m.kernel(dt);
        }

        @Override
        public void prime(PopulationState s) {
            double j = Math.abs(jump) > 0 ? Math.abs(jump) : 1.0;
            spread(s, vReset - j, vTh + j, j * 0.5);
        }

        @Override
        public int step(PopulationState s, int slot, int from, int to, boolean external, int[] spikes, int count) {
            final double[] v = s.vars[0], in = s.ring[0], iExt = s.iExt;
            final int[] ref = s.refractory;
            final DoubleVector zero = DoubleVector.zero(D);
            final int end = from + D.loopBound(to - from);
            int i = from;
            for (; i < end; i += LANES) {
                DoubleVector w = DoubleVector.fromArray(D, in, slot + i);
                zero.intoArray(in, slot + i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Double> live = rd.compare(VectorOperators.LE, 0).cast(D);
                DoubleVector vOld = DoubleVector.fromArray(D, v, i);
                DoubleVector drift = external
                        ? DoubleVector.fromArray(D, iExt, i).mul(gain)
                        : DoubleVector.broadcast(D, driftRest);
                DoubleVector vi = vOld.add(w).add(drift);
                VectorMask<Double> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                DoubleVector reset = subtract ? vi.sub(jump) : DoubleVector.broadcast(D, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                rd.blend(refSteps, spike.cast(I)).intoArray(ref, i);
                if (spike.anyTrue()) count = compact(spike.toLong(), i, spikes, count);
            }
            return i < to ? tail.step(s, slot, i, to, spikes, count) : count;
        }
    }
}
