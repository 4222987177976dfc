/*
 * Neuron update kernels of the gpu backend: one work-item per neuron, one step.
 *
 * Each kernel is a line-by-line transcription of its model's reference kernel in neurons/
 * (Lif, CubaLif, CobaLif, IntegrateAndFire, and NirSteps for the NIR neurons): the same operations
 * in the same order, with contraction into fused multiply-adds switched off, so that on the same
 * inputs the state is the same double, bit for bit. The propagators are computed once on the host
 * by the same Java code as the reference (org.spikeforge.neurons.Propagators, NirCoefficients) and
 * passed in c[]. Only coba_lif_step (exponential Euler) calls a transcendental function per step (exp), whose last bit may
 * differ from Java's Math.exp.
 *
 * Common signature (GpuNetwork sets the arguments in this order):
 *   vars        state variables, variable k of neuron i at vars[k*n + i] (v is variable 0)
 *   ring        delay ring buffers, receptor r, slot s, neuron i at ring[r*ringStride + s*n + i]
 *   iExt        injected current in pA during this step
 *   ref         steps left in the refractory period
 *   n           number of neurons
 *   ringStride  slots*n
 *   slot        offset of this step's slot, (step mod slots)*n
 *   c           the model's constants (order given above each kernel)
 *   refSteps    round(t_ref/dt)
 *   subtract    1: reset by subtraction, 0: reset to v_reset
 *   counters    counters[countIndex] counts this step's spikes
 *   spikes      indices of the spiking neurons, in no particular order (the host sorts them)
 *   lastSpike   step of each neuron's last spike (read by the exact delivery)
 *   step        this step
 *
 * Step semantics (NeuronKernel): the input of the step is read from its ring slot and the slot is
 * cleared; the state advances by dt; then v > v_th is tested. A neuron that spiked in step k is
 * clamped in steps k+1 .. k+R-1 (Brian2's refractory convention).
 */
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

#define NEURON_KERNEL_ARGS \
    __global double* vars, __global double* ring, __global const double* iExt, __global int* ref, \
    const int n, const long ringStride, const long slot, __global const double* c, \
    const int refSteps, const int subtract, __global int* counters, const int countIndex, \
    __global int* spikes, __global int* lastSpike, const int step

/* Java: if (ref[i] > 0 && --ref[i] > 0) continue; */
#define SKIP_IF_CLAMPED(i) { int r_ = ref[i]; if (r_ > 0) { r_--; ref[i] = r_; if (r_ > 0) return; } }

/* Threshold, reset and spike report; vth, vreset, jump are the model's constants. */
#define THRESHOLD_AND_RESET(i, vi, vth, vreset, jump) \
    if ((vi) > (vth)) { \
        (vi) = subtract ? (vi) - (jump) : (vreset); \
        ref[i] = refSteps; \
        spikes[atomic_inc(&counters[countIndex])] = (i); \
        lastSpike[i] = step; \
    }

/* lif. c: p = exp(-dt/tau_m), v_rest, r, v_th, v_reset, jump = v_th - v_reset */
__kernel void lif_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const double p = c[0], vRest = c[1], r = c[2], vTh = c[3], vReset = c[4], jump = c[5];
    __global double* v = vars;
    const double w = ring[slot + i];
    ring[slot + i] = 0.0;
    SKIP_IF_CLAMPED(i)
    const double vInf = vRest + r * iExt[i];
    double vi = vInf + (v[i] + w - vInf) * p;
    THRESHOLD_AND_RESET(i, vi, vTh, vReset, jump)
    v[i] = vi;
}

/* cuba_lif. c: p22, p11e, p11i, p21e, p21i, v_rest, r, v_th, v_reset, jump */
__kernel void cuba_lif_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const double p22 = c[0], p11e = c[1], p11i = c[2], p21e = c[3], p21i = c[4];
    const double vRest = c[5], r = c[6], vTh = c[7], vReset = c[8], jump = c[9];
    __global double* v = vars;
    __global double* ie = vars + n;
    __global double* ii = vars + 2 * (long) n;
    __global double* inE = ring;
    __global double* inI = ring + ringStride;
    const double e = ie[i] + inE[slot + i];
    const double h = ii[i] + inI[slot + i];
    inE[slot + i] = 0.0;
    inI[slot + i] = 0.0;
    ie[i] = e * p11e;
    ii[i] = h * p11i;
    SKIP_IF_CLAMPED(i)
    const double vInf = vRest + r * iExt[i];
    double vi = vInf + (v[i] - vInf) * p22 + p21e * e + p21i * h;
    THRESHOLD_AND_RESET(i, vi, vTh, vReset, jump)
    v[i] = vi;
}

/* coba_lif. c: pe, pi, g_L, g_L*E_L, E_e, E_i, dt/C_m, v_th, v_reset, jump, euler (1: method euler, forward
   Euler for v, no exp; 0: exponential Euler) */
__kernel void coba_lif_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const double pe = c[0], pi = c[1], gL = c[2], gLeL = c[3], eE = c[4], eI = c[5], dtOverC = c[6];
    const double vTh = c[7], vReset = c[8], jump = c[9];
    __global double* v = vars;
    __global double* ge = vars + n;
    __global double* gi = vars + 2 * (long) n;
    __global double* inE = ring;
    __global double* inI = ring + ringStride;
    const double e = ge[i] + inE[slot + i];
    const double h = gi[i] + inI[slot + i];
    inE[slot + i] = 0.0;
    inI[slot + i] = 0.0;
    ge[i] = e * pe;
    gi[i] = h * pi;
    SKIP_IF_CLAMPED(i)
    const double gTot = gL + e + h;
    double vi;
    if (c[10] != 0.0) {
        vi = v[i] + dtOverC * (gLeL + e * eE + h * eI + iExt[i] - gTot * v[i]);
    } else {
        const double vInf = (gLeL + e * eE + h * eI + iExt[i]) / gTot;
        vi = vInf + (v[i] - vInf) * exp(-dtOverC * gTot);
    }
    THRESHOLD_AND_RESET(i, vi, vTh, vReset, jump)
    v[i] = vi;
}

