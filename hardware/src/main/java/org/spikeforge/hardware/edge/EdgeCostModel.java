package org.spikeforge.hardware.edge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.hardware.cost.CostReport;

/**
 * Estimates whether a spiking model fits an {@link EdgeDevice}, and its latency and energy per
 * inference, from the operations a simulation counted ({@link InferenceWorkload}). The formulas are
 * deliberately simple, so that a reader can redo them on paper and put in their own figures.
 *
 * <h2>Processors (kind mcu and cpu)</h2>
 * Cycles per operation, from the profile's per-instruction figures ({@code L} load, {@code S} store,
 * {@code A} add, {@code M} MAC; {@code fA}, {@code fM} their fp32 forms; {@code sA}, {@code sM} SIMD,
 * per lane):
 * <pre>
 *   synaptic event        c_syn = 3L + S + (float weights ? fA : A)        gather index, weight and target; scatter-add
 *   neuron update         c_nu  = (2L + 2S)/lanes + 3·M' + A'               CUBA LIF: i·P11, (v−v∞)·P22 + P21·i, threshold
 *                           float state:     M' = fM, A' = fA, lanes = simd_float ? R/32 : 1
 *                           int state ≤ 16:  M' = sM, A' = sA, lanes = R/(8 or 16)   (packed in SIMD registers of R bits)
 *                           int state &gt; 16:  M' = M,  A' = A,  lanes = 1
 *   encoder update        c_enc = L + S + 2A                                 integrate input, compare and subtract
 *   readout accumulation  c_ro  = L + (float weights ? fA : A)
 *   latency = Σ count·c / clock_hz          (one core; cpu: the other cores serve other windows)
 *   energy  = active_power_w · latency
 * </pre>
 * Memory: on an mcu, {@code parameterBytes + runtime_flash_bytes ≤ flash_bytes} and
 * {@code stateBytes + bufferBytes + runtime_ram_bytes ≤ sram_bytes}; on a cpu all of it must fit
 * {@code memory_bytes}.
 *
 * <h2>Neuromorphic chips</h2>
 * <pre>
 *   synaptic ops   = synaptic events + readout accumulations      (the readout runs as synapses onto output units)
 *   neuron updates = neuron updates + encoder updates
 *   energy  = synops·synop_energy_j + updates·neuron_update_energy_j + spikes·spike_energy_j
 *   latency = (synops·synop_time_s + updates·neuron_update_time_s)/cores_used + steps·timestep_sync_s
 *   cores_used = ⌈neurons / neurons_per_core⌉   (work split evenly: a lower bound on the time)
 * </pre>
 * Memory: {@code neurons ≤ cores·neurons_per_core} and
 * {@code parameterBytes ≤ cores·synaptic_memory_bytes_per_core}; weights must be integers of at
 * most {@code max_weight_bits} bits.
 */
public final class EdgeCostModel {
    private EdgeCostModel() {}

    /** The estimate for one inference of {@code w} on {@code device}. */
    public static EdgeEstimate estimate(EdgeDevice device, InferenceWorkload w) {
        return device.kind() == EdgeDevice.Kind.NEUROMORPHIC ? neuromorphic(device, w) : processor(device, w);
    }

    /** Cycles of one synaptic event on a processor. */
    public static double synapticEventCycles(EdgeDevice d, InferenceWorkload w) {
        return 3 * d.get("cycles_per_load") + d.get("cycles_per_store") + (w.floatWeights() ? d.get("cycles_per_fadd") : d.get("cycles_per_add"));
    }

    /** Cycles of one neuron update on a processor. */
    public static double neuronUpdateCycles(EdgeDevice d, InferenceWorkload w) {
        double r = d.get("simd_register_bits");
        double lanes, mac, add;
        if (w.floatState()) {
            lanes = d.get("simd_float") > 0 ? Math.max(1, r / 32) : 1;
            mac = d.get("cycles_per_fmac");
            add = d.get("cycles_per_fadd");
        } else if (w.stateBits() <= 16) {
            lanes = Math.max(1, r / (w.stateBits() <= 8 ? 8 : 16));
            mac = d.get("cycles_per_mac_simd");
            add = d.get("cycles_per_add_simd");
        } else {
            lanes = 1;
            mac = d.get("cycles_per_mac");
            add = d.get("cycles_per_add");
        }
        return (2 * d.get("cycles_per_load") + 2 * d.get("cycles_per_store")) / lanes + 3 * mac + add;
    }

    /** Cycles of one encoder update on a processor. */
    public static double encoderUpdateCycles(EdgeDevice d) {
        return d.get("cycles_per_load") + d.get("cycles_per_store") + 2 * d.get("cycles_per_add");
    }

    /** Cycles of one readout accumulation on a processor. */
    public static double readoutCycles(EdgeDevice d, InferenceWorkload w) {
        return d.get("cycles_per_load") + (w.floatWeights() ? d.get("cycles_per_fadd") : d.get("cycles_per_add"));
    }

