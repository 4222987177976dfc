package org.spikeforge.hardware.cost;

import java.util.Map;

/**
 * A compiled network that can estimate what its run cost on the hardware it models. The run
 * command and the sweeps look for this interface: {@code summary.json} gets a {@code cost} block
 * from {@link #cost()} and, when not empty, a {@code hardware} block from {@link #hardwareReport()}.
 */
public interface CostReporting {

    /** Energy, latency and area of the run so far, with the counts they rest on. */
    CostReport cost();

    /**
     * How the network was laid out on the hardware (tiles, utilisation, non-idealities in force
     * and their measured effect ...), as nested ordered maps; empty when the backend has nothing to say.
     */
    default Map<String, Object> hardwareReport() {
        return Map.of();
    }
}
