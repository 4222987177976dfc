package org.spikeforge.hardware.gpu;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;

/**
 * A network compiled for an OpenCL device. All state stays on the device between steps; what
 * crosses the bus each step is the spike count of every population (4 bytes each, which
 * {@link #spikeCount} must return), the spikes of the input sources, and whatever is asked for:
 * spike indices by {@link #spikes}, state by {@link #readState} (only the requested neurons).
 *
 * <p>Device layout per population of {@code n} neurons: {@code vars[k·n + i]} (variable {@code k}),
 * {@code ring[r·slots·n + slot·n + i]} (receptor {@code r}), {@code iExt}, {@code refractory},
 * {@code spikes} (this step's spiking neurons, compacted by an atomic counter, in no particular
 * order) and {@code lastSpike} (the step of each neuron's last spike). Ring buffers work as in
 * {@link org.spikeforge.hardware.cpu.CpuNetwork}: {@code slots = 1 + max delay}; a spike emitted in
 * step {@code t} with delay {@code d} lands in slot {@code (t+d) mod slots}.
 *
 * <p>Per step: {@link #applyInputs} uploads the sources' spikes and changed currents;
 * {@link #updateNeurons} runs one kernel per population and reads the spike counters (the one
 * synchronisation of the step); {@link #propagate} runs one delivery kernel per projection whose
 * source spiked ({@link Delivery}).
 */
final class GpuNetwork implements CompiledNetwork {
    private static final int GROUP = 64;

    private final NetworkGraph graph;
    private final GpuContext gpu;
    private final Delivery delivery;
    private final cl_command_queue queue;
    private final Resources res;
    private final OperationCounts counts = new OperationCounts();
    private final long deviceBytes;
    private final long workGroup;

    // populations (index p) and nodes (index k: populations, then sources)
    private final int np;
    private final int[] size;
    private final int[] slots;
    private final cl_mem[] vars;
    private final cl_mem[] ring;
    private final cl_mem[] iExt;
    private final cl_mem[] refractory;
    private final cl_kernel[] neuronKernel;
    private final cl_mem[] spikesDev;
    private final cl_mem[] lastSpike;
    private final cl_kernel[] stampKernel;
    private final boolean[] hasOutgoing;
    private final cl_mem counters;
    private final int[] counterHost;

    // host copies
    private final int[][] spikeBuf;
    private final int[] spikeCount;
    private final boolean[] spikesOnHost;
    private final double[][] iExtHost;
    private final boolean[] iExtDirty;

    // projections
    private final cl_kernel[] deliverKernel;

    // reusable kernel-argument cells (no allocation per launch)
    private final int[] argInt = new int[1];
    private final long[] argLong = new long[1];
    private final Pointer argIntPtr = Pointer.to(argInt);
    private final Pointer argLongPtr = Pointer.to(argLong);
    private final long[] globalSize = new long[1];
    private final long[] localSize = new long[1];
    private final Pointer zeroInt = Pointer.to(new int[] {0});
    private final Pointer zeroDouble = Pointer.to(new double[] {0.0});

    // probes: device index lists and result buffers, by the identity of the caller's array
    private final Map<int[], StateGather> gathers = new IdentityHashMap<>();

    private long bytesToDevice;
    private long bytesFromDevice;
    private long kernelLaunches;
    private boolean closed;

    /** Everything this network allocated on the device, so that a failure half-way through compiling frees it too. */
    private static final class Resources {
        final List<cl_mem> buffers = new ArrayList<>();
        final List<cl_kernel> kernels = new ArrayList<>();
        cl_command_queue queue;

        void release() {
            if (queue != null) clFinish(queue);
            for (cl_kernel k : kernels) clReleaseKernel(k);
            for (cl_mem m : buffers) clReleaseMemObject(m);
            kernels.clear();
            buffers.clear();
            if (queue != null) clReleaseCommandQueue(queue);
            queue = null;
        }
    }

