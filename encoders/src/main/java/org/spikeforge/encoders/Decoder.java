package org.spikeforge.encoders;

/**
 * Turns spikes (or membrane traces) back into values. Input arrays are time first:
 * {@code (steps, ...)}; each implementation documents its output shape.
 */
public interface Decoder {

    NdArray decode(NdArray input);
}
