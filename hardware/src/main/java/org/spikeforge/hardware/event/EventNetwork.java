package org.spikeforge.hardware.event;

import java.util.Arrays;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.CsrConnectivity;

/**
 * A network of {@code lif} and {@code if} neurons with delta synapses, simulated event by event:
 * a neuron's state changes only when a spike reaches it or when its drive carries it over
 * threshold, and both happen at exact, off-grid times.
 *
 * <h2>State between events</h2>
 * With the external current {@code I_ext} constant, the membrane has a closed form. Each neuron
 * {@code g} of population {@code p} keeps one number {@code state[4 * g + U]} in a frame anchored at the
 * population's origin {@code o} (in steps):
 * <pre>
 *   lif:  v(t) = v∞ + u·e^{−(t−o)/τ}     v∞ = v_rest + R·I_ext    (state[4 * g + DRIVE] = v∞)
 *   if:   v(t) = u + s·(t − o)            s = dt·I_ext/C_m per step (state[4 * g + DRIVE] = s)
 * </pre>
 * An input of weight {@code w} at time {@code t} adds {@code w·e^{(t−o)/τ}} (lif) or {@code w} (if)
 * to {@code u}: one exponential per spike and projection, none per synapse. The origin moves
 * forward every 64 τ (rebasing every {@code u} of the population) so the factors stay far from
 * overflow. Threshold crossings under a supra-threshold drive are solved in closed form
 * ({@code t = o + τ·ln(u/(v_th − v∞))}, {@code t = o + (v_th − u)/s}) and kept in a
 * {@link CrossingQueue}; spike arrivals wait in an {@link ArrivalQueue}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Time is measured in steps ({@code t/dt}) inside, so grid times are exact integers and a
 *       delay of {@code d} steps is exactly {@code d}; {@link #spikeTimesMs} reports milliseconds.</li>
 *   <li>A spike at {@code t} through a projection with delay {@code d} arrives at {@code t + d·dt}.</li>
 *   <li>All inputs arriving at the same instant are summed before the threshold test {@code v > v_th}
 *       (as the time-stepped mode sums the inputs of one step).</li>
 *   <li>After a spike at {@code t} the membrane is reset (to {@code v_reset}, or by subtraction)
 *       and clamped until {@code t + t_ref}; input arriving before then is discarded, input arriving at
 *       or after then is integrated (as NEST's {@code iaf_psc_delta_ps}). {@code t_ref} is exact, not
 *       rounded to steps.</li>
 *   <li>If the reset leaves {@code v > v_th} (subtractive reset after a large input) the neuron fires
 *       again when the refractory period ends, or, with {@code t_ref = 0}, at the next grid time.</li>
 *   <li>Spike sources (Poisson, spike arrays) emit on the grid: a source spike of step {@code s} has
 *       time {@code s·dt} exactly.</li>
 *   <li>Injected currents change only at step boundaries (as {@link org.spikeforge.encoders.CurrentSource}
 *       defines them); every neuron of the population is brought to that instant and re-predicted.</li>
 * </ul>
 *
 * <h2>The step phases</h2>
 * {@link #applyInputs} emits the sources' spikes of the step and applies current changes;
 * {@link #updateNeurons}{@code (s)} processes every event with time {@code < (s+1)·dt} and makes the
 * spikes with times in {@code [s·dt, (s+1)·dt)} readable through {@link #spikes} (ascending index)
 * and {@link #spikeTimesMs} (same order); {@link #propagate} queues this step's spikes at their
 * arrival times. Because every delay is at least one step, no spike can arrive in its own step.
 */
public final class EventNetwork implements CompiledNetwork {
    /** Move a population's frame origin after this many membrane time constants. */
    private static final double REBASE_TAUS = 64.0;
    /** A non-leaky population rebases after this many steps (keeps s·(t − o) well conditioned). */
    private static final double REBASE_STEPS_IF = 1 << 20;

    private final NetworkGraph graph;
    private final double dt;
    private final int populations;

