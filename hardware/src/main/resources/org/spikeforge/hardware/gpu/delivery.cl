/*
 * Spike delivery and transfer kernels of the gpu backend.
 *
 * Two ways to add this step's spikes into the targets' delay ring buffers:
 *
 *  - deliver_atomic (event-driven, the default): one work-group per spike, its work-items stride
 *    over the spike's CSR row and add the weights with a double atomic add built on 64-bit
 *    compare-and-swap. Work grows with spikes x fan-out. Concurrent additions to one target land
 *    in an unspecified order, so its floating-point sum may differ from the reference in the last
 *    bits (unless every partial sum is exact, e.g. dyadic weights).
 *
 *  - deliver_gather (exact): one work-item per target walks the target's incoming synapses in
 *    ascending source order (a CSC copy of the projection) and adds the weight of every synapse
 *    whose source spiked in this step. That is the reference's order of additions for that target,
 *    so the sums are the reference's, bit for bit. Work grows with the projection's synapses, not
 *    with the spikes.
 */
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF

#ifdef SPIKEFORGE_INT64_ATOMICS
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable

/* *p += x, atomically: retry the 64-bit compare-and-swap until no other work-item intervened. */
inline void atomic_add_double(volatile __global double* p, const double x) {
    union { ulong u; double d; } expected, next, seen;
    seen.d = *p;
    do {
        expected.u = seen.u;
        next.d = expected.d + x;
        seen.u = atom_cmpxchg((volatile __global ulong*) p, expected.u, next.u);
    } while (seen.u != expected.u);
}

/*
 * Group k delivers spike k of the source node: synapses rowStart[s] .. rowStart[s+1] of source s.
 * counters[eventIndex] counts the synaptic events.
 */
__kernel void deliver_atomic(__global const int* spikes, const int nSpikes,
                             __global const int* rowStart, __global const int* targets,
                             __global const float* weights, const int sharedWeight,
                             __global double* ring, const long slot,
                             __global int* counters, const int eventIndex) {
    const int k = get_group_id(0);
    if (k >= nSpikes) return;
    const int s = spikes[k];
    const int start = rowStart[s];
    const int end = rowStart[s + 1];
    const int stride = get_local_size(0);
    if (get_local_id(0) == 0) atomic_add(&counters[eventIndex], end - start);
    for (int j = start + get_local_id(0); j < end; j += stride) {
        const double w = (double) (sharedWeight ? weights[0] : weights[j]);
        atomic_add_double(&ring[slot + targets[j]], w);
    }
}
#endif

/*
 * Target i adds, in ascending source order, the weights of its incoming synapses
 * colStart[i] .. colStart[i+1] whose source spiked in this step (lastSpike == step).
 */
__kernel void deliver_gather(__global const int* colStart, __global const int* colSource,
                             __global const float* colWeight, const int sharedWeight,
                             __global const int* lastSpike, const int step,
                             __global double* ring, const long slot, const int n,
                             __global int* counters, const int eventIndex) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const int start = colStart[i];
    const int end = colStart[i + 1];
    double acc = ring[slot + i];
    int events = 0;
    for (int k = start; k < end; k++) {
        if (lastSpike[colSource[k]] == step) {
            acc = acc + (double) (sharedWeight ? colWeight[0] : colWeight[k]);
            events++;
        }
    }
    if (events > 0) {
        ring[slot + i] = acc;
        atomic_add(&counters[eventIndex], events);
    }
}

/* Marks the spikes of an input source for deliver_gather: lastSpike[spikes[k]] = step. */
__kernel void stamp_spikes(__global const int* spikes, const int nSpikes, __global int* lastSpike, const int step) {
    const int k = get_global_id(0);
    if (k < nSpikes) lastSpike[spikes[k]] = step;
}

/* dst[k] = src[offset + index[k]]: the probed neurons' values, so only they cross the bus. */
__kernel void gather_state(__global const double* src, const long offset, __global const int* index,
                           const int n, __global double* dst) {
    const int k = get_global_id(0);
    if (k < n) dst[k] = src[offset + index[k]];
}
