package org.spikeforge.hardware.photonic;

/**
 * A dense complex matrix in split layout: the real parts in one row-major {@code double[]}, the
 * imaginary parts in another, element {@code (i, j)} at index {@code i·cols + j} of both.
 *
 * <p>Why split arrays rather than {@code Complex} objects (Commons Numbers): the decompositions
 * and mesh propagation apply millions of 2×2 complex rotations to pairs of rows or columns. With
 * immutable complex objects every multiply-add allocates; with split primitive arrays the inner
 * loops are plain {@code double} arithmetic on contiguous memory that the JIT keeps in registers
 * and can vectorise, and a row is one cache-friendly stride. Split (rather than interleaved
 * {@code re, im} pairs) keeps the real and imaginary loops identical in form, and a real matrix
 * (the SVD factors) is just a zero imaginary array.
 *
 * <p>The fields are public and final, as with {@link org.spikeforge.neurons.PopulationState}: the
 * decompositions work on them in place.
 */
public final class ComplexMatrix {
    public final int rows;
    public final int cols;
    /** Real parts, row-major. */
    public final double[] re;
    /** Imaginary parts, row-major. */
    public final double[] im;

    public ComplexMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("matrix must be at least 1×1, was " + rows + "×" + cols);
        this.rows = rows;
        this.cols = cols;
        int n = Math.multiplyExact(rows, cols);
        this.re = new double[n];
        this.im = new double[n];
    }

    /** Wraps existing arrays (not copied); both must have {@code rows·cols} elements. */
    public ComplexMatrix(int rows, int cols, double[] re, double[] im) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("matrix must be at least 1×1, was " + rows + "×" + cols);
        if (re.length != rows * cols || im.length != rows * cols) {
            throw new IllegalArgumentException("arrays must have " + rows * cols + " elements, had " + re.length + " and " + im.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.re = re;
        this.im = im;
    }

    public static ComplexMatrix identity(int n) {
        ComplexMatrix m = new ComplexMatrix(n, n);
        for (int i = 0; i < n; i++) m.re[i * n + i] = 1.0;
        return m;
    }

    /** A real matrix given as {@code a[row][col]}, with zero imaginary part. */
    public static ComplexMatrix ofReal(double[][] a) {
        int r = a.length;
        if (r == 0) throw new IllegalArgumentException("matrix has no rows");
        int c = a[0].length;
        ComplexMatrix m = new ComplexMatrix(r, c);
        for (int i = 0; i < r; i++) {
            if (a[i].length != c) throw new IllegalArgumentException("row " + i + " has " + a[i].length + " columns, expected " + c);
            System.arraycopy(a[i], 0, m.re, i * c, c);
        }
        return m;
    }

    public ComplexMatrix copy() {
        return new ComplexMatrix(rows, cols, re.clone(), im.clone());
    }

    public boolean isSquare() {
        return rows == cols;
    }

    /** {@code this · other}. */
    public ComplexMatrix times(ComplexMatrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + rows + "×" + cols + " by " + other.rows + "×" + other.cols);
        }
        ComplexMatrix out = new ComplexMatrix(rows, other.cols);
        int n = other.cols;
        for (int i = 0; i < rows; i++) {
            int oi = i * n;
            for (int k = 0; k < cols; k++) {
                double ar = re[i * cols + k], ai = im[i * cols + k];
                if (ar == 0.0 && ai == 0.0) continue;
                int bk = k * n;
                for (int j = 0; j < n; j++) {
                    double br = other.re[bk + j], bi = other.im[bk + j];
                    out.re[oi + j] += ar * br - ai * bi;
                    out.im[oi + j] += ar * bi + ai * br;
                }
            }
        }
        return out;
    }

    /** The conjugate transpose {@code this†}. */
    public ComplexMatrix adjoint() {
        ComplexMatrix out = new ComplexMatrix(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.re[j * rows + i] = re[i * cols + j];
                out.im[j * rows + i] = -im[i * cols + j];
            }
        }
        return out;
    }

    /** {@code max_ij |this_ij − other_ij|}. */
    public double maxAbsDifference(ComplexMatrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("shapes differ: " + rows + "×" + cols + " and " + other.rows + "×" + other.cols);
        }
        double m = 0;
        for (int k = 0; k < re.length; k++) m = Math.max(m, Math.hypot(re[k] - other.re[k], im[k] - other.im[k]));
        return m;
    }

    /** {@code y = this · x} for a complex vector in split form. */
    public void multiply(double[] xRe, double[] xIm, double[] yRe, double[] yIm) {
        for (int i = 0; i < rows; i++) {
            double sr = 0, si = 0;
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                double ar = re[o + j], ai = im[o + j];
                sr += ar * xRe[j] - ai * xIm[j];
                si += ar * xIm[j] + ai * xRe[j];
            }
            yRe[i] = sr;
            yIm[i] = si;
        }
    }

    public double getRe(int i, int j) { return re[i * cols + j]; }

    public double getIm(int i, int j) { return im[i * cols + j]; }

    public void set(int i, int j, double real, double imag) {
        re[i * cols + j] = real;
        im[i * cols + j] = imag;
    }
}
