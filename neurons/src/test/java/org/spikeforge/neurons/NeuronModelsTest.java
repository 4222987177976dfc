package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NeuronModelsTest {

    @Test
    void everyRegisteredModelBuildsFromDefaultsAndDescribesItsState() {
        for (Precision p : Precision.values()) {
            for (String kind : NeuronModels.kinds(p)) {
                NeuronModel m = NeuronModels.get(kind, p).create(Map.of(), ResetMode.TO_VALUE);
                assertEquals(kind, m.kind());
                assertEquals(p, m.precision(), kind);
                assertEquals("v", m.stateVariables().get(0), kind + ": v first");
                assertEquals(m.stateVariables().size(), m.stateDimensions().size(), kind);
                assertEquals(m.stateVariables().size(), m.restingState().length, kind);
                assertEquals(Dimension.VOLTAGE, m.stateDimensions().get(0), kind);
                // At rest, with no input, no model fires in the first step.
                PopulationState s = new PopulationState(1, m.stateVariables().size(), m.receptors().size(), 1);
                double[] r = m.restingState();
                for (int k = 0; k < r.length; k++) s.vars[k][0] = r[k];
                assertEquals(0, m.kernel(0.1).step(s, 0, 0, 1, new int[1], 0), kind);
            }
        }
        assertTrue(NeuronModels.kinds().containsAll(java.util.List.of("adaptive_lif", "izhikevich", "adex")));
    }
}
