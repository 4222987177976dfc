package org.spikeforge.simulations.conversion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/**
 * A trained Legendre Memory Unit (Voelker, Kajić &amp; Eliasmith, NeurIPS 2019) with a linear
 * classifier on its last hidden state, in float64. One step per input sample:
 *
 * <pre>
 *   u_t = e_x·x_t + e_h·h_{t−1} + e_m·m_{t−1}             (scalar memory input)
 *   m_t = A_d·m_{t−1} + B_d·u_t                            (linear memory, order d; A_d, B_d fixed, ZOH of θ dm/dt = A m + B u)
 *   h_t = tanh(W_x·x_t + W_h·h_{t−1} + W_m·m_t)            (hidden state, n units)
 *   logits = W_out·h_T + b_out,   h_0 = m_0 = 0
 * </pre>
 *
 * The input is standardised per channel, {@code x = float32((raw − mean)/std)} computed in float64
 * (what the trained model saw). Read from an NPZ with the keys of {@code har_lmu_weights.npz}:
 * {@code A_d, B_d, e_x, e_h, e_m, W_x, W_h, W_m, W_out, b_out, input_mean, input_std} (float32 or
 * float64; {@code A_d_float64}/{@code B_d_float64} are not used because training used the float32
 * ones).
 *
 * @param order  memory order d
 * @param hidden hidden units n
 * @param inputs input channels
 */
public record LmuModel(int order, int hidden, int inputs, double[] ad, double[] bd, double[] ex, double[] eh,
                       double[] em, double[] wx, double[] wh, double[] wm, double[] wOut, double[] bOut,
                       double[] inputMean, double[] inputStd) {

    public LmuModel {
        check("A_d", ad, order * order);
        check("B_d", bd, order);
        check("e_x", ex, inputs);
        check("e_h", eh, hidden);
        check("e_m", em, order);
        check("W_x", wx, hidden * inputs);
        check("W_h", wh, hidden * hidden);
        check("W_m", wm, hidden * order);
        if (bOut.length == 0 || wOut.length != bOut.length * hidden) {
            throw new IllegalArgumentException("W_out has " + wOut.length + " values; expected " + bOut.length + "×" + hidden);
        }
        check("input_mean", inputMean, inputs);
        check("input_std", inputStd, inputs);
        for (int c = 0; c < inputs; c++) {
            if (!(inputStd[c] > 0)) throw new IllegalArgumentException("input_std[" + c + "] must be > 0, was " + inputStd[c]);
        }
    }

    private static void check(String key, double[] a, int n) {
        if (a.length != n) throw new IllegalArgumentException(key + " has " + a.length + " values; expected " + n);
    }

    /** Number of classes. */
    public int classes() {
        return bOut.length;
    }

    /** Reads the weights of an LMU classifier from an NPZ file (see the class comment for the keys). */
    public static LmuModel readNpz(Path file) throws IOException {
        Map<String, NpyArray> z = Npy.readNpz(file);
        NpyArray ad = need(z, file, "A_d", 2);
        int d = ad.dim(0);
        if (ad.dim(1) != d) throw new IllegalArgumentException(file + ": A_d must be square, has shape " + Arrays.toString(ad.shape()));
        NpyArray wx = need(z, file, "W_x", 2);
        int n = wx.dim(0), in = wx.dim(1);
        NpyArray wOut = need(z, file, "W_out", 2);
        try {
            return new LmuModel(d, n, in, ad.toDoubles(), need(z, file, "B_d", 1).toDoubles(), need(z, file, "e_x", 1).toDoubles(),
                    need(z, file, "e_h", 1).toDoubles(), need(z, file, "e_m", 1).toDoubles(), wx.toDoubles(),
                    need(z, file, "W_h", 2).toDoubles(), need(z, file, "W_m", 2).toDoubles(), wOut.toDoubles(),
                    need(z, file, "b_out", 1).toDoubles(), need(z, file, "input_mean", 1).toDoubles(),
                    need(z, file, "input_std", 1).toDoubles());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static NpyArray need(Map<String, NpyArray> z, Path file, String key, int rank) {
        NpyArray a = z.get(key);
        if (a == null) throw new IllegalArgumentException(file + ": key '" + key + "' missing (keys: " + String.join(", ", z.keySet()) + ")");
        if (a.rank() != rank) {
            throw new IllegalArgumentException(file + ": key '" + key + "' has shape " + Arrays.toString(a.shape()) + "; expected rank " + rank);
        }
        return a;
    }

    /**
     * Standardises a window of raw samples ({@code steps × inputs}, row-major) as the model was
     * trained: {@code float32((raw − mean)/std)} computed in float64, widened back to double.
     */
    public double[] standardise(double[] raw) {
        if (raw.length % inputs != 0) throw new IllegalArgumentException("window has " + raw.length + " values, not a multiple of " + inputs + " channels");
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) x[i] = (float) ((raw[i] - inputMean[i % inputs]) / inputStd[i % inputs]);
        return x;
    }

    /** The states of one forward pass: u (T), m (T × d), pre-activations z (T × n), h (T × n), logits. */
    public record Trace(int steps, double[] u, double[] m, double[] z, double[] h, double[] logits) {}

    /** Forward pass over a standardised window ({@code steps × inputs}, row-major). */
    public Trace forward(double[] x) {
        int T = x.length / inputs, d = order, n = hidden;
        double[] u = new double[T], m = new double[T * d], z = new double[T * n], hs = new double[T * n];
        double[] mPrev = new double[d], h = new double[n], mNow = new double[d], hNow = new double[n];
        for (int t = 0; t < T; t++) {
            int xo = t * inputs;
            double ut = 0;
            for (int c = 0; c < inputs; c++) ut += ex[c] * x[xo + c];
            for (int j = 0; j < n; j++) ut += eh[j] * h[j];
            for (int i = 0; i < d; i++) ut += em[i] * mPrev[i];
            u[t] = ut;
            for (int i = 0; i < d; i++) {
                double acc = bd[i] * ut;
                for (int k = 0; k < d; k++) acc += ad[i * d + k] * mPrev[k];
                mNow[i] = acc;
            }
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int c = 0; c < inputs; c++) acc += wx[j * inputs + c] * x[xo + c];
                for (int k = 0; k < n; k++) acc += wh[j * n + k] * h[k];
                for (int i = 0; i < d; i++) acc += wm[j * d + i] * mNow[i];
                z[t * n + j] = acc;
                hNow[j] = Math.tanh(acc);
            }
            System.arraycopy(mNow, 0, mPrev, 0, d);
            System.arraycopy(hNow, 0, h, 0, n);
            System.arraycopy(mNow, 0, m, t * d, d);
            System.arraycopy(hNow, 0, hs, t * n, n);
        }
        return new Trace(T, u, m, z, hs, readout(h));
    }

    /** {@code W_out·h + b_out}. */
    public double[] readout(double[] h) {
        int k = classes();
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double acc = bOut[c];
            for (int j = 0; j < hidden; j++) acc += wOut[c * hidden + j] * h[j];
            out[c] = acc;
        }
        return out;
    }
}
