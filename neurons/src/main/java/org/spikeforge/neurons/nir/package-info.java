/**
 * The neurons of the Neuromorphic Intermediate Representation (NIR) as engine models, so that a
 * NIR graph runs on every backend: {@link org.spikeforge.neurons.nir.NirLif},
 * {@link org.spikeforge.neurons.nir.NirCubaLif}, {@link org.spikeforge.neurons.nir.NirIf} (spiking)
 * and {@link org.spikeforge.neurons.nir.NirLi}, {@link org.spikeforge.neurons.nir.NirCubaLi},
 * {@link org.spikeforge.neurons.nir.NirI} (non-spiking integrators).
 *
 * <p><b>Units.</b> NIR's neuron quantities are dimensionless and its time is in seconds. The
 * records keep NIR's numbers unchanged, and the engine reads them in its own units (NEST's):
 * <table>
 *   <caption>How NIR quantities map to engine units</caption>
 *   <tr><th>NIR quantity</th><th>engine reading</th></tr>
 *   <tr><td>v, v_leak, v_threshold, v_reset</td><td>mV (1 NIR unit = 1 mV)</td></tr>
 *   <tr><td>input x, synaptic current I</td><td>pA (1 NIR unit = 1 pA): a NIR weight w becomes a
 *       projection weight of w pA on receptor {@code x}, a NIR bias b a current of b pA</td></tr>
 *   <tr><td>r (LIF, LI, CubaLIF, CubaLI)</td><td>GΩ = mV/pA, so that R·x is in mV</td></tr>
 *   <tr><td>r (IF, I)</td><td>mV/(pA·s), given in the registry as Hz</td></tr>
 *   <tr><td>tau, tau_mem, tau_syn</td><td>seconds in the records; ms in the registry (scenario
 *       files), converted once; the engine's dt (ms) is converted to s in {@code kernel(dt)}</td></tr>
 *   <tr><td>w_in</td><td>1</td></tr>
 * </table>
 *
 * <p><b>Exactness.</b> The coefficients come from {@link org.spikeforge.neurons.nir.NirCoefficients},
 * which the NIR reference executor uses too, and the kernels repeat its operations in its order,
 * so on the same inputs the state is the same double.
 *
 * <p><b>Input.</b> The single receptor {@code x} sums this step's weighted spikes; the injected
 * current {@code iExt} is added to it ({@code x = ring + iExt}), so a NIR bias or an input fed as
 * current enters exactly where NIR's x does.
 *
 * <p>A population whose neurons differ in {@code v_leak} starts each neuron at its own
 * {@code v_leak} only if its initial state is set per neuron; {@code restingState()} gives
 * neuron 0's.
 */
package org.spikeforge.neurons.nir;
