package org.spikeforge.hardware.gpu;

import java.util.Locale;

/**
 * How the gpu backend adds spikes into the delay ring buffers ({@code --set}-able as the backend
 * option {@code delivery}).
 *
 * <table>
 *   <caption>Delivery modes and what they guarantee against the scalar reference</caption>
 *   <tr><th>mode</th><th>work per step</th><th>guarantee</th></tr>
 *   <tr><td>{@code atomic} (default)</td><td>spikes × fan-out (event-driven)</td>
 *       <td>Concurrent double atomic adds (64-bit compare-and-swap) reorder each target's sum, so
 *       a sum may differ from the reference's in its last bits. Spike trains equal the
 *       reference's when those sums are exact whatever the order (e.g. weights that are small
 *       multiples of a power of two, or at most one input per target and step); on chaotic
 *       networks a last-bit difference grows, and spike trains agree only statistically (rates,
 *       CV of inter-spike intervals).</td></tr>
 *   <tr><td>{@code exact}</td><td>synapses of the projections whose source spiked (a gather)</td>
 *       <td>Each target adds its inputs in the reference's order, so sums, state and spikes are the
 *       reference's bit for bit, on any network (for coba_lif, up to the last bit of the device's
 *       {@code exp}; see {@link GpuBackend}).</td></tr>
 * </table>
 */
public enum Delivery {
    ATOMIC, EXACT;

    /** Parses "atomic" or "exact"; null picks atomic where the device has 64-bit atomics, else exact. */
    static Delivery parse(String s, OpenClDevice device) {
        if (s == null || s.isBlank()) return device.int64Atomics() ? ATOMIC : EXACT;
        Delivery d = switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "atomic" -> ATOMIC;
            case "exact" -> EXACT;
            default -> throw new IllegalArgumentException("gpu backend: option 'delivery': value '" + s + "': expected 'atomic' or 'exact'");
        };
        if (d == ATOMIC && !device.int64Atomics()) {
            throw new IllegalArgumentException("gpu backend: option 'delivery': 'atomic' needs 64-bit atomics (cl_khr_int64_base_atomics), which device "
                    + device.index() + " '" + device.name() + "' lacks; use 'exact'");
        }
        return d;
    }
}
