package org.spikeforge.simulations.sweep;

import java.util.Arrays;
import java.util.List;

/**
 * What a sweep can report for each point. Each metric has its name in sweep files and its
 * column in {@code results.csv} (the name with its unit).
 *
 * <table>
 *   <caption>Metrics</caption>
 *   <tr><th>name</th><th>column</th><th>meaning</th><th>needs</th></tr>
 *   <tr><td>van_rossum</td><td>van_rossum</td><td>van Rossum distance to the ideal run, mean over all
 *       neurons ({@link SpikeTrainDistance}, τ = the sweep's van_rossum_tau)</td><td>a free-running scenario</td></tr>
 *   <tr><td>rate_error</td><td>rate_error</td><td>Σ_i |n_i − n_i,ideal| / Σ_i n_i,ideal over all
 *       neurons' spike counts (relative L1 error of the rates)</td><td>—</td></tr>
 *   <tr><td>energy_per_inference</td><td>energy_per_inference_j</td><td>the cost model's energy /
 *       inferences (classified samples; one for a free-running run)</td><td>a backend with a cost model</td></tr>
 *   <tr><td>latency</td><td>latency_s</td><td>the cost model's time on the hardware per inference</td><td>a backend with a cost model</td></tr>
 *   <tr><td>area</td><td>area_mm2</td><td>the cost model's area</td><td>a backend with a cost model</td></tr>
 *   <tr><td>accuracy</td><td>accuracy</td><td>fraction classified correctly</td><td>a scenario that classifies</td></tr>
 *   <tr><td>device_energy</td><td>device_energy_per_inference_j</td><td>energy of the run on the point's {@code device}
 *       (an edge or neuromorphic device of {@code spikeforge profile}: {@code DeviceEstimates}), per inference</td>
 *       <td>a free-running scenario and a {@code device} setting</td></tr>
 *   <tr><td>device_latency</td><td>device_latency_per_inference_s</td><td>time of the run on the device (one core of a
 *       processor), per inference</td><td>the same</td></tr>
 *   <tr><td>device_fits</td><td>device_fits</td><td>1 when the network fits the device's memories and requirements, else 0</td>
 *       <td>the same</td></tr>
 * </table>
 */
public enum Metric {
    VAN_ROSSUM("van_rossum", "van_rossum"),
    RATE_ERROR("rate_error", "rate_error"),
    ENERGY_PER_INFERENCE("energy_per_inference", "energy_per_inference_j"),
    LATENCY("latency", "latency_s"),
    AREA("area", "area_mm2"),
    ACCURACY("accuracy", "accuracy"),
    DEVICE_ENERGY("device_energy", "device_energy_per_inference_j"),
    DEVICE_LATENCY("device_latency", "device_latency_per_inference_s"),
    DEVICE_FITS("device_fits", "device_fits");

    private final String label;
    private final String column;

    Metric(String label, String column) {
        this.label = label;
        this.column = column;
    }

    /** Name in sweep files. */
    public String label() { return label; }

    /** Column in results.csv. */
    public String column() { return column; }

    /** Whether the metric compares with the ideal run. */
    public boolean needsReference() {
        return this == VAN_ROSSUM || this == RATE_ERROR;
    }

    /** Whether the metric comes from the backend's cost model. */
    public boolean needsCost() {
        return this == ENERGY_PER_INFERENCE || this == LATENCY || this == AREA;
    }

    /** Whether the metric is an estimate on the point's {@code device} setting. */
    public boolean needsDevice() {
        return this == DEVICE_ENERGY || this == DEVICE_LATENCY || this == DEVICE_FITS;
    }

    public static Metric byName(String name) {
        for (Metric m : values()) if (m.label.equals(name) || m.column.equals(name)) return m;
        return null;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Metric::label).toList();
    }
}
