package org.spikeforge.hardware.memristor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.device.DeviceArray;
import org.spikeforge.synapses.device.PcmNoise;
import org.spikeforge.synapses.device.PulsedDevice;
import org.spikeforge.synapses.device.StepModel;

/**
 * One projection (one delay group) mapped onto a grid of {@link CrossbarTile}s: its dense weight
 * matrix {@code W[source][target]} (multapses summed) is cut into blocks of {@code R} source rows by
 * {@code ⌊C/(2·slices)⌋} target columns, one tile each.
 *
 * <p><b>Weights to conductances.</b> With {@code w_max = max |W|} and {@code S} slices, a weight
 * becomes normalised target conductances {@code g_T ∈ [0, 1]} on the positive cell of each pair
 * (negative cell for w &lt; 0, the other cell at 0), and is read back digitally as
 * {@code Σ_k f_k · ADC(I_k)}:
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>weight_bits W</th><th>bits_per_cell b</th><th>g_T of slice k</th><th>f_k</th></tr>
 *   <tr><td>0</td><td>0</td><td>|w|/s, s = the power of two ≥ w_max (exact in floating point)</td><td>s</td></tr>
 *   <tr><td>&gt; 0</td><td>0</td><td>q/(2^W − 1), q = round(|w|/w_max·(2^W − 1))</td><td>w_max</td></tr>
 *   <tr><td>0</td><td>&gt; 0</td><td>|w|/w_max, then rounded to one of 2^b levels</td><td>w_max</td></tr>
 *   <tr><td>&gt; 0</td><td>&gt; 0</td><td>d_k/(2^b − 1), d_k = digit k of q in base 2^b</td>
 *       <td>w_max·(2^b − 1)·2^(k·b)/(2^W − 1)</td></tr>
 * </table>
 *
 * <p><b>Programming (once, at compile time), per cell:</b> finite levels and stuck-at faults
 * ({@link DeviceArray} of an ideal device on [0, 1] with {@code 2^b} levels: a stuck-on cell reads
 * 1, a stuck-off cell 0); programming noise {@code g_prog = max(0, g + a·σ_prog(g)/g_max·ξ)};
 * drift {@code g(t) = g_prog·(t/t0)^(−ν)} ({@link PcmNoise}); IR drop ({@link CrossbarTile}). Stuck
 * cells get neither programming noise nor drift. Read noise is drawn at every read.
 *
 * <p><b>A step.</b> When the source spiked, every tile of each row block holding a spiking row
 * is read once; each (column, slice) current goes through the tile's ADC, is multiplied by
 * {@code f_k} and the tile's drift-compensation factor, and is added to the column's digital
 * partial sum; the sums of all tiles are then added to the targets' ring-buffer slot for
 * {@code step + delay}, as the scalar backend adds the weights.
 */
public final class CrossbarLayer {
    private final String name;
    private final int projection;
    private final int sourceNode;
    private final int target;
    private final int receptor;
    private final int delay;
    private final int sources;
    private final int targets;
    private final int tileRows;
    private final int tileCols;
    private final int weightColumnsPerTile;
    private final int slices;
    private final CrossbarTile[][] tiles;
    private final double[] sliceFactor;
    private final double wMax;
    private final long nonZeroWeights;
    private final double[] y;
    private final double[] currents;
    // what the programming did, for the report
    private long cells, stuckOn, stuckOff, programmed;
    private double programmingErrorSq, driftFactorSum, minIrFactor = 1, compensationSum, adcRangeSum;
    private long driftCells;
    // operation counts
    long activations, cellReads, rowDrives, conversions, clipped, bytesMoved;
    double conductanceRead;

