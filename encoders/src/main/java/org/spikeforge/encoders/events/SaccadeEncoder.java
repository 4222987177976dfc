package org.spikeforge.encoders.events;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;

/**
 * Turns one still image (height, width) into an N-MNIST-like event stream with
 * {@link DvsEmulator#saccade}.
 *
 * @param sensor      the emulated sensor
 * @param amplitudePx size of the triangular saccade path, in pixels (default 6)
 * @param saccadeMs   duration of each of the three saccades, in ms (default 100)
 */
public record SaccadeEncoder(DvsEmulator sensor, double amplitudePx, double saccadeMs) implements Encoder {

    public SaccadeEncoder {
        Checks.positive("saccade_amplitude", amplitudePx, "px");
        Checks.positive("saccade_ms", saccadeMs, "ms");
    }

    @Override
    public EventStream encode(NdArray image) {
        return sensor.saccade(image, amplitudePx, saccadeMs);
    }
}
