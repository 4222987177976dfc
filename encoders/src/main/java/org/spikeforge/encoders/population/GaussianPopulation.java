package org.spikeforge.encoders.population;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Population code with Gaussian receptive fields (Bohte, Kok and La Poutré, "Error-backpropagation in
 * temporally encoded networks of spiking neurons", Neurocomputing 48, 2002, §3.2): each value
 * {@code x ∈ [min, max]} is seen by {@code m} neurons with centres and width
 *
 * <pre>  μ_i = min + (2i − 3)/2 · (max − min)/(m − 2),   i = 1 … m
 *   σ   = (max − min) / (β · (m − 2))</pre>
 *
 * (so the first and last centres lie half a spacing outside the range). Neuron {@code i} responds
 * with {@code a_i = exp(−(x − μ_i)² / (2σ²))} and fires once, at step
 * {@code round((1 − a_i) · (num_steps − 1))}: strongly excited neurons fire first. Neurons whose
 * response is below {@code min_response} stay silent, as in Bohte et al.
 *
 * <p>{@link #decode} inverts the code by least squares: it finds the {@code x} whose responses best
 * match the responses read from the spike times ({@code â_i = 1 − step_i/(num_steps − 1)}), with
 * silent neurons asking that {@code a_i(x) <= min_response}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>neurons</td><td>1</td><td>10</td><td>{@code m} >= 3 neurons per value</td></tr>
 *   <tr><td>min</td><td>input units</td><td>0</td><td>lower end of the value range</td></tr>
 *   <tr><td>max</td><td>input units</td><td>1</td><td>upper end of the value range</td></tr>
 *   <tr><td>beta</td><td>1</td><td>1.5</td><td>β, width factor (Bohte: 1.5)</td></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>spike window; response 1 fires at step 0</td></tr>
 *   <tr><td>min_response</td><td>1</td><td>0.1</td><td>responses below this do not fire</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 * </table>
 *
 * Input: any shape {@code S}; output: a train of shape {@code (num_steps, S..., m)}.
 */
public record GaussianPopulation(int neurons, double min, double max, double beta, int numSteps, double minResponse, double dtMs)
        implements Encoder {

    public GaussianPopulation {
        Checks.atLeast("neurons", neurons, 3);
        Checks.finite("min", min);
        Checks.finite("max", max);
        if (!(max > min)) throw new IllegalArgumentException("max (" + max + ") must be greater than min (" + min + ")");
        Checks.positive("beta", beta, "");
        Checks.atLeast("num_steps", numSteps, 2);
        if (!(minResponse >= 0 && minResponse < 1)) throw new IllegalArgumentException("min_response must be in [0, 1), was " + minResponse);
        Checks.positive("dt", dtMs, "ms");
    }

    /** Centre of neuron {@code i} (0-based). */
    public double centre(int i) {
        return min + (2 * (i + 1) - 3) / 2.0 * (max - min) / (neurons - 2);
    }

    public double sigma() {
        return (max - min) / (beta * (neurons - 2));
    }

    /** Response of neuron {@code i} to {@code x}. */
    public double response(int i, double x) {
        double z = (x - centre(i)) / sigma();
        return Math.exp(-0.5 * z * z);
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        Checks.valuesIn("gaussian_population", input, min, max);
        double[] x = input.data();
        int[] shape = input.shape();
        int[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = neurons;
        SpikeTrain.Builder b = new SpikeTrain.Builder(outShape, false, numSteps, dtMs);
        for (int v = 0; v < x.length; v++) {
            for (int i = 0; i < neurons; i++) {
                double a = response(i, x[v]);
                if (a < minResponse) continue;
                b.add((int) Math.rint((1 - a) * (numSteps - 1)), v * neurons + i);
            }
        }
        return b.build();
    }

    /**
     * Decodes a raster {@code (steps, S..., m)} to values {@code (S...)}: for each value, the
     * {@code x ∈ [min, max]} minimising {@code Σ_fired (â_i − a_i(x))² + Σ_silent max(0, a_i(x) − min_response)²},
     * found on a grid of 40 points per centre spacing and refined by golden-section search.
     * A value whose neurons are all silent decodes to NaN.
     */
    public NdArray decode(NdArray raster) {
        if (raster.rank() < 2 || raster.dim(raster.rank() - 1) != neurons) {
            throw new IllegalArgumentException("gaussian_population decoder: expected a raster (steps, ..., " + neurons + "), got shape "
                    + java.util.Arrays.toString(raster.shape()));
        }
        int steps = raster.dim(0);
        int n = raster.sliceSize();
        int values = n / neurons;
        double[] d = raster.data();
        double[] out = new double[values];
        double[] a = new double[neurons];
        for (int v = 0; v < values; v++) {
            boolean any = false;
            for (int i = 0; i < neurons; i++) {
                a[i] = Double.NaN; // silent
                for (int s = 0; s < steps; s++) {
                    if (d[s * n + v * neurons + i] != 0) {
                        a[i] = 1 - s / (double) (numSteps - 1);
                        any = true;
                        break;
                    }
                }
            }
            out[v] = any ? fit(a) : Double.NaN;
        }
        int[] shape = raster.sliceShape();
        return new NdArray(out, java.util.Arrays.copyOf(shape, shape.length - 1));
    }

    private double cost(double[] a, double x) {
        double c = 0;
        for (int i = 0; i < neurons; i++) {
            double r = response(i, x);
            double e = Double.isNaN(a[i]) ? Math.max(0, r - minResponse) : a[i] - r;
            c += e * e;
        }
        return c;
    }

    private double fit(double[] a) {
        int grid = 40 * (neurons - 2) + 1;
        double h = (max - min) / (grid - 1);
        double best = min;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int g = 0; g < grid; g++) {
            double x = min + g * h;
            double c = cost(a, x);
            if (c < bestCost) {
                bestCost = c;
                best = x;
            }
        }
        double lo = Math.max(min, best - h), hi = Math.min(max, best + h);
        double phi = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
        double c1 = cost(a, x1), c2 = cost(a, x2);
        for (int it = 0; it < 60 && hi - lo > 1e-12 * (max - min); it++) {
            if (c1 <= c2) {
                hi = x2; x2 = x1; c2 = c1;
                x1 = hi - phi * (hi - lo); c1 = cost(a, x1);
            } else {
                lo = x1; x1 = x2; c1 = c2;
                x2 = lo + phi * (hi - lo); c2 = cost(a, x2);
            }
        }
        return 0.5 * (lo + hi);
    }
}
