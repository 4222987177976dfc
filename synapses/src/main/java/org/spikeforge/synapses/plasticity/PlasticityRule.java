package org.spikeforge.synapses.plasticity;

/**
 * A synaptic plasticity rule driven by spike events and traces, as a parameter record. The
 * update maths are static methods over primitive arrays in each rule's class, so every backend
 * runs the same equations; a backend calls them once per step and projection, never per synapse.
 *
 * <ul>
 *   <li>{@link PairStdp} and {@link TripletStdp} change the stored weights (long-term plasticity);</li>
 *   <li>{@link TsodyksMarkram} scales what each presynaptic spike transmits and leaves the stored
 *       weights alone (short-term plasticity).</li>
 * </ul>
 *
 * <p>Spike times are the steps in which the pre- and postsynaptic neurons emit their spikes;
 * transmission delays do not enter the pairing (Morrison et al. 2008 call this the purely
 * dendritic-delay-free convention).
 */
public sealed interface PlasticityRule permits PairStdp, TripletStdp, TsodyksMarkram {

    /** Name in scenario files and reports ("stdp", "triplet_stdp", "tsodyks_markram"). */
    String kind();
}
