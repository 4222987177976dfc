package org.spikeforge.simulations.har;

/** Whether a tensor shares one quantisation scale or has one per output channel. */
public enum Granularity {
    /** One scale per tensor. */
    PER_TENSOR,
    /** One scale per output channel (postsynaptic neuron, or class of a readout). */
    PER_CHANNEL;

    public String label() {
        return this == PER_TENSOR ? "per-tensor" : "per-channel";
    }
}
