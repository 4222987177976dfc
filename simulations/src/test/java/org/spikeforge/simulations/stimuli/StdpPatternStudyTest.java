package org.spikeforge.simulations.stimuli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pattern-learning demonstration (Masquelier, Guyonneau &amp; Thorpe 2008): with ideal synapses
 * the neuron becomes selective to the hidden pattern as the paper reports; the study reruns it with
 * every device preset.
 */
class StdpPatternStudyTest {
    // Tests run in the module folder; this is the file users run.
    private static final Path SCENARIO = Path.of("examples", "stdp_pattern.yaml");

    @Test
    void withIdealSynapsesTheNeuronLearnsToFireOnlyForThePattern() {
        StdpPatternStudy.Row r = StdpPatternStudy.run(SCENARIO, "20 s", List.of("none")).get(0);
        PatternDetection d = r.detection();
        // the paper: selective after about 13.5 s, then a spike in (nearly) every presentation and no false alarm
        assertTrue(d.timeToLearnS() <= 16, "learned at " + d.timeToLearnS() + " s");
        assertTrue(d.hitRate() >= 0.9, "hit rate " + d.hitRate());
        assertTrue(d.falseAlarmHz() <= 1.0, "false alarms " + d.falseAlarmHz() + " Hz");
        assertTrue(d.presentations() > 60, "presentations " + d.presentations());
        // STDP has moved weight onto the pattern's afferents (without the pattern the two means differ by ~0.002)
        assertTrue(r.patternWeight() > r.otherWeight() + 0.02, r.patternWeight() + " vs " + r.otherWeight());
    }

    @Test
    void reportHasOneRowPerDeviceAndTheIdealPresetChangesNothing() {
        List<StdpPatternStudy.Row> rows = StdpPatternStudy.run(SCENARIO, "1 s", StdpPatternStudy.DEVICES);
        assertEquals(StdpPatternStudy.DEVICES, rows.stream().map(StdpPatternStudy.Row::device).toList());
        StdpPatternStudy.Row none = rows.get(0), ideal = rows.get(1);
        // the ideal device stores every requested weight exactly: the same spikes and weights as ideal synapses
        assertEquals(none.detection(), ideal.detection());
        assertEquals(none.patternWeight(), ideal.patternWeight(), 0.0);
        assertEquals(none.otherWeight(), ideal.otherWeight(), 0.0);
        for (StdpPatternStudy.Row r : rows.subList(2, rows.size())) {
            // pulses, nonlinear steps and noise move the weights away from what the rule asked for
            assertNotEquals(none.otherWeight(), r.otherWeight(), r.device());
            assertTrue(Double.isFinite(r.patternWeight()) && Double.isFinite(r.otherWeight()), r.device());
        }
        String table = StdpPatternStudy.format(rows);
        for (String d : StdpPatternStudy.DEVICES) assertTrue(table.contains(d), table);
        assertTrue(table.contains("time to learn") && table.contains("hit rate") && table.contains("false alarms"), table);
    }
}