    // per population
    private final int[] offset;          // first global neuron index
    private final boolean[] leaky;       // lif (true) or if (false)
    private final double[] tauSteps;     // lif: τ_m/dt
    private final double[] vRest, resistance, gainPerStep; // lif: v_rest, R; if: dt/C_m
    private final double[] vTh, vReset, jump, tRefSteps;
    private final boolean[] subtract;
    private final double[] origin;       // frame origin, steps
    private final double[] rebaseAfter;  // steps after origin that trigger a rebase

    // per neuron (global index g = offset[p] + i)
    private final int[] popOf;
    /**
     * Four doubles per neuron, side by side so that one synaptic event touches one cache line:
     * {@code [4g+U]} the membrane in the population's frame (see class comment), {@code [4g+RESUME]} the
     * time (steps) from which it integrates again, {@code [4g+DRIVE]} v∞ (lif) or dv per step (if), and
     * {@code [4g+STAMP]} the batch in which it was last touched.
     */
    private final double[] state;
    private static final int U = 0, RESUME = 1, DRIVE = 2, STAMP = 3;
    private final double[] iExt;         // injected current, pA
    private double batch;
    // e^{(t−o)/τ} of each population for the time of the last batch that reached it
    private final double[] scaleTime, scale;

    // neurons touched by the current batch, per population
    private final int[][] touched;
    private final int[] touchedCount;

    // projections
    private final int[] projTarget;
    private final int[] projDelay;
    private final int[][] rowStart;
    private final int[][] targets;
    private final float[][] weights;
    private final int[][] outgoing;      // node -> projections leaving it
    /**
     * Projections whose rows are {@code s → s} (one_to_one): an arrival's target is its source, read from
     * neither {@code rowStart} nor {@code targets}. Most of sparse-100k's arrivals come through its two
     * one_to_one Poisson inputs.
     */
    private final boolean[] identity;

    private final ArrivalQueue arrivals;
    private final CrossingQueue crossings;

    // spikes of the current step, per node
    private int[][] spikeBuf;
    private double[][] spikeSteps;       // exact times, in steps
    private double[][] spikeMs;          // exact times, in ms, same order as spikeBuf
    private final int[] spikeCount;
    private long[] sortKeys = new long[16];
    private int[] sortIdx = new int[16];
    private double[] sortTime = new double[16];

    private final boolean[] iExtDirty;
    private double now;                  // every event with time < now has been processed

    private final OperationCounts counts = new OperationCounts();
    private long queuePushes, inputsApplied, inputsDiscarded, crossingsSolved, batches;

