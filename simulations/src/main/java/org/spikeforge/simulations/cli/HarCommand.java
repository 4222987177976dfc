package org.spikeforge.simulations.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.simulations.har.CompressionSpec;
import org.spikeforge.simulations.har.Evaluation;
import org.spikeforge.simulations.har.HarModel;
import org.spikeforge.simulations.har.HarModels;
import org.spikeforge.simulations.har.HarPlots;
import org.spikeforge.simulations.har.HarSplit;
import org.spikeforge.simulations.har.HarWindows;
import org.spikeforge.simulations.har.LsmConfig;
import org.spikeforge.simulations.har.LsmModel;
import org.spikeforge.simulations.har.Metrics;
import org.spikeforge.simulations.har.QuantSpec;
import org.spikeforge.simulations.har.SmartwatchHar;
import org.spikeforge.simulations.har.WindowSpec;
import org.spikeforge.simulations.io.AtomicFiles;

/**
 * {@code spikeforge har train|evaluate}: human activity recognition on the smartwatch dataset with
 * a spiking model simulated in the engine, split by subject.
 */
@Command(name = "har", description = "Train and evaluate spiking HAR models on smartwatch data (subject-wise split).",
        subcommands = {HarCommand.Train.class, HarCommand.Evaluate.class, HarCommand.Check.class})
final class HarCommand implements Runnable {

    @Override
    public void run() {
        throw new UserError("har: expected a subcommand: train, evaluate or check (see 'spikeforge har --help')");
    }

    /** Options that say which data and split to use. */
    static final class DataOptions {
        @Option(names = "--data", paramLabel = "DIR",
                description = "the DATA folder of the GeoTecINIT sp-sw-har dataset, or a folder containing it (default for evaluate/profile: the one the model was trained on)")
        Path data;

        @Option(names = "--train-subjects", paramLabel = "LIST", description = "train subjects, e.g. s01-s16 or s01,s02 (default s01-s16)")
        String trainSubjects = "s01-s16";

        @Option(names = "--test-subjects", paramLabel = "LIST", description = "test subjects (default s17-s23)")
        String testSubjects = "s17-s23";
    }

