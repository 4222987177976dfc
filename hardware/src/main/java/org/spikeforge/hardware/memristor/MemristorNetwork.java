package org.spikeforge.hardware.memristor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.CostReporting;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.device.DevicePresets;
import org.spikeforge.synapses.device.PcmNoise;

/**
 * A network compiled for the memristor backend. Inputs and neuron updates are the CPU network's
 * (digital neurons, the models' own kernels); {@link #propagate} runs on crossbars: every
 * projection (delay group) is a {@link CrossbarLayer} whose tiles are read with the step's spike
 * vector as binary read pulses, digitised by ADCs and summed digitally into the targets' ring
 * buffers. Conductances follow the PCM inference model of the device preset {@code pcm}
 * ({@link PcmNoise}, {@code g_max} 25 µS), the only inference-noise model of the device library.
 *
 * <p>Counts ({@link OperationCounts#extra}): {@code tile_activations} (tile reads),
 * {@code cell_reads} (driven rows × physical columns of each tile read), {@code dac_conversions}
 * (row drives: one 1-bit word-line pulse per spiking row and tile read), {@code adc_conversions}
 * (weight columns × slices per tile read), {@code adc_clipped}, {@code digital_accumulates} (one
 * shift-and-add per conversion), {@code bytes_moved} (per tile read, the spike bits of its rows
 * in and a 4-byte partial sum per weight column out), {@code read_steps} (steps with at least one
 * tile read) and {@code accumulate_depth} (per read step, the largest number of partial sums
 * added into one output, summed over steps). Synaptic events are counted as on the CPU.
 *
 * <p>Plasticity is not supported (in-situ training on the crossbar is not modelled).
 */
public final class MemristorNetwork extends CpuNetwork implements CostReporting {
    private final MemristorOptions options;
    private final PcmNoise pcm;
    private final CrossbarLayer[] layers;
    private final ZigguratSampler.NormalizedGaussian readNoise;
    private long readSteps;
    private long accumulateDepth;

    public MemristorNetwork(NetworkGraph graph, MemristorOptions options) {
        super(rejectPlasticity(graph));
        this.options = options;
        DevicePresets.Preset preset = DevicePresets.load("pcm");
        this.pcm = preset.pcm();
        List<CrossbarLayer> list = new ArrayList<>();
        List<NetworkGraph.Projection> projections = graph.projections();
        for (int p = 0; p < projections.size(); p++) {
            NetworkGraph.Projection pr = projections.get(p);
            if (pr.connectivity().synapses() == 0) continue;
            boolean grouped = false;
            for (NetworkGraph.Projection other : projections) grouped |= other != pr && other.name().equals(pr.name());
            String name = grouped ? pr.name() + "@d" + pr.delaySteps() : pr.name();
            list.add(new CrossbarLayer(name, p, pr, graph.nodeSize(pr.sourceNode()), graph.populations().get(pr.target()).size(),
                    options, pcm));
        }
        this.layers = list.toArray(new CrossbarLayer[0]);
        this.readNoise = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(mix(options.seed(), -1, 0, 1)));
    }

    private static NetworkGraph rejectPlasticity(NetworkGraph g) {
        if (!g.plasticity().isEmpty()) {
            String name = g.projections().get(g.plasticity().getFirst().projection()).name();
            throw new IllegalArgumentException("memristor backend: projection " + name
                    + " has a plasticity rule, which the crossbar does not model (weights are programmed once); run it on the scalar backend");
        }
        return g;
    }

    /** A seed for stream {@code which} of (projection, tile): {@link org.spikeforge.hardware.StreamSeeds#mix}. */
    static long mix(long seed, int projection, int tile, int which) {
        return org.spikeforge.hardware.StreamSeeds.mix(seed, projection, tile, which);
    }

    public MemristorOptions options() { return options; }

    /** The conductance model (g_max, drift and read-noise laws). */
    public PcmNoise deviceModel() { return pcm; }

    /** The mapped projections, in projection order. */
    public List<CrossbarLayer> layers() { return List.of(layers); }

    /** Tiles over all layers. */
    public long tileCount() {
        long n = 0;
        for (CrossbarLayer l : layers) n += l.tileCount();
        return n;
    }

    /** Sum of the normalised conductances of every cell read so far (for the array's read energy). */
    public double conductanceRead() {
        double s = 0;
        for (CrossbarLayer l : layers) s += l.conductanceRead;
        return s;
    }

    @Override
    public void propagate(long step) {
        for (NetworkGraph.Projection pr : graph.projections()) {
            int n = spikeCount[pr.sourceNode()];
            if (n == 0) continue;
            CsrConnectivity csr = pr.connectivity();
            int[] spiking = spikeBuf[pr.sourceNode()];
            for (int k = 0; k < n; k++) counts.synapticEvents += csr.outDegree(spiking[k]);
        }
        int depth = 0;
        for (CrossbarLayer l : layers) {
            int n = spikeCount[l.sourceNode()];
            if (n == 0) continue;
            depth = Math.max(depth, l.propagate(spikeBuf[l.sourceNode()], n, step, states[l.target()], readNoise));
        }
        if (depth > 0) {
            readSteps++;
            accumulateDepth += depth;
        }
    }

    @Override
    public OperationCounts counts() {
        long act = 0, cells = 0, rows = 0, conv = 0, clip = 0, bytes = 0;
        for (CrossbarLayer l : layers) {
            act += l.activations;
            cells += l.cellReads;
            rows += l.rowDrives;
            conv += l.conversions;
            clip += l.clipped;
            bytes += l.bytesMoved;
        }
        counts.extra.put("tile_activations", act);
        counts.extra.put("cell_reads", cells);
        counts.extra.put("dac_conversions", rows);
        counts.extra.put("adc_conversions", conv);
        counts.extra.put("adc_clipped", clip);
        counts.extra.put("digital_accumulates", conv);
        counts.extra.put("bytes_moved", bytes);
        counts.extra.put("read_steps", readSteps);
        counts.extra.put("accumulate_depth", accumulateDepth);
        return counts;
    }

    @Override
    public CostReport cost() {
        return MemristorCostModel.estimate(this);
    }

    /** Geometry, per-layer mapping and the non-idealities in force. */
    @Override
    public Map<String, Object> hardwareReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tile_rows", options.tileRows());
        m.put("tile_columns", options.tileCols());
        m.put("tiles", tileCount());
        long mapped = 0, avail = 0;
        for (CrossbarLayer l : layers) {
            mapped += l.cellsMapped();
            avail += l.cellsAvailable();
        }
        m.put("cells_mapped", mapped);
        m.put("utilisation", avail == 0 ? 0.0 : (double) mapped / avail);
        m.put("cells_per_weight", 2 * options.slices());
        m.put("parallel_tiles", options.parallelTiles());
        m.put("device_model", "pcm (g_max " + pcm.gMaxMicroS() + " uS, t0 " + pcm.t0Seconds() + " s)");
        m.put("nonidealities", options.nonIdealities());
        List<Map<String, Object>> per = new ArrayList<>();
        for (CrossbarLayer l : layers) per.add(l.report());
        m.put("layers", per);
        return m;
    }
}
