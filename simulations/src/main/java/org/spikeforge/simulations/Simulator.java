package org.spikeforge.simulations;

import java.util.ArrayList;
import java.util.List;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * Runs a {@link Network} on a {@link Backend}: owns the clock and the probes, and calls the
 * backend's phases once per step. Time is an integer step count; {@code t = step·dt}.
 */
public final class Simulator implements AutoCloseable {

    /** Receives progress; called every few steps from the simulation thread. */
    @FunctionalInterface
    public interface Progress {
        void update(long stepsDone, long totalSteps);

        Progress NONE = (d, t) -> {};
    }

    private final Network network;
    private final Backend backend;
    private final CompiledNetwork compiled;
    private final double compileSeconds;
    private volatile boolean stopRequested;
    private long step;
    private boolean warmUpDone;
    private long warmUpSteps;
    private double warmUpSeconds;

    /**
     * The warm-up ({@link CompiledNetwork#warmUpSteps}) stops after this long, whatever the steps. C2 compiles a
     * method called once a step after about 5,000 calls, and the compiles queue behind one another: CUBA-100k on
     * two threads still had its step methods compiled 0.2–0.4 s into the timed run after a warm-up of 0.25 s
     * (1,400–2,300 steps; 70–84 µs a step for its first thousands of steps, 54–59 µs after; throw-away step
     * timer and -XX:+PrintCompilation, 2026-11-29).
     */
    static final double WARM_UP_MAX_SECONDS = 0.5;

    /**
     * The warm-up restarts the network from its initial state every this many steps. A run's first steps differ
     * from the others (no spikes yet, no delivery pending), and C2 compiles a branch that its profile never saw
     * taken as a trap back to the interpreter: warmed up in one piece, {@code simd}'s two-thread update was compiled
     * without its first-step branch, and the timed run's step 0 threw it out again (CUBA-100k: its first 1,000–2,000
     * steps at 77–104 µs instead of 60–67; -Xlog:deoptimization, 2026-11-29).
     */
    static final long WARM_UP_SEGMENT = 2000;

    public Simulator(Network network, Backend backend, BackendOptions options) {
        this.network = network;
        this.backend = backend;
        long t0 = System.nanoTime();
        this.compiled = backend.compile(network.graph(), options);
        this.compileSeconds = (System.nanoTime() - t0) * 1e-9;
    }

    public Simulator(Network network, Backend backend) {
        this(network, backend, BackendOptions.defaults());
    }

    public CompiledNetwork compiled() { return compiled; }

    /** Asks a running {@link #run} to stop after the current step (safe from any thread). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Starts a new trial on the same compiled network: restores the initial state, clears delay
     * buffers, resets the sources, and restarts the clock at step 0 (learned weights are kept).
     * Falls back to compiling the network again when the backend cannot reset in place.
     */
    public void resetTrial() {
        if (compiled.canResetState()) {
            compiled.resetState();
        } else {
            throw new IllegalStateException("backend " + backend.name() + " cannot reset state in place");
        }
        step = 0;
        stopRequested = false;
    }

    /** Steps of the warm-up before the first timed run (0 if there was none). */
    public long warmUpSteps() {
        return warmUpSteps;
    }

    /** Wall time of that warm-up, in seconds (counted in the result's compile time, not its simulation time). */
    public double warmUpSeconds() {
        return warmUpSeconds;
    }

    /** The next step to be simulated. */
    public long currentStep() {
        return step;
    }

    /** Runs {@code steps} steps from the current step with the given probes. */
    public RunResult run(long steps, List<? extends Probe> probes, Progress progress) {
        return run(steps, probes, progress, 0.0);
    }

    /**
     * Runs {@code steps} steps; {@code buildSeconds} (network construction, measured by the caller)
     * is added to the compile time in the result.
     */
    public RunResult run(long steps, List<? extends Probe> probes, Progress progress, double buildSeconds) {
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0");
        NetworkGraph g = network.graph();
        int np = g.populations().size();
        long[] popSpikes = new long[np];
        warmUp(steps);
        List<Probe> ps = new ArrayList<>(probes);
        for (Probe p : ps) p.start(compiled, steps);
        long reportEvery = Math.max(1, steps / 200);
        long t0 = System.nanoTime();
        long end = step + steps;
        long done = 0;
        long t1 = 0;
        try {
            while (step < end && !stopRequested) {
                networkStep(step, popSpikes);
                for (int k = 0, n = ps.size(); k < n; k++) ps.get(k).record(step, compiled);
                step++;
                done++;
                if (done % reportEvery == 0) progress.update(done, steps);
            }
            t1 = System.nanoTime();
        } finally {
            // after the timer: draining and closing a recording is file I/O, counted in the run's wall time
            for (Probe p : ps) p.finish(done);
        }
        double sim = (t1 - t0) * 1e-9;
        List<String> names = new ArrayList<>();
        long[] sizes = new long[np];
        for (int p = 0; p < np; p++) {
            names.add(g.populations().get(p).name());
            sizes[p] = g.populations().get(p).size();
        }
        return new RunResult(backend.name(), network.seed(), g.dtMs(), steps, done, g.neuronCount(), g.synapseCount(),
                names, sizes, popSpikes, buildSeconds + compileSeconds + warmUpSeconds, sim, compiled.counts().asMap(), done == steps);
    }

    /** The network's phases for one step; the run and the warm-up share it, so that the JIT compiles it for both. */
    private void networkStep(long s, long[] popSpikes) {
        compiled.applyInputs(s);
        compiled.updateNeurons(s);
        compiled.propagate(s);
        compiled.learn(s);
        for (int p = 0; p < popSpikes.length; p++) popSpikes[p] += compiled.spikeCount(p);
    }

    /**
     * Before the first timed run from step 0: runs up to {@link CompiledNetwork#warmUpSteps} steps (at most as many
     * as the run, at most {@link #WARM_UP_MAX_SECONDS}) on the network's own state, then restores its initial state
     * and zeroes its counts, so that the run simulates exactly what it would have without the warm-up (the tests
     * compare the spikes bit for bit) but with compiled step methods. No probe sees the warm-up. {@link #run} calls
     * it; a caller that times the run itself calls it first (with the run's steps), so as not to time it.
     */
    public void warmUp(long steps) {
        if (warmUpDone || step != 0) return;
        warmUpDone = true;
        long w = Math.min(compiled.warmUpSteps(), steps);
        if (w <= 0 || !compiled.canResetState() || !network.graph().plasticity().isEmpty()) return;
        long[] scratchSpikes = new long[network.graph().populations().size()];
        long t0 = System.nanoTime(), budget = (long) (WARM_UP_MAX_SECONDS * 1e9);
        long done = 0;
        for (long s = 0; done < w && !stopRequested && System.nanoTime() - t0 < budget; done++) {
            networkStep(s++, scratchSpikes);
            if (s == WARM_UP_SEGMENT) { // restart, so that the profiles hold a run's first steps too
                compiled.resetState();
                s = 0;
            }
        }
        compiled.resetState();
        compiled.counts().clear();
        warmUpSteps = done;
        warmUpSeconds = (System.nanoTime() - t0) * 1e-9;
    }

    @Override
    public void close() {
        compiled.close();
    }
}
