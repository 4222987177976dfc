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
 * </table>
 */
public enum Metric {
    VAN_ROSSUM("van_rossum", "van_rossum"),
    RATE_ERROR("rate_error", "rate_error"),
    ENERGY_PER_INFERENCE("energy_per_inference", "energy_per_inference_j"),
    LATENCY("latency", "latency_s"),
    AREA("area", "area_mm2"),
    ACCURACY("accuracy", "accuracy");

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

    public static Metric byName(String name) {
        for (Metric m : values()) if (m.label.equals(name) || m.column.equals(name)) return m;
        return null;
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Metric::label).toList();
    }
}
