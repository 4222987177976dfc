package org.spikeforge.hardware;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a backend did, counted per operation kind: the input of every cost model. Counters are
 * plain longs updated per step or per spike, never per synapse inside an inner loop.
 */
public final class OperationCounts {
    /** Neuron state updates (one per neuron per step). */
    public long neuronUpdates;
    /** Spikes emitted by populations. */
    public long spikes;
    /** Spikes emitted by sources. */
    public long inputSpikes;
    /** Synaptic events: one per synapse reached by a spike. */
    public long synapticEvents;
    /** Steps simulated. */
    public long steps;
    /** Backend-specific counts (crossbar reads, ADC conversions, MZI settings, bytes moved ...). */
    public final Map<String, Long> extra = new LinkedHashMap<>();

    public void add(String kind, long n) {
        extra.merge(kind, n, Long::sum);
    }

    /** Sets every count back to zero (a network reset for a timed run after its warm-up). */
    public void clear() {
        neuronUpdates = 0;
        spikes = 0;
        inputSpikes = 0;
        synapticEvents = 0;
        steps = 0;
        extra.clear();
    }

    /** All counts as one ordered map. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("neuron_updates", neuronUpdates);
        m.put("spikes", spikes);
        m.put("input_spikes", inputSpikes);
        m.put("synaptic_events", synapticEvents);
        m.putAll(extra);
        return m;
    }
}