    /** Compiles {@code graph}; on any failure, frees what was already allocated. */
    static GpuNetwork create(NetworkGraph graph, OpenClDevice device, Delivery delivery) {
        Resources res = new Resources();
        try {
            return new GpuNetwork(graph, device, delivery, res);
        } catch (RuntimeException e) {
            res.release();
            throw e;
        }
    }

    private record StateGather(int[] neurons, cl_mem index, cl_mem result, cl_kernel kernel) {}

    @SuppressWarnings("deprecation") // clCreateCommandQueue: the OpenCL 1.2 call, which every device has
    private GpuNetwork(NetworkGraph graph, OpenClDevice device, Delivery delivery, Resources res) {
        this.graph = graph;
        this.res = res;
        this.delivery = delivery;
        this.np = graph.populations().size();
        int nodes = graph.nodes();
        size = new int[np];
        slots = new int[np];
        Arrays.fill(slots, 1);
        for (NetworkGraph.Projection pr : graph.projections()) {
            slots[pr.target()] = Math.max(slots[pr.target()], pr.delaySteps() + 1);
        }
        hasOutgoing = new boolean[nodes];
        for (NetworkGraph.Projection pr : graph.projections()) hasOutgoing[pr.sourceNode()] = true;

        // Every neuron model must have a kernel before anything is allocated.
        GpuNeuronKernels.Spec[] specs = new GpuNeuronKernels.Spec[np];
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            specs[p] = GpuNeuronKernels.spec(pop.model(), graph.dtMs());
            size[p] = pop.size();
        }
        DeviceMemoryPlan plan = plan(graph, delivery);
        plan.check(device);
        this.deviceBytes = plan.totalBytes();

        this.gpu = GpuContext.forDevice(device);
        this.workGroup = Math.min(GROUP, device.maxWorkGroupSize());
        this.queue = clCreateCommandQueue(gpu.context, gpu.deviceId, 0, null);
        res.queue = queue;

        vars = new cl_mem[np];
        ring = new cl_mem[np];
        iExt = new cl_mem[np];
        refractory = new cl_mem[np];
        neuronKernel = new cl_kernel[np];
        spikesDev = new cl_mem[nodes];
        lastSpike = new cl_mem[nodes];
        stampKernel = new cl_kernel[nodes];
        spikeBuf = new int[nodes][];
        spikeCount = new int[nodes];
        spikesOnHost = new boolean[nodes];
        iExtHost = new double[np][];
        iExtDirty = new boolean[np];
        counterHost = new int[np + 1];
        counters = buffer((np + 1) * (long) Sizeof.cl_int);
        fillInt(counters, 0, np + 1, 0);

