package org.spikeforge.simulations;

import java.util.List;
import java.util.Map;

/**
 * What a run produced: its size, timing, spike counts per population and the backend's operation
 * counts. Probes hold their own data.
 *
 * @param stepsRequested steps asked for
 * @param stepsDone      steps completed (less when interrupted)
 * @param populationSpikes spikes per population, in population order
 * @param buildSeconds   network construction plus backend compilation, s
 * @param simSeconds     the step loop, s
 */
public record RunResult(String backend, long seed, double dtMs, long stepsRequested, long stepsDone, long neurons,
                        long synapses, List<String> populationNames, long[] populationSizes, long[] populationSpikes,
                        double buildSeconds, double simSeconds, Map<String, Long> counts, boolean completed) {

    public long totalSpikes() {
        long s = 0;
        for (long x : populationSpikes) s += x;
        return s;
    }

    public double durationMs() {
        return stepsDone * dtMs;
    }

    /** Mean firing rate over all neurons, Hz. */
    public double meanRateHz() {
        return neurons == 0 || stepsDone == 0 ? 0 : totalSpikes() / (neurons * durationMs() * 1e-3);
    }

    /** Mean firing rate of population {@code p}, Hz. */
    public double rateHz(int p) {
        return stepsDone == 0 ? 0 : populationSpikes[p] / (populationSizes[p] * durationMs() * 1e-3);
    }

    public long synapticEvents() {
        return counts.getOrDefault("synaptic_events", 0L);
    }
}
