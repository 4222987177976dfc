package org.spikeforge.hardware.cpu;

import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.synapses.CscIndex;
import org.spikeforge.synapses.device.DeviceArray;
import org.spikeforge.synapses.plasticity.PairStdp;
import org.spikeforge.synapses.plasticity.TripletStdp;

/**
 * The learning phase of one projection with a long-term rule, on the CPU: per-neuron traces, the
 * column index for postsynaptic updates, and, for device-backed synapses, the device array.
 *
 * <p>Each step: every trace decays by its {@code e^{−dt/τ}}; then the rule's presynaptic update
 * runs on the step's source spikes and its postsynaptic update on the step's target spikes (the
 * static methods of {@link PairStdp} / {@link TripletStdp}). With ideal synapses the rule writes
 * the live weights directly. With a device, the rule writes a shadow copy (the weights the rule
 * asks for); then every synapse the step touched is moved towards its requested value by the
 * device ({@link DeviceArray#update}: pulses, nonlinearity, noise, bounds, faults), and both
 * copies take the device's read-out. Nothing is allocated after construction.
 */
final class ProjectionLearning {
    private final int sourceNode, target;
    private final int[] rowStart, targets;
    private final int[] colStart, colSynapse, colSource;
    private final float[] w;
    private final float[] ruleWeights;
    private final PairStdp pair;
    private final boolean restricted;
    private final TripletStdp triplet;
    private final double[] pre1, pre2, post1, post2;
    private final long[] lastPre, lastPost; // last spike steps, for restricted nearest-spike pairing only
    private final double decayPre1, decayPre2, decayPost1, decayPost2;
    private final DeviceArray devices;
    private final double scale;
    long updates;

    ProjectionLearning(NetworkGraph.Projection pr, NetworkGraph.Plasticity pl, int sourceSize, int targetSize, double dt) {
        this.sourceNode = pr.sourceNode();
        this.target = pr.target();
        this.rowStart = pr.connectivity().rowStart();
        this.targets = pr.connectivity().targets();
        CscIndex csc = CscIndex.of(pr.connectivity());
        this.colStart = csc.colStart();
        this.colSynapse = csc.synapse();
        this.colSource = csc.source();
        this.w = pr.weights();
        switch (pl.rule()) {
            case PairStdp p -> {
                pair = p;
                triplet = null;
                pre1 = new double[sourceSize];
                post1 = new double[targetSize];
                pre2 = post2 = null;
                decayPre1 = Math.exp(-dt / p.tauPlusMs());
                decayPost1 = Math.exp(-dt / p.tauMinusMs());
                decayPre2 = decayPost2 = 1.0;
                restricted = p.pairing() == PairStdp.Pairing.RESTRICTED_NEAREST;
            }
            case TripletStdp t -> {
                pair = null;
                triplet = t;
                pre1 = new double[sourceSize];
                pre2 = new double[sourceSize];
                post1 = new double[targetSize];
                post2 = new double[targetSize];
                decayPre1 = Math.exp(-dt / t.tauPlusMs());
                decayPre2 = Math.exp(-dt / t.tauXMs());
                decayPost1 = Math.exp(-dt / t.tauMinusMs());
                decayPost2 = Math.exp(-dt / t.tauYMs());
                restricted = false;
            }
            default -> throw new IllegalArgumentException("projection " + pr.name() + ": rule "
                    + pl.rule().kind() + " is not a long-term rule");
        }
        lastPre = restricted ? filled(sourceSize) : null;
        lastPost = restricted ? filled(targetSize) : null;
        NetworkGraph.DeviceBinding binding = pl.device();
        if (binding == null) {
            devices = null;
            scale = 1.0;
            ruleWeights = w;
        } else {
            scale = binding.weightScale();
            devices = new DeviceArray(binding.device(), w.length, RandomSource.XO_RO_SHI_RO_128_PP.create(binding.seed()));
            for (int j = 0; j < w.length; j++) w[j] = (float) (devices.program(j, w[j] / scale) * scale);
            ruleWeights = w.clone();
        }
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, Long.MIN_VALUE);
        return a;
    }

    int target() { return target; }
    int sourceNode() { return sourceNode; }
    DeviceArray devices() { return devices; }

    /** Clears the spike traces (a new trial); the weights keep what was learned. */
    void clearTraces() {
        for (double[] tr : new double[][] {pre1, pre2, post1, post2}) if (tr != null) java.util.Arrays.fill(tr, 0.0);
    }

    /** Learning in step {@code step} on its source spikes {@code pre[0..nPre)} and target spikes {@code post[0..nPost)}. */
    void learn(long step, int[] pre, int nPre, int[] post, int nPost) {
        PairStdp.decay(pre1, decayPre1);
        PairStdp.decay(post1, decayPost1);
        if (triplet != null) {
            PairStdp.decay(pre2, decayPre2);
            PairStdp.decay(post2, decayPost2);
        }
        if (nPre == 0 && nPost == 0) return;
        if (pair != null) {
            pair.onPre(pre, nPre, rowStart, targets, ruleWeights, pre1, post1, lastPre, lastPost, step);
            pair.onPost(post, nPost, colStart, colSynapse, colSource, ruleWeights, pre1, post1, lastPre, lastPost, step);
        } else {
            triplet.onPre(pre, nPre, rowStart, targets, ruleWeights, pre1, pre2, post1);
            triplet.onPost(post, nPost, colStart, colSynapse, colSource, ruleWeights, pre1, post1, post2);
        }
        long touched = 0;
        for (int k = 0; k < nPre; k++) touched += rowStart[pre[k] + 1] - rowStart[pre[k]];
        for (int k = 0; k < nPost; k++) touched += colStart[post[k] + 1] - colStart[post[k]];
        updates += touched;
        if (devices == null) return;
        for (int k = 0; k < nPre; k++) {
            for (int j = rowStart[pre[k]], end = rowStart[pre[k] + 1]; j < end; j++) writeDevice(j);
        }
        for (int k = 0; k < nPost; k++) {
            for (int c = colStart[post[k]], end = colStart[post[k] + 1]; c < end; c++) writeDevice(colSynapse[c]);
        }
    }

    /** Moves device j towards the rule's requested weight; a synapse touched twice moves once. */
    private void writeDevice(int j) {
        final double delta = ((double) ruleWeights[j] - w[j]) / scale;
        if (delta == 0) return;
        final float v = (float) (devices.update(j, delta) * scale);
        w[j] = v;
        ruleWeights[j] = v;
    }
}
