package org.spikeforge.simulations.har;

import java.util.List;

/**
 * One continuous inertial recording as read from a file: sample times, one value per channel per
 * sample, and the activity label of each sample. Times need not be uniform, sorted or distinct;
 * {@link Resampling} deals with that.
 *
 * @param subject  subject id ("s01", "1600")
 * @param session  execution or segment id within the subject ("01", "A#3")
 * @param source   where it was read from (file name), for messages and window metadata
 * @param timesMs  sample times in ms
 * @param values   {@code values[c][k]}: channel {@code c} at sample {@code k}
 * @param labels   class index of each sample
 * @param channels channel names
 */
public record Recording(String subject, String session, String source, double[] timesMs, double[][] values, int[] labels,
                        List<String> channels) {

    public Recording {
        channels = List.copyOf(channels);
        if (values.length != channels.size()) {
            throw new IllegalArgumentException(source + ": " + values.length + " value columns for " + channels.size() + " channels");
        }
        for (double[] v : values) {
            if (v.length != timesMs.length) throw new IllegalArgumentException(source + ": a channel has " + v.length + " samples, times have " + timesMs.length);
        }
        if (labels.length != timesMs.length) throw new IllegalArgumentException(source + ": " + labels.length + " labels for " + timesMs.length + " samples");
    }

    public int samples() {
        return timesMs.length;
    }
}