    /** {@code s01-s16,s20} → [s01 … s16, s20]. */
    static List<String> subjects(String spec) {
        List<String> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("s(\\d+)-s(\\d+)").matcher(p);
            if (m.matches()) {
                int a = Integer.parseInt(m.group(1)), b = Integer.parseInt(m.group(2));
                if (a > b) throw new UserError("subject range '" + p + "' runs backwards");
                out.addAll(SmartwatchHar.subjects(a, b));
            } else if (p.matches("s\\d+")) {
                out.add(p);
            } else {
                throw new UserError("subject list '" + spec + "': '" + p + "' is not a subject (sNN) or a range (sNN-sMM)");
            }
        }
        return out;
    }

    /** The sidecar of a model file: {@code MODEL.npz → MODEL.json}. */
    static Path sidecar(Path model) {
        String n = model.getFileName().toString();
        return model.resolveSibling((n.endsWith(".npz") ? n.substring(0, n.length() - 4) : n) + ".json");
    }

    /** The data folder: the option, else the one recorded beside the model. */
    static Path dataFolder(Path option, Path model) throws IOException {
        if (option != null) return option;
        Path side = model == null ? null : sidecar(model);
        if (side != null && Files.isRegularFile(side)) {
            JsonNode n = new ObjectMapper().readTree(side.toFile());
            if (n.hasNonNull("data")) return Path.of(n.get("data").asText());
        }
        throw new UserError("no data folder: pass --data DIR (the DATA folder of the GeoTecINIT sp-sw-har dataset)");
    }

    static HarSplit split(Path data, DataOptions o, WindowSpec spec) {
        return SmartwatchHar.split(data, subjects(o.trainSubjects), subjects(o.testSubjects), spec);
    }

    static String pct(double x) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * x);
    }

    /** Accuracy, macro-F1, per-class F1 and the confusion matrix as text. */
    static void printMetrics(PrintWriter out, Metrics m) {
        out.printf(Locale.ROOT, "accuracy %s, macro-F1 %.3f%n", pct(m.accuracy()), m.macroF1());
        for (int c = 0; c < m.classes().size(); c++) out.printf(Locale.ROOT, "  F1 %-13s %.3f%n", m.classes().get(c), m.f1()[c]);
        out.println("confusion (rows true, columns predicted):");
        for (int t = 0; t < m.classes().size(); t++) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-13s", m.classes().get(t)));
            for (long v : m.confusion()[t]) sb.append(String.format(Locale.ROOT, "%6d", v));
            out.println(sb);
        }
    }

    static Map<String, Object> metricsMap(Metrics m) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("accuracy", m.accuracy());
        x.put("macro_f1", m.macroF1());
        Map<String, Double> f1 = new LinkedHashMap<>();
        for (int c = 0; c < m.classes().size(); c++) f1.put(m.classes().get(c), m.f1()[c]);
        x.put("f1", f1);
        x.put("confusion", m.confusion());
        return x;
    }

    static void writeJson(Path file, Object value) throws IOException {
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        AtomicFiles.writeString(file, text + "\n");
    }

    @Command(name = "train", description = "Train a liquid state machine (LIF reservoir in the engine, ridge readout) and save it.")
    static final class Train implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.ArgGroup(exclusive = false) DataOptions data = new DataOptions();

        @Option(names = "--out", paramLabel = "MODEL.npz", description = "model file (default out/har/lsm.npz); a MODEL.json beside it records data and scores")
        Path out = Path.of("out", "har", "lsm.npz");

        @Option(names = "--neurons", paramLabel = "N", description = "reservoir neurons (default 128)") int neurons = 128;

        @Option(names = "--seed", paramLabel = "N", description = "reservoir seed (default 1)") long seed = 1;

        @Option(names = {"-q", "--quiet"}, description = "print only the scores") boolean quiet;

        @Override
        public Integer call() throws IOException {
            PrintWriter o = spec.commandLine().getOut();
            if (data.data == null) throw new UserError("har train: --data DIR is required (the DATA folder of the GeoTecINIT sp-sw-har dataset)");
            long t0 = System.nanoTime();
            HarSplit s = split(data.data, data, WindowSpec.reference());
            if (!quiet) o.printf("train %d windows (%s), test %d windows (%s)%n", s.train().size(), String.join(",", s.train().subjects()),
                    s.test().size(), String.join(",", s.test().subjects()));
            LsmConfig cfg = LsmConfig.defaults().withNeurons(neurons).withSeed(seed);
            LsmModel m = LsmModel.train(s.standardisedTrain(), s.standardisation(), WindowSpec.reference(), cfg, LsmModel.LAMBDAS,
                    quiet ? x -> {} : o::println);
            Metrics train = m.evaluate(s.standardisedTrain()).metrics();
            Evaluation test = m.evaluate(s.standardisedTest());
            o.printf(Locale.ROOT, "train accuracy %s; test accuracy %s, macro-F1 %.3f (%.1f s)%n", pct(train.accuracy()),
                    pct(test.metrics().accuracy()), test.metrics().macroF1(), (System.nanoTime() - t0) * 1e-9);
            Files.createDirectories(out.toAbsolutePath().getParent());
            m.save(out);
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("model", m.description());
            side.put("data", data.data.toAbsolutePath().toString());
            side.put("train_subjects", s.train().subjects());
            side.put("test_subjects", s.test().subjects());
            side.put("ridge_lambda", m.lambda());
            side.put("train", metricsMap(train));
            side.put("test", metricsMap(test.metrics()));
            writeJson(sidecar(out), side);
            if (!quiet) o.println("wrote " + out + " and " + sidecar(out));
            return 0;
        }
    }

    @Command(name = "evaluate", description = "Evaluate a model (optionally compressed) on the test subjects: accuracy, macro-F1, confusion matrix.")
    static final class Evaluate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "MODEL", description = "model file from 'har train'") Path model;
        @picocli.CommandLine.ArgGroup(exclusive = false) DataOptions data = new DataOptions();

        @Option(names = "--quant", paramLabel = "SPEC", description = "quantise: int8, int4, fp8-e4m3, fp8-e5m2 [,per-tensor|,per-channel][,state=BITS]")
        String quant;

        @Option(names = "--prune", paramLabel = "SPARSITY", description = "magnitude-prune each weight tensor to this sparsity, e.g. 0.5")
        double prune;

        @Option(names = "--out", paramLabel = "DIR", description = "write evaluation.json and confusion.png here")
        Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter o = spec.commandLine().getOut();
            CompressionSpec cs = new CompressionSpec(quant == null ? QuantSpec.FLOAT : QuantSpec.parse(quant), prune);
            HarModel m = HarModels.load(model).compress(cs);
            HarWindows test = m.standardisation().apply(SmartwatchHar.load(dataFolder(data.data, model), subjects(data.testSubjects), m.windowSpec()));
            Evaluation e = m.evaluate(test);
            Metrics mt = e.metrics();
            o.println(m.description());
            o.printf("%d test windows of %s%n", test.size(), String.join(",", test.subjects()));
            printMetrics(o, mt);
            o.println("accuracy by subject:");
            for (var s : e.accuracyBySubject().entrySet()) o.printf(Locale.ROOT, "  %s %s%n", s.getKey(), pct(s.getValue()));
            o.printf(Locale.ROOT, "per window: %.0f synaptic events, %.0f readout accumulations, %.0f neuron updates, %.0f spikes; model %d bytes%n",
                    e.operations().synapticEventsPerWindow(), e.operations().readoutAccumulationsPerWindow(), e.operations().neuronUpdatesPerWindow(),
                    e.operations().spikesPerWindow(), m.footprint().parameterBytes());
            if (out != null) {
                Files.createDirectories(out);
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("model", m.description());
                j.put("compression", cs.label());
                j.put("test_subjects", test.subjects());
                j.put("metrics", metricsMap(mt));
                j.put("accuracy_by_subject", e.accuracyBySubject());
                j.put("model_bytes", m.footprint().parameterBytes());
                j.put("synaptic_ops_per_window", e.operations().synapticOpsPerWindow());
                j.put("neuron_updates_per_window", e.operations().neuronUpdatesPerWindow());
                writeJson(out.resolve("evaluation.json"), j);
                byte[] png = HarPlots.confusionMatrix(mt, "Confusion matrix, " + cs.label());
                AtomicFiles.write(out.resolve("confusion.png"), os -> os.write(png));
                o.println("wrote " + out.resolve("evaluation.json") + " and " + out.resolve("confusion.png"));
            }
            return 0;
        }
    }

    @Command(name = "check", description = "Check that the loader reproduces reference windows har_{train,test}_{x,y}.npy bit for bit "
            + "(and har_split.json's mean and std). Exit code 3 when they differ.")
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.ArgGroup(exclusive = false) DataOptions data = new DataOptions();

        @Option(names = "--reference", required = true, paramLabel = "DIR", description = "folder with har_train_x.npy, har_train_y.npy, har_test_x.npy, har_test_y.npy")
        Path reference;

        @Override
        public Integer call() throws IOException {
            PrintWriter o = spec.commandLine().getOut();
            if (data.data == null) throw new UserError("har check: --data DIR is required");
            HarSplit s = split(data.data, data, WindowSpec.reference());
            boolean same = compare(o, "train", s.train()) & compare(o, "test", s.test());
            Path json = reference.resolve("har_split.json");
            if (Files.isRegularFile(json)) {
                JsonNode st = new ObjectMapper().readTree(json.toFile()).path("standardisation");
                double worst = 0;
                for (int c = 0; c < s.standardisation().mean().length; c++) {
                    worst = Math.max(worst, Math.abs(st.path("mean").get(c).asDouble() - s.standardisation().mean()[c]));
                    worst = Math.max(worst, Math.abs(st.path("std").get(c).asDouble() - s.standardisation().std()[c]));
                }
                o.printf(Locale.ROOT, "standardisation: largest difference from har_split.json mean/std %.3g%n", worst);
                same &= worst < 1e-9;
                float[] a = s.standardisedTest().values();
                double[] m = new double[6], sd = new double[6];
                for (int c = 0; c < 6; c++) {
                    m[c] = st.path("mean").get(c).asDouble();
                    sd[c] = st.path("std").get(c).asDouble();
                }
                int diff = 0;
                float[] raw = s.test().values();
                for (int i = 0; i < a.length; i++) if (a[i] != (float) ((raw[i] - m[i % 6]) / sd[i % 6])) diff++;
                o.printf("standardised test values differing from those made with the reference mean/std: %d of %d%n", diff, a.length);
            }
            o.println(same ? "identical" : "DIFFERENT");
            return same ? 0 : 3;
        }

        private boolean compare(PrintWriter o, String part, HarWindows w) throws IOException {
            org.spikeforge.encoders.io.NpyArray x = org.spikeforge.encoders.io.Npy.read(reference.resolve("har_" + part + "_x.npy"));
            long[] y = org.spikeforge.encoders.io.Npy.read(reference.resolve("har_" + part + "_y.npy")).toLongs();
            float[] rx = x.toFloats();
            int diffValues = 0, diffLabels = 0;
            boolean shape = rx.length == w.values().length && y.length == w.size();
            if (shape) {
                for (int i = 0; i < rx.length; i++) if (Float.floatToIntBits(rx[i]) != Float.floatToIntBits(w.values()[i])) diffValues++;
                for (int i = 0; i < y.length; i++) if (y[i] != w.label(i)) diffLabels++;
            }
            o.printf("%s: %d windows (reference %d); values differing %d, labels differing %d; class counts %s%n", part, w.size(), y.length,
                    diffValues, diffLabels, java.util.Arrays.toString(w.classCounts()));
            return shape && diffValues == 0 && diffLabels == 0;
        }
    }
}
