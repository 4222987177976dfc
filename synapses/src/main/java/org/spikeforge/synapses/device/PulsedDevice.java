package org.spikeforge.synapses.device;

/**
 * A resistive-memory device programmed by pulses: its step model, its range, its variability and
 * its faults, as a parameter record (the pulsed-device model of IBM's aihwkit, plus conductance
 * levels and stuck-at faults). Weights are in the device's normalised units; a projection maps
 * them to synaptic units with a scale factor. {@link DeviceArray} instantiates n devices.
 *
 * <table>
 *   <caption>Parameters (defaults: aihwkit's PulsedDevice)</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>step</td><td>—</td><td>{@link StepModel}: the update nonlinearity</td></tr>
 *   <tr><td>dw_min</td><td>0.001</td><td>mean step of one pulse, Δw_min</td></tr>
 *   <tr><td>dw_min_dtod</td><td>0.3</td><td>device-to-device spread of Δw_min (relative, Gaussian)</td></tr>
 *   <tr><td>dw_min_std</td><td>0.3</td><td>cycle-to-cycle spread of each step (relative to the step, or to Δw_min if additive)</td></tr>
 *   <tr><td>up_down</td><td>0</td><td>systematic up/down asymmetry: &gt; 0 shrinks down steps by up_down·Δw_min, &lt; 0 shrinks up steps</td></tr>
 *   <tr><td>up_down_dtod</td><td>0.01</td><td>device-to-device spread of the asymmetry (absolute, in units of Δw_min)</td></tr>
 *   <tr><td>w_min, w_max</td><td>−0.6, 0.6</td><td>weight range (conductance range) of the device</td></tr>
 *   <tr><td>w_min_dtod, w_max_dtod</td><td>0.3, 0.3</td><td>device-to-device spread of each bound (relative, Gaussian)</td></tr>
 *   <tr><td>mult_noise</td><td>true</td><td>cycle-to-cycle noise multiplies the step (true) or adds to it (false)</td></tr>
 *   <tr><td>write_noise_std</td><td>0</td><td>noise on the read-out weight after each update, in units of Δw_min, redrawn at each update</td></tr>
 *   <tr><td>levels</td><td>0</td><td>number of distinguishable conductance levels of the read-out across [w_min, w_max]; 0: continuous</td></tr>
 *   <tr><td>stuck_on_rate</td><td>0</td><td>probability that a device is stuck at its upper bound (stuck-at-on)</td></tr>
 *   <tr><td>stuck_off_rate</td><td>0</td><td>probability that a device is stuck at its lower bound (stuck-at-off)</td></tr>
 * </table>
 *
 * <p>Device-to-device draws happen once, when a {@link DeviceArray} is built from a seeded stream:
 * {@code w_max,i = w_max·(1 + w_max_dtod·ξ)}, {@code w_min,i = w_min·(1 + w_min_dtod·ξ)} (swapped if
 * they cross; when the nominal range contains 0, every device's range does too:
 * {@code w_max,i ← |w_max,i|}, {@code w_min,i ← −|w_min,i|}), gain {@code g = 1 + dw_min_dtod·ξ}, asymmetry {@code r = up_down_dtod·ξ},
 * {@code Δw_up,i = |g + r + min(up_down, 0)|·Δw_min}, {@code Δw_down,i = |g − r − max(up_down, 0)|·Δw_min}
 * (aihwkit's {@code PulsedRPUDevice::populate}).
 */
public record PulsedDevice(StepModel step, double dwMin, double dwMinDtod, double dwMinStd, double upDown,
                           double upDownDtod, double wMin, double wMax, double wMinDtod, double wMaxDtod,
                           boolean multiplicativeNoise, double writeNoiseStd, int levels, double stuckOnRate,
                           double stuckOffRate) {

    public PulsedDevice {
        if (step == null) throw new IllegalArgumentException("device step model must be given");
        check("dw_min", dwMin, step instanceof StepModel.IdealStep ? 0 : Double.MIN_VALUE);
        check("dw_min_dtod", dwMinDtod, 0);
        check("dw_min_std", dwMinStd, 0);
        if (!Double.isFinite(upDown)) throw new IllegalArgumentException("up_down must be finite, was " + upDown);
        check("up_down_dtod", upDownDtod, 0);
        if (!Double.isFinite(wMin) || !Double.isFinite(wMax) || !(wMin < wMax)) {
            throw new IllegalArgumentException("device range needs finite w_min < w_max, got [" + wMin + ", " + wMax + "]");
        }
        check("w_min_dtod", wMinDtod, 0);
        check("w_max_dtod", wMaxDtod, 0);
        check("write_noise_std", writeNoiseStd, 0);
        if (levels < 0 || levels == 1) throw new IllegalArgumentException("levels must be 0 (continuous) or >= 2, was " + levels);
        if (!(stuckOnRate >= 0 && stuckOffRate >= 0 && stuckOnRate + stuckOffRate <= 1)) {
            throw new IllegalArgumentException("stuck_on_rate and stuck_off_rate must be >= 0 with sum <= 1, got "
                    + stuckOnRate + " and " + stuckOffRate);
        }
        if (step instanceof StepModel.SoftBounds && !(wMin < 0 && wMax > 0)) {
            throw new IllegalArgumentException("soft_bounds needs w_min < 0 < w_max, got [" + wMin + ", " + wMax + "]");
        }
    }

    private static void check(String field, double v, double min) {
        if (!Double.isFinite(v) || v < min) {
            throw new IllegalArgumentException(field + " must be a finite number >= " + (min == Double.MIN_VALUE ? "0 (exclusive)" : min)
                    + ", was " + v);
        }
    }

    /** aihwkit's PulsedDevice defaults (the README's "pulsed-device defaults") with the given step model. */
    public static PulsedDevice defaults(StepModel step) {
        return new PulsedDevice(step, 0.001, 0.3, 0.3, 0.0, 0.01, -0.6, 0.6, 0.3, 0.3, true, 0.0, 0, 0.0, 0.0);
    }

    /**
     * The same device without any randomness: no device-to-device spread, no cycle-to-cycle or
     * write noise, no faults. Its pulse response is the step model's deterministic curve.
     */
    public PulsedDevice deterministic() {
        return new PulsedDevice(step, dwMin, 0, 0, upDown, 0, wMin, wMax, 0, 0, multiplicativeNoise, 0, levels, 0, 0);
    }

    /** This device with stuck-at-on and stuck-at-off rates. */
    public PulsedDevice withFaults(double stuckOn, double stuckOff) {
        return new PulsedDevice(step, dwMin, dwMinDtod, dwMinStd, upDown, upDownDtod, wMin, wMax, wMinDtod, wMaxDtod,
                multiplicativeNoise, writeNoiseStd, levels, stuckOn, stuckOff);
    }

    /** This device with {@code n} conductance levels (0: continuous). */
    public PulsedDevice withLevels(int n) {
        return new PulsedDevice(step, dwMin, dwMinDtod, dwMinStd, upDown, upDownDtod, wMin, wMax, wMinDtod, wMaxDtod,
                multiplicativeNoise, writeNoiseStd, n, stuckOnRate, stuckOffRate);
    }
}
