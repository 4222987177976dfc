package org.spikeforge.hardware.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spikeforge.hardware.cost.DeviceProfile;

/**
 * An edge device a model may be deployed to: a microcontroller, an application processor or a
 * neuromorphic chip, described by a {@link DeviceProfile} data file whose every figure cites its
 * source. Besides the profile's {@code key = value} lines, an edge profile has one text line
 * {@code kind = mcu | cpu | neuromorphic}, which selects the cost formulas of {@link EdgeCostModel}
 * and the figures the profile must define:
 *
 * <table>
 *   <caption>Figures by kind</caption>
 *   <tr><th>kind</th><th>figures</th></tr>
 *   <tr><td>mcu</td><td>clock_hz, flash_bytes, sram_bytes, active_power_w, simd_register_bits, simd_float,
 *       cycles_per_{add,mac,add_simd,mac_simd,fadd,fmac,load,store}, runtime_flash_bytes, runtime_ram_bytes</td></tr>
 *   <tr><td>cpu</td><td>as mcu, with memory_bytes and cores instead of flash_bytes and sram_bytes</td></tr>
 *   <tr><td>neuromorphic</td><td>synop_energy_j, synop_time_s, neuron_update_energy_j, neuron_update_time_s,
 *       spike_energy_j, timestep_sync_s, cores, neurons_per_core, synaptic_memory_bytes_per_core,
 *       max_weight_bits</td></tr>
 * </table>
 *
 * Bundled devices live in the resource folder {@code org/spikeforge/hardware/edge/}; {@link #names()}
 * lists them.
 */
public record EdgeDevice(Kind kind, DeviceProfile profile) {

    public static final String RESOURCE_DIR = "/org/spikeforge/hardware/edge/";

    /** The bundled devices, in the order comparison tables list them. */
    private static final List<String> BUNDLED = List.of("stm32f4", "stm32h7", "rpi4", "rpi5", "loihi");

    /** What sort of device, which decides the cost formulas. */
    public enum Kind {
        /** Microcontroller: weights in flash, state and buffers in SRAM, one core. */
        MCU(List.of("clock_hz", "flash_bytes", "sram_bytes", "active_power_w", "simd_register_bits", "simd_float",
                "cycles_per_add", "cycles_per_mac", "cycles_per_add_simd", "cycles_per_mac_simd", "cycles_per_fadd",
                "cycles_per_fmac", "cycles_per_load", "cycles_per_store", "runtime_flash_bytes", "runtime_ram_bytes")),
        /** Application processor: everything in DRAM; one core per inference. */
        CPU(List.of("clock_hz", "cores", "memory_bytes", "active_power_w", "simd_register_bits", "simd_float",
                "cycles_per_add", "cycles_per_mac", "cycles_per_add_simd", "cycles_per_mac_simd", "cycles_per_fadd",
                "cycles_per_fmac", "cycles_per_load", "cycles_per_store", "runtime_flash_bytes", "runtime_ram_bytes")),
        /** Neuromorphic chip: energy and time per synaptic operation and neuron update. */
        NEUROMORPHIC(List.of("synop_energy_j", "synop_time_s", "neuron_update_energy_j", "neuron_update_time_s",
                "spike_energy_j", "timestep_sync_s", "cores", "neurons_per_core", "synaptic_memory_bytes_per_core",
                "max_weight_bits"));

        private final List<String> required;

        Kind(List<String> required) {
            this.required = required;
        }

        /** The figures a profile of this kind must define. */
        public List<String> required() {
            return required;
        }

        static Kind parse(String origin, String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "mcu" -> MCU;
                case "cpu" -> CPU;
                case "neuromorphic" -> NEUROMORPHIC;
                default -> throw new IllegalArgumentException(origin + ": 'kind' must be mcu, cpu or neuromorphic, was '" + s.strip() + "'");
            };
        }
    }

    public EdgeDevice {
        for (String key : kind.required()) {
            if (!profile.has(key)) {
                throw new IllegalArgumentException("device profile " + profile.name() + " (" + profile.origin() + "): a "
                        + kind.name().toLowerCase(Locale.ROOT) + " profile needs figure '" + key + "'");
            }
            if (profile.get(key) < 0) {
                throw new IllegalArgumentException("device profile " + profile.name() + ": figure '" + key + "' must be >= 0, was " + profile.get(key));
            }
        }
    }

    public String name() { return profile.name(); }

    /** The bundled device names. */
    public static List<String> names() {
        return BUNDLED;
    }

    /** Every bundled device, in {@link #names()} order. */
    public static List<EdgeDevice> all() {
        return BUNDLED.stream().map(EdgeDevice::load).toList();
    }

    /**
     * A bundled device by name, or a profile file when {@code nameOrPath} names an existing file
     * (ending in {@code .properties}).
     *
     * @throws IllegalArgumentException naming the device and the available ones when there is none
     */
    public static EdgeDevice load(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new IllegalArgumentException("device name is empty; available: " + String.join(", ", BUNDLED));
        }
        if (nameOrPath.endsWith(".properties")) {
            Path p = Path.of(nameOrPath);
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("device profile file " + p + " not found");
            try {
                return parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("device profile " + p + ": cannot read (" + e.getMessage() + ")");
            }
        }
        String key = nameOrPath.strip().toLowerCase(Locale.ROOT);
        if (!key.matches("[a-z0-9_.-]+") || !BUNDLED.contains(key)) {
            throw new IllegalArgumentException("unknown device '" + nameOrPath + "'; available: " + String.join(", ", BUNDLED)
                    + " (or a path to a .properties profile)");
        }
        String resource = RESOURCE_DIR + key + ".properties";
        try (InputStream in = EdgeDevice.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("bundled device profile " + resource + " is missing from the jar");
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses profile text: the {@code kind} line, then every other line as a {@link DeviceProfile}. */
    public static EdgeDevice parse(String origin, String text) {
        StringBuilder rest = new StringBuilder();
        String kind = null;
        for (String line : text.split("\r?\n", -1)) {
            String s = line.strip();
            if (s.startsWith("kind") && s.indexOf('=') > 0 && s.substring(0, s.indexOf('=')).strip().equals("kind")) {
                if (kind != null) throw new IllegalArgumentException(origin + ": key 'kind' appears twice");
                kind = s.substring(s.indexOf('=') + 1);
                rest.append('\n'); // keep line numbers of later errors right
            } else {
                rest.append(line).append('\n');
            }
        }
        if (kind == null) throw new IllegalArgumentException(origin + ": missing 'kind = mcu | cpu | neuromorphic'");
        Kind k = Kind.parse(origin, kind);
        try {
            return new EdgeDevice(k, DeviceProfile.parse(origin, new StringReader(rest.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Figure {@code key} of the profile. */
    public double get(String key) {
        return profile.get(key);
    }
}
