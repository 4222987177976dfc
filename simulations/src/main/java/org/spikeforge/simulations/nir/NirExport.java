package org.spikeforge.simulations.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.FixedPointCubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;

/**
 * Exports a SpikeForge network ({@link NetworkGraph}) as a NIR graph: the inverse of running a NIR
 * file, for the {@code lif}, {@code cuba_lif} and {@code if} models.
 *
 * <table>
 *   <caption>Mapping (NIR time in seconds; voltages in mV, currents in pA, resistance in GΩ)</caption>
 *   <tr><th>SpikeForge</th><th>NIR</th></tr>
 *   <tr><td>spike source of n channels</td><td>{@code Input} of shape [n], named as the source</td></tr>
 *   <tr><td>{@code lif}</td><td>{@code LIF}: tau = τ_m, r = R, v_leak = v_rest, v_threshold, v_reset</td></tr>
 *   <tr><td>{@code cuba_lif}</td><td>{@code CubaLIF}: tau_mem = τ_m, tau_syn = τ_syn_e (= τ_syn_i), r = R,
 *       v_leak = v_rest, v_threshold, v_reset, w_in = 1</td></tr>
 *   <tr><td>{@code if}</td><td>{@code IF}: r = 1000/C_m (dv/dt in mV/s per pA), v_threshold, v_reset</td></tr>
 *   <tr><td>projection (each delay group)</td><td>{@code Linear} of shape (target, source), synapses between
 *       the same pair summed; for a delay of d &gt; 1 steps followed by a {@code Delay} of (d − 1)·dt</td></tr>
 *   <tr><td>population without outgoing projections</td><td>{@code Output} {@code <name>_out}</td></tr>
 * </table>
 *
 * <p><b>Weights.</b> In a NIR run (and in snnTorch and Norse) a spike is the value 1 held for one
 * step. A Linear weight W is therefore a current of W pA during the spike's step, chosen so that,
 * with forward Euler, one spike moves its target as a SpikeForge synapse of weight w does:
 * {@code W = w·τ_m/(R·dt)} onto a LIF membrane (a jump of w mV), {@code W = w·τ_syn/dt} onto a
 * CubaLIF current (a jump of w pA), {@code W = w·C_m/dt} onto an IF membrane. The graph's
 * metadata carries {@code dt} in seconds, which {@code spikeforge nir run} then uses.
 *
 * <p><b>Delays.</b> SpikeForge's delay of one step is Brian2's zero delay: the spike acts at the end of
 * the step it is emitted in, which in a NIR run is the same step. Longer delays become Delay
 * nodes of the remainder. So a NIR run of the export fires one step earlier per layer than
 * SpikeForge's engine does.
 *
 * <p><b>Not exported</b> (each listed in {@link Result#notes()}): refractory periods, the
 * subtract reset (kept as node metadata {@code reset = "subtract"}; pass {@code --reset} to a run),
 * current injections, plasticity (the weights are exported as they are), fixed-point precision
 * (exported as the floating-point model). Other models are refused with a one-line error.
 */
public final class NirExport {
    private NirExport() {}

    /** The exported graph and what did not carry over. */
    public record Result(NirGraph graph, List<String> notes) {}

