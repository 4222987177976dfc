package org.spikeforge.simulations.nir;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A linear map with delays, from the elements of one origin (a neuron node, the Input node, or the
 * constant 1 of the biases) to the elements of a node: element {@code r} at step {@code t}
 * receives {@code Σ w·origin[col](t − delay)} over the entries {@code (col, delay, w)} of row
 * {@code r}. Composing the maps of the stateless nodes along a path (Linear, Affine, Scale, Conv,
 * pooling, Flatten, Delay) gives the synapses between two neuron nodes; {@link NirToNetwork} turns
 * them into projections. Rows hold their entries sorted by column, then delay, with no duplicates
 * and no zero weights. Immutable.
 */
final class DelayedLinearMap {
    final int rows, cols;
    private final int[][] col, delay;
    private final double[][] w;

    private DelayedLinearMap(int rows, int cols, int[][] col, int[][] delay, double[][] w) {
        this.rows = rows;
        this.cols = cols;
        this.col = col;
        this.delay = delay;
        this.w = w;
    }

    /** Each element to itself, weight 1, no delay. */
    static DelayedLinearMap identity(int n) {
        int[][] c = new int[n][], d = new int[n][];
        double[][] w = new double[n][];
        for (int r = 0; r < n; r++) {
            c[r] = new int[] {r};
            d[r] = new int[1];
            w[r] = new double[] {1.0};
        }
        return new DelayedLinearMap(n, n, c, d, w);
    }

    /** A map from a single constant origin (column 0): row r gets {@code values[r]}, from delay 0. */
    static DelayedLinearMap column(double[] values) {
        int n = values.length;
        int[][] c = new int[n][], d = new int[n][];
        double[][] w = new double[n][];
        for (int r = 0; r < n; r++) {
            boolean nz = values[r] != 0.0;
            c[r] = nz ? new int[] {0} : new int[0];
            d[r] = nz ? new int[1] : new int[0];
            w[r] = nz ? new double[] {values[r]} : new double[0];
        }
        return new DelayedLinearMap(n, 1, c, d, w);
    }

    /** Number of entries of row {@code r}. */
    int entries(int r) { return col[r].length; }

    int col(int r, int k) { return col[r][k]; }

    int delay(int r, int k) { return delay[r][k]; }

    double weight(int r, int k) { return w[r][k]; }

    /** Total entries. */
    long size() {
        long n = 0;
        for (int[] c : col) n += c.length;
        return n;
    }

    /** The smallest delay of any entry, or {@code Integer.MAX_VALUE} for an empty map. */
    int minDelay() {
        int m = Integer.MAX_VALUE;
        for (int[] d : delay) for (int x : d) m = Math.min(m, x);
        return m;
    }

    /** Every entry's delay increased by {@code d}. */
    DelayedLinearMap delayedBy(int d) {
        int[][] nd = new int[rows][];
        for (int r = 0; r < rows; r++) {
            nd[r] = delay[r].clone();
            for (int k = 0; k < nd[r].length; k++) nd[r][k] += d;
        }
        return new DelayedLinearMap(rows, cols, col, nd, w);
    }

    /** The delay of the entries of row {@code r} increased by {@code perRow[r]}. */
    DelayedLinearMap delayedByRow(int[] perRow) {
        int[][] nd = new int[rows][];
        for (int r = 0; r < rows; r++) {
            nd[r] = delay[r].clone();
            for (int k = 0; k < nd[r].length; k++) nd[r][k] += perRow[r];
        }
        return new DelayedLinearMap(rows, cols, col, nd, w);
    }

    /** The delay of the entries whose delay is positive increased by {@code d}; entries at delay 0 keep it. */
    DelayedLinearMap delayedIfDelayed(int d) {
        int[][] nd = new int[rows][];
        for (int r = 0; r < rows; r++) {
            nd[r] = delay[r].clone();
            for (int k = 0; k < nd[r].length; k++) if (nd[r][k] > 0) nd[r][k] += d;
        }
        return new DelayedLinearMap(rows, cols, col, nd, w);
    }

    /**
     * This map followed by the stateless map {@code taps}: output row {@code o} receives
     * {@code Σ coef·(this row in)} over the taps {@code (in, coef)} of {@code o}.
     */
    DelayedLinearMap then(Taps taps) {
        if (taps.inputs != rows) throw new IllegalStateException("taps take " + taps.inputs + " inputs, map has " + rows + " rows");
        Accumulator acc = new Accumulator(cols);
        int[][] c = new int[taps.rows][], d = new int[taps.rows][];
        double[][] nw = new double[taps.rows][];
        for (int o = 0; o < taps.rows; o++) {
            for (int j = taps.start[o]; j < taps.start[o + 1]; j++) {
                int in = taps.in[j];
                double coef = taps.coef[j];
                for (int k = 0; k < col[in].length; k++) acc.add(col[in][k], delay[in][k], coef * w[in][k]);
            }
            acc.drain(o, c, d, nw);
        }
        return new DelayedLinearMap(taps.rows, cols, c, d, nw);
    }

