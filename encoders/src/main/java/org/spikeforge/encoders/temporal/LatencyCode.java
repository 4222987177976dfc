package org.spikeforge.encoders.temporal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Latency (time-to-first-spike) code: each feature {@code x ∈ [0, 1]} spikes once, earlier for
 * larger values. Follows snnTorch's {@code spikegen.latency} (v0.9.4), with times {@code t} in steps
 * and {@code f = first_spike_time}:
 *
 * <ul>
 *   <li><b>logarithmic</b> (default): {@code x ← max(x, θ + ε)}, {@code t = τ · ln(x / (x − θ)) + f}
 *       (the time an RC circuit charged by {@code x} takes to reach θ). With {@code normalize},
 *       {@code t ← (t − f) · (num_steps − f − 1) / max(t − f) + f}, the maximum over the whole input.</li>
 *   <li><b>linear</b>: with {@code normalize}, {@code τ = num_steps − 1 − f}; then
 *       {@code t = min(−τ · (x − 1), −τ · (θ − 1)) + f}.</li>
 * </ul>
 *
 * The spike falls in step {@code round(t)} (half to even, as {@code torch.round}). A spike later than
 * {@code num_steps − 1} is an error naming the step it needs, unless {@code bypass} is set, which
 * drops it. With {@code clip}, features below θ do not spike; without it, they spike at the time of
 * {@code θ + ε}.
 *
 * <p><b>snnTorch mode</b> ({@code snntorch = true}, the default) evaluates these formulas in float32,
 * operation by operation as PyTorch does on float32 tensors, so that the step of every spike equals
 * snnTorch's, ties included. With {@code snntorch = false} they are evaluated in double precision and
 * each spike keeps its exact time {@code t · dt} (for event-driven runs), falling in step
 * {@code floor(t)} — the step whose interval contains it.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>length of the train</td></tr>
 *   <tr><td>tau</td><td>steps</td><td>1</td><td>RC time constant (log) or slope (linear)</td></tr>
 *   <tr><td>threshold</td><td>1</td><td>0.01</td><td>θ, in (0, 1)</td></tr>
 *   <tr><td>epsilon</td><td>1</td><td>1e-7</td><td>ε keeping the log finite</td></tr>
 *   <tr><td>first_spike_time</td><td>steps</td><td>0</td><td>earliest spike step</td></tr>
 *   <tr><td>linear</td><td></td><td>false</td><td>linear instead of logarithmic</td></tr>
 *   <tr><td>normalize</td><td></td><td>false</td><td>stretch times to fill num_steps</td></tr>
 *   <tr><td>clip</td><td></td><td>false</td><td>silence features below θ</td></tr>
 *   <tr><td>bypass</td><td></td><td>false</td><td>drop spikes past num_steps instead of failing</td></tr>
 *   <tr><td>snntorch</td><td></td><td>true</td><td>float32 arithmetic, round-half-even steps</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 * </table>
 */
