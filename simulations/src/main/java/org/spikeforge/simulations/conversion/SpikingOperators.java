package org.spikeforge.simulations.conversion;

/**
 * Transformer components as spiking operators, after SpikeZIP-TF (You et al., ICML 2024,
 * "SpikeZIP-TF: Conversion is All You Need for Transformer-based SNN") and its spike-equivalent
 * operators: every signal {@code x} is carried by a train of per-step outputs {@code o_t} whose
 * cumulative sum {@code S_t} approaches {@code t·x}. A nonlinear operator is a neuron that keeps the
 * cumulative sums of its inputs and, each step, emits the change of {@code t·f(S_t/t)}:
 *
 * <pre>  o_t = t·f(S_t/t) − (t−1)·f(S_{t−1}/(t−1))   so that   Σ_{τ≤t} o_τ = t·f(S_t/t) → t·f(x).</pre>
 *
 * The spiking matmul of two spiking operands is built from the product of their cumulative counts,
 * {@code t·(S^A_t/t)(S^B_t/t) = S^A_t·S^B_t/t}. Outputs are graded (multi-level) spikes, as SpikeZIP-TF's
 * ST-BIF neurons emit. SiLU and GELU use BrainTransformers' idea (Tang et al. 2024) of multi-threshold
 * neurons: a sum of integrate-and-fire units with staggered thresholds that fits the function
 * piecewise-linearly ({@link MultiThreshold}).
 *
 * <p>All methods work on flat arrays so they can sit in the conversion executor's hot loop without
 * allocation; {@code prev} holds {@code (t−1)·f(S_{t−1}/(t−1))} between steps.
 */
public final class SpikingOperators {
    private SpikingOperators() {}

    /** A nonlinearity on a flat vector, {@code out ← f(in)} (may be called with {@code in == out}). */
    @FunctionalInterface
    public interface VectorFunction {
        void apply(double[] in, double[] out);
    }

    /**
     * One step of an expectation-compensating neuron group: given the cumulative input {@code s}
     * (= S_t) at step {@code t ≥ 1}, writes the output spike {@code o_t} to {@code out} and updates
     * {@code prev}. {@code scratch} has the length of {@code out}.
     */
    public static void step(VectorFunction f, double[] s, int t, double[] prev, double[] out, double[] scratch, double[] avgScratch) {
        for (int i = 0; i < s.length; i++) avgScratch[i] = s[i] / t;
        f.apply(avgScratch, scratch);
        for (int i = 0; i < out.length; i++) {
            double cum = t * scratch[i];
            out[i] = cum - prev[i];
            prev[i] = cum;
        }
    }

