package org.spikeforge.hardware.memristor;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One programmed crossbar array: {@code rows} word lines (one per source neuron) by
 * {@code physicalColumns} bit lines, holding {@code weightColumns} weights per row, each as
 * {@code slices} differential pairs. Physical column {@code 2·(c·slices + k)} holds the positive
 * cell of slice {@code k} of weight column {@code c}, the next column its negative cell.
 *
 * <p>Conductances are normalised to the device's {@code g_max} and already carry every static
 * non-ideality (levels, faults, programming noise, drift, IR drop). A read drives the rows of the
 * spiking sources with one binary read pulse each; the bit-line currents sum (Kirchhoff) and each
 * pair is subtracted in the analog domain before its ADC:
 *
 * <pre>
 *   I(c, k) = Σ_{r active} (g⁺(r, c, k) + σ⁺·ξ) − (g⁻(r, c, k) + σ⁻·ξ)      [units of g_max·V_read]
 * </pre>
 *
 * with fresh {@code ξ ~ N(0, 1)} per cell and read when read noise is on, so the variance of a
 * column current is the sum of its cells' variances.
 *
 * <p><b>First-order IR drop.</b> The word-line drivers sit at column 0 of every row and the sense
 * amplifiers below the last row of every column. The current of cell {@code (r, j)} crosses
 * {@code (j + 1)} word-line and {@code (R − r)} bit-line segments of resistance {@code r_w}, which in
 * series with the cell attenuate its conductance (other cells' currents on the shared wires are
 * neglected: first order):
 *
 * <pre>
 *   g_eff = g / (1 + g·G_max·r_w·((j + 1) + (R − r)))
 * </pre>
 *
 * so attenuation grows with the distance from the drivers and from the sense amplifiers.
 */
public final class CrossbarTile {
    private final int rows;
    private final int physicalColumns;
    private final int weightColumns;
    private final int slices;
    private final float[] g;
    private final float[] sigma;
    private final double[] rowConductance;
    private final double[] acc;
    private final Adc adc;
    private final double compensation;

    /**
     * @param g            conductances, row-major {@code rows × physicalColumns}, normalised to g_max
     * @param sigma        read-noise standard deviation per cell (same layout), or null without read noise
     * @param adc          the column ADC
     * @param compensation digital factor applied to every output (global drift compensation; 1 when off)
     */
    public CrossbarTile(int rows, int weightColumns, int slices, float[] g, float[] sigma, Adc adc, double compensation) {
        if (rows < 1 || weightColumns < 1 || slices < 1) {
            throw new IllegalArgumentException("tile needs rows, weight columns and slices >= 1, got " + rows + ", " + weightColumns + ", " + slices);
        }
        this.rows = rows;
        this.weightColumns = weightColumns;
        this.slices = slices;
        this.physicalColumns = 2 * weightColumns * slices;
        if (g.length != rows * physicalColumns) throw new IllegalArgumentException("tile conductances: expected " + rows * physicalColumns + ", got " + g.length);
        if (sigma != null && sigma.length != g.length) throw new IllegalArgumentException("tile read-noise sigmas: expected " + g.length + ", got " + sigma.length);
        this.g = g;
        this.sigma = sigma;
        this.adc = adc;
        this.compensation = compensation;
        this.rowConductance = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < physicalColumns; j++) s += Math.max(g[r * physicalColumns + j], 0f);
            rowConductance[r] = s;
        }
        this.acc = new double[physicalColumns];
    }

    /** The IR-drop attenuation {@code 1/(1 + g·G_max·r_w·segments)} of a cell of normalised conductance {@code g}. */
    public static double irDropFactor(double g, double gMaxSiemens, double wireOhmPerCell, int segments) {
        return 1.0 / (1.0 + Math.max(g, 0.0) * gMaxSiemens * wireOhmPerCell * segments);
    }

    /** Wire segments between cell (row, physical column) and its driver and sense amplifier, in a tile of {@code tileRows} rows. */
    public static int irDropSegments(int row, int physicalColumn, int tileRows) {
        return (physicalColumn + 1) + (tileRows - row);
    }

    public int rows() { return rows; }
    public int physicalColumns() { return physicalColumns; }
    public int weightColumns() { return weightColumns; }
    public int slices() { return slices; }
    public Adc adc() { return adc; }
    public double compensation() { return compensation; }

    /** Conductance of cell (row, physical column), normalised to g_max. */
    public double conductance(int row, int physicalColumn) {
        return g[row * physicalColumns + physicalColumn];
    }

    /** Read-noise σ of cell (row, physical column), 0 without read noise. */
    public double readSigma(int row, int physicalColumn) {
        return sigma == null ? 0.0 : sigma[row * physicalColumns + physicalColumn];
    }

    /**
     * One read: drives rows {@code active[from..to) − rowOffset} and writes the analog pair
     * currents {@code I(c, k)} to {@code currents[c·slices + k]} (before the ADC). Returns the sum
     * of the normalised conductances read (for the array's read energy).
     */
    public double read(int[] active, int from, int to, int rowOffset, double[] currents, ZigguratSampler.NormalizedGaussian gauss) {
        final double[] a = acc;
        final int pc = physicalColumns;
        java.util.Arrays.fill(a, 0.0);
        double conductanceRead = 0;
        for (int q = from; q < to; q++) {
            int r = active[q] - rowOffset;
            int base = r * pc;
            if (sigma == null) {
                for (int j = 0; j < pc; j++) a[j] += g[base + j];
            } else {
                for (int j = 0; j < pc; j++) a[j] += g[base + j] + sigma[base + j] * gauss.sample();
            }
            conductanceRead += rowConductance[r];
        }
        for (int j = 0, n = weightColumns * slices; j < n; j++) currents[j] = a[2 * j] - a[2 * j + 1];
        return conductanceRead;
    }
}
