package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.simulations.conversion.ConvertedSnn;
import org.spikeforge.simulations.conversion.FeedForwardAnn;
import org.spikeforge.simulations.conversion.OnnxGraph;
import org.spikeforge.simulations.conversion.RateConversion;

/** {@code spikeforge convert} and {@code spikeforge evaluate} on the M1 MLP fixture. */
class ConvertCliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Path fixture(String name) throws Exception {
        return Paths.get(ConvertCliTest.class.getResource("/fixtures/ann/" + name).toURI());
    }

    private static boolean isPng(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    /** The same conversion in the library, and its accuracy by T on the first {@code n} test samples. */
    private static double[] reference(int calibration, int n, int[] ts, double[] lambdaOut) throws Exception {
        FeedForwardAnn ann = FeedForwardAnn.fromOnnx(OnnxGraph.read(fixture("M1_dynbatch.onnx")));
        double[] cal = Npy.read(fixture("mnist_train_x_first1000.npy")).toDoubles();
        double[][] c = new double[calibration][784];
        for (int s = 0; s < calibration; s++) for (int i = 0; i < 784; i++) c[s][i] = (float) cal[s * 784 + i] / 255f;
        ConvertedSnn snn = RateConversion.convert(ann, c, RateConversion.Options.defaults());
        System.arraycopy(snn.lambdas(), 0, lambdaOut, 0, lambdaOut.length);
        double[] x = Npy.read(fixture("mnist_test_x.npy")).toDoubles();
        int[] y = Npy.read(fixture("mnist_test_y.npy")).toInts();
        double[] acc = new double[ts.length];
        for (int s = 0; s < n; s++) {
            double[] row = new double[784];
            for (int i = 0; i < 784; i++) row[i] = (float) x[s * 784 + i] / 255f;
            int[] p = snn.run(row, ts).predictions();
            for (int k = 0; k < ts.length; k++) if (p[k] == y[s]) acc[k] += 1.0 / n;
        }
        return acc;
    }

    @Test
    void convertWritesIdenticalNirTwiceAndAReportWithThresholdsAndAccuracy() throws Exception {
        Path a = dir.resolve("a/m1.nir"), b = dir.resolve("b/m1.nir");
        String[] common = {"convert", fixture("M1_dynbatch.onnx").toString(), "--calibration", fixture("mnist_train_x_first1000.npy").toString(),
            "--calibration-limit", "300", "--divide-by", "255"};
        Result r1 = cli(concat(common, "--out", a.toString(), "--data", fixture("mnist_test_x.npy").toString(),
                "--labels", fixture("mnist_test_y.npy").toString(), "--limit", "100", "--timesteps", "2,4,8,16,32"));
        assertEquals(0, r1.code(), r1.err());
        Result r2 = cli(concat(common, "--out", b.toString()));
        assertEquals(0, r2.code(), r2.err());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "converting twice gives the same NIR file");

        JsonNode report = new ObjectMapper().readTree(dir.resolve("a/m1.report.json").toFile());
        int[] ts = {2, 4, 8, 16, 32};
        double[] lambda = new double[2];
        double[] acc = reference(300, 100, ts, lambda);
        assertEquals(lambda[0], report.get("layers").get(0).get("lambda").asDouble(), 0.0);
        assertEquals(lambda[1], report.get("layers").get(1).get("lambda").asDouble(), 0.0);
        assertTrue(report.get("layers").get(2).get("lambda").isNull(), "membrane readout has no threshold");
        assertEquals(lambda[0], report.get("layers").get(0).get("p99_9").asDouble(), 0.2 * lambda[0],
                "λ is the 99.9th percentile of the non-zero activations, near that of all activations");
        for (int k = 0; k < ts.length; k++) {
            assertEquals(acc[k], report.get("evaluation").get("snn_accuracy_by_T").get(Integer.toString(ts[k])).asDouble(), 1e-12);
        }
        assertEquals(0.99, report.get("evaluation").get("ann_accuracy").asDouble(), 0.02);
        assertTrue(isPng(dir.resolve("a/m1.accuracy.png")));
        assertFalse(Files.exists(dir.resolve("b/m1.accuracy.png")), "no plot without --data");

        // evaluate runs the NIR file with the NIR executor and must give the same accuracies.
        Result ev = cli("evaluate", a.toString(), "--data", fixture("mnist_test_x.npy").toString(), "--labels",
                fixture("mnist_test_y.npy").toString(), "--divide-by", "255", "--limit", "100", "--timesteps", "2,4,8,16,32",
                "--out", dir.resolve("eval").toString());
        assertEquals(0, ev.code(), ev.err());
        JsonNode j = new ObjectMapper().readTree(dir.resolve("eval/accuracy.json").toFile());
        for (int k = 0; k < ts.length; k++) {
            assertEquals(ts[k], j.get("timesteps").get(k).asInt());
            assertEquals(acc[k], j.get("accuracy").get(k).asDouble(), 1e-12, "T = " + ts[k]);
        }
        assertTrue(isPng(dir.resolve("eval/accuracy.png")));
    }

    @Test
    void calibrationOfTheWrongShapeIsAOneLineError() throws Exception {
        Path bad = dir.resolve("bad.npy");
        Npy.write(bad, NpyArray.ofFloats(new float[10 * 28], 10, 28));
        Result r = cli("convert", fixture("M1_dynbatch.onnx").toString(), "--calibration", bad.toString(), "--out", dir.resolve("x.nir").toString());
        assertEquals(2, r.code(), r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains("bad.npy") && msg.contains("[10, 28]") && msg.contains("(N, 784)"), msg);
        assertFalse(Files.exists(dir.resolve("x.nir")));
    }

    @Test
    void evaluateRejectsDataThatDoesNotFitTheGraph() throws Exception {
        Path nir = dir.resolve("m1.nir");
        assertEquals(0, cli("convert", fixture("M1_dynbatch.onnx").toString(), "--calibration", fixture("mnist_train_x_first1000.npy").toString(),
                "--calibration-limit", "50", "--divide-by", "255", "--out", nir.toString()).code());
        Path bad = dir.resolve("x.npy");
        Npy.write(bad, NpyArray.ofFloats(new float[3 * 100], 3, 100));
        Result r = cli("evaluate", nir.toString(), "--data", bad.toString(), "--labels", fixture("mnist_test_y.npy").toString(),
                "--out", dir.resolve("e").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("[3, 100]") && r.err().contains("784"), r.err());
        Result t = cli("evaluate", nir.toString(), "--data", fixture("mnist_test_x.npy").toString(), "--labels", fixture("mnist_test_y.npy").toString(),
                "--timesteps", "4,2", "--out", dir.resolve("e").toString());
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("ascending"), t.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