    EventNetwork(NetworkGraph graph) {
        this.graph = graph;
        this.dt = graph.dtMs();
        populations = graph.populations().size();
        offset = new int[populations + 1];
        leaky = new boolean[populations];
        tauSteps = new double[populations];
        vRest = new double[populations];
        resistance = new double[populations];
        gainPerStep = new double[populations];
        vTh = new double[populations];
        vReset = new double[populations];
        jump = new double[populations];
        tRefSteps = new double[populations];
        subtract = new boolean[populations];
        origin = new double[populations];
        rebaseAfter = new double[populations];
        for (int p = 0; p < populations; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            offset[p + 1] = Math.addExact(offset[p], pop.size());
            NeuronModel m = pop.model();
            switch (m) {
                case Lif lif -> {
                    leaky[p] = true;
                    tauSteps[p] = lif.tauM() / dt;
                    vRest[p] = lif.vRest();
                    resistance[p] = lif.r();
                    set(p, lif.vTh(), lif.vReset(), lif.tRef(), lif.reset());
                    rebaseAfter[p] = REBASE_TAUS * tauSteps[p];
                    if (tRefSteps[p] > 500 * tauSteps[p]) {
                        throw new IllegalArgumentException("event backend: population '" + pop.name() + "': t_ref = " + lif.tRef()
                                + " ms is more than 500 membrane time constants (tau_m = " + lif.tauM() + " ms); the event mode needs t_ref <= 500·tau_m");
                    }
                }
                case IntegrateAndFire iaf -> {
                    leaky[p] = false;
                    gainPerStep[p] = dt / iaf.cM();
                    set(p, iaf.vTh(), iaf.vReset(), iaf.tRef(), iaf.reset());
                    rebaseAfter[p] = REBASE_STEPS_IF;
                }
                default -> throw new IllegalArgumentException("event backend: population '" + pop.name() + "' uses model '"
                        + m.kind() + "'; the event-driven mode supports only lif and if (delta synapses); use a time-stepped backend such as scalar");
            }
        }
        int n = offset[populations];
        popOf = new int[n];
        state = new double[Math.multiplyExact(4, n)];
        iExt = new double[n];
        scaleTime = new double[populations];
        scale = new double[populations];
        touched = new int[populations][];
        touchedCount = new int[populations];
        for (int p = 0; p < populations; p++) {
            Arrays.fill(popOf, offset[p], offset[p + 1], p);
            touched[p] = new int[Math.max(1, offset[p + 1] - offset[p])];
        }

        if (!graph.plasticity().isEmpty()) {
            NetworkGraph.Plasticity pl = graph.plasticity().get(0);
            throw new IllegalArgumentException("event backend: projection '" + graph.projections().get(pl.projection()).name()
                    + "' is plastic (" + pl.rule().getClass().getSimpleName() + "); the event-driven mode runs static networks only");
        }
        int np = graph.projections().size();
        projTarget = new int[np];
        projDelay = new int[np];
        identity = new boolean[np];
        rowStart = new int[np][];
        targets = new int[np][];
        weights = new float[np][];
        int nodes = graph.nodes();
        int[] outDegree = new int[nodes];
        for (int k = 0; k < np; k++) {
            NetworkGraph.Projection pr = graph.projections().get(k);
            if (pr.receptor() != 0) {
                throw new IllegalArgumentException("event backend: projection '" + pr.name() + "' targets receptor " + pr.receptor()
                        + "; lif and if have the single receptor v");
            }
            CsrConnectivity c = pr.connectivity();
            projTarget[k] = pr.target();
            projDelay[k] = pr.delaySteps();
            rowStart[k] = c.rowStart();
            targets[k] = c.targets();
            weights[k] = pr.weights();
            identity[k] = isIdentity(c);
            outDegree[pr.sourceNode()]++;
        }
        outgoing = new int[nodes][];
        for (int node = 0; node < nodes; node++) outgoing[node] = new int[outDegree[node]];
        Arrays.fill(outDegree, 0);
        for (int k = 0; k < np; k++) {
            int node = graph.projections().get(k).sourceNode();
            outgoing[node][outDegree[node]++] = k;
        }

        spikeBuf = new int[nodes][];
        spikeSteps = new double[nodes][];
        spikeMs = new double[nodes][];
        spikeCount = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            int size = Math.max(1, graph.nodeSize(node));
            spikeBuf[node] = new int[size];
            spikeSteps[node] = new double[size];
            spikeMs[node] = new double[size];
        }
        for (NetworkGraph.Source s : graph.sources()) s.source().reset();

