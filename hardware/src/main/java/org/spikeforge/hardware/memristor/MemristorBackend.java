package org.spikeforge.hardware.memristor;

import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * The {@code memristor} backend: every projection's weight matrix is tiled onto resistive
 * crossbars ({@link CrossbarLayer}, {@link CrossbarTile}) read by spikes and digitised by ADCs;
 * neurons and partial-sum accumulation stay digital. Settings and non-idealities are
 * {@code BackendOptions.extra} keys, listed in {@link MemristorOptions}; the cost estimate is
 * {@link MemristorCostModel#estimate(MemristorNetwork)}.
 *
 * <p>Example: {@code spikeforge run cuba.yaml --backend memristor --backend-option memristor.adc_bits=8
 * --backend-option memristor.drift=true --backend-option memristor.t_inference="1 day"}.
 */
public final class MemristorBackend implements Backend {
    @Override public String name() { return "memristor"; }

    @Override
    public String description() {
        return "resistive crossbar tiles for projections (differential pairs, bit slicing, ADCs), digital neurons; PCM noise, drift, faults, IR drop";
    }

    @Override
    public void checkOptions(BackendOptions options) {
        MemristorOptions.parse(options.extra());
    }

    @Override
    public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
        return new MemristorNetwork(graph, MemristorOptions.parse(options.extra()));
    }
}
