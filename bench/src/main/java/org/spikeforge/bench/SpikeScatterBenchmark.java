package org.spikeforge.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.ProceduralConnectivity;

/**
 * Spike delivery: the outgoing rows of the neurons that spiked, scattered into one slot of a
 * target's double ring buffer, as {@code CpuNetwork} does it. Connectivity is fixed-probability
 * with 80 synapses per source (CUBA's), stored as CSR with one shared weight ({@code csr_shared},
 * 4 bytes per synapse), CSR with a weight per synapse ({@code csr_weights}, 8 bytes), CSR rows as
 * 16-bit gaps with one shared weight ({@code csr_gaps}, 2 bytes; {@code CsrConnectivity.ofGaps}), or
 * regenerated on the fly ({@code procedural}, 0 bytes). Each invocation delivers
 * {@value #SPIKES} spikes from random sources.
 *
 * <p>Score: time per synaptic event.
 *
 * <pre>./spikeforge bench SpikeScatterBenchmark -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SpikeScatterBenchmark {

    static final int SPIKES = 256;
    static final int FAN_OUT = 80;

    @Param({"4000", "100000"})
    public int n;

    @Param({"csr_shared", "csr_weights", "csr_gaps", "procedural"})
    public String storage;

    private int[] rowStart, targets, spiking, scratch;
    private char[] gaps;
    private float[] weights;
    private ProceduralConnectivity procedural;
    private double[] ring;
    private int base;

    @Setup(Level.Trial)
    public void setUp() {
        double p = (double) FAN_OUT / n;
        long seed = 17;
        procedural = new ProceduralConnectivity(n, n, p, false, seed);
        CsrConnectivity csr = new ConnectivityRule.FixedProbability(p, true).build(n, n, true, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        rowStart = csr.rowStart();
        targets = csr.targets();
        gaps = new char[targets.length];
        for (int src = 0; src < n; src++) {
            for (int j = rowStart[src], prev = -1; j < rowStart[src + 1]; prev = targets[j++]) gaps[j] = (char) (targets[j] - prev);
        }
        weights = new float[targets.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int k = 0; k < weights.length; k++) weights[k] = (float) r.nextDouble();
        spiking = new int[SPIKES];
        for (int k = 0; k < SPIKES; k++) spiking[k] = r.nextInt(n);
        java.util.Arrays.sort(spiking);
        scratch = new int[ProceduralConnectivity.BLOCK];
        ring = new double[2 * n];
        base = n;
    }

    /** Events per invocation are about SPIKES·FAN_OUT; the exact count is returned. */
    @Benchmark
    @OperationsPerInvocation(SPIKES * FAN_OUT)
    public long scatter() {
        final double[] ring = this.ring;
        final int base = this.base;
        long events = 0;
        switch (storage) {
            case "csr_shared" -> {
                final double w0 = 1.62;
                for (int s : spiking) {
                    int end = rowStart[s + 1];
                    for (int j = rowStart[s]; j < end; j++) ring[base + targets[j]] += w0;
                    events += end - rowStart[s];
                }
            }
            case "csr_weights" -> {
                for (int s : spiking) {
                    int end = rowStart[s + 1];
                    for (int j = rowStart[s]; j < end; j++) ring[base + targets[j]] += weights[j];
                    events += end - rowStart[s];
                }
            }
            case "csr_gaps" -> {
                final double w0 = 1.62;
                for (int s : spiking) {
                    int end = rowStart[s + 1], t = base - 1;
                    for (int j = rowStart[s]; j < end; j++) ring[t += gaps[j]] += w0;
                    events += end - rowStart[s];
                }
            }
            default -> {
                final double w0 = 1.62;
                int blocks = procedural.blocks();
                for (int s : spiking) {
                    for (int b = 0; b < blocks; b++) {
                        int m = procedural.targets(s, b, b + 1, scratch, 0);
                        for (int j = 0; j < m; j++) ring[base + scratch[j]] += w0;
                        events += m;
                    }
                }
            }
        }
        return events;
    }
}
