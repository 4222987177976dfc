package org.spikeforge.encoders.decoders;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Decoder;
import org.spikeforge.encoders.NdArray;

/**
 * Population-vector readout (Georgopoulos, Schwartz and Kettner, Science 233, 1986): neurons
 * {@code i = 0 … m−1} along the last axis have preferred values {@code μ_i}; the estimate is the
 * activity-weighted mean of those preferences, activity being each neuron's spike count over the
 * raster.
 *
 * <ul>
 *   <li>linear: {@code μ_i = min + i · (max − min)/(m − 1)}, {@code x̂ = Σ n_i μ_i / Σ n_i};</li>
 *   <li>circular: preferred angles {@code θ_i = 2π i / m}, {@code x̂ = atan2(Σ n_i sin θ_i, Σ n_i cos θ_i)}
 *       mapped onto {@code [min, max)} (one turn); with {@code min = 0, max = 2π} the result is a
 *       direction in radians.</li>
 * </ul>
 *
 * Input: raster {@code (steps, S..., m)}; output {@code (S...)}; NaN where no neuron spiked.
 */
public record PopulationVector(double min, double max, boolean circular) implements Decoder {

    public PopulationVector {
        Checks.finite("min", min);
        Checks.finite("max", max);
        if (!(max > min)) throw new IllegalArgumentException("max (" + max + ") must be greater than min (" + min + ")");
    }

    /** Preferred value of neuron {@code i} of {@code m}. */
    public double preferred(int i, int m) {
        return circular ? min + (max - min) * i / m : min + (max - min) * i / (m - 1);
    }

    @Override
    public NdArray decode(NdArray raster) {
        if (raster.rank() < 2) throw new IllegalArgumentException("population_vector: expected a raster (steps, ..., neurons), got rank " + raster.rank());
        int m = raster.dim(raster.rank() - 1);
        if (m < 2) throw new IllegalArgumentException("population_vector: needs at least 2 neurons on the last axis, got " + m);
        NdArray counts = new SpikeCount(Window.ALL).decode(raster);
        double[] c = counts.data();
        int values = c.length / m;
        double[] out = new double[values];
        for (int v = 0; v < values; v++) {
            double sum = 0, a = 0, b = 0;
            for (int i = 0; i < m; i++) {
                double w = c[v * m + i];
                sum += w;
                if (circular) {
                    double th = 2 * Math.PI * i / m;
                    a += w * Math.sin(th);
                    b += w * Math.cos(th);
                } else {
                    a += w * preferred(i, m);
                }
            }
            if (sum == 0) {
                out[v] = Double.NaN;
            } else if (circular) {
                double turn = Math.atan2(a, b) / (2 * Math.PI);
                if (turn < 0) turn += 1;
                out[v] = min + (max - min) * turn;
            } else {
                out[v] = a / sum;
            }
        }
        int[] shape = counts.shape();
        return new NdArray(out, java.util.Arrays.copyOf(shape, shape.length - 1));
    }
}