public record LatencyCode(int numSteps, double tau, double threshold, double epsilon, int firstSpikeTime,
                          boolean linear, boolean normalize, boolean clip, boolean bypass, boolean snntorch, double dtMs)
        implements Encoder {

    public LatencyCode {
        Checks.atLeast("num_steps", numSteps, 1);
        Checks.positive("tau", tau, "steps");
        Checks.openInterval("threshold", threshold, 0, 1);
        Checks.positive("epsilon", epsilon, "");
        Checks.atLeast("first_spike_time", firstSpikeTime, 0);
        if (firstSpikeTime > numSteps - 1) {
            throw new IllegalArgumentException("num_steps = " + numSteps + " is too small for first_spike_time = " + firstSpikeTime
                    + ": it must be at least first_spike_time + 1 = " + (firstSpikeTime + 1));
        }
        Checks.positive("dt", dtMs, "ms");
    }

    /** snnTorch's defaults with {@code num_steps} steps: logarithmic, τ = 1, θ = 0.01, snnTorch arithmetic. */
    public static LatencyCode snntorchDefaults(int numSteps) {
        return new LatencyCode(numSteps, 1, 0.01, 1e-7, 0, false, false, false, false, true, 1);
    }

    /** Spike times in (fractional) steps, one per feature, before rounding, clipping and range checks. */
    public double[] spikeTimes(NdArray input) {
        Checks.valuesIn("latency", input, 0, 1);
        double[] x = input.data();
        double[] t = new double[x.length];
        if (snntorch) timesFloat32(x, t);
        else timesFloat64(x, t);
        return t;
    }

    private void timesFloat32(double[] x, double[] t) {
        float f = firstSpikeTime;
        float thr = (float) threshold;
        if (!linear) {
            float floor = (float) (threshold + epsilon); // Python adds the scalars in double, torch.clamp casts once
            float tauF = (float) tau;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                float xi = Math.max((float) x[i], floor);
                float st = tauF * (float) Math.log(xi / (xi - thr));
                if (firstSpikeTime > 0) st = st + f;
                t[i] = st;
                max = Math.max(max, st - f);
            }
            if (normalize) {
                float scale = numSteps - firstSpikeTime - 1;
                for (int i = 0; i < x.length; i++) t[i] = ((float) t[i] - f) * scale / max + f;
            }
        } else {
            double tauD = normalize ? numSteps - 1 - firstSpikeTime : tau; // a Python number
            float tauF = (float) tauD;                   // cast to float32 when it meets the tensor
            float cap = (float) (-tauD * (threshold - 1)); // computed in double, cast when clamp_max takes it
            for (int i = 0; i < x.length; i++) t[i] = Math.min(-tauF * ((float) x[i] - 1f), cap) + f;
        }
    }

    private void timesFloat64(double[] x, double[] t) {
        double f = firstSpikeTime;
        if (!linear) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                double xi = Math.max(x[i], threshold + epsilon);
                t[i] = tau * Math.log(xi / (xi - threshold)) + f;
                max = Math.max(max, t[i] - f);
            }
            if (normalize) {
                double scale = numSteps - firstSpikeTime - 1;
                for (int i = 0; i < x.length; i++) t[i] = (t[i] - f) * scale / max + f;
            }
        } else {
            double tauL = normalize ? numSteps - 1 - firstSpikeTime : tau;
            for (int i = 0; i < x.length; i++) t[i] = Math.min(-tauL * (x[i] - 1), -tauL * (threshold - 1)) + f;
        }
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        double[] t = spikeTimes(input);
        double[] x = input.data();
        SpikeTrain.Builder b = new SpikeTrain.Builder(input.shape(), false, numSteps, dtMs);
        int latest = -1;
        for (int i = 0; i < t.length; i++) latest = Math.max(latest, stepOf(t[i]));
        if (latest > numSteps - 1 && !bypass) {
            throw new IllegalArgumentException("latency: num_steps = " + numSteps + " is too small for this input: its latest spike falls at step "
                    + latest + " (tau " + tau + ", threshold " + threshold + (linear ? ", linear" : ", logarithmic")
                    + "); use num_steps >= " + (latest + 1) + ", set normalize, lower tau, or set bypass to drop late spikes");
        }
        for (int i = 0; i < t.length; i++) {
            boolean below = snntorch ? (float) x[i] < (float) threshold : x[i] < threshold;
            if (clip && below) continue;
            int s = stepOf(t[i]);
            if (s > numSteps - 1) continue; // bypass: dropped as snnTorch does
            if (snntorch) b.add(s, i);
            else b.addAt(t[i] * dtMs, i);
        }
        return b.build();
    }

    private int stepOf(double t) {
        return (int) (snntorch ? Math.rint(t) : Math.floor(t));
    }

    /**
     * The value a spike at time {@code t} (in steps) encodes: the inverse of the un-normalized code,
     * {@code x = θ / (1 − e^{−(t − f)/τ})} (logarithmic) or {@code x = 1 − (t − f)/τ} (linear).
     * Normalized codes depend on the input's maximum and cannot be inverted from one spike.
     */
    public double valueAt(double t) {
        if (normalize && !linear) throw new IllegalArgumentException("a normalized logarithmic latency code cannot be decoded from spike times alone");
        double tauL = linear && normalize ? numSteps - 1 - firstSpikeTime : tau;
        double u = t - firstSpikeTime;
        return linear ? 1 - u / tauL : threshold / -Math.expm1(-u / tau);
    }
}
