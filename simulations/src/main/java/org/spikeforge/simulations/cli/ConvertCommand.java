package org.spikeforge.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.spikeforge.simulations.conversion.AccuracyPlot;
import org.spikeforge.simulations.conversion.AnnLayer;
import org.spikeforge.simulations.conversion.ConvertedSnn;
import org.spikeforge.simulations.conversion.FeedForwardAnn;
import org.spikeforge.simulations.conversion.NirExport;
import org.spikeforge.simulations.conversion.OnnxGraph;
import org.spikeforge.simulations.conversion.RateConversion;
import org.spikeforge.simulations.io.AtomicFiles;
import org.spikeforge.simulations.nir.NirWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spikeforge convert MODEL.onnx --calibration X.npy --out MODEL.nir}: rate conversion of a
 * feed-forward ReLU network (Rueckauer et al. 2017) to IF neurons with reset by subtraction,
 * written as NIR, with a report of the thresholds and activation statistics, and, given test data,
 * the accuracy for each number of time steps and its plot.
 */
@Command(name = "convert", description = "Convert a feed-forward ONNX model (ReLU MLP) to a spiking network and write it as NIR.")
final class ConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx") Path model;

    @Option(names = "--calibration", required = true, paramLabel = "X.npy",
            description = "samples for threshold balancing, shape (N, ...model input)") Path calibration;

    @Option(names = "--percentile", paramLabel = "P", description = "percentile of non-zero activations used as threshold (default ${DEFAULT-VALUE})")
    double percentile = 99.9;

    @Option(names = "--half-threshold", description = "start membranes at half the threshold (QCFS)") boolean halfThreshold;

    @Option(names = "--readout", paramLabel = "membrane|count", description = "output readout (default ${DEFAULT-VALUE})")
    String readout = "membrane";

    @Option(names = "--divide-by", paramLabel = "D", description = "divide input values by D in float32, e.g. 255 for uint8 pixels (default ${DEFAULT-VALUE})")
    double divideBy = 1;

    @Option(names = "--calibration-limit", paramLabel = "N", description = "use at most N calibration samples") int calibrationLimit = Integer.MAX_VALUE;

    @Option(names = "--out", required = true, paramLabel = "MODEL.nir") Path out;

    @Option(names = "--data", paramLabel = "X.npy", description = "test samples for the accuracy-versus-T report") Path data;

    @Option(names = "--labels", paramLabel = "y.npy", description = "test labels") Path labels;

    @Option(names = "--timesteps", paramLabel = "T1,T2,...", description = "time steps to evaluate (default ${DEFAULT-VALUE})")
    String timesteps = "1,2,4,8,16,32,64,128";

    @Option(names = "--limit", paramLabel = "N", description = "evaluate at most N test samples") int limit = Integer.MAX_VALUE;

    @Override
    public Integer call() throws Exception {
        if ((data == null) != (labels == null)) throw new UserError("--data and --labels go together");
        RateConversion.Readout ro = switch (readout.toLowerCase(Locale.ROOT)) {
            case "membrane" -> RateConversion.Readout.MEMBRANE;
            case "count", "spike_count", "spikes" -> RateConversion.Readout.SPIKE_COUNT;
            default -> throw new UserError("--readout must be 'membrane' or 'count', found '" + readout + "'");
        };
        if (!(divideBy > 0)) throw new UserError("--divide-by must be > 0, found " + divideBy);
        int[] ts = SampleArrays.timesteps(timesteps);
        FeedForwardAnn ann = FeedForwardAnn.fromOnnx(OnnxGraph.read(model));
        double[][] cal = SampleArrays.read(calibration, "calibration data", ann.inputShape(), divideBy, calibrationLimit);
        RateConversion.Options options = new RateConversion.Options(percentile, halfThreshold, ro);
        ConvertedSnn snn = RateConversion.convert(ann, cal, options);
        NirWriter.write(NirExport.toNir(snn, model.getFileName().toString()), out);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.getFileName().toString());
        report.put("nir", out.getFileName().toString());
        report.put("percentile", percentile);
        report.put("half_threshold_init", halfThreshold);
        report.put("readout", ro == RateConversion.Readout.MEMBRANE ? "membrane" : "spike_count");
        report.put("calibration", Map.of("file", calibration.getFileName().toString(), "samples", cal.length));
        report.put("layers", layerStats(ann, snn, cal));
        var pw = spec.commandLine().getOut();
        String stem = stem(out);
        Path dir = out.toAbsolutePath().getParent();
        if (data != null) {
            double[][] x = SampleArrays.read(data, "test data", ann.inputShape(), divideBy, limit);
            int[] y = SampleArrays.labels(labels, x.length);
            int annOk = 0;
            int[] ok = new int[ts.length];
            long[] spikes = new long[ann.layers().size()];
            for (int s = 0; s < x.length; s++) {
                if (argmax(ann.forward(x[s], null)) == y[s]) annOk++;
                ConvertedSnn.Run r = snn.run(x[s], ts);
                for (int k = 0; k < ts.length; k++) if (r.predictions()[k] == y[s]) ok[k]++;
                for (int l = 0; l < spikes.length; l++) spikes[l] += r.spikesPerLayer()[l];
            }
            double annAcc = (double) annOk / x.length;
            double[] acc = new double[ts.length];
            Map<String, Object> byT = new LinkedHashMap<>();
            for (int k = 0; k < ts.length; k++) {
                acc[k] = (double) ok[k] / x.length;
                byT.put(Integer.toString(ts[k]), acc[k]);
            }
            List<Double> sp = new ArrayList<>();
            for (long v : spikes) sp.add((double) v / x.length);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("data", data.getFileName().toString());
            ev.put("samples", x.length);
            ev.put("ann_accuracy", annAcc);
            ev.put("snn_accuracy_by_T", byT);
            ev.put("spikes_per_sample_per_layer_at_T" + ts[ts.length - 1], sp);
            report.put("evaluation", ev);
            Path png = AccuracyPlot.save(dir, stem + ".accuracy", model.getFileName() + ": accuracy of the converted SNN", ts, acc, annAcc);
            pw.printf(Locale.ROOT, "ANN accuracy %.2f %%; SNN accuracy by T:", 100 * annAcc);
            for (int k = 0; k < ts.length; k++) pw.printf(Locale.ROOT, " %d: %.2f %%", ts[k], 100 * acc[k]);
            pw.println();
            pw.println("wrote " + png);
        }
        Path reportFile = dir.resolve(stem + ".report.json");
        AtomicFiles.writeString(reportFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
        pw.println("wrote " + out + " and " + reportFile);
        return 0;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
        return best;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".nir") ? n.substring(0, n.length() - 4) : n;
    }

    /** Per layer: size, λ, and the statistics of its ANN activations on the calibration data. */
    private static List<Map<String, Object>> layerStats(FeedForwardAnn ann, ConvertedSnn snn, double[][] cal) {
        int L = ann.layers().size();
        double[] lambda = snn.lambdas();
        double[][] all = new double[L][];
        int[] fill = new int[L];
        for (int l = 0; l < L; l++) all[l] = new double[cal.length * ann.layers().get(l).outputSize()];
        List<double[]> acts = new ArrayList<>();
        for (double[] x : cal) {
            acts.clear();
            ann.forward(x, acts);
            for (int l = 0; l < L; l++) {
                System.arraycopy(acts.get(l), 0, all[l], fill[l], acts.get(l).length);
                fill[l] += acts.get(l).length;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            AnnLayer layer = ann.layers().get(l);
            double[] a = all[l];
            double sum = 0, max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
            int nz = 0;
            for (double v : a) {
                sum += v;
                max = Math.max(max, v);
                min = Math.min(min, v);
                if (v > 0) nz++;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", l + 1);
            m.put("kind", layer.getClass().getSimpleName());
            m.put("inputs", layer.inputSize());
            m.put("outputs", layer.outputSize());
            m.put("relu", layer.relu());
            m.put("lambda", l < L - 1 || snn.options().readout() == RateConversion.Readout.SPIKE_COUNT ? lambda[l] : null);
            m.put("activation_mean", sum / a.length);
            m.put("activation_min", min);
            m.put("activation_max", max);
            m.put("fraction_positive", (double) nz / a.length);
            m.put("p99_9", new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(a, 99.9));
            out.add(m);
        }
        return out;
    }
}
