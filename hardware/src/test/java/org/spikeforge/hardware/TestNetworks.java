package org.spikeforge.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.ProceduralConnectivity;

/**
 * Small resolved networks for backend tests, built directly as {@link NetworkGraph}s (the
 * {@code Network} builder lives in {@code simulations}, above this module). Every call builds a
 * fresh graph (sources are stateful), the same for the same arguments.
 */
public final class TestNetworks {
    private TestNetworks() {}

    public static final double DT = 0.1;

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    static double[][] initial(NeuronModel m, int n, double vLow, double vHigh, long seed) {
        double[] rest = m.restingState();
        double[][] init = new double[rest.length][n];
        for (int k = 0; k < rest.length; k++) Arrays.fill(init[k], rest[k]);
        UniformRandomProvider r = rng(seed);
        for (int i = 0; i < n; i++) init[0][i] = vLow + (vHigh - vLow) * r.nextDouble();
        return init;
    }

    /** Brian2's CUBA neuron (cuba_lif with R = 1 GΩ). */
    public static CubaLif cubaNeuron() {
        return new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE);
    }

    /**
     * A CUBA-like network (Vogels &amp; Abbott 2005): {@code nExc + nInh} cuba_lif neurons, random
     * connectivity with in-degree about 80, weights 1.62 pA and −9 pA, plus a weak Poisson drive.
     * With {@code procedural}, the excitatory projections are procedural.
     */
    public static NetworkGraph cuba(int nExc, int nInh, long seed, boolean procedural) {
        return cuba(nExc, nInh, seed, procedural, false);
    }

    /**
     * The CUBA network; with {@code indexTargets}, projections whose rows were drawn gap-coded
     * ({@link CsrConnectivity#ofGaps}) are stored as 4-byte target indices instead: the same synapses.
     */
    public static NetworkGraph cuba(int nExc, int nInh, long seed, boolean procedural, boolean indexTargets) {
        return cuba(nExc, nInh, seed, procedural, indexTargets, true);
    }

    /** The CUBA network, without the Poisson drive unless {@code noise} (its neurons rest above threshold and fire anyway). */
    public static NetworkGraph cuba(int nExc, int nInh, long seed, boolean procedural, boolean indexTargets, boolean noise) {
        CubaLif m = cubaNeuron();
        int n = nExc + nInh;
        double p = 80.0 / n;
        List<NetworkGraph.Population> pops = List.of(
                new NetworkGraph.Population("exc", nExc, m, initial(m, nExc, -60, -50, seed + 1)),
                new NetworkGraph.Population("inh", nInh, m, initial(m, nInh, -60, -50, seed + 2)));
        List<NetworkGraph.Source> src = List.of(new NetworkGraph.Source("noise", new PoissonSource(50, 20.0, DT, seed + 3)));
        List<NetworkGraph.Projection> pr = new ArrayList<>();
        int[][] pairs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        int g = 0;
        for (int[] st : pairs) {
            int s = st[0], t = st[1];
            int ns = s == 0 ? nExc : nInh, nt = t == 0 ? nExc : nInh;
            float w = s == 0 ? 1.62f : -9f;
            String name = (s == 0 ? "e" : "i") + (t == 0 ? "e" : "i");
            if (procedural && s == 0) {
                pr.add(new NetworkGraph.Projection(name, 0, s, t, s, new ProceduralConnectivity(ns, nt, p, s == t, seed + 10 + g), w, 1));
            } else {
                CsrConnectivity c = new ConnectivityRule.FixedProbability(p, false).build(ns, nt, s == t, rng(seed + 10 + g));
                if (indexTargets && c.gaps() != null) c = new CsrConnectivity(ns, nt, c.rowStart(), c.targets());
                pr.add(new NetworkGraph.Projection(name, 0, s, t, s, c, new float[] {w}, 1));
            }
            g++;
        }
        if (!noise) return new NetworkGraph(DT, pops, List.of(), pr, List.of());
        CsrConnectivity drive = new ConnectivityRule.FixedProbability(0.1, false).build(50, nExc, false, rng(seed + 20));
        pr.add(new NetworkGraph.Projection("drive", 0, 2, 0, 0, drive, new float[] {5f}, 1));
        return new NetworkGraph(DT, pops, src, pr, List.of());
    }

    /**
     * A LIF network with what the CUBA one lacks: per-synapse weights, two delay groups of one
     * projection (1 and 3 steps), a current injected into part of a population, an {@code if}
     * population driven by a constant current, and reset by subtraction.
     */
    public static NetworkGraph lifMix(int n, long seed) {
        Lif lif = new Lif(10, -65, -70, -50, 0.1, 2, ResetMode.TO_VALUE);
        IntegrateAndFire ifm = new IntegrateAndFire(250, 0, 1, 0.3, ResetMode.SUBTRACT);
        int nIf = n / 3 + 5;
        List<NetworkGraph.Population> pops = List.of(
                new NetworkGraph.Population("lif", n, lif, initial(lif, n, -70, -50, seed + 1)),
                new NetworkGraph.Population("if", nIf, ifm, initial(ifm, nIf, 0, 1, seed + 2)));
        UniformRandomProvider r = rng(seed + 3);
        List<NetworkGraph.Projection> pr = new ArrayList<>();
        for (int delay : new int[] {1, 3}) {
            CsrConnectivity c = new ConnectivityRule.FixedProbability(0.04, false).build(n, n, true, r);
            float[] w = new float[c.synapses()];
            for (int k = 0; k < w.length; k++) w[k] = (float) (-0.5 + 2.0 * r.nextDouble());
            pr.add(new NetworkGraph.Projection("ll", delay == 1 ? 0 : 1, 0, 0, 0, c, w, delay));
        }
        CsrConnectivity li = new ConnectivityRule.FixedProbability(0.05, false).build(n, nIf, false, r);
        pr.add(new NetworkGraph.Projection("li", 0, 0, 1, 0, li, new float[] {0.02f}, 2));
        CsrConnectivity il = new ConnectivityRule.FixedProbability(0.05, false).build(nIf, n, false, r);
        pr.add(new NetworkGraph.Projection("il", 0, 1, 0, 0, il, new float[] {-1.5f}, 1));
        int[] driven = new int[n / 2];
        for (int i = 0; i < driven.length; i++) driven[i] = 2 * i;
        List<NetworkGraph.Current> cur = List.of(
                new NetworkGraph.Current("step", 0, driven, new CurrentSource(new long[] {0, 500}, new double[] {160.0, 220.0})),
                new NetworkGraph.Current("bias", 1, null, CurrentSource.constant(40.0)));
        return new NetworkGraph(DT, pops, List.of(), pr, cur);
    }

    /** A COBA network (Brette et al. 2007 benchmark 1) driven by 200 pA, as {@code examples/coba.yaml}, scaled down. */
    public static NetworkGraph coba(int nExc, int nInh, long seed) {
        return coba(nExc, nInh, seed, CobaLif.Method.EXPONENTIAL_EULER);
    }

    /** {@link #coba(int, int, long)} with the membrane integrated by {@code method}. */
    public static NetworkGraph coba(int nExc, int nInh, long seed, CobaLif.Method method) {
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE, method);
        int n = nExc + nInh;
        double p = 80.0 / n;
        List<NetworkGraph.Population> pops = List.of(
                new NetworkGraph.Population("exc", nExc, m, initial(m, nExc, -60, -50, seed + 1)),
                new NetworkGraph.Population("inh", nInh, m, initial(m, nInh, -60, -50, seed + 2)));
        List<NetworkGraph.Projection> pr = new ArrayList<>();
        int g = 0;
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 2; t++) {
                int ns = s == 0 ? nExc : nInh, nt = t == 0 ? nExc : nInh;
                CsrConnectivity c = new ConnectivityRule.FixedProbability(p, false).build(ns, nt, s == t, rng(seed + 10 + g++));
                pr.add(new NetworkGraph.Projection("p" + s + t, 0, s, t, s, c, new float[] {s == 0 ? 6f : 67f}, 1));
            }
        }
        List<NetworkGraph.Current> drive = List.of(
                new NetworkGraph.Current("drive_exc", 0, null, CurrentSource.constant(200.0)),
                new NetworkGraph.Current("drive_inh", 1, null, CurrentSource.constant(200.0)));
        return new NetworkGraph(DT, pops, List.of(), pr, drive);
    }
}
