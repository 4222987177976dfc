package org.spikeforge.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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

/**
 * Ring-buffer slot rotation: what a step costs to consume this step's input slot of {@code n}
 * neurons and leave it zeroed for the spikes that will land there {@code D} steps later.
 * <ul>
 *   <li>{@code readThenFill}: read the slot into the state (here: add into an accumulator), then clear it with
 *       {@link java.util.Arrays#fill} (two passes over the slot);</li>
 *   <li>{@code fusedScalar}: read and zero each entry in the same scalar loop (the reference kernels);</li>
 *   <li>{@code fusedVector}: the same with vector loads and zero stores (the SIMD kernels).</li>
 * </ul>
 * The slot index rotates through {@code D = slots} slots, so the slot is cold in L1 as in a run.
 *
 * <p>Score: time per step.
 *
 * <pre>./spikeforge bench RingBufferBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RingBufferBenchmark {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    @Param({"4000", "100000"})
    public int n;

    @Param({"2", "16"})
    public int slots;

    private double[] ring, acc;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        ring = new double[slots * n];
        acc = new double[n];
    }

    private int slot() {
        return (int) (step++ % slots) * n;
    }

    @Benchmark
    public double[] readThenFill() {
        int off = slot();
        for (int i = 0; i < n; i++) acc[i] += ring[off + i];
        java.util.Arrays.fill(ring, off, off + n, 0.0);
        return acc;
    }

    @Benchmark
    public double[] fusedScalar() {
        int off = slot();
        for (int i = 0; i < n; i++) {
            acc[i] += ring[off + i];
            ring[off + i] = 0.0;
        }
        return acc;
    }

    @Benchmark
    public double[] fusedVector() {
        int off = slot();
        DoubleVector zero = DoubleVector.zero(D);
        int end = D.loopBound(n);
        int i = 0;
        for (; i < end; i += D.length()) {
            DoubleVector.fromArray(D, acc, i).add(DoubleVector.fromArray(D, ring, off + i)).intoArray(acc, i);
            zero.intoArray(ring, off + i);
        }
        for (; i < n; i++) {
            acc[i] += ring[off + i];
            ring[off + i] = 0.0;
        }
        return acc;
    }
}