/* if. c: gain = dt/C_m, v_th, v_reset, jump */
__kernel void if_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const double gain = c[0], vTh = c[1], vReset = c[2], jump = c[3];
    __global double* v = vars;
    const double w = ring[slot + i];
    ring[slot + i] = 0.0;
    SKIP_IF_CLAMPED(i)
    double vi = v[i] + w + gain * iExt[i];
    THRESHOLD_AND_RESET(i, vi, vTh, vReset, jump)
    v[i] = vi;
}

/*
 * NIR neurons (org.spikeforge.neurons.nir): transcriptions of NirSteps. The constants hold a
 * header, then one block per coefficient: c[0] = m, the number of neurons the parameters describe
 * (1 when shared by all, else n), c[1] = 1 for snnTorch's delayed reset, and block j at
 * c[2 + j*m]; neuron i reads entry k = (m == 1 ? 0 : i) of each block. The input of the step is
 * x = ring + iExt. State: v (at the threshold test, before its reset), then i for the Cuba
 * variants, then spk (the last step's spike, 0 or 1) for the spiking ones.
 */
#define NIR_HEADER \
    const long m = (long) c[0]; \
    const int delayed = c[1] != 0.0; \
    const long k = m == 1 ? 0 : i; \
    __global const double* blk = c + 2;

/* Threshold test of a spiking NIR neuron: store v, report the spike, remember it for the next step. */
#define NIR_SPIKE(i, vn, vth) \
    v[i] = (vn); \
    if ((vn) > (vth)) { \
        spk[i] = 1.0; \
        spikes[atomic_inc(&counters[countIndex])] = (i); \
        lastSpike[i] = step; \
    } else { \
        spk[i] = 0.0; \
    }

/* nir_lif, nir_if. Blocks: aM, cM*v_leak, kX, v_th, v_reset, jump = v_th - v_reset */
__kernel void nir_lif_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    NIR_HEADER
    const double aM = blk[k], cMvL = blk[m + k], kX = blk[2 * m + k];
    const double vTh = blk[3 * m + k], vReset = blk[4 * m + k], jump = blk[5 * m + k];
    __global double* v = vars;
    __global double* spk = vars + n;
    const double x = ring[slot + i] + iExt[i];
    ring[slot + i] = 0.0;
    const int reset = spk[i] != 0.0;
    double vi = v[i];
    if (reset && !delayed) vi = subtract ? vi - jump : vReset;
    double vn = aM * vi + cMvL + kX * x;
    if (reset && delayed) vn = subtract ? vn - jump : vReset;
    NIR_SPIKE(i, vn, vTh)
}

/* nir_cuba_lif. Blocks: aM, cM*v_leak, kX, v_th, v_reset, jump, kI, aS, gS */
__kernel void nir_cuba_lif_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    NIR_HEADER
    const double aM = blk[k], cMvL = blk[m + k], kX = blk[2 * m + k];
    const double vTh = blk[3 * m + k], vReset = blk[4 * m + k], jump = blk[5 * m + k];
    const double kI = blk[6 * m + k], aS = blk[7 * m + k], gS = blk[8 * m + k];
    __global double* v = vars;
    __global double* cur = vars + n;
    __global double* spk = vars + 2 * (long) n;
    const double x = ring[slot + i] + iExt[i];
    ring[slot + i] = 0.0;
    const int reset = spk[i] != 0.0;
    double vi = v[i];
    if (reset && !delayed) vi = subtract ? vi - jump : vReset;
    double vn = aM * vi + cMvL + kX * x;
    const double old = cur[i];
    vn += kI * old;
    cur[i] = aS * old + gS * x;
    if (reset && delayed) vn = subtract ? vn - jump : vReset;
    NIR_SPIKE(i, vn, vTh)
}

/* nir_li, nir_i. Blocks: aM, cM*v_leak, kX */
__kernel void nir_li_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    NIR_HEADER
    const double aM = blk[k], cMvL = blk[m + k], kX = blk[2 * m + k];
    __global double* v = vars;
    const double x = ring[slot + i] + iExt[i];
    ring[slot + i] = 0.0;
    v[i] = aM * v[i] + cMvL + kX * x;
}

/* nir_cuba_li. Blocks: aM, cM*v_leak, kX, kI, aS, gS */
__kernel void nir_cuba_li_step(NEURON_KERNEL_ARGS) {
    const int i = get_global_id(0);
    if (i >= n) return;
    NIR_HEADER
    const double aM = blk[k], cMvL = blk[m + k], kX = blk[2 * m + k];
    const double kI = blk[3 * m + k], aS = blk[4 * m + k], gS = blk[5 * m + k];
    __global double* v = vars;
    __global double* cur = vars + n;
    const double x = ring[slot + i] + iExt[i];
    ring[slot + i] = 0.0;
    double vn = aM * v[i] + cMvL + kX * x;
    const double old = cur[i];
    vn += kI * old;
    cur[i] = aS * old + gS * x;
    v[i] = vn;
}
