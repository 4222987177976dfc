package org.spikeforge.simulations.conversion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/**
 * Reproduces the HAR figures of the L2MU conversion and the liquid state machine on the full
 * windowed data set (GeoTecINIT sp-sw-har windows, see the fixture README):
 *
 * <pre>
 *   java -cp … org.spikeforge.simulations.conversion.HarReport l2mu DIR [lif|cuba] [K] [limit] [threads]
 *   java -cp … org.spikeforge.simulations.conversion.HarReport lsm  DIR [ideal|device] [neurons] [limit] [threads] [train limit]
 * </pre>
 *
 * {@code DIR} holds {@code har_lmu_weights.npz}, {@code har_train_x.npy}, {@code har_train_y.npy},
 * {@code har_test_x.npy} and {@code har_test_y.npy}. Prints accuracy and spike counts.
 */
public final class HarReport {
    private HarReport() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HarReport l2mu|lsm DIR [variant] [K|neurons] [limit] [threads]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        String variant = args.length > 2 ? args[2] : args[0].equals("l2mu") ? "lif" : "ideal";
        int limit = args.length > 4 ? Integer.parseInt(args[4]) : Integer.MAX_VALUE;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : Runtime.getRuntime().availableProcessors();
        int trainLimit = args.length > 6 ? Integer.parseInt(args[6]) : Integer.MAX_VALUE;
        List<double[]> train = windows(dir.resolve("har_train_x.npy"), trainLimit);
        int[] trainY = java.util.Arrays.copyOf(Npy.read(dir.resolve("har_train_y.npy")).toInts(), train.size());
        List<double[]> test = windows(dir.resolve("har_test_x.npy"), limit);
        int[] testY = Npy.read(dir.resolve("har_test_y.npy")).toInts();
        LmuModel model = LmuModel.readNpz(dir.resolve("har_lmu_weights.npz"));
        if (args[0].equals("l2mu")) {
            L2mu.Options o = variant.equals("cuba") ? L2mu.Options.cubaLif() : L2mu.Options.lif();
            if (args.length > 3) o = o.withSubsteps(Integer.parseInt(args[3]));
            l2mu(model, train, test, testY, o, threads);
        } else if (args[0].equals("lsm")) {
            LiquidStateMachine.Options o = LiquidStateMachine.Options.defaults()
                    .withWeights(variant.equals("device") ? LiquidStateMachine.WeightSource.DEVICE : LiquidStateMachine.WeightSource.IDEAL);
            if (args.length > 3) o = o.withNeurons(Integer.parseInt(args[3]));
            lsm(model, train, trainY, test, testY, o, threads);
        } else {
            throw new IllegalArgumentException("unknown experiment '" + args[0] + "'");
        }
    }

    static void l2mu(LmuModel model, List<double[]> train, List<double[]> test, int[] y, L2mu.Options o, int threads) throws Exception {
        long t0 = System.nanoTime();
        L2mu snn = L2mu.convert(model, train, o);
        System.out.printf(Locale.ROOT, "L2MU %s K=%d dt=%.4f ms, tanh fit %s, converted in %.1f s%n", o.neuron(), o.substeps(), o.dtMs(),
                snn.tanhFit(), (System.nanoTime() - t0) * 1e-9);
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        List<Future<L2mu.Result>> fs = new ArrayList<>();
        for (double[] w : test) fs.add(ex.submit(() -> snn.run(w, 1, false)));
        int ok = 0, okAnn = 0, agree = 0;
        long[] spikes = new long[3];
        for (int i = 0; i < test.size(); i++) {
            L2mu.Result r = fs.get(i).get();
            int ann = ConvertedSnn.argmax(model.forward(model.standardise(test.get(i))).logits());
            if (r.predicted() == y[i]) ok++;
            if (ann == y[i]) okAnn++;
            if (ann == r.predicted()) agree++;
            for (int p = 0; p < 3; p++) spikes[p] += r.spikes()[p];
        }
        ex.shutdown();
        int n = test.size();
        System.out.printf(Locale.ROOT, "windows %d: SNN accuracy %.2f %% (%d), ANN %.2f %% (%d), same class as ANN %.2f %%%n",
                n, 100.0 * ok / n, ok, 100.0 * okAnn / n, okAnn, 100.0 * agree / n);
        System.out.printf(Locale.ROOT, "spikes per window: u %.0f, m %.0f, h %.0f; wall %.1f s%n", (double) spikes[0] / n,
                (double) spikes[1] / n, (double) spikes[2] / n, (System.nanoTime() - t0) * 1e-9);
    }

    /** The state features of every window, computed in parallel. */
    static double[][] states(LiquidStateMachine lsm, LmuModel model, List<double[]> windows, int threads) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        List<Future<double[]>> fs = new ArrayList<>();
        for (double[] w : windows) fs.add(ex.submit(() -> lsm.run(model.standardise(w)).features()));
        double[][] out = new double[windows.size()][];
        for (int i = 0; i < out.length; i++) out[i] = fs.get(i).get();
        ex.shutdown();
        return out;
    }

    /** Columns {@code [from, to)} of every row, or the sum of {@code bins} blocks of {@code n} when {@code sumBins}. */
    static double[][] select(double[][] x, int from, int to) {
        double[][] r = new double[x.length][];
        for (int s = 0; s < x.length; s++) r[s] = java.util.Arrays.copyOfRange(x[s], from, to);
        return r;
    }

    static double[][] windowCounts(double[][] x, int n, int bins) {
        double[][] r = new double[x.length][n];
        for (int s = 0; s < x.length; s++) for (int b = 0; b < bins; b++) for (int i = 0; i < n; i++) r[s][i] += x[s][b * n + i];
        return r;
    }

    static void lsm(LmuModel model, List<double[]> train, int[] trainY, List<double[]> test, int[] testY, LiquidStateMachine.Options o,
                    int threads) throws Exception {
        long t0 = System.nanoTime();
        LiquidStateMachine lsm = LiquidStateMachine.build(o, model.inputs());
        double[][] xtr = states(lsm, model, train, threads), xte = states(lsm, model, test, threads);
        int n = o.neurons(), bins = o.bins();
        double spikes = 0;
        for (double[] f : xte) for (int i = 0; i < n * bins; i++) spikes += f[i];
        System.out.printf(Locale.ROOT, "LSM %s: %d neurons, %d synapses, raw spectral radius %.3f scaled to %.2f; %.0f spikes per test window; states in %.1f s%n",
                o.weights(), n, lsm.synapses(), lsm.rawSpectralRadius(), o.spectralRadius(), spikes / xte.length, (System.nanoTime() - t0) * 1e-9);
        int classes = 5;
        String[] names = {"counts per bin", "window counts", "trace", "bins + trace"};
        double[][][] tr = {select(xtr, 0, n * bins), windowCounts(xtr, n, bins), select(xtr, n * bins, n * (bins + 1)), xtr};
        double[][][] te = {select(xte, 0, n * bins), windowCounts(xte, n, bins), select(xte, n * bins, n * (bins + 1)), xte};
        int val = train.size() * 4 / 5; // the last fifth of the train windows (later subjects) selects λ
        double[] lambdas = {1, 10, 100, 1000, 10000};
        LinearReadout spikingSource = null;
        for (int k = 0; k < names.length; k++) {
            double bestL = lambdas[0], best = -1;
            for (double l : lambdas) {
                LinearReadout r = LinearReadout.ridge(java.util.Arrays.copyOf(tr[k], val), java.util.Arrays.copyOf(trainY, val), classes, l);
                double a = r.accuracy(java.util.Arrays.copyOfRange(tr[k], val, tr[k].length), java.util.Arrays.copyOfRange(trainY, val, trainY.length));
                if (a > best) { best = a; bestL = l; }
            }
            LinearReadout r = LinearReadout.ridge(tr[k], trainY, classes, bestL);
            LinearReadout lg = LinearReadout.logistic(tr[k], trainY, classes, 1e-3, 300);
            System.out.printf(Locale.ROOT, "  %-15s ridge λ=%g: test %.2f %% (train %.2f %%); logistic: test %.2f %%%n", names[k], bestL,
                    100 * r.accuracy(te[k], testY), 100 * r.accuracy(tr[k], trainY), 100 * lg.accuracy(te[k], testY));
            if (k == 1) spikingSource = r;
        }
        LiquidStateMachine.SpikingReadout sr = new LiquidStateMachine.SpikingReadout(spikingSource.weights(), spikingSource.bias(), n, 1.0);
        int ok = 0, agree = 0;
        for (int s = 0; s < test.size(); s++) {
            LiquidStateMachine.Run run = lsm.run(model.standardise(test.get(s)), sr);
            int p = run.predicted();
            if (p == testY[s]) ok++;
            if (p == spikingSource.predict(te[1][s])) agree++;
        }
        System.out.printf(Locale.ROOT, "  spiking readout (IF layer, window counts): test %.2f %%, same class as the linear readout %.2f %%; wall %.1f s%n",
                100.0 * ok / test.size(), 100.0 * agree / test.size(), (System.nanoTime() - t0) * 1e-9);
    }

    static List<double[]> windows(Path file, int limit) throws IOException {
        NpyArray a = Npy.read(file);
        if (a.rank() != 3) throw new IllegalArgumentException(file + ": expected (windows, samples, channels), got " + java.util.Arrays.toString(a.shape()));
        double[] d = a.toDoubles();
        int n = Math.min(limit, a.dim(0)), w = a.dim(1) * a.dim(2);
        List<double[]> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) out.add(java.util.Arrays.copyOfRange(d, s * w, (s + 1) * w));
        return out;
    }
}
