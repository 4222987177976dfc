package org.spikeforge.hardware.event;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.event.ModeSelector.Choice;
import org.spikeforge.hardware.event.ModeSelector.Mode;
import org.spikeforge.hardware.event.ModeSelector.SteppingCosts;
import org.spikeforge.hardware.event.TestNetworks.Builder;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.CsrConnectivity;

class ModeSelectorTest {
    private static final Lif LIF = new Lif(20.0, -70.0, -70.0, -50.0, 0.1, 2.0, ResetMode.TO_VALUE);

    /** {@code n} LIF neurons, each projecting to {@code k} others (fixed out-degree, deterministic targets). */
    private static NetworkGraph recurrent(int n, int k) {
        Builder b = new Builder(0.1);
        int pop = b.population("net", n, LIF, -70.0);
        int[] rowStart = new int[n + 1];
        int[] targets = new int[n * k];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = (i + 1) * k;
            for (int j = 0; j < k; j++) targets[i * k + j] = (int) ((i + 1L + (long) j * (n / k)) % n);
            java.util.Arrays.sort(targets, i * k, (i + 1) * k);
        }
        b.connect("rec", pop, pop, new CsrConnectivity(n, n, rowStart, targets), new float[] {0.5f}, 15);
        return b.build();
    }

    @Test
    void sparseLowRateNetworkRunsEventDriven() {
        Choice c = ModeSelector.choose(recurrent(20_000, 50), 1.0, SteppingCosts.SIMD);
        assertEquals(Mode.EVENT, c.mode());
        assertTrue(c.explanation().startsWith("auto: event mode"), c.explanation());
        assertFalse(c.explanation().contains("\n"), "one line");
        assertTrue(c.eventSeconds() * 3 < c.stepSeconds(), c.explanation());
        assertTrue(c.explanation().contains("stepping on simd"), c.explanation());
    }

    @Test
    void theSameNetworkFiringFastIsStepped() {
        Choice c = ModeSelector.choose(recurrent(20_000, 50), 50.0, SteppingCosts.SIMD);
        assertEquals(Mode.STEP, c.mode());
        assertTrue(c.explanation().startsWith("auto: step mode"), c.explanation());
    }

    @Test
    void againstTheScalarReferenceTheEventModeWinsUpToHigherRatesThanAgainstSimd() {
        // Measured on sparse-100k (ModeSelector's comment): the event mode beat scalar stepping at every rate of the
        // sweep (up to 35 Hz of activity) and simd stepping only up to about 8 Hz of activity.
        NetworkGraph g = recurrent(20_000, 50);
        assertEquals(Mode.EVENT, ModeSelector.choose(g, 30.0, SteppingCosts.SCALAR).mode());
        assertEquals(Mode.STEP, ModeSelector.choose(g, 30.0, SteppingCosts.SIMD).mode());
        assertEquals(SteppingCosts.SIMD, SteppingCosts.of("simd"));
        assertEquals(SteppingCosts.SIMD_FLOAT32, SteppingCosts.of("simd", java.util.Map.of("precision", "float32")));
        // single precision steps faster, so the event mode wins over it up to a lower rate than over double precision
        Choice dbl = ModeSelector.choose(g, 3.0, SteppingCosts.SIMD), flt = ModeSelector.choose(g, 3.0, SteppingCosts.SIMD_FLOAT32);
        assertTrue(flt.stepSeconds() < dbl.stepSeconds() && flt.eventSeconds() == dbl.eventSeconds(), flt.explanation());
        assertTrue(flt.explanation().contains("stepping on simd/float32"), flt.explanation());
        assertEquals(SteppingCosts.SCALAR, SteppingCosts.of("memristor"));
        assertEquals(ModeSelector.choose(g, 3.0).stepSeconds(), ModeSelector.choose(g, 3.0, SteppingCosts.SCALAR).stepSeconds());
    }

    @Test
    void silentNetworkCostsOneUpdatePerNeuronAndStepWhenStepping() {
        // 20,000 neurons × 10,000 steps × 1.25 ns, nothing else: 0.25 s per simulated second.
        Choice c = ModeSelector.choose(recurrent(20_000, 50), 0.0);
        assertEquals(0.25, c.stepSeconds(), 1e-12);
        assertEquals(0.0, c.eventSeconds(), 1e-12);
        assertEquals(Mode.EVENT, c.mode());
    }

    @Test
    void choiceFlipsOnceFromEventToStepAsTheRateGrows() {
        NetworkGraph g = recurrent(20_000, 50);
        Mode previous = Mode.EVENT;
        int flips = 0;
        for (double r = 0.25; r <= 200; r *= 1.25) {
            Choice c = ModeSelector.choose(g, r, SteppingCosts.SIMD);
            assertEquals(c.eventSeconds() < c.stepSeconds() ? Mode.EVENT : Mode.STEP, c.mode(), "at " + r + " Hz");
            if (c.mode() != previous) flips++;
            previous = c.mode();
        }
        assertEquals(1, flips);
        assertEquals(Mode.STEP, previous);
    }

    @Test
    void poissonSourcesCountAtTheirOwnRate() {
        // A silent population driven one-to-one by a 100 Hz Poisson source: stepping pays the updates
        // plus 100 × 1000 events per second.
        Builder b = new Builder(0.1);
        int pop = b.population("net", 1000, LIF, -70.0);
        int src = b.poisson("in", 1000, 100.0, 1L);
        int[] rs = new int[1001];
        int[] tg = new int[1000];
        for (int i = 0; i < 1000; i++) { rs[i + 1] = i + 1; tg[i] = i; }
        b.connect("in", src, pop, new CsrConnectivity(1000, 1000, rs, tg), new float[] {1f}, 1);
        Choice c = ModeSelector.choose(b.build(), 0.0);
        assertEquals(1000 * 10_000 * 1.25e-9 + 100.0 * 1000 * SteppingCosts.SCALAR.nsPerEvent() * 1e-9, c.stepSeconds(), 1e-9);
    }

    @Test
    void networksWithOtherModelsAreSteppedAndTheReasonNamesThePopulation() {
        Builder b = new Builder(0.1);
        b.population("exc", 100, new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE), -60.0);
        Choice c = ModeSelector.choose(b.build(), 0.1);
        assertEquals(Mode.STEP, c.mode());
        assertTrue(Double.isNaN(c.eventSeconds()));
        assertTrue(c.explanation().contains("'exc'") && c.explanation().contains("cuba_lif"), c.explanation());
    }

    @Test
    void rejectsANegativeRateWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModeSelector.choose(recurrent(10, 2), -1.0));
        assertTrue(e.getMessage().contains("-1.0") && e.getMessage().contains("Hz"), e.getMessage());
    }
}
