package org.spikeforge.bench;

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
import org.openjdk.jmh.annotations.Warmup;
import org.spikeforge.hardware.simd.SimdKernels;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.neurons.ResetMode;

/**
 * One time step of one population: the reference scalar {@link NeuronKernel} against the
 * {@link SimdKernels} vector kernel, per model, at CUBA-4k and CUBA-100k sizes. The state has two
 * ring slots (delay of one step) and no injected current, as in CUBA. The models' parameters make
 * the neurons fire on their own (resting potential above threshold, as in the CUBA benchmark), so
 * that resets, refractory clamps and spike compaction happen at a few Hz.
 *
 * <p>Score: time per step of the whole population; divide by {@code n} for time per neuron update.
 *
 * <pre>./spikeforge bench NeuronUpdateBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class NeuronUpdateBenchmark {

    @Param({"lif", "cuba_lif", "coba_lif", "coba_lif_euler", "if"})
    public String model;

    @Param({"4000", "100000"})
    public int n;

    @Param({"scalar", "simd"})
    public String impl;

    private PopulationState state;
    private NeuronKernel scalar;
    private SimdKernels.VectorKernel vector;
    private int[] spikes;
    private long step;

    static NeuronModel model(String kind) {
        return switch (kind) {
            case "lif" -> new Lif(20, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE);
            case "cuba_lif" -> new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE);
            case "coba_lif" -> new CobaLif(200, 10, -49, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
            case "coba_lif_euler" -> new CobaLif(200, 10, -49, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE, CobaLif.Method.EULER);
            case "if" -> new IntegrateAndFire(250, 0, 1, 0.3, ResetMode.SUBTRACT);
            default -> throw new IllegalArgumentException("unknown model " + kind);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        NeuronModel m = model(model);
        state = new PopulationState(n, m.stateVariables().size(), m.receptors().size(), 2);
        double[] rest = m.restingState();
        for (int k = 0; k < rest.length; k++) java.util.Arrays.fill(state.vars[k], rest[k]);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) state.vars[0][i] = -60 + 10 * r.nextDouble();
        if (model.equals("if")) for (int i = 0; i < n; i++) state.vars[0][i] = r.nextDouble();
        scalar = m.kernel(0.1);
        vector = SimdKernels.of(m, 0.1);
        spikes = new int[n];
    }

    @Benchmark
    public int step() {
        int slot = (int) (step++ & 1) * n;
        return impl.equals("simd")
                ? vector.step(state, slot, 0, n, false, spikes, 0)
                : scalar.step(state, slot, 0, n, spikes, 0);
    }
}
