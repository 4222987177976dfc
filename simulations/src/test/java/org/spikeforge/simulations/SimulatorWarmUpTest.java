package org.spikeforge.simulations;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.event.EventNetwork;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

/**
 * The simd backend's warm-up ({@code warmup} option): the simulator runs steps on the network's own state before
 * the timed run and then restores it. Oracle: the same run without a warm-up. Spikes, sampled membrane
 * potentials and operation counts must be the same bit for bit, with a Poisson source (its generator must be
 * reset), an injected current (re-applied at step 0), recurrent delayed projections (ring buffers cleared), and on
 * two threads with the delivery fused into the next update (a delivery left pending across the reset), and with the
 * warm-up's own restarts ({@link Simulator#WARM_UP_SEGMENT}). The same for the event backend, whose exact
 * (off-grid) spike times must be the same too.
 */
class SimulatorWarmUpTest {

    /** With a Poisson source, or without one (then {@code simd} on two threads fuses each delivery into the next update). */
    static Network network(boolean poisson) {
        Network.Builder b = Network.builder(0.1, 11);
        if (poisson) b.poisson("noise", 300, 40.0);
        b.population("exc", 800, new CubaLif(20, 5, 10, 0, 0, 10, 1.0, 2, ResetMode.TO_VALUE))
                .population("inh", 200, new CubaLif(20, 5, 10, 0, 0, 10, 1.0, 2, ResetMode.TO_VALUE))
                .initial("exc", "v", InitialValue.uniform(0, 10))
                .initial("inh", "v", InitialValue.uniform(0, 10))
                .current("drive", "exc", null, CurrentSource.constant(10.5));
        if (poisson) {
            b.projection("in", "noise", "exc", "exc", new ConnectivityRule.FixedProbability(0.05, false),
                    new SynapseValue.Constant(2.0), new SynapseValue.Constant(0.1));
        }
        return b.projection("ee", "exc", "exc", "exc", new ConnectivityRule.FixedProbability(0.05, false),
                        new SynapseValue.Constant(0.6), new SynapseValue.Constant(0.3))
                .projection("ei", "exc", "inh", "exc", new ConnectivityRule.FixedProbability(0.05, false),
                        new SynapseValue.Constant(0.6), new SynapseValue.Constant(0.1))
                .projection("ie", "inh", "exc", "inh", new ConnectivityRule.FixedProbability(0.05, false),
                        new SynapseValue.Constant(-3.0), new SynapseValue.Constant(0.2))
                .build();
    }

    record Outcome(int[] steps, int[] neurons, double[] v, Map<String, Long> counts, long warmUpSteps) {}

    static Outcome run(int threads, String precision, boolean poisson, String warmup) {
        Network net = network(poisson);
        SpikeProbe spikes = new SpikeProbe("s", 0);
        StateProbe v = new StateProbe("v", 0, 0, new int[] {0, 17, 399, 799}, 7);
        Map<String, String> extra = Map.of("precision", precision, "warmup", warmup, "parallel_delivery_events", "0");
        try (Simulator sim = new Simulator(net, Backends.byName("simd"), new BackendOptions(threads, extra))) {
            RunResult r = sim.run(2500, List.of(spikes, v), Simulator.Progress.NONE);
            double[] vs = new double[v.samples() * 4];
            for (int s = 0; s < v.samples(); s++) for (int k = 0; k < 4; k++) vs[s * 4 + k] = v.value(s, k);
            return new Outcome(spikes.steps(), spikes.neurons(), vs, r.counts(), sim.warmUpSteps());
        }
    }

    @ParameterizedTest
    @CsvSource({"1, float64, true", "2, float64, true", "2, float64, false", "1, float32, true", "1, float32, false"})
    void warmUpThenRunEqualsTheRunAlone(int threads, String precision, boolean poisson) {
        Outcome cold = run(threads, precision, poisson, "0");
        Outcome warm = run(threads, precision, poisson, "4500"); // at most the run's 2,500 steps
        assertEquals(0, cold.warmUpSteps());
        // 0.5 s is far more than 4,500 steps of this network; at least one restart within the warm-up
        assertTrue(warm.warmUpSteps() > Simulator.WARM_UP_SEGMENT, "warm-up steps: " + warm.warmUpSteps());
        assertTrue(cold.steps().length > 1000, "the network spikes: " + cold.steps().length);
        assertArrayEquals(cold.steps(), warm.steps());
        assertArrayEquals(cold.neurons(), warm.neurons());
        assertArrayEquals(cold.v(), warm.v());
        assertEquals(cold.counts(), warm.counts());
        assertEquals(2500, warm.counts().get("steps"));
    }

