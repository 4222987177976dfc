package org.spikeforge.simulations.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikeforge.simulations.conversion.AccuracyPlot;
import org.spikeforge.simulations.conversion.NirClassifier;
import org.spikeforge.simulations.io.AtomicFiles;
import org.spikeforge.simulations.nir.NirReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spikeforge evaluate MODEL.nir --data X.npy --labels y.npy --timesteps … --out DIR}: the
 * classification accuracy of a converted NIR graph after each number of time steps, run by the NIR
 * executor with reset by subtraction; writes {@code DIR/accuracy.json} and {@code DIR/accuracy.png}.
 */
@Command(name = "evaluate", description = "Accuracy of a converted NIR classifier for each number of time steps.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.nir") Path model;

    @Option(names = "--data", required = true, paramLabel = "X.npy", description = "samples, shape (N, ...graph input)") Path data;

    @Option(names = "--labels", required = true, paramLabel = "y.npy", description = "integer labels, shape (N,)") Path labels;

    @Option(names = "--timesteps", paramLabel = "T1,T2,...", description = "time steps (default ${DEFAULT-VALUE})")
    String timesteps = "1,2,4,8,16,32,64,128";

    @Option(names = "--divide-by", paramLabel = "D", description = "divide input values by D in float32, e.g. 255 for uint8 pixels (default ${DEFAULT-VALUE})")
    double divideBy = 1;

    @Option(names = "--limit", paramLabel = "N", description = "evaluate at most N samples") int limit = Integer.MAX_VALUE;

    @Option(names = "--batch", paramLabel = "B", description = "samples run together (default ${DEFAULT-VALUE})") int batch = 50;

    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    @Override
    public Integer call() throws Exception {
        if (!(divideBy > 0)) throw new UserError("--divide-by must be > 0, found " + divideBy);
        if (batch < 1) throw new UserError("--batch must be >= 1, found " + batch);
        int[] ts = SampleArrays.timesteps(timesteps);
        NirClassifier clf = new NirClassifier(NirReader.read(model).graph());
        double[][] x = SampleArrays.read(data, "data", new int[] {clf.inputSize()}, divideBy, limit);
        int[] y = SampleArrays.labels(labels, x.length);
        double[] acc = clf.accuracy(x, y, ts, batch);
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.getFileName().toString());
        json.put("data", data.getFileName().toString());
        json.put("samples", x.length);
        json.put("readout", clf.spikingReadout() ? "spike_count" : "membrane");
        json.put("timesteps", ts);
        json.put("accuracy", acc);
        Map<String, Object> byT = new LinkedHashMap<>();
        for (int k = 0; k < ts.length; k++) byT.put(Integer.toString(ts[k]), acc[k]);
        json.put("accuracy_by_T", byT);
        AtomicFiles.writeString(out.resolve("accuracy.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        Path png = AccuracyPlot.save(out, "accuracy", model.getFileName() + ": accuracy by time steps", ts, acc, Double.NaN);
        var pw = spec.commandLine().getOut();
        pw.print("accuracy by T:");
        for (int k = 0; k < ts.length; k++) pw.printf(Locale.ROOT, " %d: %.2f %%", ts[k], 100 * acc[k]);
        pw.println();
        pw.println("wrote " + out.resolve("accuracy.json") + " and " + png);
        return 0;
    }
}