    CrossbarLayer(String name, int projection, NetworkGraph.Projection pr, int sources, int targets, MemristorOptions o,
                  PcmNoise pcm) {
        this.name = name;
        this.projection = projection;
        this.sourceNode = pr.sourceNode();
        this.target = pr.target();
        this.receptor = pr.receptor();
        this.delay = pr.delaySteps();
        this.sources = sources;
        this.targets = targets;
        this.tileRows = o.tileRows();
        this.tileCols = o.tileCols();
        this.slices = o.slices();
        this.weightColumnsPerTile = o.weightColumnsPerTile();
        int rowBlocks = (sources + tileRows - 1) / tileRows;
        int colBlocks = (targets + weightColumnsPerTile - 1) / weightColumnsPerTile;
        this.tiles = new CrossbarTile[rowBlocks][colBlocks];
        this.y = new double[targets];
        this.currents = new double[weightColumnsPerTile * slices];

        double max = 0;
        long nz = 0;
        for (int rb = 0; rb < rowBlocks; rb++) {
            double[][] w = denseBlock(pr, rb * tileRows, Math.min(sources, (rb + 1) * tileRows), targets);
            for (double[] row : w) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                    if (v != 0) nz++;
                }
            }
        }
        this.wMax = max;
        this.nonZeroWeights = nz;
        this.sliceFactor = sliceFactors(o, max);
        for (int rb = 0; rb < rowBlocks; rb++) {
            int r0 = rb * tileRows, r1 = Math.min(sources, r0 + tileRows);
            double[][] w = denseBlock(pr, r0, r1, targets);
            for (int cb = 0; cb < colBlocks; cb++) {
                int c0 = cb * weightColumnsPerTile, c1 = Math.min(targets, c0 + weightColumnsPerTile);
                tiles[rb][cb] = program(w, c0, c1, o, pcm, MemristorNetwork.mix(o.seed(), projection, rb * colBlocks + cb, 0));
            }
        }
    }

    /** {@code W[r − r0][t]}: the summed weights from sources {@code [r0, r1)} to every target. */
    static double[][] denseBlock(NetworkGraph.Projection pr, int r0, int r1, int targets) {
        double[][] w = new double[r1 - r0][targets];
        CsrConnectivity csr = pr.connectivity();
        int[] rowStart = csr.rowStart(), tg = csr.targets();
        for (int s = r0; s < r1; s++) {
            for (int q = rowStart[s]; q < rowStart[s + 1]; q++) w[s - r0][tg[q]] += pr.weight(q);
        }
        return w;
    }

    /** The digital weight {@code f_k} of each slice (table in the class comment). */
    static double[] sliceFactors(MemristorOptions o, double wMax) {
        int s = o.slices();
        double[] f = new double[s];
        int wb = o.weightBits(), b = o.bitsPerCell();
        if (wb == 0 && b == 0) {
            f[0] = wMax > 0 ? powerOfTwoAtLeast(wMax) : 1.0;
        } else if (wb == 0 || b == 0) {
            f[0] = wMax > 0 ? wMax : 1.0;
        } else {
            double levels = (1L << b) - 1, full = (1L << wb) - 1;
            for (int k = 0; k < s; k++) f[k] = (wMax > 0 ? wMax : 1.0) * levels * Math.pow(2, k * b) / full;
        }
        return f;
    }

    /** The smallest power of two {@code >= x} (x &gt; 0). */
    static double powerOfTwoAtLeast(double x) {
        double p = Math.scalb(1.0, Math.getExponent(x));
        return p < x ? 2 * p : p;
    }

    /** Target conductance of slice {@code k} of weight magnitude {@code a = |w|}. */
    private static double target(double a, int k, MemristorOptions o, double wMax, double f0) {
        int wb = o.weightBits(), b = o.bitsPerCell();
        if (wb == 0 && b == 0) return a / f0;
        if (wb == 0) return a / wMax;
        long full = (1L << wb) - 1;
        long q = Math.round(a / wMax * full);
        if (b == 0) return (double) q / full;
        long digit = (q >>> (k * b)) & ((1L << b) - 1);
        return (double) digit / ((1L << b) - 1);
    }

    private CrossbarTile program(double[][] w, int c0, int c1, MemristorOptions o, PcmNoise pcm, long seed) {
        final int rows = w.length, wc = c1 - c0, s = slices, pc = 2 * wc * s, n = rows * pc;
        double[] gT = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < wc; c++) {
                double v = w[r][c0 + c];
                if (v == 0) continue;
                int side = v > 0 ? 0 : 1;
                for (int k = 0; k < s; k++) gT[r * pc + 2 * (c * s + k) + side] = target(Math.abs(v), k, o, wMax, sliceFactor[0]);
            }
        }
        // ADC full scale: the designer's worst case (every row driven), from the target conductances
        double range;
        if (o.autoAdcRange()) {
            range = 0;
            for (int j = 0; j < pc; j++) {
                double col = 0;
                for (int r = 0; r < rows; r++) col += gT[r * pc + j];
                range = Math.max(range, col);
            }
            if (range == 0) range = 1;
        } else {
            range = o.adcRange();
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        // finite levels and stuck-at faults: an ideal device on [0, 1] (synapses.device.DeviceArray)
        double[] gq = gT;
        byte[] fault = null;
        int levels = o.weightBits() == 0 && o.bitsPerCell() > 0 ? 1 << o.bitsPerCell() : 0;
        if (levels > 0 || o.stuckOnRate() > 0 || o.stuckOffRate() > 0) {
            gq = new double[n];
            PulsedDevice cell = new PulsedDevice(new StepModel.IdealStep(), 0.001, 0, 0, 0, 0, 0.0, 1.0, 0, 0, true, 0,
                    levels, o.stuckOnRate(), o.stuckOffRate());
            DeviceArray devices = new DeviceArray(cell, n, rng);
            fault = new byte[n];
            for (int j = 0; j < n; j++) {
                gq[j] = Math.max(devices.program(j, gT[j]), 0.0);
                fault[j] = devices.fault(j);
                if (fault[j] == DeviceArray.STUCK_ON) stuckOn++;
                else if (fault[j] == DeviceArray.STUCK_OFF) stuckOff++;
            }
        }
        double gMax = pcm.gMaxMicroS();
        // arrays are shared until a non-ideality changes them (no copies for an ideal tile)
        double[] gProg = o.programmingNoise() > 0 ? gq.clone() : gq;
        if (o.programmingNoise() > 0) {
            for (int j = 0; j < n; j++) {
                if (fault != null && fault[j] != DeviceArray.HEALTHY) continue;
                gProg[j] = Math.max(0.0, gq[j] + o.programmingNoise() * PcmNoise.programmingSigma(gq[j]) / gMax * gauss.sample());
                double e = gProg[j] - gq[j];
                programmingErrorSq += e * e;
                programmed++;
            }
        }
        double[] gNow = o.drift() ? gProg.clone() : gProg;
        if (o.drift()) {
            double[] nu = new double[n];
            pcm.driftExponents(gq, nu, rng);
            pcm.drift(gProg, nu, o.tInferenceS(), gNow);
            for (int j = 0; j < n; j++) {
                if (fault != null && fault[j] != DeviceArray.HEALTHY) gNow[j] = gProg[j];
                else if (gProg[j] > 0) {
                    driftFactorSum += gNow[j] / gProg[j];
                    driftCells++;
                }
            }
        }
        double[] att = null, attProg = null;
        if (o.wireResistanceOhm() > 0) {
            att = new double[n];
            attProg = new double[n];
            double gMaxS = gMax * 1e-6;
            for (int j = 0; j < n; j++) {
                int seg = CrossbarTile.irDropSegments(j / pc, j % pc, tileRows);
                att[j] = CrossbarTile.irDropFactor(gNow[j], gMaxS, o.wireResistanceOhm(), seg);
                attProg[j] = CrossbarTile.irDropFactor(gProg[j], gMaxS, o.wireResistanceOhm(), seg);
                if (gNow[j] > 0) minIrFactor = Math.min(minIrFactor, att[j]);
            }
        }
        float[] g = new float[n];
        for (int j = 0; j < n; j++) g[j] = (float) (att == null ? gNow[j] : gNow[j] * att[j]);
        float[] sigma = null;
        if (o.readNoise() > 0) {
            sigma = new float[n];
            for (int j = 0; j < n; j++) {
                sigma[j] = (float) (o.readNoise() * Math.abs(gNow[j]) * pcm.readNoiseRelativeSigma(gq[j], o.tInferenceS()) * (att == null ? 1 : att[j]));
            }
        }
        double compensation = 1.0;
        if (o.driftCompensation()) {
            // calibration input: every row driven; reference at programming time, measured now
            double before = 0, now = 0;
            for (int m = 0; m < wc * s; m++) {
                double ip = 0, in = 0;
                for (int r = 0; r < rows; r++) {
                    int jp = r * pc + 2 * m, jn = jp + 1;
                    ip += attProg == null ? gProg[jp] - gProg[jn] : gProg[jp] * attProg[jp] - gProg[jn] * attProg[jn];
                    in += (double) g[jp] - g[jn];
                }
                before += Math.abs(ip);
                now += Math.abs(in);
            }
            if (before > 0 && now > 0) compensation = before / now;
        }
        cells += n;
        compensationSum += compensation;
        adcRangeSum += range;
        return new CrossbarTile(rows, wc, s, g, sigma, new Adc(o.adcBits(), range), compensation);
    }

    /**
     * Reads the tiles of every row block that holds one of the {@code n} spiking sources and
     * adds the digital sums into the target's ring buffer. Returns the largest number of partial
     * sums added into one output (row blocks read × slices), the depth of the digital accumulation.
     */
    int propagate(int[] spiking, int n, long step, PopulationState tgt, ZigguratSampler.NormalizedGaussian gauss) {
        int q = 0, blocksRead = 0;
        final double[] cur = currents;
        final int wcPerTile = weightColumnsPerTile, s = slices;
        while (q < n) {
            int rb = spiking[q] / tileRows;
            int end = q + 1;
            while (end < n && spiking[end] / tileRows == rb) end++;
            blocksRead++;
            CrossbarTile[] row = tiles[rb];
            for (int cb = 0; cb < row.length; cb++) {
                CrossbarTile tile = row[cb];
                conductanceRead += tile.read(spiking, q, end, rb * tileRows, cur, gauss);
                Adc adc = tile.adc();
                double comp = tile.compensation();
                int wc = tile.weightColumns(), c0 = cb * wcPerTile;
                for (int c = 0; c < wc; c++) {
                    double sum = 0;
                    for (int k = 0; k < s; k++) {
                        double i = cur[c * s + k];
                        if (adc.clips(i)) clipped++;
                        sum += sliceFactor[k] * adc.convert(i);
                    }
                    y[c0 + c] += comp == 1.0 ? sum : sum * comp;
                }
                int active = end - q;
                activations++;
                rowDrives += active;
                cellReads += (long) active * tile.physicalColumns();
                conversions += (long) wc * s;
                bytesMoved += (tile.rows() + 7) / 8 + 4L * wc;
            }
            q = end;
        }
        final double[] ring = tgt.ring[receptor];
        final int off = (int) ((step + delay) % tgt.slots) * tgt.size;
        for (int t = 0; t < targets; t++) {
            ring[off + t] += y[t];
            y[t] = 0;
        }
        return blocksRead * s;
    }

    public String name() { return name; }
    public int projection() { return projection; }
    public int sourceNode() { return sourceNode; }
    public int target() { return target; }
    public int delay() { return delay; }
    /** Weight rows (source neurons). */
    public int sources() { return sources; }
    /** Weight columns (target neurons). */
    public int targets() { return targets; }
    public int rowBlocks() { return tiles.length; }
    public int columnBlocks() { return tiles[0].length; }
    public int tileCount() { return tiles.length * tiles[0].length; }
    public CrossbarTile tile(int rowBlock, int columnBlock) { return tiles[rowBlock][columnBlock]; }
    public int slices() { return slices; }
    /** Cells per weight: a differential pair per slice. */
    public int cellsPerWeight() { return 2 * slices; }
    /** Largest |weight|, the full scale of the mapping. */
    public double wMax() { return wMax; }
    /** The digital weight of each slice. */
    public double[] sliceFactors() { return sliceFactor.clone(); }
    /** Cells holding weights: sources × targets × cells per weight. */
    public long cellsMapped() { return cells; }
    /** Cells in the tiles used: tiles × R × C. */
    public long cellsAvailable() { return (long) tileCount() * tileRows * tileCols; }
    /** Mapped cells / available cells. */
    public double utilisation() { return (double) cells / cellsAvailable(); }
    public long stuckOnCells() { return stuckOn; }
    public long stuckOffCells() { return stuckOff; }

    /** The layer's mapping and the measured effect of its non-idealities, for {@code summary.json}. */
    public Map<String, Object> report() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("projection", name);
        m.put("delay_steps", delay);
        m.put("rows", sources);
        m.put("columns", targets);
        m.put("nonzero_weights", nonZeroWeights);
        m.put("w_max", wMax);
        m.put("slices", slices);
        m.put("cells_per_weight", cellsPerWeight());
        m.put("tiles", tileCount());
        m.put("tile_grid", tiles.length + "x" + tiles[0].length);
        m.put("cells_mapped", cells);
        m.put("utilisation", utilisation());
        m.put("stuck_on_cells", stuckOn);
        m.put("stuck_off_cells", stuckOff);
        m.put("programming_error_rms", programmed == 0 ? 0.0 : Math.sqrt(programmingErrorSq / programmed));
        m.put("mean_drift_factor", driftCells == 0 ? 1.0 : driftFactorSum / driftCells);
        m.put("min_ir_drop_factor", minIrFactor);
        m.put("mean_drift_compensation", compensationSum / tileCount());
        m.put("mean_adc_range", adcRangeSum / tileCount());
        m.put("adc_clipped", clipped);
        return m;
    }
}
