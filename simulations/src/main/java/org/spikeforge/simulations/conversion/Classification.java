package org.spikeforge.simulations.conversion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.CostReporting;
import org.spikeforge.simulations.RunResult;
import org.spikeforge.simulations.Simulator;

/**
 * Classification with a converted network on any backend: each sample is one trial of
 * {@code timesteps + depth} steps (the pipeline adds one step per layer), after which the class is
 * the argmax of the output layer's membrane. The network is compiled once; between trials its state
 * is reset in place, or it is compiled again on backends that cannot reset.
 */
public final class Classification {
    private Classification() {}

    /**
     * @param accuracy    fraction of samples classified correctly
     * @param predictions predicted class of each sample
     * @param run         the figures of all trials together (steps, spikes per population, counts, time)
     * @param cost        the hardware cost of all trials on a backend with a cost model
     *                    ({@link CostReporting}; its network is reset in place between trials), else null
     * @param hardware    that backend's mapping report, else empty
     */
    public record Result(int samples, int correct, double accuracy, int[] predictions, RunResult run, CostReport cost,
                         Map<String, Object> hardware) {}

    /** Called after each sample with (samples done, total). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    public static Result run(ConvertedSnn.EngineNetwork en, Backend backend, BackendOptions options, double[][] x, int[] labels,
                             int timesteps, Progress progress) {
        if (x.length != labels.length) {
            throw new IllegalArgumentException("data has " + x.length + " samples but labels has " + labels.length);
        }
        if (timesteps < 1) throw new IllegalArgumentException("timesteps must be >= 1, was " + timesteps);
        long steps = timesteps + (long) en.depth();
        int out = en.outputPopulation();
        int nOut = en.network().graph().populations().get(out).size();
        int[] all = new int[nOut];
        for (int i = 0; i < nOut; i++) all[i] = i;
        double[] v = new double[nOut];
        int[] pred = new int[x.length];
        int correct = 0;
        int np = en.network().graph().populations().size();
        long[] popSpikes = new long[np];
        Map<String, Long> counts = new LinkedHashMap<>();
        double build = 0, sim = 0;
        long stepsDone = 0;
        Simulator simulator = null;
        CostReport cost = null;
        Map<String, Object> hardware = Map.of();
        try {
            for (int s = 0; s < x.length; s++) {
                en.input().setInput(x[s]);
                if (simulator == null) {
                    simulator = new Simulator(en.network(), backend, options);
                } else if (simulator.compiled().canResetState()) {
                    simulator.resetTrial();
                } else {
                    merge(counts, simulator.compiled().counts().asMap());
                    simulator.close();
                    en.input().reset();
                    simulator = new Simulator(en.network(), backend, options);
                }
                RunResult r = simulator.run(steps, List.of(), Simulator.Progress.NONE);
                build += s == 0 || !simulator.compiled().canResetState() ? r.buildSeconds() : 0;
                sim += r.simSeconds();
                stepsDone += r.stepsDone();
                for (int p = 0; p < np; p++) popSpikes[p] += r.populationSpikes()[p];
                simulator.compiled().readState(out, 0, all, v);
                pred[s] = ConvertedSnn.argmax(v);
                if (pred[s] == labels[s]) correct++;
                if (progress != null) progress.update(s + 1, x.length);
            }
            if (simulator != null) {
                merge(counts, simulator.compiled().counts().asMap());
                if (simulator.compiled() instanceof CostReporting cr && simulator.compiled().canResetState()) {
                    cost = cr.cost();
                    hardware = cr.hardwareReport();
                }
            }
        } finally {
            if (simulator != null) simulator.close();
        }
        var g = en.network().graph();
        List<String> names = g.populations().stream().map(p -> p.name()).toList();
        long[] sizes = g.populations().stream().mapToLong(p -> p.size()).toArray();
        RunResult total = new RunResult(backend.name(), en.network().seed(), g.dtMs(), steps * x.length, stepsDone,
                g.neuronCount(), g.synapseCount(), names, sizes, popSpikes, build, sim, counts, stepsDone == steps * x.length);
        return new Result(x.length, correct, x.length == 0 ? 0 : (double) correct / x.length, pred, total, cost, hardware);
    }

    private static void merge(Map<String, Long> into, Map<String, Long> add) {
        add.forEach((k, val) -> into.merge(k, val, Long::sum));
    }
}