        int maxDelay = 1;
        for (int d : projDelay) maxDelay = Math.max(maxDelay, d);
        arrivals = new ArrivalQueue(maxDelay);
        crossings = new CrossingQueue(n);
        iExtDirty = new boolean[populations];
        initialState();
    }

    /** The state at step 0: initial membranes, no input, no arrival queued, the frames at origin 0. */
    private void initialState() {
        for (int p = 0; p < populations; p++) {
            double[] v0 = graph.populations().get(p).initial()[0];
            for (int i = 0; i < v0.length; i++) {
                int g = offset[p] + i;
                state[4 * g + DRIVE] = leaky[p] ? vRest[p] : 0.0;
                state[4 * g + U] = leaky[p] ? v0[i] - state[4 * g + DRIVE] : v0[i]; // frame at origin 0, t = 0
                state[4 * g + RESUME] = Double.NEGATIVE_INFINITY;
            }
        }
        Arrays.fill(iExt, 0.0);
        Arrays.fill(origin, 0.0);
        Arrays.fill(scaleTime, Double.NaN);
        Arrays.fill(touchedCount, 0);
        Arrays.fill(spikeCount, 0);
        Arrays.fill(iExtDirty, false);
        now = 0; // batch numbers only grow, so a stamp from before a reset is older than every batch after it
        arrivals.clear();
        crossings.clear();
        // Neurons that start above threshold, or whose resting potential lies above it, fire on their own.
        for (int p = 0; p < populations; p++) {
            for (int g = offset[p]; g < offset[p + 1]; g++) reschedule(p, g, 0.0);
        }
    }

    @Override
    public boolean canResetState() {
        return true;
    }

    /**
     * Back to step 0: initial membranes, queues emptied, sources reset, counts cleared (currents are applied
     * again at step 0, which {@code markCurrentChanges} treats as a change).
     */
    @Override
    public void resetState() {
        for (NetworkGraph.Source s : graph.sources()) s.source().reset();
        initialState();
        counts.clear();
        queuePushes = inputsApplied = inputsDiscarded = crossingsSolved = batches = 0;
    }

    private long warmUpSteps;

    /** Sets the steps of the simulator's warm-up ({@link EventBackend}'s {@code warmup} option). */
    void warmUpSteps(long steps) {
        warmUpSteps = steps;
    }

    @Override
    public long warmUpSteps() {
        return warmUpSteps;
    }

    /** Whether {@code c} connects every source {@code s} to target {@code s} and nothing else. */
    private static boolean isIdentity(CsrConnectivity c) {
        int[] rs = c.rowStart(), tg = c.targets();
        if (rs.length - 1 != tg.length) return false;
        for (int s = 0; s < tg.length; s++) if (rs[s] != s || tg[s] != s) return false;
        return rs[tg.length] == tg.length;
    }

    private void set(int p, double th, double reset, double tRefMs, ResetMode mode) {
        vTh[p] = th;
        vReset[p] = reset;
        jump[p] = th - reset;
        subtract[p] = mode == ResetMode.SUBTRACT;
        tRefSteps[p] = onGrid(tRefMs / dt);
    }

    /** Snaps a time in steps to the nearest integer when it is one up to rounding (0.3 ms / 0.1 ms). */
    private static double onGrid(double steps) {
        double r = Math.rint(steps);
        return Math.abs(steps - r) <= 1e-9 * Math.max(1.0, Math.abs(steps)) ? r : steps;
    }

    @Override public NetworkGraph graph() { return graph; }

    // ---------------------------------------------------------------- phase 1

    @Override
    public void applyInputs(long step) {
        int np = populations;
        for (int j = 0; j < graph.sources().size(); j++) {
            int node = np + j;
            int n = graph.sources().get(j).source().spikes(step, spikeBuf[node]);
            spikeCount[node] = n;
            double[] ts = spikeSteps[node], ms = spikeMs[node];
            double t = step, tMs = step * dt;
            for (int k = 0; k < n; k++) {
                ts[k] = t;
                ms[k] = tMs;
            }
            counts.inputSpikes += n;
        }
        if (graph.currents().isEmpty() || !graph.markCurrentChanges(step, iExtDirty)) return;
        for (int p = 0; p < np; p++) if (iExtDirty[p]) graph.sumCurrents(p, step, iExt, offset[p]);
        double t = step;
        for (int p = 0; p < np; p++) {
            if (!iExtDirty[p]) continue;
            iExtDirty[p] = false;
            for (int g = offset[p]; g < offset[p + 1]; g++) {
                // Bring the neuron to t under the old drive (to the end of its refractory period if
                // it is clamped), re-express it under the new drive, and predict its crossing again.
                double te = Math.max(t, state[4 * g + RESUME]);
                double v = membrane(p, g, te);
                state[4 * g + DRIVE] = leaky[p] ? vRest[p] + resistance[p] * iExt[g] : gainPerStep[p] * iExt[g];
                state[4 * g + U] = frame(p, g, v, te);
                reschedule(p, g, t);
            }
        }
    }

    // ---------------------------------------------------------------- phase 2

    @Override
    public void updateNeurons(long step) {
        for (int p = 0; p < populations; p++) {
            spikeCount[p] = 0;
            if (step - origin[p] >= rebaseAfter[p]) rebase(p, step);
        }
        arrivals.open(step);
        final double end = step + 1;
        while (true) {
            double ta = arrivals.minTime();
            double tc = crossings.minTime();
            if (ta <= tc) {
                if (ta >= end) break;
                deliverBatch(ta);
            } else {
                if (tc >= end) break;
                int g = crossings.minNeuron();
                crossings.remove(g);
                int p = popOf[g];
                fire(p, g, tc, Math.max(membrane(p, g, tc), vTh[p]));
            }
        }
        for (int p = 0; p < populations; p++) {
            sortByIndex(p);
            counts.spikes += spikeCount[p];
        }
        now = end;
        counts.steps++;
    }

    /**
     * Delivers every arrival at time {@code t}, then tests the neurons they reached. Arrivals are taken in queue
     * order, in runs of one projection (a step's arrivals through one projection are queued together), so that
     * what a projection needs is looked up once a run, not once a spike: most of sparse-100k's arrivals are
     * single-synapse rows of its Poisson inputs.
     */
    private void deliverBatch(double t) {
        final double b = ++batch;
        batches++;
        final long[] pl = arrivals.openPayloads();
        final int first = arrivals.cursor(), end = arrivals.end(t);
        touch(pl, first, end);
        for (int q = first; q < end; ) {
            final int k = ArrivalQueue.projection(pl[q]);
            int r = q + 1;
            while (r < end && ArrivalQueue.projection(pl[r]) == k) r++;
            int p = projTarget[k];
            // A weight in the frame is w·e^{(t−o)/τ} for lif, w for if: one exponential per batch and population.
            double f = 1.0;
            if (leaky[p]) {
                if (scaleTime[p] != t) {
                    scaleTime[p] = t;
                    scale[p] = Math.exp((t - origin[p]) / tauSteps[p]);
                }
                f = scale[p];
            }
            float[] w = weights[k];
            touchedCount[p] = identity[k]
                    ? deliverIdentity(pl, q, r, w, offset[p], f, t, b, touched[p], touchedCount[p])
                    : w.length == 1
                    ? deliverShared(pl, q, r, rowStart[k], targets[k], offset[p], w[0] * f, t, b, touched[p], touchedCount[p])
                    : deliverEach(pl, q, r, rowStart[k], targets[k], w, offset[p], f, t, b, touched[p], touchedCount[p]);
            q = r;
        }
        arrivals.take(end);
        testTouched(t);
    }

    /**
     * Reads, before the batch's additions, what they will read, in three waves: the rows' bounds, the rows'
     * targets (one int of each cache line), then each target's state (both of its cache lines: a neuron's 32
     * bytes straddle two in 3 cases of 8). The loads of a wave do not depend on one another, so their cache
     * misses overlap. In the additions alone, a row's state misses waited for its targets, which waited for
     * its bounds, and a row of 40 synapses fills the core's reorder buffer, so rows did not overlap either:
     * sparse-100k (about 100 rows and 600 synaptic events a step), 10 s runs on this VM, 2026-11-29 (throw-away
     * phase timers): the batches took 9.2–10.7 µs a step with the additions alone, 7.4–8.5 µs with these waves
     * (without the targets wave no faster than the additions alone).
     */
    private void touch(long[] pl, int from, int to) {
        long h = 0;
        for (int q = from; q < to; q++) {
            int k = ArrivalQueue.projection(pl[q]);
            if (!identity[k]) h += rowStart[k][ArrivalQueue.source(pl[q])];
        }
        for (int q = from; q < to; q++) {
            int k = ArrivalQueue.projection(pl[q]), src = ArrivalQueue.source(pl[q]);
            if (identity[k]) continue;
            int[] tg = targets[k];
            int a = rowStart[k][src], e = rowStart[k][src + 1];
            for (int j = a; j < e; j += 16) h += tg[j]; // one int of each cache line
            if (a < e) h += tg[e - 1];
        }
        final double[] st = state;
        double x = 0;
        for (int q = from; q < to; q++) {
            int k = ArrivalQueue.projection(pl[q]), src = ArrivalQueue.source(pl[q]);
            int base = offset[projTarget[k]];
            if (identity[k]) {
                int at = (base + src) << 2;
                x += st[at + U] + st[at + STAMP];
                continue;
            }
            int[] tg = targets[k];
            for (int j = rowStart[k][src], e = rowStart[k][src + 1]; j < e; j++) {
                int at = (base + tg[j]) << 2;
                x += st[at + U] + st[at + STAMP];
            }
        }
        touchSink += h + (long) x;
    }

    /** Keeps {@link #touch}'s loads alive. */
    private long touchSink;

    // The row loops are small methods of their own so that the JIT compiles them after a few
    // thousand rows, not after thousands of steps. The shared-weight and per-synapse loops stay apart: one
    // loop with a loop-invariant test between the two was slower (sparse-100k, 16 interleaved runs,
    // 2026-11-30: medians 0.096–0.107 → 0.106–0.111 s, and 3 runs of 16 at 0.15 s).

    /**
     * Adds the shared weight {@code ws} (already in the frame) along the rows of arrivals {@code [q, r)} of one
     * projection ({@code rs}, {@code tg}), in order; returns the touched count.
     */
    private int deliverShared(long[] pl, int q, int r, int[] rs, int[] tg, int base, double ws, double t, double b, int[] tl, int tn) {
        final double[] st = state;
        int discarded = 0;
        long events = 0;
        for (int a = q; a < r; a++) {
            final int src = ArrivalQueue.source(pl[a]), from = rs[src], to = rs[src + 1];
            events += to - from;
            for (int j = from; j < to; j++) {
                int g = base + tg[j];
                int at = g << 2;
                if (t < st[at + RESUME]) { discarded++; continue; }
                st[at + U] += ws;
                if (st[at + STAMP] != b) { st[at + STAMP] = b; tl[tn++] = g; }
            }
        }
        counted(events, discarded);
        return tn;
    }

    /** As {@link #deliverShared} for a one_to_one projection ({@link #identity}): each arrival reaches its own source index. */
    private int deliverIdentity(long[] pl, int q, int r, float[] w, int base, double f, double t, double b, int[] tl, int tn) {
        final double[] st = state;
        final boolean shared = w.length == 1;
        final double ws = w[0] * f;
        int discarded = 0;
        for (int a = q; a < r; a++) {
            final int src = ArrivalQueue.source(pl[a]);
            int g = base + src;
            int at = g << 2;
            if (t < st[at + RESUME]) { discarded++; continue; }
            st[at + U] += shared ? ws : w[src] * f;
            if (st[at + STAMP] != b) { st[at + STAMP] = b; tl[tn++] = g; }
        }
        counted(r - q, discarded);
        return tn;
    }

    /** As {@link #deliverShared} with one weight per synapse, scaled by {@code f}. */
    private int deliverEach(long[] pl, int q, int r, int[] rs, int[] tg, float[] w, int base, double f, double t, double b, int[] tl, int tn) {
        final double[] st = state;
        int discarded = 0;
        long events = 0;
        for (int a = q; a < r; a++) {
            final int src = ArrivalQueue.source(pl[a]), from = rs[src], to = rs[src + 1];
            events += to - from;
            for (int j = from; j < to; j++) {
                int g = base + tg[j];
                int at = g << 2;
                if (t < st[at + RESUME]) { discarded++; continue; }
                st[at + U] += w[j] * f;
                if (st[at + STAMP] != b) { st[at + STAMP] = b; tl[tn++] = g; }
            }
        }
        counted(events, discarded);
        return tn;
    }

    private void counted(long events, int discarded) {
        counts.synapticEvents += events;
        inputsDiscarded += discarded;
        inputsApplied += events - discarded;
    }

    /** Tests every neuron touched by the batch at {@code t}: fire, or predict its crossing again. */
    private void testTouched(double t) {
        final double[] st = state;
        for (int p = 0; p < populations; p++) {
            int tn = touchedCount[p];
            if (tn == 0) continue;
            touchedCount[p] = 0;
            int[] tl = touched[p];
            double th = vTh[p];
            boolean anyQueued = !crossings.isEmpty();
            if (leaky[p]) {
                double decay = 1.0 / scale[p]; // e^{−(t−o)/τ}; scaleTime[p] == t here
                for (int k = 0; k < tn; k++) {
                    int g = tl[k];
                    int at = g << 2;
                    double d = st[at + DRIVE];
                    double v = d + st[at + U] * decay;
                    if (v > th) fire(p, g, t, v);
                    else if (d > th || (anyQueued && crossings.contains(g))) reschedule(p, g, t);
                }
            } else {
                double since = t - origin[p];
                for (int k = 0; k < tn; k++) {
                    int g = tl[k];
                    int at = g << 2;
                    double d = st[at + DRIVE];
                    double v = st[at + U] + d * since;
                    if (v > th) fire(p, g, t, v);
                    else if (d > 0 || (anyQueued && crossings.contains(g))) reschedule(p, g, t);
                }
            }
        }
    }

    /** Neuron {@code g} spikes at {@code t} with membrane {@code v}: record, reset, clamp, predict. */
    private void fire(int p, int g, double t, double v) {
        int node = p;
        int n = spikeCount[node];
        if (n == spikeBuf[node].length) growSpikes(node);
        spikeBuf[node][n] = g - offset[p];
        spikeSteps[node][n] = t;
        spikeCount[node] = n + 1;
        double vNew = subtract[p] ? v - jump[p] : vReset[p];
        double r = t + tRefSteps[p];
        state[4 * g + RESUME] = r;
        state[4 * g + U] = frame(p, g, vNew, r);
        if (vNew > vTh[p]) {
            crossings.set(g, tRefSteps[p] > 0 ? r : Math.floor(t) + 1.0);
        } else {
            reschedule(p, g, r);
        }
    }

    /** Predicts neuron {@code g}'s next own threshold crossing at or after {@code from} (no input assumed). */
    private void reschedule(int p, int g, double from) {
        double te = Math.max(from, state[4 * g + RESUME]);
        double d = state[4 * g + DRIVE];
        double th = vTh[p];
        double tc;
        if (leaky[p]) {
            if (d <= th) {
                tc = state[4 * g + DRIVE] + state[4 * g + U] * Math.exp(-(te - origin[p]) / tauSteps[p]) > th ? te : Double.POSITIVE_INFINITY;
            } else if (state[4 * g + U] >= 0) {
                tc = te; // v ≥ v∞ > v_th
            } else {
                crossingsSolved++;
                tc = Math.max(te, origin[p] + tauSteps[p] * Math.log(state[4 * g + U] / (th - d)));
            }
        } else {
            double v = state[4 * g + U] + d * (te - origin[p]);
            if (v > th) {
                tc = te;
            } else if (d <= 0) {
                tc = Double.POSITIVE_INFINITY;
            } else {
                crossingsSolved++;
                tc = Math.max(te, origin[p] + (th - state[4 * g + U]) / d);
            }
        }
        crossings.set(g, tc);
    }

    /** Membrane of neuron {@code g} at time {@code t >= state[4 * g + RESUME]} (or its clamped value before). */
    private double membrane(int p, int g, double t) {
        double te = Math.max(t, state[4 * g + RESUME]);
        return leaky[p] ? state[4 * g + DRIVE] + state[4 * g + U] * Math.exp(-(te - origin[p]) / tauSteps[p])
                        : state[4 * g + U] + state[4 * g + DRIVE] * (te - origin[p]);
    }

    /** The frame value {@code u} of a membrane {@code v} at time {@code t}. */
    private double frame(int p, int g, double v, double t) {
        return leaky[p] ? (v - state[4 * g + DRIVE]) * Math.exp((t - origin[p]) / tauSteps[p])
                        : v - state[4 * g + DRIVE] * (t - origin[p]);
    }

    private void rebase(int p, double newOrigin) {
        double shift = newOrigin - origin[p];
        if (leaky[p]) {
            double f = Math.exp(-shift / tauSteps[p]);
            for (int g = offset[p]; g < offset[p + 1]; g++) state[4 * g + U] *= f;
        } else {
            for (int g = offset[p]; g < offset[p + 1]; g++) state[4 * g + U] += state[4 * g + DRIVE] * shift;
        }
        origin[p] = newOrigin;
        scaleTime[p] = Double.NaN;
    }

    private void growSpikes(int node) {
        int len = spikeBuf[node].length * 2;
        spikeBuf[node] = Arrays.copyOf(spikeBuf[node], len);
        spikeSteps[node] = Arrays.copyOf(spikeSteps[node], len);
        spikeMs[node] = Arrays.copyOf(spikeMs[node], len);
    }

    /** Puts node {@code node}'s spikes of this step in ascending neuron order and fills the ms times. */
    private void sortByIndex(int node) {
        int n = spikeCount[node];
        int[] idx = spikeBuf[node];
        double[] ts = spikeSteps[node];
        boolean sorted = true;
        for (int k = 1; k < n && sorted; k++) if (idx[k] < idx[k - 1]) sorted = false;
        if (!sorted) {
            if (sortKeys.length < n) {
                sortKeys = new long[n * 2];
                sortIdx = new int[n * 2];
                sortTime = new double[n * 2];
            }
            // Key: neuron index, then emission order (a neuron firing twice in one step keeps time order).
            for (int k = 0; k < n; k++) sortKeys[k] = ((long) idx[k] << 32) | k;
            Arrays.sort(sortKeys, 0, n);
            for (int k = 0; k < n; k++) {
                int from = (int) sortKeys[k];
                sortIdx[k] = idx[from];
                sortTime[k] = ts[from];
            }
            System.arraycopy(sortIdx, 0, idx, 0, n);
            System.arraycopy(sortTime, 0, ts, 0, n);
        }
        double[] ms = spikeMs[node];
        for (int k = 0; k < n; k++) ms[k] = ts[k] * dt;
    }

    // ---------------------------------------------------------------- phase 3

    @Override
    public void propagate(long step) {
        for (int node = 0; node < outgoing.length; node++) {
            int n = spikeCount[node];
            if (n == 0) continue;
            int[] out = outgoing[node];
            int[] idx = spikeBuf[node];
            double[] ts = spikeSteps[node];
            for (int k : out) {
                double d = projDelay[k];
                int[] rs = rowStart[k];
                boolean full = identity[k];
                for (int q = 0; q < n; q++) {
                    int s = idx[q];
                    if (!full && rs[s] == rs[s + 1]) continue; // no synapses in this row
                    arrivals.push(ts[q] + d, ArrivalQueue.pack(k, s));
                    queuePushes++;
                }
            }
        }
    }

    // ---------------------------------------------------------------- reading

    @Override public int spikeCount(int node) { return spikeCount[node]; }

    @Override public int[] spikes(int node) { return spikeBuf[node]; }

    /**
     * Exact times in ms of the spikes of node {@code node} in the current step, in the order of
     * {@link #spikes(int)}: off-grid for neurons, {@code step·dt} for sources. Valid until the next
     * phase call.
     */
    public double[] spikeTimesMs(int node) {
        return spikeMs[node];
    }

    /** Membrane potential {@code v} (variable 0) at the end of the last simulated step. */
    @Override
    public void readState(int pop, int var, int[] neurons, double[] dst) {
        if (var != 0) throw new IllegalArgumentException("event backend: lif and if have one state variable (v), asked for variable " + var);
        for (int k = 0; k < neurons.length; k++) {
            int g = offset[pop] + neurons[k];
            dst[k] = membrane(pop, g, now);
        }
    }

    /**
     * Operation counts. {@code neuron_updates} counts state changes (inputs integrated and spikes), not
     * neurons × steps; the extra counts give the queue traffic: {@code queue_pushes} (one per spike and
     * outgoing projection row), {@code input_batches} (distinct arrival instants),
     * {@code inputs_discarded} (arrivals during refractoriness), {@code crossings_solved}.
     */
    @Override
    public OperationCounts counts() {
        counts.neuronUpdates = inputsApplied + counts.spikes;
        counts.extra.put("queue_pushes", queuePushes);
        counts.extra.put("input_batches", batches);
        counts.extra.put("inputs_discarded", inputsDiscarded);
        counts.extra.put("crossings_solved", crossingsSolved);
        return counts;
    }
}
