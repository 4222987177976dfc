package org.spikeforge.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spikeforge.hardware.photonic.ClementsDecomposition;
import org.spikeforge.hardware.photonic.ComplexMatrix;
import org.spikeforge.hardware.photonic.MziMesh;
import org.spikeforge.hardware.photonic.PhotonicNonIdealities;
import org.spikeforge.hardware.photonic.ProgrammedMesh;
import org.spikeforge.hardware.photonic.ReckDecomposition;
import org.spikeforge.hardware.photonic.Unitaries;

/**
 * Timing of the MZI-mesh decompositions ({@link ClementsDecomposition}, {@link ReckDecomposition})
 * and of rebuilding the unitary from the phases ({@link MziMesh#unitary()}) for Haar-random N×N
 * unitaries up to N = 512. All three are O(N³); the decompositions include the O(N³) unitarity
 * check of their input. Also one field propagated through a programmed device mesh
 * ({@link ProgrammedMesh}, cached 2×2 matrices: O(N²), the cost of one mesh in one optical read of
 * the photonic backend).
 *
 * <p>Run: {@code java -cp bench/target/spikeforge-bench.jar:bench/target/lib/* org.openjdk.jmh.Main ClementsDecompositionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ClementsDecompositionBenchmark {

    @Param({"16", "64", "128", "256", "512"})
    public int n;

    private ComplexMatrix unitary;
    private MziMesh mesh;
    private ProgrammedMesh device;
    private double[] fieldRe;
    private double[] fieldIm;

    @Setup
    public void setup() {
        unitary = Unitaries.haarRandom(n, RandomSource.XO_RO_SHI_RO_128_PP.create(n));
        mesh = ClementsDecomposition.decompose(unitary);
        device = new ProgrammedMesh(mesh, PhotonicNonIdealities.IDEAL,
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(1)));
        fieldRe = new double[n];
        fieldIm = new double[n];
    }

    @Benchmark
    public MziMesh clementsDecompose() {
        return ClementsDecomposition.decompose(unitary);
    }

    @Benchmark
    public MziMesh reckDecompose() {
        return ReckDecomposition.decompose(unitary);
    }

    @Benchmark
    public ComplexMatrix clementsReconstruct() {
        return mesh.unitary();
    }

    @Benchmark
    public double meshPropagate() {
        java.util.Arrays.fill(fieldRe, 1.0);
        java.util.Arrays.fill(fieldIm, 0.0);
        device.propagate(fieldRe, fieldIm, null);
        return fieldRe[0];
    }
}
