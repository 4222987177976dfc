package org.spikeforge.simulations.conversion;

import java.util.function.DoubleUnaryOperator;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.PopulationState;

/**
 * The steady-state firing rate of a neuron model against a constant input current, measured on
 * the model's own kernel (the engine's update, with its time step, reset and refractory
 * convention), in spikes per step. This is the "rate curve" that NEF-style population coding fits
 * decoders to (Eliasmith &amp; Anderson 2003): a pair of neurons driven by {@code b ± g·x} fires at
 * {@code r(b + g·x)} and {@code r(b − g·x)}, and {@code S·(r(b + g·x) − r(b − g·x))} is an odd
 * function of {@code x} that a choice of {@code b, g, S} fits to a target (the identity for a
 * linear population, tanh for the L2MU hidden state).
 *
 * <p>The curve is measured on a uniform grid of currents by running one neuron per grid point for
 * {@code warmup + steps} steps and counting the spikes of the last {@code steps}; between grid
 * points it is interpolated linearly, and outside the grid it is held at the end values.
 */
public final class RateCurve {
    private final double lo, step;
    private final double[] rate;

    private RateCurve(double lo, double step, double[] rate) {
        this.lo = lo;
        this.step = step;
        this.rate = rate;
    }

    /**
     * Measures {@code model}'s rate at {@code points} currents from {@code loPa} to {@code hiPa}.
     *
     * @param dtMs   the time step the model runs at
     * @param warmup steps discarded before counting (the first interspike interval from rest)
     * @param steps  steps counted; the rate resolution is {@code 1/steps}
     */
    public static RateCurve measure(NeuronModel model, double dtMs, double loPa, double hiPa, int points, int warmup, int steps) {
        if (points < 2 || !(hiPa > loPa)) throw new IllegalArgumentException("need at least 2 points on a non-empty current range");
        if (steps < 1 || warmup < 0) throw new IllegalArgumentException("steps must be >= 1 and warmup >= 0");
        NeuronKernel kernel = model.kernel(dtMs);
        PopulationState s = new PopulationState(points, model.stateVariables().size(), model.receptors().size(), 1);
        double[] rest = model.restingState();
        for (int k = 0; k < rest.length; k++) java.util.Arrays.fill(s.vars[k], rest[k]);
        double h = (hiPa - loPa) / (points - 1);
        for (int i = 0; i < points; i++) s.iExt[i] = loPa + i * h;
        int[] spikes = new int[points];
        long[] count = new long[points];
        for (int t = 0; t < warmup + steps; t++) {
            int c = kernel.step(s, 0, 0, points, spikes, 0);
            if (t >= warmup) for (int k = 0; k < c; k++) count[spikes[k]]++;
        }
        double[] rate = new double[points];
        for (int i = 0; i < points; i++) rate[i] = (double) count[i] / steps;
        return new RateCurve(loPa, h, rate);
    }

    /** The rate in spikes per step at current {@code pA}. */
    public double at(double pA) {
        double x = (pA - lo) / step;
        if (x <= 0) return rate[0];
        int i = (int) x;
        if (i >= rate.length - 1) return rate[rate.length - 1];
        double f = x - i;
        return rate[i] + f * (rate[i + 1] - rate[i]);
    }

    /** Highest current of the grid. */
    public double maxCurrent() {
        return lo + step * (rate.length - 1);
    }

    /** Spikes of the pair {@code (b + g·x, b − g·x)} over {@code window} steps: {@code window·(r(b+gx) − r(b−gx))}. */
    public double pairCount(double b, double g, double x, int window) {
        return window * (at(b + g * x) - at(b - g * x));
    }

    /**
     * The least-squares decoder {@code D} of a linear pair code: {@code D·pairCount(b, g, x)} ≈ x
     * for x uniform on {@code [−xMax, xMax]}.
     */
    public double linearDecoder(double b, double g, double xMax, int window) {
        double num = 0, den = 0;
        for (int k = -200; k <= 200; k++) {
            double x = xMax * k / 200.0;
            double f = pairCount(b, g, x, window);
            num += f * x;
            den += f * f;
        }
        if (!(den > 0)) throw new IllegalArgumentException("the pair code (bias " + b + ", gain " + g + ") does not fire on [−" + xMax + ", " + xMax + "]");
        return num / den;
    }

    /**
     * A fitted odd nonlinearity {@code f(x) ≈ scale·pairCount(bias, gain, x)}.
     *
     * @param rms weighted root-mean-square error of the fit on its grid
     */
    public record PairFit(double bias, double gain, double scale, double rms) {
        public double value(RateCurve curve, double x, int window) {
            return scale * curve.pairCount(bias, gain, x, window);
        }
    }

    /**
     * Fits {@code bias ≥ minBias}, {@code gain} and {@code scale} so that
     * {@code scale·pairCount(bias, gain, x)} ≈ {@code f(x)} in weighted least squares over the grid
     * {@code xs} (weights {@code ws}): a grid search over bias and gain (the scale has a closed
     * form), refined twice around the best point. Deterministic.
     */
    public PairFit fitOdd(DoubleUnaryOperator f, double[] xs, double[] ws, int window, double minBias, double maxBias) {
        double[] target = new double[xs.length];
        for (int i = 0; i < xs.length; i++) target[i] = f.applyAsDouble(xs[i]);
        double xMax = 0;
        for (double x : xs) xMax = Math.max(xMax, Math.abs(x));
        double gMin = 0.05, gMax = Math.max(gMin * 2, (maxCurrent() - minBias) / Math.max(xMax, 1e-9) * 4);
        double bestB = minBias, bestG = gMin, best = Double.POSITIVE_INFINITY;
        int nb = 120, ng = 160;
        double db = (maxBias - minBias) / nb;
        double lg = Math.log(gMax / gMin) / ng;
        for (int i = 0; i <= nb; i++) {
            double b = minBias + i * db;
            for (int j = 0; j <= ng; j++) {
                double g = gMin * Math.exp(j * lg);
                double l = loss(b, g, xs, ws, target, window)[0];
                if (l < best) { best = l; bestB = b; bestG = g; }
            }
        }
        double spanB = db, spanG = lg;
        for (int round = 0; round < 2; round++) {
            double cb = bestB, cg = bestG;
            for (int i = -10; i <= 10; i++) {
                double b = Math.max(minBias, Math.min(maxBias, cb + i * spanB / 10));
                for (int j = -10; j <= 10; j++) {
                    double g = cg * Math.exp(j * spanG / 10);
                    double l = loss(b, g, xs, ws, target, window)[0];
                    if (l < best) { best = l; bestB = b; bestG = g; }
                }
            }
            spanB /= 10;
            spanG /= 10;
        }
        double[] r = loss(bestB, bestG, xs, ws, target, window);
        return new PairFit(bestB, bestG, r[1], Math.sqrt(r[0]));
    }

    /** {weighted mean squared error, optimal scale}. */
    private double[] loss(double b, double g, double[] xs, double[] ws, double[] target, int window) {
        double fy = 0, ff = 0, wsum = 0;
        double[] fx = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            fx[i] = pairCount(b, g, xs[i], window);
            fy += ws[i] * fx[i] * target[i];
            ff += ws[i] * fx[i] * fx[i];
            wsum += ws[i];
        }
        double s = ff > 0 ? fy / ff : 0;
        double e = 0;
        for (int i = 0; i < xs.length; i++) {
            double d = s * fx[i] - target[i];
            e += ws[i] * d * d;
        }
        return new double[] {e / wsum, s};
    }
}
