package org.spikeforge.simulations.har;

/**
 * Post-training quantisation of a weight tensor: each value becomes {@code s·round(w/s)} in a
 * {@link NumberFormat}, where the scale {@code s = max|w| / maxValue} is taken over the whole
 * tensor or over each output channel ({@link Granularity}), so that the largest magnitude maps onto
 * the format's largest value and nothing saturates.
 */
public final class Quantiser {
    private Quantiser() {}

    /**
     * A quantised tensor.
     *
     * @param values the stored values read back (dequantised), same order as the input
     * @param scales one scale per channel (length 1 for per-tensor)
     * @param format the format
     */
    public record Quantised(float[] values, double[] scales, NumberFormat format, Granularity granularity) {
        /** The scale that applies to element {@code i} given its channel. */
        public double scale(int channel) {
            return scales.length == 1 ? scales[0] : scales[channel];
        }
    }

    /**
     * Quantises {@code w}, whose element {@code i} belongs to output channel {@code channel[i]} in
     * {@code [0, channels)}; {@code channel} is only read for {@link Granularity#PER_CHANNEL}. A channel
     * whose weights are all zero gets scale 1.
     */
    public static Quantised quantise(float[] w, int[] channel, int channels, NumberFormat format, Granularity granularity) {
        if (format instanceof NumberFormat.Float32) {
            return new Quantised(w.clone(), new double[] {1}, format, Granularity.PER_TENSOR);
        }
        boolean perChannel = granularity == Granularity.PER_CHANNEL;
        if (perChannel && channel.length != w.length) {
            throw new IllegalArgumentException(w.length + " weights but " + channel.length + " channel indices");
        }
        double[] max = new double[perChannel ? channels : 1];
        for (int i = 0; i < w.length; i++) {
            int c = perChannel ? channel[i] : 0;
            max[c] = Math.max(max[c], Math.abs(w[i]));
        }
        double[] scales = new double[max.length];
        for (int c = 0; c < max.length; c++) scales[c] = max[c] > 0 ? max[c] / format.maxValue() : 1.0;
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            double s = scales[perChannel ? channel[i] : 0];
            out[i] = (float) (s * format.round(w[i] / s));
        }
        return new Quantised(out, scales, format, granularity);
    }
}
