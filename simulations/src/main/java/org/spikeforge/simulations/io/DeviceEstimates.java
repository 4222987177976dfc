package org.spikeforge.simulations.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.edge.EdgeCostModel;
import org.spikeforge.hardware.edge.EdgeDevice;
import org.spikeforge.hardware.edge.EdgeEstimate;
import org.spikeforge.hardware.edge.InferenceWorkload;
import org.spikeforge.hardware.edge.MemoryCheck;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.har.ProfileReport;

/**
 * What a run ({@code spikeforge run SCENARIO --estimate DEVICES}) would take on the edge and neuromorphic devices of
 * {@link EdgeCostModel}: the operations the run counted (synaptic events, spikes) and the neuron updates of a
 * time-stepped device (every neuron in every step) become one {@link InferenceWorkload}, the whole simulated time being one "inference", and the device's profile turns it into
 * memory fit, time and energy. The same model as {@code spikeforge profile}, which does this per input window for an
 * activity-recognition model.
 *
 * <p>The network is taken as SpikeForge holds it, in single precision (what these devices compute in): every state
 * variable and ring-buffer slot 4 bytes, weights fp32, the synapses as stored ({@link NetworkGraph#synapseStorageBytes}),
 * a spike list of 4 bytes a neuron or input. Input sources are counted as spikes only (generating them, e.g.
 * a Poisson draw per step, is not costed), and procedural projections store nothing (a device would regenerate their
 * rows, which is not costed either).
 */
public final class DeviceEstimates {
    private DeviceEstimates() {}

    /** The devices a {@code --estimate} value names: {@code all}, or names or profile paths separated by commas. */
    public static List<EdgeDevice> devices(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--estimate: value is empty; expected all, or device names separated by commas ("
                    + String.join(", ", EdgeDevice.names()) + ") or .properties profile paths");
        }
        if (spec.strip().equalsIgnoreCase("all")) return EdgeDevice.all();
        List<EdgeDevice> out = new ArrayList<>();
        for (String name : spec.split(",")) {
            try {
                out.add(EdgeDevice.load(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--estimate: value '" + spec + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The run's counted operations and the network's single-precision footprint as one workload. */
    public static InferenceWorkload workload(NetworkGraph graph, RunResult run) {
        Map<String, Long> c = run.counts();
        long stateBytes = 0, bufferBytes = 0;
        int[] slots = org.spikeforge.hardware.cpu.CpuNetwork.ringSlots(graph); // as the CPU backends hold them
        for (int p = 0; p < slots.length; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            long perNeuron = pop.model().stateVariables().size() + (long) pop.model().receptors().size() * slots[p];
            stateBytes += 4 * perNeuron * pop.size();
        }
        for (int node = 0; node < graph.nodes(); node++) bufferBytes += 4L * graph.nodeSize(node);
        long spikes = c.getOrDefault("spikes", 0L) + c.getOrDefault("input_spikes", 0L);
        // a device steps every neuron in every step, whatever the run did (the event mode updates a neuron only when
        // an input reaches it)
        double steps = run.stepsDone();
        return new InferenceWorkload(c.getOrDefault("synaptic_events", 0L), graph.neuronCount() * steps, 0, 0, spikes, steps,
                graph.neuronCount(), 32, true, 32, true, graph.synapseStorageBytes(), stateBytes, bufferBytes);
    }

    /** The estimate on each device. */
    public static List<EdgeEstimate> estimate(List<EdgeDevice> devices, InferenceWorkload w) {
        return devices.stream().map(d -> EdgeCostModel.estimate(d, w)).toList();
    }

    /** Lines for the run's summary on the terminal: one per device, then why each that does not fit does not. */
    public static String text(List<EdgeEstimate> estimates, double simulatedSeconds) {
        List<String> lines = new ArrayList<>();
        for (EdgeEstimate e : estimates) {
            lines.add(String.format(Locale.ROOT, "  on %-9s %s, %s for the run (%s), %s", e.device(), e.fits() ? "fits" : "does NOT fit",
                    ProfileReport.time(e.latencyS()), realTime(e.latencyS(), simulatedSeconds), ProfileReport.energy(e.energyJ())));
        }
        for (EdgeEstimate e : estimates) if (!e.fits()) lines.add("    " + e.device() + ": " + e.fitSummary());
        return String.join(System.lineSeparator(), lines);
    }

    private static String realTime(double latencyS, double simulatedSeconds) {
        if (!(simulatedSeconds > 0) || !(latencyS > 0)) return "real-time factor —";
        return String.format(Locale.ROOT, "%.3gx real time", simulatedSeconds / latencyS);
    }

    /** The {@code estimates} block of {@code summary.json}: one object per device. */
    public static List<Map<String, Object>> toJson(List<EdgeEstimate> estimates, InferenceWorkload w, double simulatedSeconds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EdgeEstimate e : estimates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", e.device());
            m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
            m.put("fits", e.fits());
            m.put("fit", e.fitSummary());
            m.put("latency_s", e.latencyS());
            m.put("energy_j", e.energyJ());
            m.put("realtime_factor", e.latencyS() > 0 ? simulatedSeconds / e.latencyS() : null);
            m.put("cycles", e.cycles());
            List<Map<String, Object>> mem = new ArrayList<>();
            for (MemoryCheck c : e.memory()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("memory", c.memory());
                x.put("needed", c.needed());
                x.put("available", c.available());
                x.put("unit", c.unit());
                x.put("fits", c.fits());
                mem.add(x);
            }
            m.put("memory", mem);
            m.put("requirements", e.requirements());
            out.add(m);
        }
        Map<String, Object> wl = new LinkedHashMap<>();
        wl.put("synaptic_events", w.synapticEvents());
        wl.put("neuron_updates", w.neuronUpdates());
        wl.put("spikes", w.spikes());
        wl.put("steps", w.steps());
        wl.put("parameter_bytes", w.parameterBytes());
        wl.put("state_bytes", w.stateBytes());
        wl.put("buffer_bytes", w.bufferBytes());
        for (Map<String, Object> m : out) m.put("workload", wl);
        return out;
    }
}
