/**
 * Photonic co-design: projections computed by light in meshes of Mach–Zehnder interferometers,
 * neurons kept electronic.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link org.spikeforge.hardware.photonic.Mzi}: the MZI and its convention (θ = φ = 0 cross,
 *       θ = φ = π bar, as in neuroptica).</li>
 *   <li>{@link org.spikeforge.hardware.photonic.ClementsDecomposition} (rectangular, depth N) and
 *       {@link org.spikeforge.hardware.photonic.ReckDecomposition} (triangular, depth 2N − 3): a
 *       unitary to an {@link org.spikeforge.hardware.photonic.MziMesh} of phases, and back
 *       ({@link org.spikeforge.hardware.photonic.MziMesh#unitary()}).</li>
 *   <li>{@link org.spikeforge.hardware.photonic.SvdMapping}: a real matrix as {@code U·Σ·Vᵀ} on two
 *       meshes and a passive attenuator line.</li>
 *   <li>{@link org.spikeforge.hardware.photonic.OpticalMatrixMultiplier}: that mapping on an
 *       imperfect device ({@link org.spikeforge.hardware.photonic.PhotonicNonIdealities}), with
 *       coherent receivers ({@link org.spikeforge.hardware.photonic.Receiver}) and ADCs.</li>
 *   <li>{@link org.spikeforge.hardware.photonic.PhotonicBackend} ({@code photonic}) and
 *       {@link org.spikeforge.hardware.photonic.PhotonicCostModel} (energy, latency, area from the
 *       profile {@code org/spikeforge/hardware/profiles/photonic_silicon_thermo.properties}).</li>
 * </ul>
 *
 * <h2>Use</h2>
 * <pre>{@code
 * CompiledNetwork net = Backends.byName("photonic").compile(graph, new BackendOptions(1, Map.of(
 *         "photonic.phase_bits", "8", "photonic.phase_noise_static", "0.01",
 *         "photonic.crosstalk", "0.02", "photonic.calibration", "true",
 *         "photonic.insertion_loss_db", "0.2", "photonic.detector_noise", "true", "photonic.adc_bits", "8")));
 * // ... run the steps ...
 * CostReport cost = PhotonicCostModel.estimate((PhotonicNetwork) net);
 * }</pre>
 * The keys are listed in {@link org.spikeforge.hardware.photonic.PhotonicOptions} and
 * {@link org.spikeforge.hardware.photonic.PhotonicNonIdealities}.
 *
 * <p>Activation: the neurons are the simulator's electronic models after photodetection; no
 * electro-optic nonlinearity is modelled.
 */
package org.spikeforge.hardware.photonic;