    /** Row-wise softmax over the last axis of length {@code n}. */
    public static VectorFunction softmax(int n) {
        return (in, out) -> {
            for (int r = 0; r < in.length; r += n) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, in[r + j]);
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    out[r + j] = Math.exp(in[r + j] - max);
                    sum += out[r + j];
                }
                for (int j = 0; j < n; j++) out[r + j] /= sum;
            }
        };
    }

    /** Row-wise LayerNorm over the last axis of length {@code n}, biased variance, affine γ, β. */
    public static VectorFunction layerNorm(int n, double eps, double[] gamma, double[] beta) {
        return (in, out) -> {
            for (int r = 0; r < in.length; r += n) {
                double mean = 0;
                for (int j = 0; j < n; j++) mean += in[r + j];
                mean /= n;
                double var = 0;
                for (int j = 0; j < n; j++) var += (in[r + j] - mean) * (in[r + j] - mean);
                var /= n;
                double inv = 1.0 / Math.sqrt(var + eps);
                for (int j = 0; j < n; j++) out[r + j] = (in[r + j] - mean) * inv * gamma[j] + beta[j];
            }
        };
    }

    /**
     * Spiking matmul of two spiking operands: {@code A} is (n, k), {@code B} is (k, m), both given
     * as cumulative sums at step {@code t}; the output spike is the change of {@code S^A·S^B/t}.
     */
    public static void matmulStep(double[] sa, double[] sb, int n, int k, int m, int t, double[] prev, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double acc = 0;
                for (int q = 0; q < k; q++) acc += sa[i * k + q] * sb[q * m + j];
                double cum = acc / t;
                out[i * m + j] = cum - prev[i * m + j];
                prev[i * m + j] = cum;
            }
        }
    }

    /** Integrate-and-fire units with reset by subtraction: the spiking form of ReLU, output {@code λ·s}. */
    public static void ifStep(double[] input, double lambda, double[] v, double[] out) {
        double inv = 1.0 / lambda;
        for (int i = 0; i < input.length; i++) {
            double u = v[i] + input[i] * inv;
            if (u > 1.0) {
                u -= 1.0;
                out[i] = lambda;
            } else {
                out[i] = 0.0;
            }
            v[i] = u;
        }
    }

    /**
     * A multi-threshold neuron for a smooth activation: {@code f(x) ≈ c + a₀·x + Σ_k a_k·relu(x − θ_k)},
     * a piecewise-linear fit on a grid of thresholds {@code θ_k}. In the spiking domain each
     * {@code relu(x − θ_k)} is one IF unit (with bias −θ_k) and the linear part passes through, so the
     * neuron emits graded spikes whose sum tracks {@code t·f(x)} up to the fit error and one threshold
     * quantum per unit.
     */
    public record MultiThreshold(String name, double offset, double slope, double[] thresholds, double[] gains) {

        /** Interpolating fit of {@code f} at knots {@code θ_0 < … < θ_K} on [lo, hi]; linear beyond. */
        public static MultiThreshold fit(String name, java.util.function.DoubleUnaryOperator f, double lo, double hi, int knots) {
            if (knots < 2 || !(hi > lo)) throw new IllegalArgumentException("need at least 2 knots on a non-empty range");
            double[] x = new double[knots];
            double[] y = new double[knots];
            for (int k = 0; k < knots; k++) {
                x[k] = lo + (hi - lo) * k / (knots - 1);
                y[k] = f.applyAsDouble(x[k]);
            }
            // Left of lo: the tail's slope (≈ 0 for SiLU/GELU); at each knot the slope changes.
            double leftSlope = (f.applyAsDouble(lo) - f.applyAsDouble(lo - 1.0));
            double[] slopes = new double[knots + 1];
            slopes[0] = leftSlope;
            for (int k = 0; k < knots - 1; k++) slopes[k + 1] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
            slopes[knots] = (f.applyAsDouble(hi + 1.0) - f.applyAsDouble(hi));
            double[] gains = new double[knots];
            for (int k = 0; k < knots; k++) gains[k] = slopes[k + 1] - slopes[k];
            double offset = y[0] - leftSlope * x[0];
            return new MultiThreshold(name, offset, leftSlope, x, gains);
        }

        /** The piecewise-linear function this neuron represents. */
        public double value(double v) {
            double r = offset + slope * v;
            for (int k = 0; k < thresholds.length; k++) if (v > thresholds[k]) r += gains[k] * (v - thresholds[k]);
            return r;
        }

        /** SiLU, x·σ(x). */
        public static double silu(double x) {
            return x / (1.0 + Math.exp(-x));
        }

        /** GELU, x·Φ(x), with Φ from the error function. */
        public static double gelu(double x) {
            return 0.5 * x * (1.0 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2.0)));
        }
    }

    /**
     * Runs a multi-threshold neuron on a constant input {@code x} for {@code T} steps: the linear part
     * and offset pass as currents, each {@code relu(x − θ_k)} term is an IF unit with threshold
     * {@code λ_k} (reset by subtraction). Returns the cumulative output over T (≈ T·f(x)).
     */
    public static double multiThresholdRun(MultiThreshold m, double x, int T, double lambda) {
        int K = m.thresholds().length;
        double[] v = new double[K];
        double cum = 0;
        for (int t = 1; t <= T; t++) {
            cum += m.offset() + m.slope() * x;
            for (int k = 0; k < K; k++) {
                double u = v[k] + (x - m.thresholds()[k]) / lambda;
                if (u > 1.0) {
                    u -= 1.0;
                    cum += m.gains()[k] * lambda;
                }
                v[k] = u;
            }
        }
        return cum;
    }
}
