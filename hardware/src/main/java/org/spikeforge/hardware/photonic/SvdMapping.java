package org.spikeforge.hardware.photonic;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * A real weight matrix mapped onto optics as in Shen et al., "Deep learning with coherent
 * nanophotonic circuits", Nat. Photonics 11, 441 (2017):
 * <pre>
 *   W = U · Σ · Vᵀ = g · U · (Σ/g) · Vᵀ,        g = σ_max
 * </pre>
 * {@code Vᵀ} and {@code U} (from Commons Math's SVD) each become an MZI mesh, and the diagonal
 * {@code Σ/g} a line of attenuators. Dividing by the largest singular value puts every attenuator
 * transmission in {@code [0, 1]}, so the line is passive and the optical power leaving the chip
 * never exceeds the power put in (the power budget); the gain {@code g} is restored electronically
 * after detection (a transimpedance gain; an optical amplifier would serve equally). A rectangular
 * {@code W} (n outputs × m inputs) is padded with zeros to a square of side {@code K = max(n, m)}:
 * the extra input modes stay dark and the extra outputs are not detected.
 *
 * <p>Each attenuator is an {@link Mzi} used from its upper input to its upper output, with
 * amplitude transmission {@code |T_00| = sin(θ/2)}: {@code θ = 2·asin(σ_i/g)}, and
 * {@code φ = −π/2 − θ/2} so that {@code T_00} is real and positive.
 *
 * @param rows        outputs n (targets)
 * @param cols        inputs m (sources)
 * @param inputMesh   the mesh realising {@code Vᵀ} (K modes)
 * @param attenuation {@code σ_i/g} for each of the K modes, in [0, 1]
 * @param outputMesh  the mesh realising {@code U} (K modes)
 * @param gain        {@code g = σ_max} (0 for an all-zero matrix)
 */
public record SvdMapping(int rows, int cols, MziMesh inputMesh, double[] attenuation, MziMesh outputMesh, double gain) {

    public SvdMapping {
        int k = Math.max(rows, cols);
        if (inputMesh.modes() != k || outputMesh.modes() != k || attenuation.length != k) {
            throw new IllegalArgumentException("SVD mapping of a " + rows + "×" + cols + " matrix needs " + k + "-mode meshes and attenuators");
        }
    }

    /** Modes of each mesh, {@code max(rows, cols)}. */
    public int modes() {
        return inputMesh.modes();
    }

    /** Maps {@code w[row][col]} (outputs × inputs) with Clements meshes. */
    public static SvdMapping of(double[][] w) {
        return of(w, MziMesh.Layout.CLEMENTS);
    }

    public static SvdMapping of(double[][] w, MziMesh.Layout layout) {
        if (w.length == 0 || w[0].length == 0) throw new IllegalArgumentException("weight matrix is empty");
        int n = w.length, m = w[0].length, k = Math.max(n, m);
        double[][] padded = new double[k][k];
        for (int i = 0; i < n; i++) {
            if (w[i].length != m) throw new IllegalArgumentException("weight matrix row " + i + " has " + w[i].length + " columns, expected " + m);
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(w[i][j])) throw new IllegalArgumentException("weight (" + i + ", " + j + ") is not finite: " + w[i][j]);
                padded[i][j] = w[i][j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(padded, false));
        double[] sigma = svd.getSingularValues(); // descending, length k
        double g = sigma[0];
        double[] att = new double[k];
        for (int i = 0; i < k; i++) att[i] = g > 0 ? Math.min(1.0, sigma[i] / g) : 0.0;
        ComplexMatrix vt = ComplexMatrix.ofReal(svd.getVT().getData());
        ComplexMatrix u = ComplexMatrix.ofReal(svd.getU().getData());
        MziMesh in = decompose(vt, layout);
        MziMesh out = decompose(u, layout);
        return new SvdMapping(n, m, in, att, out, g);
    }

    private static MziMesh decompose(ComplexMatrix u, MziMesh.Layout layout) {
        return layout == MziMesh.Layout.RECK ? ReckDecomposition.decompose(u) : ClementsDecomposition.decompose(u);
    }

    /** Internal phase of attenuator {@code i}: {@code 2·asin(σ_i/g)}. */
    public double attenuatorTheta(int i) {
        return 2.0 * Math.asin(attenuation[i]);
    }

    /** External phase of attenuator {@code i}, which makes its transmission real and positive. */
    public double attenuatorPhi(int i) {
        return MeshNulling.wrap(-0.5 * Math.PI - 0.5 * attenuatorTheta(i));
    }

    /**
     * {@code y = W·x} computed the ideal optical way: {@code x} through the {@code Vᵀ} mesh, the
     * attenuators, the {@code U} mesh, then the real part times the gain.
     */
    public double[] apply(double[] x) {
        if (x.length != cols) throw new IllegalArgumentException("input has " + x.length + " elements, matrix has " + cols + " columns");
        int k = modes();
        double[] re = new double[k], im = new double[k];
        System.arraycopy(x, 0, re, 0, cols);
        inputMesh.propagate(re, im);
        for (int i = 0; i < k; i++) {
            re[i] *= attenuation[i];
            im[i] *= attenuation[i];
        }
        outputMesh.propagate(re, im);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) y[i] = gain * re[i];
        return y;
    }

    /** The matrix the ideal optics realise, {@code g·U·diag(σ/g)·Vᵀ}, cropped to rows × cols. */
    public double[][] matrix() {
        RealMatrix m = new Array2DRowRealMatrix(rows, cols);
        for (int j = 0; j < cols; j++) {
            double[] e = new double[cols];
            e[j] = 1.0;
            double[] y = apply(e);
            for (int i = 0; i < rows; i++) m.setEntry(i, j, y[i]);
        }
        return m.getData();
    }
}
