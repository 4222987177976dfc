package org.spikeforge.simulations.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analysis of one population's spikes over a recorded time span (see {@link SpikeStatistics} for
 * the definitions).
 *
 * @param population        population (or input) name
 * @param neurons           neurons in the population
 * @param spikes            spikes in the span
 * @param durationMs        length of the span, ms
 * @param meanRateHz        spikes / (neurons · duration), Hz
 * @param rateHistogram     per-neuron firing rates, Hz
 * @param cvIsiMean         mean ISI CV over the neurons with at least two intervals (NaN if none)
 * @param cvIsiNeurons      neurons that entered the mean
 * @param isiHistogram      pooled inter-spike intervals, ms
 * @param windowMs          counting window of the Fano factor and the correlation, ms
 * @param windows           whole windows in the span
 * @param fanoFactorMean    mean Fano factor over neurons that spiked (NaN if none)
 * @param fanoNeurons       neurons that entered the mean
 * @param correlationMean   mean pairwise spike-count correlation (NaN if fewer than two neurons vary)
 * @param correlationPairs  pairs that entered the mean
 * @param rateBinMs         bin width of the population rate, ms
 * @param populationRateHz  population rate in consecutive bins from the start of the span, Hz
 */
public record PopulationAnalysis(String population, int neurons, long spikes, double durationMs, double meanRateHz,
                                 Histogram rateHistogram, double cvIsiMean, int cvIsiNeurons, Histogram isiHistogram,
                                 double windowMs, int windows, double fanoFactorMean, int fanoNeurons,
                                 double correlationMean, int correlationPairs, double rateBinMs,
                                 double[] populationRateHz) {

    /** The figures as a JSON-ready map (an undefined figure becomes null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neurons", neurons);
        m.put("spikes", spikes);
        m.put("duration_ms", durationMs);
        m.put("mean_rate_hz", num(meanRateHz));
        m.put("cv_isi", map("mean", nullable(cvIsiMean), "neurons", cvIsiNeurons));
        m.put("fano_factor", map("mean", nullable(fanoFactorMean), "neurons", fanoNeurons, "window_ms", windowMs,
                "windows", windows));
        m.put("correlation", map("mean", nullable(correlationMean), "pairs", correlationPairs, "window_ms", windowMs));
        m.put("rate_histogram_hz", hist(rateHistogram));
        m.put("isi_histogram_ms", hist(isiHistogram));
        m.put("population_rate", map("bin_ms", rateBinMs, "rate_hz", populationRateHz));
        return m;
    }

    private static Map<String, Object> hist(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("edges", h.edges());
        m.put("counts", h.counts());
        return m;
    }

    private static Object nullable(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** An ordered map from alternating keys and values; values may be null (JSON null). */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }

    private static double num(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
