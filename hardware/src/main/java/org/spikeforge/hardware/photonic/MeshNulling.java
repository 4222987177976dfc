package org.spikeforge.hardware.photonic;

/**
 * The two elimination steps shared by the Clements and Reck decompositions, on a working copy of
 * the unitary in split layout, and a growable list of the MZIs they produce.
 *
 * <p>With {@code T = T(θ, φ)} as in {@link Mzi} and {@code S = [[s, c], [c, −s]]},
 * {@code s = sin(θ/2)}, {@code c = cos(θ/2)}, one has {@code B·diag(e^{iθ},1)·B = i·e^{iθ/2}·S}, so
 * <ul>
 *   <li>from the right, {@code [a, b]·T⁻¹ ∝ [a·e^{−iφ}·s + b·c, …]}, which vanishes for
 *       {@code θ = 2·atan2(|b|, |a|)}, {@code φ = arg a − arg b − π};</li>
 *   <li>from the left, with the transposed MZI {@code Tᵀ} (external phase on the output),
 *       {@code (Tᵀ)⁻¹·[a; b] ∝ [… ; c·a·e^{−iφ} − s·b]}, which vanishes for
 *       {@code θ = 2·atan2(|a|, |b|)}, {@code φ = arg a − arg b}.</li>
 * </ul>
 * Each step touches two columns or two rows: {@code O(N)}.
 *
 * <p>The working copy is row-major with a padded row stride {@code ld = N + 8}: the column steps
 * visit one element per row, and with a power-of-two stride (N = 256, 512) every row would map to
 * the same cache set and evict the others; the padding spreads them over all sets (measured about 7×
 * faster at N = 512).
 */
final class MeshNulling {
    private MeshNulling() {}

    /** Growable list of (top mode, θ, φ). */
    static final class MziList {
        int size;
        int[] top;
        double[] theta;
        double[] phi;

        MziList(int capacity) {
            top = new int[Math.max(1, capacity)];
            theta = new double[top.length];
            phi = new double[top.length];
        }

        void add(int m, double t, double p) {
            if (size == top.length) {
                top = java.util.Arrays.copyOf(top, 2 * size);
                theta = java.util.Arrays.copyOf(theta, 2 * size);
                phi = java.util.Arrays.copyOf(phi, 2 * size);
            }
            top[size] = m;
            theta[size] = t;
            phi[size] = p;
            size++;
        }
    }

    /** Row stride of the working copy for an N×N matrix. */
    static int stride(int n) {
        return n + 8;
    }

    /** A padded working copy of {@code u}: {@code {re, im}} with row stride {@link #stride}. */
    static double[][] workingCopy(ComplexMatrix u) {
        int n = u.rows, ld = stride(n);
        double[] re = new double[n * ld], im = new double[n * ld];
        for (int i = 0; i < n; i++) {
            System.arraycopy(u.re, i * n, re, i * ld, n);
            System.arraycopy(u.im, i * n, im, i * ld, n);
        }
        return new double[][] {re, im};
    }

    /**
     * Nulls {@code u[r][n]} by {@code u ← u · T(θ, φ)⁻¹} on columns {@code (n, n+1)}; records the
     * MZI in {@code out}.
     */
    static void nullFromRight(double[] re, double[] im, int size, int r, int n, double[] t, MziList out) {
        final int ld = stride(size);
        int ia = r * ld + n;
        double ar = re[ia], ai = im[ia], br = re[ia + 1], bi = im[ia + 1];
        double theta = 2.0 * Math.atan2(Math.hypot(br, bi), Math.hypot(ar, ai));
        double phi = wrap(Math.atan2(ai, ar) - Math.atan2(bi, br) - Math.PI);
        Mzi.transfer(theta, phi, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, 1.0, t, 0);
        // X = T† : X00 = conj(T00), X01 = conj(T10), X10 = conj(T01), X11 = conj(T11)
        double x00r = t[0], x00i = -t[1], x01r = t[4], x01i = -t[5];
        double x10r = t[2], x10i = -t[3], x11r = t[6], x11i = -t[7];
        for (int i = 0, k = n; i < size; i++, k += ld) {
            double u0r = re[k], u0i = im[k], u1r = re[k + 1], u1i = im[k + 1];
            re[k] = u0r * x00r - u0i * x00i + u1r * x10r - u1i * x10i;
            im[k] = u0r * x00i + u0i * x00r + u1r * x10i + u1i * x10r;
            re[k + 1] = u0r * x01r - u0i * x01i + u1r * x11r - u1i * x11i;
            im[k + 1] = u0r * x01i + u0i * x01r + u1r * x11i + u1i * x11r;
        }
        re[ia] = 0.0; // exactly zero, as the step was constructed
        im[ia] = 0.0;
        out.add(n, theta, phi);
    }

    /**
     * Nulls {@code u[r][c]} by {@code u ← (T(θ, φ)ᵀ)⁻¹ · u} on rows {@code (r−1, r)}; records the MZI
     * (in its transposed, output-phase form) in {@code out}.
     */
    static void nullFromLeft(double[] re, double[] im, int size, int r, int c, double[] t, MziList out) {
        final int ld = stride(size);
        int r0 = (r - 1) * ld, r1 = r * ld;
        double ar = re[r0 + c], ai = im[r0 + c], br = re[r1 + c], bi = im[r1 + c];
        double theta = 2.0 * Math.atan2(Math.hypot(ar, ai), Math.hypot(br, bi));
        double phi = wrap(Math.atan2(ai, ar) - Math.atan2(bi, br));
        Mzi.transfer(theta, phi, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, 1.0, t, 0);
        // Y = (Tᵀ)† = conj(T), element-wise
        double y00r = t[0], y00i = -t[1], y01r = t[2], y01i = -t[3];
        double y10r = t[4], y10i = -t[5], y11r = t[6], y11i = -t[7];
        for (int j = 0; j < size; j++) {
            double v0r = re[r0 + j], v0i = im[r0 + j], v1r = re[r1 + j], v1i = im[r1 + j];
            re[r0 + j] = y00r * v0r - y00i * v0i + y01r * v1r - y01i * v1i;
            im[r0 + j] = y00r * v0i + y00i * v0r + y01r * v1i + y01i * v1r;
            re[r1 + j] = y10r * v0r - y10i * v0i + y11r * v1r - y11i * v1i;
            im[r1 + j] = y10r * v0i + y10i * v0r + y11r * v1i + y11i * v1r;
        }
        re[r1 + c] = 0.0;
        im[r1 + c] = 0.0;
        out.add(r - 1, theta, phi);
    }

    /** The phases of the diagonal left after elimination. */
    static double[] diagonalPhases(double[] re, double[] im, int size) {
        double[] d = new double[size];
        final int ld = stride(size);
        for (int i = 0; i < size; i++) d[i] = Math.atan2(im[i * ld + i], re[i * ld + i]);
        return d;
    }

    /** {@code x} wrapped into {@code [0, 2π)}. */
    static double wrap(double x) {
        double twoPi = 2.0 * Math.PI;
        double w = x % twoPi;
        if (w < 0) w += twoPi;
        return w >= twoPi ? 0.0 : w;
    }
}
