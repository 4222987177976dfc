package org.spikeforge.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.InitialValue;
import org.spikeforge.simulations.Network;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

/**
 * One whole time step (inputs, neuron update, spike delivery) of the CUBA benchmark network
 * (Vogels &amp; Abbott 2005, as {@code simulations/examples/cuba.yaml}: 80 % excitatory, in-degree
 * 80, weights 1.62 pA and −9 pA, delay one step) at 4,000 and 100,000 neurons, on the scalar and
 * SIMD backend with 1 or 2 threads. The network runs on across iterations in its self-sustained
 * state (about 5.6 Hz), after a warm-up that covers its initial transient.
 *
 * <p>Score: time per step; × 10,000 gives the simulation time of 1 s of biological time.
 *
 * <pre>./spikeforge bench CubaStepBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CubaStepBenchmark {

    @Param({"4000", "100000"})
    public int n;

    /** {@code scalar}, {@code simd} (1 thread) or {@code simd_2t} (2 threads). */
    @Param({"scalar", "simd", "simd_2t"})
    public String backend;

    private CompiledNetwork net;
    private long step;

    /** CUBA at {@code n} neurons, in-degree 80. */
    public static Network cuba(int n, long seed) {
        CubaLif m = new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE);
        int nExc = n * 4 / 5, nInh = n - nExc;
        double p = 80.0 / n;
        return Network.builder(0.1, seed)
                .population("exc", nExc, m).initial("exc", "v", InitialValue.uniform(-60, -50))
                .population("inh", nInh, m).initial("inh", "v", InitialValue.uniform(-60, -50))
                .projection("exc_exc", "exc", "exc", "exc", new ConnectivityRule.FixedProbability(p, true), new SynapseValue.Constant(1.62), new SynapseValue.Constant(0.1))
                .projection("exc_inh", "exc", "inh", "exc", new ConnectivityRule.FixedProbability(p, false), new SynapseValue.Constant(1.62), new SynapseValue.Constant(0.1))
                .projection("inh_exc", "inh", "exc", "inh", new ConnectivityRule.FixedProbability(p, false), new SynapseValue.Constant(-9), new SynapseValue.Constant(0.1))
                .projection("inh_inh", "inh", "inh", "inh", new ConnectivityRule.FixedProbability(p, true), new SynapseValue.Constant(-9), new SynapseValue.Constant(0.1))
                .build();
    }

    @Setup(Level.Trial)
    public void setUp() {
        String name = backend.equals("simd_2t") ? "simd" : backend;
        int threads = backend.equals("simd_2t") ? 2 : 1;
        net = Backends.byName(name).compile(cuba(n, 1).graph(), new BackendOptions(threads, Map.of()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        net.close();
    }

    @Benchmark
    public int step() {
        long s = step++;
        net.applyInputs(s);
        net.updateNeurons(s);
        net.propagate(s);
        return net.spikeCount(0);
    }
}