        for (int k = 0; k < nodes; k++) {
            int n = Math.max(1, graph.nodeSize(k));
            spikeBuf[k] = new int[n];
            spikesDev[k] = buffer(n * (long) Sizeof.cl_int);
            lastSpike[k] = buffer(n * (long) Sizeof.cl_int);
            fillInt(lastSpike[k], 0, n, -1);
        }
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            int n = size[p];
            int nv = pop.model().stateVariables().size();
            int nr = pop.model().receptors().size();
            vars[p] = buffer((long) nv * n * Sizeof.cl_double);
            for (int v = 0; v < nv; v++) write(vars[p], (long) v * n * Sizeof.cl_double, n, pop.initial()[v]);
            long ringLen = (long) nr * slots[p] * n;
            ring[p] = buffer(ringLen * Sizeof.cl_double);
            fillDouble(ring[p], ringLen);
            iExt[p] = buffer((long) n * Sizeof.cl_double);
            fillDouble(iExt[p], n);
            iExtHost[p] = new double[n];
            refractory[p] = buffer((long) n * Sizeof.cl_int);
            fillInt(refractory[p], 0, n, 0);
            GpuNeuronKernels.Spec spec = specs[p];
            cl_mem constants = buffer((long) spec.constants().length * Sizeof.cl_double);
            write(constants, 0, spec.constants().length, spec.constants());
            cl_kernel kn = kernel(spec.kernel());
            arg(kn, 0, vars[p]);
            arg(kn, 1, ring[p]);
            arg(kn, 2, iExt[p]);
            arg(kn, 3, refractory[p]);
            argI(kn, 4, n);
            argL(kn, 5, (long) slots[p] * n);
            argL(kn, 6, 0);
            arg(kn, 7, constants);
            argI(kn, 8, pop.model().refractorySteps(graph.dtMs()));
            argI(kn, 9, spec.subtract() ? 1 : 0);
            arg(kn, 10, counters);
            argI(kn, 11, p);
            arg(kn, 12, spikesDev[p]);
            arg(kn, 13, lastSpike[p]);
            argI(kn, 14, 0);
            neuronKernel[p] = kn;
        }
        if (delivery == Delivery.EXACT) {
            for (int k = np; k < nodes; k++) {
                if (!hasOutgoing[k]) continue;
                cl_kernel ks = kernel("stamp_spikes");
                arg(ks, 0, spikesDev[k]);
                arg(ks, 2, lastSpike[k]);
                stampKernel[k] = ks;
            }
        }

        int nproj = graph.projections().size();
        deliverKernel = new cl_kernel[nproj];
        for (int q = 0; q < nproj; q++) {
            NetworkGraph.Projection pr = graph.projections().get(q);
            deliverKernel[q] = delivery == Delivery.ATOMIC ? atomicDelivery(pr) : gatherDelivery(pr);
        }
        clFinish(queue);
    }

    /** The device buffers of {@code graph}, in bytes, before any is allocated. */
    static DeviceMemoryPlan plan(NetworkGraph graph, Delivery delivery) {
        DeviceMemoryPlan plan = new DeviceMemoryPlan();
        int np = graph.populations().size();
        long[] slots = new long[np];
        Arrays.fill(slots, 1);
        for (NetworkGraph.Projection pr : graph.projections()) {
            slots[pr.target()] = Math.max(slots[pr.target()], pr.delaySteps() + 1L);
        }
        plan.add("spike counters", np + 1, Sizeof.cl_int);
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            long n = pop.size();
            int nr = pop.model().receptors().size();
            String what = "population '" + pop.name() + "'";
            plan.add("state of " + what, pop.model().stateVariables().size() * n, Sizeof.cl_double);
            plan.add("ring buffers of " + what + " (" + n + " neurons x " + slots[p] + " delay slots x " + nr + " receptors)",
                    Math.multiplyExact(Math.multiplyExact(n, slots[p]), (long) nr), Sizeof.cl_double);
            plan.add("injected current of " + what, n, Sizeof.cl_double);
            plan.add("refractory counters of " + what, n, Sizeof.cl_int);
            plan.add("constants of " + what, GpuNeuronKernels.spec(pop.model(), graph.dtMs()).constants().length, Sizeof.cl_double);
        }
        for (int k = 0; k < graph.nodes(); k++) {
            plan.add("spike list of '" + graph.nodeName(k) + "'", graph.nodeSize(k), Sizeof.cl_int);
            plan.add("last spikes of '" + graph.nodeName(k) + "'", graph.nodeSize(k), Sizeof.cl_int);
        }
        for (NetworkGraph.Projection pr : graph.projections()) {
            String what = "projection '" + pr.name() + "' (delay group " + pr.group() + ")";
            long e = pr.connectivity().synapses();
            if (delivery == Delivery.ATOMIC) {
                plan.add("row pointers of " + what, pr.connectivity().sources() + 1L, Sizeof.cl_int);
            } else {
                plan.add("column pointers of " + what, pr.connectivity().targetCount() + 1L, Sizeof.cl_int);
            }
            plan.add("synapse indices of " + what, e, Sizeof.cl_int);
            plan.add("weights of " + what, pr.weights().length == 1 ? 1 : e, Sizeof.cl_float);
        }
        return plan;
    }

    /** One work-group per spike; all projections use the same group size, as PoCL compiles a kernel once per group size. */
    private cl_kernel atomicDelivery(NetworkGraph.Projection pr) {
        var csr = pr.connectivity();
        int[] rowStart = csr.rowStart();
        cl_mem rows = buffer((long) rowStart.length * Sizeof.cl_int);
        write(rows, 0, rowStart);
        cl_mem targets = buffer(Math.max(1, csr.synapses()) * (long) Sizeof.cl_int);
        write(targets, 0, csr.targets());
        cl_mem weights = buffer((long) pr.weights().length * Sizeof.cl_float);
        write(weights, pr.weights());
        cl_kernel k = kernel("deliver_atomic");
        arg(k, 0, spikesDev[pr.sourceNode()]);
        arg(k, 2, rows);
        arg(k, 3, targets);
        arg(k, 4, weights);
        argI(k, 5, pr.weights().length == 1 ? 1 : 0);
        arg(k, 6, ring[pr.target()]);
        arg(k, 8, counters);
        argI(k, 9, np);
        return k;
    }

    /**
     * The exact delivery's copy of the projection by target (CSC): a stable counting sort of the
     * CSR synapses by target, so each target's synapses stay in ascending source order, then CSR
     * order, which is the order in which the reference adds them.
     */
    private cl_kernel gatherDelivery(NetworkGraph.Projection pr) {
        var csr = pr.connectivity();
        int[] rowStart = csr.rowStart();
        int[] targets = csr.targets();
        int nt = csr.targetCount();
        int[] colStart = new int[nt + 1];
        for (int t : targets) colStart[t + 1]++;
        for (int t = 0; t < nt; t++) colStart[t + 1] += colStart[t];
        int[] fill = Arrays.copyOf(colStart, nt);
        int[] colSource = new int[Math.max(1, targets.length)];
        boolean shared = pr.weights().length == 1;
        float[] colWeight = shared ? pr.weights() : new float[targets.length];
        for (int s = 0; s < csr.sources(); s++) {
            for (int j = rowStart[s]; j < rowStart[s + 1]; j++) {
                int at = fill[targets[j]]++;
                colSource[at] = s;
                if (!shared) colWeight[at] = pr.weights()[j];
            }
        }
        cl_mem cols = buffer((long) colStart.length * Sizeof.cl_int);
        write(cols, 0, colStart);
        cl_mem sources = buffer((long) colSource.length * Sizeof.cl_int);
        write(sources, 0, colSource);
        cl_mem weights = buffer(Math.max(1, colWeight.length) * (long) Sizeof.cl_float);
        if (colWeight.length > 0) write(weights, colWeight);
        cl_kernel k = kernel("deliver_gather");
        arg(k, 0, cols);
        arg(k, 1, sources);
        arg(k, 2, weights);
        argI(k, 3, shared ? 1 : 0);
        arg(k, 4, lastSpike[pr.sourceNode()]);
        arg(k, 6, ring[pr.target()]);
        argI(k, 8, nt);
        arg(k, 9, counters);
        argI(k, 10, np);
        return k;
    }

    @Override public NetworkGraph graph() { return graph; }

    @Override
    public boolean canResetState() {
        return true;
    }

    /**
     * Restores the state on the device as compiled: every population's variables from the graph's
     * initial values, ring buffers, injected currents and refractory counters to zero, no last
     * spikes; resets the sources. Synaptic events still on the device are counted first.
     */
    @Override
    public void resetState() {
        int[] ev = new int[1];
        clEnqueueReadBuffer(queue, counters, CL_TRUE, (long) np * Sizeof.cl_int, Sizeof.cl_int, Pointer.to(ev), 0, null, null);
        bytesFromDevice += Sizeof.cl_int;
        counts.synapticEvents += ev[0];
        fillInt(counters, 0, np + 1, 0);
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            int n = size[p];
            int nv = pop.model().stateVariables().size();
            for (int v = 0; v < nv; v++) write(vars[p], (long) v * n * Sizeof.cl_double, n, pop.initial()[v]);
            fillDouble(ring[p], (long) pop.model().receptors().size() * slots[p] * n);
            fillDouble(iExt[p], n);
            Arrays.fill(iExtHost[p], 0.0);
            iExtDirty[p] = false;
            fillInt(refractory[p], 0, n, 0);
        }
        for (int k = 0; k < spikeCount.length; k++) {
            fillInt(lastSpike[k], 0, Math.max(1, graph.nodeSize(k)), -1);
            spikeCount[k] = 0;
            spikesOnHost[k] = k >= np;
        }
        for (NetworkGraph.Source src : graph.sources()) src.source().reset();
        clFinish(queue);
    }

    /** The delivery mode this network was compiled with. */
    Delivery delivery() { return delivery; }

    @Override
    public void applyInputs(long step) {
        int istep = stepIndex(step);
        for (int j = 0; j < graph.sources().size(); j++) {
            int node = np + j;
            int n = graph.sources().get(j).source().spikes(step, spikeBuf[node]);
            spikeCount[node] = n;
            counts.inputSpikes += n;
            if (n == 0 || !hasOutgoing[node]) continue;
            clEnqueueWriteBuffer(queue, spikesDev[node], CL_TRUE, 0, (long) n * Sizeof.cl_int, Pointer.to(spikeBuf[node]), 0, null, null);
            bytesToDevice += (long) n * Sizeof.cl_int;
            if (stampKernel[node] != null) {
                cl_kernel ks = stampKernel[node];
                argI(ks, 1, n);
                argI(ks, 3, istep);
                launch(ks, n);
            }
        }
        // the same sums, in the same order, as CpuNetwork
        if (graph.currents().isEmpty() || !graph.markCurrentChanges(step, iExtDirty)) return;
        for (int p = 0; p < np; p++) if (iExtDirty[p]) graph.sumCurrents(p, step, iExtHost[p], 0);
        for (int p = 0; p < np; p++) {
            if (!iExtDirty[p]) continue;
            write(iExt[p], 0, size[p], iExtHost[p]);
            iExtDirty[p] = false;
        }
    }

    @Override
    public void updateNeurons(long step) {
        int istep = stepIndex(step);
        for (int p = 0; p < np; p++) {
            cl_kernel k = neuronKernel[p];
            argL(k, 6, (step % slots[p]) * size[p]);
            argI(k, 14, istep);
            launch(k, size[p]);
        }
        clEnqueueReadBuffer(queue, counters, CL_TRUE, 0, (np + 1L) * Sizeof.cl_int, Pointer.to(counterHost), 0, null, null);
        bytesFromDevice += (np + 1L) * Sizeof.cl_int;
        fillInt(counters, 0, np + 1, 0);
        counts.synapticEvents += counterHost[np]; // delivered by the previous step's propagate
        for (int p = 0; p < np; p++) {
            spikeCount[p] = counterHost[p];
            spikesOnHost[p] = false;
            counts.spikes += counterHost[p];
            counts.neuronUpdates += size[p];
        }
        counts.steps++;
    }

    @Override
    public void propagate(long step) {
        int istep = stepIndex(step);
        for (int q = 0; q < deliverKernel.length; q++) {
            NetworkGraph.Projection pr = graph.projections().get(q);
            int n = spikeCount[pr.sourceNode()];
            if (n == 0) continue;
            int t = pr.target();
            long slot = pr.receptor() * (long) slots[t] * size[t] + ((step + pr.delaySteps()) % slots[t]) * size[t];
            cl_kernel k = deliverKernel[q];
            if (delivery == Delivery.ATOMIC) {
                argI(k, 1, n);
                argL(k, 7, slot);
                localSize[0] = workGroup;
                globalSize[0] = n * workGroup;
                clEnqueueNDRangeKernel(queue, k, 1, null, globalSize, localSize, 0, null, null);
                kernelLaunches++;
            } else {
                argI(k, 5, istep);
                argL(k, 7, slot);
                launch(k, size[t]);
            }
        }
    }

    @Override public int spikeCount(int node) { return spikeCount[node]; }

    @Override
    public int[] spikes(int node) {
        if (node < np && !spikesOnHost[node]) {
            int n = spikeCount[node];
            if (n > 0) {
                clEnqueueReadBuffer(queue, spikesDev[node], CL_TRUE, 0, (long) n * Sizeof.cl_int, Pointer.to(spikeBuf[node]), 0, null, null);
                bytesFromDevice += (long) n * Sizeof.cl_int;
                Arrays.sort(spikeBuf[node], 0, n); // the device compacts in no particular order
            }
            spikesOnHost[node] = true;
        }
        return spikeBuf[node];
    }

    /**
     * Copies the requested neurons' values: a contiguous ascending range is read directly, any
     * other set is first gathered on the device, so only {@code neurons.length} values cross the bus.
     */
    @Override
    public void readState(int pop, int var, int[] neurons, double[] dst) {
        int n = size[pop];
        int nv = graph.populations().get(pop).model().stateVariables().size();
        if (var < 0 || var >= nv) throw new IndexOutOfBoundsException("variable " + var + " of population " + pop + " (has " + nv + ")");
        int m = neurons.length;
        if (m == 0) return;
        boolean contiguous = true;
        for (int k = 0; k < m; k++) {
            int i = neurons[k];
            if (i < 0 || i >= n) throw new IndexOutOfBoundsException("neuron " + i + " outside [0, " + n + ")");
            if (i != neurons[0] + k) contiguous = false;
        }
        long offset = (long) var * n;
        if (contiguous) {
            clEnqueueReadBuffer(queue, vars[pop], CL_TRUE, (offset + neurons[0]) * Sizeof.cl_double, (long) m * Sizeof.cl_double,
                    Pointer.to(dst), 0, null, null);
        } else {
            StateGather g = gather(neurons);
            arg(g.kernel(), 0, vars[pop]);
            argL(g.kernel(), 1, offset);
            launch(g.kernel(), m);
            clEnqueueReadBuffer(queue, g.result(), CL_TRUE, 0, (long) m * Sizeof.cl_double, Pointer.to(dst), 0, null, null);
        }
        bytesFromDevice += (long) m * Sizeof.cl_double;
    }

    /** The device-side index list of {@code neurons}, uploaded once per distinct array (probes reuse theirs). */
    private StateGather gather(int[] neurons) {
        StateGather g = gathers.get(neurons);
        if (g != null && Arrays.equals(g.neurons(), neurons)) return g;
        if (g != null || gathers.size() >= 64) releaseGathers();
        cl_mem index = buffer((long) neurons.length * Sizeof.cl_int);
        write(index, 0, neurons);
        cl_mem result = buffer((long) neurons.length * Sizeof.cl_double);
        cl_kernel k = kernel("gather_state");
        arg(k, 2, index);
        argI(k, 3, neurons.length);
        arg(k, 4, result);
        g = new StateGather(neurons.clone(), index, result, k);
        gathers.put(neurons, g);
        return g;
    }

    private void releaseGathers() {
        for (StateGather g : gathers.values()) {
            clReleaseKernel(g.kernel());
            clReleaseMemObject(g.index());
            clReleaseMemObject(g.result());
            res.buffers.remove(g.index());
            res.buffers.remove(g.result());
            res.kernels.remove(g.kernel());
        }
        gathers.clear();
    }

    @Override
    public OperationCounts counts() {
        if (!closed) {
            // events of the last propagate are still on the device
            int[] ev = new int[1];
            clEnqueueReadBuffer(queue, counters, CL_TRUE, (long) np * Sizeof.cl_int, Sizeof.cl_int, Pointer.to(ev), 0, null, null);
            bytesFromDevice += Sizeof.cl_int;
            fillInt(counters, np, 1, 0);
            counts.synapticEvents += ev[0];
        }
        counts.extra.put("bytes_to_device", bytesToDevice);
        counts.extra.put("bytes_from_device", bytesFromDevice);
        counts.extra.put("bytes_moved", bytesToDevice + bytesFromDevice);
        counts.extra.put("kernel_launches", kernelLaunches);
        counts.extra.put("device_memory_bytes", deviceBytes);
        return counts;
    }

    @Override
    public void close() {
        if (closed) return;
        counts();
        closed = true;
        gathers.clear();
        res.release();
    }

    // ---- helpers -------------------------------------------------------------------------

    private static int stepIndex(long step) {
        if (step < 0 || step > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gpu backend: step " + step + " outside [0, " + Integer.MAX_VALUE + "]");
        }
        return (int) step;
    }

    private cl_mem buffer(long bytes) {
        cl_mem m = clCreateBuffer(gpu.context, CL_MEM_READ_WRITE, Math.max(bytes, 8), null, null);
        res.buffers.add(m);
        return m;
    }

    private cl_kernel kernel(String name) {
        cl_kernel k = clCreateKernel(gpu.program, name, null);
        res.kernels.add(k);
        return k;
    }

    private void launch(cl_kernel k, long items) {
        globalSize[0] = (items + workGroup - 1) / workGroup * workGroup;
        localSize[0] = workGroup;
        clEnqueueNDRangeKernel(queue, k, 1, null, globalSize, localSize, 0, null, null);
        kernelLaunches++;
    }

    private void write(cl_mem m, long byteOffset, int count, double[] src) {
        clEnqueueWriteBuffer(queue, m, CL_TRUE, byteOffset, (long) count * Sizeof.cl_double, Pointer.to(src), 0, null, null);
        bytesToDevice += (long) count * Sizeof.cl_double;
    }

    private void write(cl_mem m, long byteOffset, int[] src) {
        if (src.length == 0) return;
        clEnqueueWriteBuffer(queue, m, CL_TRUE, byteOffset, (long) src.length * Sizeof.cl_int, Pointer.to(src), 0, null, null);
        bytesToDevice += (long) src.length * Sizeof.cl_int;
    }

    private void write(cl_mem m, float[] src) {
        clEnqueueWriteBuffer(queue, m, CL_TRUE, 0, (long) src.length * Sizeof.cl_float, Pointer.to(src), 0, null, null);
        bytesToDevice += (long) src.length * Sizeof.cl_float;
    }

    private void fillInt(cl_mem m, long from, long count, int value) {
        clEnqueueFillBuffer(queue, m, value == 0 ? zeroInt : Pointer.to(new int[] {value}), Sizeof.cl_int, from * Sizeof.cl_int, count * Sizeof.cl_int, 0, null, null);
    }

    private void fillDouble(cl_mem m, long count) {
        clEnqueueFillBuffer(queue, m, zeroDouble, Sizeof.cl_double, 0, count * Sizeof.cl_double, 0, null, null);
    }

    private static void arg(cl_kernel k, int index, cl_mem m) {
        clSetKernelArg(k, index, Sizeof.cl_mem, Pointer.to(m));
    }

    private void argI(cl_kernel k, int index, int v) {
        argInt[0] = v;
        clSetKernelArg(k, index, Sizeof.cl_int, argIntPtr);
    }

    private void argL(cl_kernel k, int index, long v) {
        argLong[0] = v;
        clSetKernelArg(k, index, Sizeof.cl_long, argLongPtr);
    }
}
