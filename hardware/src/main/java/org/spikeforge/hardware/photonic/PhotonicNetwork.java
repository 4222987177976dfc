package org.spikeforge.hardware.photonic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.synapses.CsrConnectivity;

/**
 * A network compiled for the photonic backend. Inputs and neuron updates are the CPU network's
 * (electronic neurons, the models' own kernels); {@link #propagate} is optical.
 *
 * <p>Each projection becomes one dense weight matrix {@code W[target][source]} (multapses summed)
 * per distinct synaptic delay, and each matrix one {@link OpticalMatrixMultiplier}: a projection
 * whose synapses share one delay needs one photonic unit; one with several delays needs one unit
 * per delay, since the sum over synapses happens in the optics, before any electronic delay line.
 * In a step in which the projection's source spiked, the unit is read once with the spike vector
 * as amplitudes ({@code x_j = 1} for a spike, else 0), and each detected output {@code y_i} is
 * added to target {@code i}'s ring-buffer slot for {@code step + delay}: every target receives a
 * value, as every receiver is read. Steps without source spikes leave the unit dark (no read).
 *
 * <p>Counts ({@link OperationCounts#extra}): {@code mzi_phase_settings} (phase shifters programmed
 * at compile time), {@code optical_reads}, {@code modulator_uses} (input channels driven per
 * read), {@code detector_reads} and {@code adc_conversions} (outputs per read), and
 * {@code optical_read_steps} (steps with at least one read). Synaptic events are counted as on the
 * CPU, for comparison.
 */
public final class PhotonicNetwork extends CpuNetwork implements org.spikeforge.hardware.cost.CostReporting {

    /** One photonic unit: the synapses of one projection with one delay. */
    public static final class Unit {
        final int projection;
        final String name;
        final int sourceNode;
        final int target;
        final int receptor;
        final int delay;
        final OpticalMatrixMultiplier optics;
        final double laserPowerW;
        final double[] x;
        final double[] y;
        long reads;

        Unit(int projection, String name, int sourceNode, int target, int receptor, int delay,
             OpticalMatrixMultiplier optics, double laserPowerW) {
            this.projection = projection;
            this.name = name;
            this.sourceNode = sourceNode;
            this.target = target;
            this.receptor = receptor;
            this.delay = delay;
            this.optics = optics;
            this.laserPowerW = laserPowerW;
            this.x = new double[optics.mapping().cols()];
            this.y = new double[optics.mapping().rows()];
        }

        public String name() { return name; }
        public int delay() { return delay; }
        public OpticalMatrixMultiplier optics() { return optics; }
        /** Laser power per input channel (W) the cost model charges. */
        public double laserPowerW() { return laserPowerW; }
        /** Reads so far. */
        public long reads() { return reads; }
    }

    private final PhotonicOptions options;
    private final Unit[] units;
    private long opticalReads;
    private long modulatorUses;
    private long detectorReads;
    private long adcConversions;
    private long readSteps;
    private final long phaseSettings;

    public PhotonicNetwork(NetworkGraph graph, PhotonicOptions options) {
        super(graph);
        this.options = options;
        List<Unit> list = new ArrayList<>();
        PhotonicNonIdealities ni = options.nonIdealities();
        Receiver receiver = options.receiver();
        double eta = options.couplingTransmission();
        double costMziPower = Math.pow(10, -options.costInsertionLossDb() / 10);
        long settings = 0;
        List<NetworkGraph.Projection> projections = graph.projections();
        for (int p = 0; p < projections.size(); p++) {
            NetworkGraph.Projection pr = projections.get(p);
            CsrConnectivity csr = pr.connectivity();
            if (csr.synapses() == 0) continue;
            int m = graph.nodeSize(pr.sourceNode());
            int n = graph.populations().get(pr.target()).size();
            int k = Math.max(m, n);
            if (k > options.maxModes()) {
                throw new IllegalArgumentException("projection " + pr.name() + ": a " + n + "×" + m + " weight matrix needs a " + k
                        + "-mode mesh, above " + PhotonicOptions.MAX_MODES + " = " + options.maxModes()
                        + " (tiling over several meshes is not modelled)");
            }
            // one optical unit per delay group (the Network builder splits mixed delays into groups)
            boolean grouped = false;
            for (NetworkGraph.Projection other : projections) grouped |= other != pr && other.name().equals(pr.name());
            {
                int d = pr.delaySteps();
                double[][] w = denseMatrix(pr, n, m, d);
                SvdMapping map;
                try {
                    map = SvdMapping.of(w, options.layout());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("projection " + pr.name() + ": " + e.getMessage(), e);
                }
                double fullScale = 0;
                for (double[] row : w) {
                    double s = 0;
                    for (double v : row) s += Math.abs(v);
                    fullScale = Math.max(fullScale, s);
                }
                long fabSeed = mix(options.seed(), p, d, 0);
                long readSeed = mix(options.seed(), p, d, 1);
                // receiver noise in units of one channel's full-scale input amplitude
                int depth = map.inputMesh().depth() + 1 + map.outputMesh().depth();
                double simMziPower = Math.pow(ni.mziAmplitudeTransmission(), 2);
                double simLaser = options.laserPowerGiven() ? options.laserPowerW()
                        : receiver.laserPowerForSnr(options.targetSnr(), eta * Math.pow(simMziPower, depth));
                double sigma = ni.detectorNoise() ? receiver.fieldNoiseSigma() / Math.sqrt(simLaser * eta) : 0.0;
                double costLaser = options.laserPowerGiven() ? options.laserPowerW()
                        : receiver.laserPowerForSnr(options.targetSnr(), eta * Math.pow(costMziPower, depth));
                OpticalMatrixMultiplier optics = new OpticalMatrixMultiplier(map, ni, sigma, fullScale > 0 ? fullScale : 1.0, fabSeed, readSeed);
                settings += optics.phaseShifterCount();
                String name = grouped ? pr.name() + "@d" + d : pr.name();
                list.add(new Unit(p, name, pr.sourceNode(), pr.target(), pr.receptor(), d, optics, costLaser));
            }
        }
        this.units = list.toArray(new Unit[0]);
        this.phaseSettings = settings;
    }

