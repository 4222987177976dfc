package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The presets of Izhikevich 2003, Fig. 2, driven by I = 10 (pA here) for one second at
 * dt = 0.1 ms, must show their firing classes, measured on the inter-spike intervals.
 */
class IzhikevichTest {
    private static final double DT = 0.1, I = 10.0;

    private static double[] isis(Izhikevich.Preset p) {
        Sim sim = new Sim(p.model(), DT);
        sim.state.iExt[0] = I;
        return Sim.isis(sim.run(10000));
    }

    private static int countBelow(double[] a, double x) {
        int n = 0;
        for (double v : a) if (v < x) n++;
        return n;
    }

    @Test
    void regularSpikingFiresTonicallyWithSpikeFrequencyAdaptation() {
        double[] isi = isis(Izhikevich.Preset.RS);
        assertTrue(isi.length >= 10);
        double steady = Sim.mean(isi, isi.length / 2, isi.length);
        assertTrue(isi[0] < 0.6 * steady, "first ISI " + isi[0] + " much shorter than steady " + steady);
        assertTrue(Sim.cv(isi, isi.length / 2, isi.length) < 0.02, "steady firing is regular");
        assertEquals(0, countBelow(isi, 10.0), "no bursts");
        assertTrue(1000.0 / steady < 40, "steady rate below 40 Hz");
    }

    @Test
    void fastSpikingFiresFastAndRegularly() {
        double[] fs = isis(Izhikevich.Preset.FS), rs = isis(Izhikevich.Preset.RS);
        double steady = Sim.mean(fs, fs.length / 2, fs.length);
        assertTrue(1000.0 / steady > 100, "FS steady rate " + 1000.0 / steady + " Hz");
        assertTrue(steady < 0.3 * Sim.mean(rs, rs.length / 2, rs.length), "much faster than RS at the same drive");
        assertTrue(Sim.cv(fs, fs.length / 2, fs.length) < 0.05, "regular");
        assertTrue(fs[fs.length - 1] < 2 * fs[0], "little adaptation");
    }

    @Test
    void intrinsicallyBurstingStartsWithABurstThenFiresSingleSpikes() {
        double[] isi = isis(Izhikevich.Preset.IB);
        assertTrue(isi[0] < 5.0, "initial burst: first ISI " + isi[0]);
        for (int k = 1; k < isi.length; k++) assertTrue(isi[k] > 25.0, "single spikes after the burst: ISI " + k + " = " + isi[k]);
        assertTrue(Sim.cv(isi, 1, isi.length) < 0.1, "tonic after the burst");
    }

    @Test
    void chatteringFiresRepetitiveBursts() {
        double[] isi = isis(Izhikevich.Preset.CH);
        int shortIsi = countBelow(isi, 10.0), longIsi = isi.length - shortIsi;
        assertTrue(longIsi >= 10, "at least ten inter-burst gaps, got " + longIsi);
        for (double d : isi) assertTrue(d < 10.0 || d > 30.0, "bimodal ISIs, got " + d);
        assertTrue(shortIsi >= 2 * longIsi, "bursts of three or more spikes: " + shortIsi + " short vs " + longIsi + " long");
    }

    @Test
    void relaxesToTheStableFixedPointWithoutInput() {
        // With I = 0 and u = b·v, 0.04v² + (5 − b)v + 140 = 0; for b = 0.2 the stable root is v = −70.
        Izhikevich m = Izhikevich.Preset.RS.model();
        Sim sim = new Sim(m, DT);
        sim.run(20000);
        double b = m.b();
        double v = (-(5 - b) - Math.sqrt((5 - b) * (5 - b) - 4 * 0.04 * 140)) / (2 * 0.04);
        assertEquals(-70.0, v, 1e-12);
        assertEquals(v, sim.v(), 1e-6);
        assertEquals(b * v, sim.var("u"), 1e-6);
    }

    @Test
    void unknownPresetIsRejectedNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Izhikevich.Preset.parse("XX"));
        assertTrue(e.getMessage().contains("'XX'") && e.getMessage().contains("RS, IB, CH, FS"), e.getMessage());
        assertEquals(Izhikevich.Preset.CH, Izhikevich.Preset.parse("chattering"));
    }
}
