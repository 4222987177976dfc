package org.spikeforge.encoders;

/**
 * The output of an {@link Encoder}: spikes ({@link SpikeTrain}), currents ({@link CurrentRaster})
 * or camera events ({@link org.spikeforge.encoders.events.EventStream}). Each can be written as
 * a dense array and each can feed the engine: a spike train through {@link SpikeTrain#toSource()},
 * currents through {@link CurrentRaster#toCurrentSources()}, events through
 * {@code EventStream.toSpikeTrain(dt).toSource()}.
 */
public interface Encoding {

    /** The encoding as a dense array, time first; see each implementation for its layout. */
    NdArray toArray();
}