    /** {@code W[target][source]}, the sum of the weights of the synapses with delay {@code d}. */
    static double[][] denseMatrix(NetworkGraph.Projection pr, int n, int m, int d) {
        double[][] w = new double[n][m];
        CsrConnectivity csr = pr.connectivity();
        int[] rowStart = csr.rowStart(), targets = csr.targets();
        if (pr.delaySteps() != d) return w;
        for (int s = 0; s < m; s++) {
            for (int q = rowStart[s]; q < rowStart[s + 1]; q++) w[targets[q]][s] += pr.weight(q);
        }
        return w;
    }

    /** A seed for stream {@code which} of (projection, delay): {@link org.spikeforge.hardware.StreamSeeds#mix}. */
    static long mix(long seed, int projection, int delay, int which) {
        return org.spikeforge.hardware.StreamSeeds.mix(seed, projection, delay, which);
    }

    public PhotonicOptions options() { return options; }

    /** The photonic units, in projection order, then delay order. */
    public List<Unit> units() { return List.of(units); }

    @Override
    public void propagate(long step) {
        for (NetworkGraph.Projection pr : graph.projections()) {
            int node = pr.sourceNode();
            int n = spikeCount[node];
            if (n == 0) continue;
            CsrConnectivity csr = pr.connectivity();
            int[] spiking = spikeBuf[node];
            for (int k = 0; k < n; k++) counts.synapticEvents += csr.outDegree(spiking[k]);
        }
        boolean any = false;
        for (Unit u : units) {
            int node = u.sourceNode;
            int n = spikeCount[node];
            if (n == 0) continue;
            int[] spiking = spikeBuf[node];
            double[] x = u.x;
            for (int k = 0; k < n; k++) x[spiking[k]] = 1.0;
            u.optics.multiply(x, u.y);
            for (int k = 0; k < n; k++) x[spiking[k]] = 0.0;
            PopulationState tgt = states[u.target];
            int slot = (int) ((step + u.delay) % tgt.slots);
            double[] ring = tgt.ring[u.receptor];
            int off = slot * tgt.size;
            double[] y = u.y;
            for (int i = 0; i < y.length; i++) ring[off + i] += y[i];
            u.reads++;
            opticalReads++;
            modulatorUses += x.length;
            detectorReads += y.length;
            adcConversions += y.length;
            any = true;
        }
        if (any) readSteps++;
    }

    /** {@link PhotonicCostModel#estimate(PhotonicNetwork)}. */
    @Override
    public org.spikeforge.hardware.cost.CostReport cost() {
        return PhotonicCostModel.estimate(this);
    }

    @Override
    public OperationCounts counts() {
        counts.extra.put("mzi_phase_settings", phaseSettings);
        counts.extra.put("optical_reads", opticalReads);
        counts.extra.put("optical_read_steps", readSteps);
        counts.extra.put("modulator_uses", modulatorUses);
        counts.extra.put("detector_reads", detectorReads);
        counts.extra.put("adc_conversions", adcConversions);
        return counts;
    }
}