    /**
     * An event-mode network: lif with delta synapses, a Poisson source, one population driven over threshold by a
     * constant current (crossings solved in closed form, off the grid) and with a time constant short enough for its
     * frame to be rebased within a warm-up segment, recurrent projections with unequal delays.
     */
    static Network lifNetwork() {
        Lif lif = new Lif(20, -70, -70, -50, 1.0, 2, ResetMode.TO_VALUE);
        Lif fast = new Lif(2, -70, -70, -50, 1.0, 2, ResetMode.TO_VALUE); // its frame moves every 64 τ = 1,280 steps
        return Network.builder(0.1, 5)
                .poisson("noise", 400, 20.0)
                .population("exc", 400, lif)
                .population("inh", 100, fast)
                .initial("exc", "v", InitialValue.uniform(-70, -52))
                .initial("inh", "v", InitialValue.uniform(-70, -52))
                .current("drive", "inh", null, CurrentSource.constant(21.0)) // v∞ = −49 mV: fires on its own
                .projection("in", "noise", "exc", "v", new ConnectivityRule.FixedProbability(0.02, false),
                        new SynapseValue.Constant(9.0), new SynapseValue.Constant(0.1))
                .projection("ee", "exc", "exc", "v", new ConnectivityRule.FixedProbability(0.05, false),
                        new SynapseValue.Constant(1.0), new SynapseValue.Constant(1.5))
                .projection("ei", "exc", "inh", "v", new ConnectivityRule.FixedProbability(0.05, false),
                        new SynapseValue.Constant(1.0), new SynapseValue.Constant(0.7))
                .projection("ie", "inh", "exc", "v", new ConnectivityRule.FixedProbability(0.1, false),
                        new SynapseValue.Constant(-0.5), new SynapseValue.Constant(0.4))
                .build();
    }

    /** Every spike's exact time in ms (both populations), from the event backend. */
    static final class ExactTimes implements Probe {
        final java.util.ArrayList<Double> times = new java.util.ArrayList<>();
        @Override public String name() { return "times"; }
        @Override public void record(long step, CompiledNetwork net) {
            for (int node = 0; node < 2; node++) {
                double[] t = ((EventNetwork) net).spikeTimesMs(node);
                for (int k = 0; k < net.spikeCount(node); k++) times.add(t[k]);
            }
        }
    }

    record EventOutcome(int[] steps, int[] neurons, List<Double> times, double[] v, Map<String, Long> counts, long warmUpSteps) {}

    static EventOutcome runEvent(String warmup) {
        SpikeProbe spikes = new SpikeProbe("s", 0);
        ExactTimes times = new ExactTimes();
        StateProbe v = new StateProbe("v", 0, 0, new int[] {0, 17, 399}, 7);
        try (Simulator sim = new Simulator(lifNetwork(), Backends.byName("event"), new BackendOptions(1, Map.of("warmup", warmup)))) {
            RunResult r = sim.run(2500, List.of(spikes, times, v), Simulator.Progress.NONE);
            double[] vs = new double[v.samples() * 3];
            for (int s = 0; s < v.samples(); s++) for (int k = 0; k < 3; k++) vs[s * 3 + k] = v.value(s, k);
            return new EventOutcome(spikes.steps(), spikes.neurons(), times.times, vs, r.counts(), sim.warmUpSteps());
        }
    }

    @Test
    void eventBackendWarmUpThenRunEqualsTheRunAlone() {
        EventOutcome cold = runEvent("0");
        EventOutcome warm = runEvent("4500");
        assertEquals(0, cold.warmUpSteps());
        assertTrue(warm.warmUpSteps() > Simulator.WARM_UP_SEGMENT, "warm-up steps: " + warm.warmUpSteps());
        assertTrue(cold.steps().length > 500, "the network spikes: " + cold.steps().length);
        assertTrue(cold.counts().get("crossings_solved") > 0, "driven neurons cross on their own: " + cold.counts());
        assertTrue(cold.times().stream().anyMatch(t -> Math.abs(t / 0.1 - Math.rint(t / 0.1)) > 1e-6), "off-grid spike times");
        assertArrayEquals(cold.steps(), warm.steps());
        assertArrayEquals(cold.neurons(), warm.neurons());
        assertEquals(cold.times(), warm.times());
        assertArrayEquals(cold.v(), warm.v());
        assertEquals(cold.counts(), warm.counts());
    }

    @Test
    void eventBackendRejectsAWarmUpThatIsNotAWholeNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.byName("event").compile(lifNetwork().graph(), new BackendOptions(1, Map.of("warmup", "soon"))));
        assertTrue(e.getMessage().contains("warmup") && e.getMessage().contains("'soon'") && e.getMessage().contains("auto"), e.getMessage());
    }
}
