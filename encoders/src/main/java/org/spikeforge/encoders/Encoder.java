package org.spikeforge.encoders;

/**
 * Turns values into spikes, currents or events. Encoders are immutable parameter records;
 * those that draw random numbers take a seed, so the same input and seed give the same output.
 * Each implementation documents the input shape it expects: a static feature array (any shape,
 * encoded over {@code num_steps}) or a time series (first axis is time).
 */
public interface Encoder {

    Encoding encode(NdArray input);
}
