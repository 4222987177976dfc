package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NIR paper's single-neuron task: {@code lif_norse.nir} driven by the input column of
 * {@code lif_norse.csv} reproduces the voltage trace and the four spikes Norse recorded. Norse's
 * voltage column is the membrane after the reset, so the recorded pre-reset v is compared where no
 * spike occurred and v_reset (0) where one did.
 */
class NirNorseLifTest {

    @Test
    void lifNorseReproducesNorseVoltageTraceAndSpikes() throws IOException {
        List<String> rows = Files.readAllLines(NirTestFiles.nir("lif_norse.csv"));
        int steps = rows.size();
        double[] input = new double[steps], voltage = new double[steps], spike = new double[steps];
        for (int t = 0; t < steps; t++) {
            String[] c = rows.get(t).split(",");
            input[t] = Double.parseDouble(c[0]);
            voltage[t] = Double.parseDouble(c[1]);
            spike[t] = Double.parseDouble(c[2]);
        }
        NirFile file = NirReader.read(NirTestFiles.nir("lif_norse.nir"));
        assertEquals("0.1.1", file.version());
        NirRecording rec = NirExecutor.compile(file.graph(), NirRunOptions.defaults().withDt(1e-4)).run(input, 1, steps);
        NirRecording.Trace v = rec.get("1", "v"), s = rec.get("1", "spk");
        int spikes = 0;
        double maxDiff = 0;
        for (int t = 0; t < steps; t++) {
            assertEquals(spike[t], s.at(0, t, 0), "spike at step " + t);
            spikes += (int) spike[t];
            double after = s.at(0, t, 0) == 1f ? 0.0 : v.at(0, t, 0);
            maxDiff = Math.max(maxDiff, Math.abs(after - voltage[t]));
        }
        assertEquals(4, spikes, "Norse reports 4 spikes");
        assertTrue(maxDiff < 1e-6, "voltage trace differs from Norse by " + maxDiff);
        assertEquals(1000, steps);
    }
}
