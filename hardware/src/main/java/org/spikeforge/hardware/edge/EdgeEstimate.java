package org.spikeforge.hardware.edge;

import java.util.ArrayList;
import java.util.List;
import org.spikeforge.hardware.cost.CostReport;

/**
 * What deploying a model to one {@link EdgeDevice} comes to: whether it fits (each memory, and any
 * other requirement such as integer weights on a neuromorphic chip), the latency and energy of one
 * inference, and the per-component breakdown they are built from.
 *
 * @param device       device name
 * @param kind         device kind
 * @param memory       one check per memory
 * @param requirements unmet requirements other than memory (empty when none)
 * @param cycles       processor cycles per inference (0 on a neuromorphic chip)
 * @param cost         energy (J) and latency (s) per inference, by component; counts are per inference, rounded
 */
public record EdgeEstimate(String device, EdgeDevice.Kind kind, List<MemoryCheck> memory, List<String> requirements,
                           double cycles, CostReport cost) {

    public EdgeEstimate {
        memory = List.copyOf(memory);
        requirements = List.copyOf(requirements);
    }

    public boolean fits() {
        return requirements.isEmpty() && memory.stream().allMatch(MemoryCheck::fits);
    }

    public double latencyS() { return cost.latencyS(); }

    public double energyJ() { return cost.energyJ(); }

    /** "fits" or "does not fit: ..." naming each memory that is short and by how much, and each unmet requirement. */
    public String fitSummary() {
        if (fits()) return "fits";
        List<String> why = new ArrayList<>();
        for (MemoryCheck m : memory) if (!m.fits()) why.add(m.describe());
        why.addAll(requirements);
        return "does not fit: " + String.join("; ", why);
    }
}
