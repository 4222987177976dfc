/*
 * Neuron update kernels of the gpu backend: one work-item per neuron, one step.
 *
 * Each kernel is a line-by-line transcription of its model's reference kernel in neurons/
 * (Lif, CubaLif, CobaLif, IntegrateAndFire): the same operations in the same order, with
 * contraction into fused multiply-adds switched off, so that on the same inputs the state is the
 * same double, bit for bit. The propagators are computed once on the host by the same Java code as
 * the reference (org.spikeforge.neurons.Propagators) and passed in c[]. Only coba_lif calls a
 * transcendental function per step (exp), whose last bit may differ from Java's Math.exp.
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

/* coba_lif. c: pe, pi, g_L, g_L*E_L, E_e, E_i, dt/C_m, v_th, v_reset, jump */
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
    const double vInf = (gLeL + e * eE + h * eI + iExt[i]) / gTot;
    double vi = vInf + (v[i] - vInf) * exp(-dtOverC * gTot);
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
