package org.spikeforge.synapses.plasticity;

/**
 * A plasticity rule on rates or traces (continuous activities rather than spike events), as a
 * parameter record with weight bounds. The update maths are static methods over primitive arrays;
 * a caller supplies the presynaptic activities {@code x} and postsynaptic activities {@code y} —
 * firing rates, or the synaptic traces of spiking neurons — and applies one update per sample.
 */
public sealed interface RateRule permits Hebbian, Oja {

    /** Name in scenario files and reports ("hebbian", "anti_hebbian", "oja"). */
    String kind();
}