    /** The sum of two maps of the same shape. */
    DelayedLinearMap plus(DelayedLinearMap o) {
        if (o.rows != rows || o.cols != cols) throw new IllegalStateException("maps differ in shape");
        Accumulator acc = new Accumulator(cols);
        int[][] c = new int[rows][], d = new int[rows][];
        double[][] nw = new double[rows][];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < col[r].length; k++) acc.add(col[r][k], delay[r][k], w[r][k]);
            for (int k = 0; k < o.col[r].length; k++) acc.add(o.col[r][k], o.delay[r][k], o.w[r][k]);
            acc.drain(r, c, d, nw);
        }
        return new DelayedLinearMap(rows, cols, c, d, nw);
    }

    /** A stateless map as rows of taps (input element, coefficient), CSR by output row. */
    static final class Taps {
        final int rows, inputs;
        final int[] start, in;
        final double[] coef;

        Taps(int rows, int inputs, int[] start, int[] in, double[] coef) {
            this.rows = rows;
            this.inputs = inputs;
            this.start = start;
            this.in = in;
            this.coef = coef;
        }

        /** A dense (rows × inputs) row-major matrix; zero coefficients are left out. */
        static Taps dense(double[] m, int rows, int inputs) {
            Builder b = new Builder(rows, inputs);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < inputs; c++) if (m[r * inputs + c] != 0.0) b.add(r, c, m[r * inputs + c]);
            }
            return b.build();
        }

        /** Row r takes {@code scale[r]} times input r. */
        static Taps diagonal(double[] scale) {
            Builder b = new Builder(scale.length, scale.length);
            for (int r = 0; r < scale.length; r++) if (scale[r] != 0.0) b.add(r, r, scale[r]);
            return b.build();
        }

        /** Collects taps in ascending output row order. */
        static final class Builder {
            private final int rows, inputs;
            private final int[] start;
            private int[] in = new int[64];
            private double[] coef = new double[64];
            private int n, row;

            Builder(int rows, int inputs) {
                this.rows = rows;
                this.inputs = inputs;
                this.start = new int[rows + 1];
            }

            void add(int out, int input, double c) {
                if (out < row) throw new IllegalStateException("taps must come in ascending output order");
                while (row < out) start[++row] = n;
                if (n == in.length) {
                    in = Arrays.copyOf(in, 2 * n);
                    coef = Arrays.copyOf(coef, 2 * n);
                }
                in[n] = input;
                coef[n++] = c;
            }

            Taps build() {
                while (row < rows) start[++row] = n;
                return new Taps(rows, inputs, start, Arrays.copyOf(in, n), Arrays.copyOf(coef, n));
            }
        }
    }

    /**
     * Sums weights by (column, delay) for one row at a time: a dense array for delay 0, by far the
     * common case, and a map for the others.
     */
    private static final class Accumulator {
        private final double[] dense;
        private final boolean[] touched;
        private int[] cols = new int[16];
        private int n;
        private final Map<Long, Double> delayed = new HashMap<>();

        Accumulator(int cols) {
            dense = new double[cols];
            touched = new boolean[cols];
        }

        void add(int c, int d, double x) {
            if (d == 0) {
                if (!touched[c]) {
                    touched[c] = true;
                    if (n == cols.length) cols = Arrays.copyOf(cols, 2 * n);
                    cols[n++] = c;
                }
                dense[c] += x;
            } else {
                delayed.merge(((long) c << 32) | d, x, Double::sum);
            }
        }

        /** Writes the row's non-zero entries, sorted by column then delay, and clears. */
        void drain(int r, int[][] outCol, int[][] outDelay, double[][] outW) {
            Arrays.sort(cols, 0, n);
            long[] keys = new long[delayed.size()];
            int m = 0;
            for (long k : delayed.keySet()) keys[m++] = k;
            Arrays.sort(keys);
            int[] c = new int[n + m], d = new int[n + m];
            double[] w = new double[n + m];
            int e = 0, i = 0, j = 0;
            while (i < n || j < m) {
                // delay 0 sorts before every positive delay of the same column
                boolean takeDense = j == m || (i < n && cols[i] <= (int) (keys[j] >>> 32));
                if (takeDense) {
                    int col = cols[i++];
                    double x = dense[col];
                    dense[col] = 0.0;
                    touched[col] = false;
                    if (x != 0.0) { c[e] = col; d[e] = 0; w[e++] = x; }
                } else {
                    long k = keys[j++];
                    double x = delayed.get(k);
                    if (x != 0.0) { c[e] = (int) (k >>> 32); d[e] = (int) k; w[e++] = x; }
                }
            }
            outCol[r] = Arrays.copyOf(c, e);
            outDelay[r] = Arrays.copyOf(d, e);
            outW[r] = Arrays.copyOf(w, e);
            n = 0;
            delayed.clear();
        }
    }
}