    private static EdgeEstimate processor(EdgeDevice d, InferenceWorkload w) {
        double clock = d.get("clock_hz"), power = d.get("active_power_w");
        if (!(clock > 0)) throw new IllegalArgumentException("device profile " + d.name() + ": clock_hz must be > 0");
        String[][] rows = {
                {"synaptic_events", "spike deliveries", "c_syn = 3L + S + " + (w.floatWeights() ? "fA" : "A")},
                {"neuron_updates", "neuron updates", "c_nu = (2L + 2S)/lanes + 3M + A (" + (w.floatState() ? "fp32" : w.stateBits() + "-bit") + " state)"},
                {"encoder_updates", "encoder updates", "c_enc = L + S + 2A"},
                {"readout", "readout accumulations", "c_ro = L + " + (w.floatWeights() ? "fA" : "A")}};
        double[] counts = {w.synapticEvents(), w.neuronUpdates(), w.encoderUpdates(), w.readoutAccumulations()};
        double[] perOp = {synapticEventCycles(d, w), neuronUpdateCycles(d, w), encoderUpdateCycles(d), readoutCycles(d, w)};
        List<CostReport.Component> parts = new ArrayList<>();
        double cycles = 0;
        for (int k = 0; k < rows.length; k++) {
            double c = counts[k] * perOp[k];
            cycles += c;
            double t = c / clock;
            parts.add(new CostReport.Component(rows[k][0], rows[k][1], Math.round(counts[k]), power * t, t, 0,
                    String.format(java.util.Locale.ROOT, "%s = %.4g cycles each at %.4g Hz, %.4g W", rows[k][2], perOp[k], clock, power)));
        }
        List<MemoryCheck> mem = new ArrayList<>();
        long runtimeFlash = (long) d.get("runtime_flash_bytes"), runtimeRam = (long) d.get("runtime_ram_bytes");
        if (d.kind() == EdgeDevice.Kind.MCU) {
            mem.add(new MemoryCheck("flash", w.parameterBytes() + runtimeFlash, (long) d.get("flash_bytes"), "bytes",
                    "parameters " + MemoryCheck.bytes(w.parameterBytes()) + " + runtime " + MemoryCheck.bytes(runtimeFlash)));
            long ram = w.stateBytes() + w.bufferBytes() + runtimeRam;
            mem.add(new MemoryCheck("sram", ram, (long) d.get("sram_bytes"), "bytes", "state " + MemoryCheck.bytes(w.stateBytes())
                    + " + buffers " + MemoryCheck.bytes(w.bufferBytes()) + " + runtime " + MemoryCheck.bytes(runtimeRam)));
        } else {
            long all = w.parameterBytes() + w.stateBytes() + w.bufferBytes() + runtimeFlash + runtimeRam;
            mem.add(new MemoryCheck("memory", all, (long) d.get("memory_bytes"), "bytes", "parameters "
                    + MemoryCheck.bytes(w.parameterBytes()) + " + state " + MemoryCheck.bytes(w.stateBytes()) + " + buffers "
                    + MemoryCheck.bytes(w.bufferBytes()) + " + runtime " + MemoryCheck.bytes(runtimeFlash + runtimeRam)));
        }
        return new EdgeEstimate(d.name(), d.kind(), mem, List.of(), cycles, CostReport.of("edge:" + d.kind().name().toLowerCase(java.util.Locale.ROOT),
                d.name(), countMap(w), parts));
    }

    private static EdgeEstimate neuromorphic(EdgeDevice d, InferenceWorkload w) {
        double synops = w.synapticEvents() + w.readoutAccumulations();
        double updates = w.neuronUpdates() + w.encoderUpdates();
        long perCore = (long) d.get("neurons_per_core");
        long cores = (long) d.get("cores");
        long coresUsed = Math.max(1, perCore > 0 ? (w.neurons() + perCore - 1) / perCore : cores);
        double split = Math.min(coresUsed, Math.max(1, cores));
        List<CostReport.Component> parts = new ArrayList<>();
        parts.add(new CostReport.Component("synaptic_ops", "synaptic operations", Math.round(synops), synops * d.get("synop_energy_j"),
                synops * d.get("synop_time_s") / split, 0, "synop_energy_j, synop_time_s; spread over " + (long) split + " core(s)"));
        parts.add(new CostReport.Component("neuron_updates", "neuron updates", Math.round(updates), updates * d.get("neuron_update_energy_j"),
                updates * d.get("neuron_update_time_s") / split, 0, "neuron_update_energy_j, neuron_update_time_s"));
        parts.add(new CostReport.Component("spikes", "spikes routed", Math.round(w.spikes()), w.spikes() * d.get("spike_energy_j"), 0, 0,
                "spike_energy_j (routing overlaps with the synaptic ops)"));
        parts.add(new CostReport.Component("timestep_sync", "time steps", Math.round(w.steps()), 0, w.steps() * d.get("timestep_sync_s"), 0,
                "timestep_sync_s per step"));
        List<MemoryCheck> mem = new ArrayList<>();
        mem.add(new MemoryCheck("neurons", w.neurons(), cores * perCore, "neurons", "neurons, encoder channels and readout units"));
        mem.add(new MemoryCheck("synaptic_memory", w.parameterBytes(), cores * (long) d.get("synaptic_memory_bytes_per_core"), "bytes",
                "parameters " + MemoryCheck.bytes(w.parameterBytes())));
        List<String> req = new ArrayList<>();
        int maxBits = (int) d.get("max_weight_bits");
        if (w.floatWeights()) {
            req.add("weights are floating point; " + d.name() + " needs integer weights of at most " + maxBits + " bits (quantise them: spikeforge profile and har take --quant int8)");
        } else if (w.weightBits() > maxBits) {
            req.add("weights have " + w.weightBits() + " bits; " + d.name() + " holds at most " + maxBits);
        }
        return new EdgeEstimate(d.name(), d.kind(), mem, req, 0, CostReport.of("edge:neuromorphic", d.name(), countMap(w), parts));
    }

    private static Map<String, Long> countMap(InferenceWorkload w) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("synaptic_events", Math.round(w.synapticEvents()));
        m.put("neuron_updates", Math.round(w.neuronUpdates()));
        m.put("encoder_updates", Math.round(w.encoderUpdates()));
        m.put("readout_accumulations", Math.round(w.readoutAccumulations()));
        m.put("spikes", Math.round(w.spikes()));
        m.put("steps", Math.round(w.steps()));
        return m;
    }
}