    /** Exports {@code g}; throws {@link NirFormatException} naming the population or projection that cannot be. */
    public static Result export(NetworkGraph g) {
        List<String> notes = new ArrayList<>();
        NirGraph.Builder b = NirGraph.builder();
        double dt = g.dtMs();
        int np = g.populations().size();
        NeuronModel[] models = new NeuronModel[np];
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = g.populations().get(p);
            models[p] = floating(pop, notes);
            b.node(pop.name(), neuron(pop.name(), models[p], pop.size(), notes));
        }
        for (NetworkGraph.Source s : g.sources()) b.node(s.name(), new NirNode.Input(s.size()));
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (NetworkGraph.Projection pr : g.projections()) groups.merge(pr.name(), 1, Integer::sum);
        boolean[] feeds = new boolean[np];
        for (NetworkGraph.Projection pr : g.projections()) {
            NeuronModel m = models[pr.target()];
            if (m instanceof CubaLif c && pr.receptor() == 1 && c.tauSynI() != c.tauSynE()) {
                throw new NirFormatException("projection " + pr.name() + ": NIR's CubaLIF has one synaptic time constant, but population "
                        + g.nodeName(pr.target()) + " has tau_syn_e = " + c.tauSynE() + " ms and tau_syn_i = " + c.tauSynI() + " ms");
            }
            double scale = weightScale(m, dt);
            int nSrc = g.nodeSize(pr.sourceNode()), nTgt = g.populations().get(pr.target()).size();
            double[] w = new double[nTgt * nSrc];
            int[] rowStart = pr.connectivity().rowStart(), targets = pr.connectivity().targets();
            for (int s = 0; s < nSrc; s++) {
                for (int j = rowStart[s]; j < rowStart[s + 1]; j++) w[targets[j] * nSrc + s] += scale * pr.weight(j);
            }
            String name = groups.get(pr.name()) == 1 ? pr.name() : pr.name() + "_d" + pr.delaySteps();
            b.node(name, new NirNode.Linear(new NirTensor(NirTensor.DType.FLOAT32, new int[] {nTgt, nSrc}, w), Map.of()));
            b.edge(g.nodeName(pr.sourceNode()), name);
            String last = name;
            if (pr.delaySteps() > 1) {
                String delay = name + "_delay";
                b.node(delay, new NirNode.Delay(NirTensor.filled(NirTensor.DType.FLOAT32, new int[] {nTgt},
                        (pr.delaySteps() - 1) * dt * 1e-3), Map.of()));
                b.edge(name, delay);
                last = delay;
            }
            b.edge(last, g.nodeName(pr.target()));
            if (pr.sourceNode() < np && pr.sourceNode() != pr.target()) feeds[pr.sourceNode()] = true;
        }
        boolean anySink = false;
        for (int p = 0; p < np; p++) anySink |= !feeds[p];
        for (int p = 0; p < np; p++) {
            if (anySink && feeds[p]) continue;
            NetworkGraph.Population pop = g.populations().get(p);
            b.node(pop.name() + "_out", new NirNode.Output(pop.size()));
            b.edge(pop.name(), pop.name() + "_out");
        }
        for (NetworkGraph.Current c : g.currents()) {
            notes.add("current " + c.name() + " into " + g.nodeName(c.population()) + " is not exported (NIR has no current sources)");
        }
        java.util.Set<String> plastic = new java.util.LinkedHashSet<>();
        for (NetworkGraph.Plasticity pl : g.plasticity()) plastic.add(g.projections().get(pl.projection()).name());
        for (String p : plastic) notes.add("projection " + p + " is plastic; its weights are exported as they are, without the rule");
        b.metadata("dt", NirTensor.scalar(NirTensor.DType.FLOAT64, dt * 1e-3));
        b.metadata("source", new NirValue.Text("SpikeForge"));
        return new Result(b.build(), List.copyOf(notes));
    }

    /** NIR weight per SpikeForge weight for a target of model {@code m}; see the class comment. */
    static double weightScale(NeuronModel m, double dtMs) {
        return switch (m) {
            case Lif l -> l.tauM() / (l.r() * dtMs);
            case CubaLif c -> c.tauSynE() / dtMs;
            case IntegrateAndFire f -> f.cM() / dtMs;
            default -> throw new IllegalStateException("unexpected model " + m.kind());
        };
    }

    private static NeuronModel floating(NetworkGraph.Population pop, List<String> notes) {
        NeuronModel m = pop.model();
        if (m instanceof FixedPointCubaLif f) {
            notes.add("population " + pop.name() + ": fixed-point cuba_lif exported as the floating-point model");
            return f.model();
        }
        if (m instanceof Lif || m instanceof CubaLif || m instanceof IntegrateAndFire) return m;
        throw new NirFormatException("population " + pop.name() + ": model " + m.kind()
                + " has no NIR equivalent; nir export supports lif, cuba_lif and if");
    }

    private static NirNode neuron(String name, NeuronModel m, int n, List<String> notes) {
        double tRef = m.refractoryMs();
        if (tRef > 0) notes.add("population " + name + ": refractory period " + tRef + " ms has no NIR equivalent and is dropped");
        Map<String, NirValue> meta = new LinkedHashMap<>();
        ResetMode reset = switch (m) {
            case Lif l -> l.reset();
            case CubaLif c -> c.reset();
            case IntegrateAndFire f -> f.reset();
            default -> ResetMode.TO_VALUE;
        };
        if (reset == ResetMode.SUBTRACT) {
            meta.put("reset", new NirValue.Text("subtract"));
            notes.add("population " + name + " resets by subtraction; run the export with --reset subtract");
        }
        return switch (m) {
            case Lif l -> new NirNode.LIF(f(n, l.tauM() * 1e-3), f(n, l.r()), f(n, l.vRest()), f(n, l.vTh()), f(n, l.vReset()), meta);
            case CubaLif c -> new NirNode.CubaLIF(f(n, c.tauSynE() * 1e-3), f(n, c.tauM() * 1e-3), f(n, c.r()), f(n, c.vRest()),
                    f(n, c.vTh()), f(n, c.vReset()), f(n, 1.0), meta);
            case IntegrateAndFire i -> new NirNode.IF(f(n, 1000.0 / i.cM()), f(n, i.vTh()), f(n, i.vReset()), meta);
            default -> throw new IllegalStateException("unexpected model " + m.kind());
        };
    }

    private static NirTensor f(int n, double value) {
        return NirTensor.filled(NirTensor.DType.FLOAT32, new int[] {n}, value);
    }
}
