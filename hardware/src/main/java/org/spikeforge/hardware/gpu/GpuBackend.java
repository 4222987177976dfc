package org.spikeforge.hardware.gpu;

import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * The {@code gpu} backend: OpenCL through JOCL, on a GPU or, through PoCL, on the CPU.
 *
 * <p>Options ({@link BackendOptions#extra()}): {@code device}, an index from
 * {@code spikeforge devices} or part of a device or platform name (default: the first GPU, else
 * the first device); {@code delivery}, {@code atomic} or {@code exact} ({@link Delivery}).
 *
 * <p>Exactness against the {@code scalar} reference. The state is double, the kernels repeat the
 * reference's operations in its order with contraction into fused multiply-adds off, and the
 * propagators are computed on the host by the reference's own code. Hence:
 * <table>
 *   <caption>What matches the reference, bit for bit or otherwise</caption>
 *   <tr><th>model</th><th>delivery {@code exact}</th><th>delivery {@code atomic}</th></tr>
 *   <tr><td>lif, if, cuba_lif; nir_lif, nir_cuba_lif, nir_if, nir_li, nir_cuba_li, nir_i</td>
 *       <td>state and spikes identical, every network</td>
 *       <td>identical where each target's input sum is exact in any order (deterministic test
 *       networks: one input per target and step, or dyadic weights); otherwise sums may differ in
 *       the last bit, and chaotic networks agree statistically (rates, CV)</td></tr>
 *   <tr><td>coba_lif</td><td>state within a few ulps per step (OpenCL's {@code exp} may round
 *       differently from Java's {@code Math.exp}); spikes identical unless v lands within those
 *       ulps of threshold, so identical on deterministic test networks and statistical on
 *       chaotic ones</td><td>as for exact, plus the reordered sums</td></tr>
 * </table>
 *
 * <p>Without OpenCL, compiling throws {@link OpenClUnavailableException} (one line, naming the
 * packages to install). A network larger than the device's global memory is refused before
 * anything is allocated, with the bytes needed and available.
 */
public final class GpuBackend implements Backend {
    @Override public String name() { return "gpu"; }

    @Override
    public String description() {
        return "OpenCL (JOCL) on a GPU, or on the CPU through PoCL; options device=<index|name>, delivery=atomic|exact";
    }

    @Override
    public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
        OpenClDevice device = OpenClDevices.select(options.extra().get("device"));
        Delivery delivery = Delivery.parse(options.extra().get("delivery"), device);
        return GpuNetwork.create(graph, device, delivery);
    }
}
