package org.spikeforge.neurons.nir;

import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.ResetMode;

/**
 * A spiking NIR neuron (LIF, CubaLIF, IF): spike when {@code v > v_threshold}, then reset, either
 * at once (NIR's and Norse's step) or, with {@link #delayedReset()}, inside the next step after its
 * decay and input (snnTorch's {@code reset_delay=True}).
 *
 * <p>State: {@code v} holds the membrane at the threshold test, before the reset its spike causes
 * (the value NIR executors and snnTorch record), and {@code spk} (0 or 1) whether the neuron spiked
 * in the previous step. The reset of that spike is applied in the next step: before the update
 * when immediate, which is the same arithmetic as resetting right after the test, and after the
 * update when delayed.
 * <pre>
 *   immediate:  v ← reset(v) if spk;  v ← aM·v + cM·v_leak + kX·x (+ kI·I);  spk ← v &gt; v_th
 *   delayed:    v ← aM·v + cM·v_leak + kX·x (+ kI·I);  v ← reset(v) if spk;  spk ← v &gt; v_th
 *   reset(v) = v − (v_th − v_reset)   (subtract)    or    v_reset   (to value, NIR's "zero")
 * </pre>
 */
public sealed interface NirSpikingNeuron extends NirNeuron permits NirLif, NirCubaLif, NirIf {

    double[] vThreshold();

    double[] vReset();

    ResetMode reset();

    /** snnTorch's delayed reset: the spike of step t−1 resets the membrane inside step t, after the update. */
    boolean delayedReset();

    /** Index of the state variable {@code spk}, the last step's spike (0 or 1). */
    default int spikeFlagIndex() {
        return stateVariables().size() - 1;
    }

    @Override
    default NeuronKernel kernel(double dtMs) {
        return NirSteps.spiking(coefficients(dtMs), leakPotential(), vThreshold(), vReset(), reset() == ResetMode.SUBTRACT,
                delayedReset(), kind());
    }
}
