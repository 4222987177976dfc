package org.spikeforge.simulations.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.simulations.recording.Recording;

/**
 * Analyses the spikes of a recording, population by population: firing-rate histogram, ISI CV, Fano
 * factor, pairwise spike-count correlation and population rate over time.
 */
public final class Analysis {
    private Analysis() {}

    /**
     * @param windowMs       counting window for Fano factor and correlation, ms; NaN: span/20, at most 100 ms
     * @param rateBinMs      bin of the population rate, ms; NaN: span/200, at most 10 ms
     * @param maxCorrelationNeurons neurons sampled for the mean pairwise correlation
     */
    public record Settings(double windowMs, double rateBinMs, int maxCorrelationNeurons) {
        public static final Settings DEFAULTS = new Settings(Double.NaN, Double.NaN, 100);

        public Settings {
            if (!Double.isNaN(windowMs) && !(windowMs > 0)) throw new IllegalArgumentException("--window must be a positive time, was " + windowMs + " ms");
            if (!Double.isNaN(rateBinMs) && !(rateBinMs > 0)) throw new IllegalArgumentException("--bin must be a positive time, was " + rateBinMs + " ms");
            if (maxCorrelationNeurons < 2) throw new IllegalArgumentException("correlation needs at least 2 neurons");
        }
    }

    /** Analyses spikes {@code (steps, neurons)} of one population over steps {@code [fromStep, toStep)}. */
    public static PopulationAnalysis population(String name, int size, int[] steps, int[] neurons, long fromStep, long toStep,
                                                double dtMs, Settings settings) {
        long span = toStep - fromStep;
        if (span < 1) throw new IllegalArgumentException("empty time span");
        double durMs = span * dtMs;
        long[] counts = SpikeStatistics.spikeCounts(size, neurons);
        double[] cv = SpikeStatistics.cvIsi(size, steps, neurons);
        double[] cvMean = SpikeStatistics.finiteMean(cv);
        int[] isiSteps = SpikeStatistics.isis(size, steps, neurons);
        long[] isiLong = new long[isiSteps.length];
        for (int k = 0; k < isiLong.length; k++) isiLong[k] = isiSteps[k];

        double wMs = Double.isNaN(settings.windowMs()) ? Math.min(100, durMs / 20) : settings.windowMs();
        int wSteps = (int) Math.max(1, Math.min(span, Math.round(wMs / dtMs)));
        int windows = (int) (span / wSteps);
        int[] wc = SpikeStatistics.windowCounts(size, steps, neurons, fromStep, wSteps, windows);
        double[] fano = SpikeStatistics.fanoFactors(size, wc, windows);
        double[] fanoMean = SpikeStatistics.finiteMean(fano);
        SpikeStatistics.Correlation corr = windows >= 2
                ? SpikeStatistics.meanPairwiseCorrelation(size, wc, windows, settings.maxCorrelationNeurons())
                : new SpikeStatistics.Correlation(Double.NaN, 0, 0);

        double bMs = Double.isNaN(settings.rateBinMs()) ? Math.min(10, durMs / 200) : settings.rateBinMs();
        int bSteps = (int) Math.max(1, Math.min(span, Math.round(bMs / dtMs)));
        int bins = (int) (span / bSteps);
        double[] popRate = SpikeStatistics.populationRate(size, steps, fromStep, bSteps, bins, dtMs);

        return new PopulationAnalysis(name, size, steps.length, durMs, steps.length / (size * durMs * 1e-3),
                Histogram.ofIntegers(counts, 30, 1.0 / (durMs * 1e-3)), cvMean[0], (int) cvMean[1],
                Histogram.ofIntegers(isiLong, 50, dtMs),
                wSteps * dtMs, windows, fanoMean[0], (int) fanoMean[1], corr.mean(), corr.pairs(), bSteps * dtMs, popRate);
    }

    /** Analyses every spike channel of a recording over all its recorded steps. */
    public static List<PopulationAnalysis> of(Recording rec, Settings settings) {
        long from = Math.max(0, rec.firstStep()), to = rec.lastStep() + 1;
        if (to <= from) throw new IllegalArgumentException(rec.directory() + ": the recording holds no steps to analyse");
        List<PopulationAnalysis> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Recording.Spikes s : rec.spikes(from, to).values()) {
            if (seen.contains(s.channel().target())) continue;
            seen.add(s.channel().target());
            out.add(population(s.channel().target(), s.channel().size(), s.steps(), s.neurons(), from, to, rec.dtMs(), settings));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(rec.directory() + ": the recording has no spike probes to analyse");
        return out;
    }

    /** {@code population → figures}, for summary.json. */
    public static Map<String, Object> toMap(List<PopulationAnalysis> as) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (PopulationAnalysis a : as) m.put(a.population(), a.toMap());
        return m;
    }

    /** A table for the terminal. */
    public static String text(List<PopulationAnalysis> as) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s %8s %10s %10s %8s %8s %11s%n", "population", "neurons", "spikes",
                "rate (Hz)", "CV ISI", "Fano", "corr"));
        for (PopulationAnalysis a : as) {
            b.append(String.format(Locale.ROOT, "%-12s %8d %10d %10.2f %8s %8s %11s%n", a.population(), a.neurons(), a.spikes(),
                    a.meanRateHz(), f(a.cvIsiMean(), 3), f(a.fanoFactorMean(), 3), f(a.correlationMean(), 4)));
        }
        if (!as.isEmpty()) {
            PopulationAnalysis a = as.get(0);
            b.append(String.format(Locale.ROOT, "span %.1f ms; Fano and correlation in %s ms windows (%d); population rate in %s ms bins",
                    a.durationMs(), trim(a.windowMs()), a.windows(), trim(a.rateBinMs())));
        }
        return b.toString();
    }

    static String f(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "n/a";
    }

    static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
