package org.spikeforge.simulations.scenario;

import java.util.List;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;

/**
 * A loaded, validated scenario: the network, how long to run it, where, and what to record.
 *
 * @param name     scenario name (file name without extension unless given)
 * @param network  the resolved network
 * @param steps    number of steps to run ({@code round(duration/dt)})
 * @param backend  backend name
 * @param threads  worker threads for backends that use them
 * @param probes   probes to attach
 */
public record Scenario(String name, Network network, long steps, String backend, int threads, List<Probe> probes,
                       ClassificationTask classification) {

    public Scenario(String name, Network network, long steps, String backend, int threads, List<Probe> probes) {
        this(name, network, steps, backend, threads, probes, null);
    }

    /**
     * A classification scenario ({@code classify:} block): a converted network, the samples and labels
     * to classify, and the trial length in steps (before the pipeline delay).
     */
    public record ClassificationTask(org.spikeforge.simulations.conversion.ConvertedSnn.EngineNetwork engine,
                                     double[][] data, int[] labels, int timesteps, String model) {}

    public double durationMs() {
        return steps * network.dtMs();
    }
}
