package org.spikeforge.hardware.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.TestNetworks;
import org.spikeforge.hardware.Trace;

/**
 * The scalar backend's procedural delivery against an independent oracle: the same synapses,
 * materialised once with {@code ProceduralConnectivity.toCsr()} and delivered as stored CSR. Both
 * must give the same spikes, state and event counts, bit for bit.
 */
class ProceduralDeliveryTest {

    @Test
    void proceduralProjectionsDeliverExactlyTheirStoredCopy() {
        NetworkGraph proc = TestNetworks.cuba(5000, 1000, 11, true);
        List<NetworkGraph.Projection> stored = new ArrayList<>();
        int procedural = 0;
        for (NetworkGraph.Projection p : TestNetworks.cuba(5000, 1000, 11, true).projections()) {
            if (p.isProcedural()) {
                procedural++;
                assertEquals(4, p.connectivityBytes(), "one shared weight, no bytes per synapse");
                stored.add(new NetworkGraph.Projection(p.name(), p.group(), p.sourceNode(), p.target(), p.receptor(),
                        p.procedural().toCsr(), p.weights(), p.delaySteps()));
            } else {
                stored.add(p);
            }
        }
        assertEquals(2, procedural);
        NetworkGraph fresh = TestNetworks.cuba(5000, 1000, 11, true);
        NetworkGraph csr = new NetworkGraph(fresh.dtMs(), fresh.populations(), fresh.sources(), stored, fresh.currents());
        assertEquals(csr.synapseCount(), proc.synapseCount());
        Trace a = Trace.run(new CpuNetwork(proc), 1000);
        Trace b = Trace.run(new CpuNetwork(csr), 1000);
        assertTrue(a.totalSpikes() > 500, "active network: " + a.totalSpikes());
        assertTrue(a.identical(b), a.firstDifference(b));
    }

    @Test
    void projectionRejectsProceduralConnectivityWithPerSynapseWeights() {
        var pc = new org.spikeforge.synapses.ProceduralConnectivity(10, 10, 0.5, true, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkGraph.Projection("x", 0, 0, 0, 0, null, new float[] {1f, 2f}, 1, pc));
        assertEquals("projection x: procedural connectivity needs one shared weight, got 2 weights", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkGraph.Projection("y", 0, 0, 0, 0, null, new float[] {1f}, 1, null));
        assertEquals("projection y: needs either stored or procedural connectivity, not neither", e.getMessage());
    }
}
