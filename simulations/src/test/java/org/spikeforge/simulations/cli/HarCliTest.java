package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.hardware.edge.MemoryCheck;
import org.spikeforge.simulations.har.CompressionSpec;
import org.spikeforge.simulations.har.HarModels;
import org.spikeforge.simulations.har.QuantSpec;

/** {@code spikeforge har train|evaluate|check} and {@code spikeforge profile} on the HAR fixture (s01 train, s17 test). */
class HarCliTest {
    @TempDir static Path dir;
    static Path data, model;
    static Result trained;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void train() throws URISyntaxException {
        data = Path.of(HarCliTest.class.getResource("/fixtures/har/README.md").toURI()).getParent();
        model = dir.resolve("m/lsm.npz");
        trained = cli("har", "train", "--data", data.toString(), "--train-subjects", "s01", "--test-subjects", "s17", "--neurons", "32",
                "--out", model.toString(), "-q");
    }

    @Test
    void trainWritesTheModelAndItsScores() throws IOException {
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.out().contains("test accuracy"), trained.out());
        JsonNode side = new ObjectMapper().readTree(dir.resolve("m/lsm.json").toFile());
        assertEquals(data.toAbsolutePath().toString(), side.get("data").asText());
        assertEquals("s17", side.get("test_subjects").get(0).asText());
        assertTrue(side.get("test").get("accuracy").asDouble() > 0);
    }

    @Test
    void evaluateReportsMetricsAndWritesTheConfusionMatrixPlot() throws IOException {
        Result r = cli("har", "evaluate", model.toString(), "--test-subjects", "s17", "--quant", "int8", "--out", dir.resolve("ev").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("accuracy by subject:\n  s17 "), r.out());
        byte[] png = Files.readAllBytes(dir.resolve("ev/confusion.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3));
        JsonNode j = new ObjectMapper().readTree(dir.resolve("ev/evaluation.json").toFile());
        long sum = 0;
        for (JsonNode row : j.get("metrics").get("confusion")) for (JsonNode v : row) sum += v.asLong();
        assertEquals(21, sum, "every one of the 21 s17 windows is in the confusion matrix");
    }

    @Test
    void profileSaysWhetherItFitsAndComparesEveryDevice() {
        Result r = cli("profile", model.toString(), "--device", "stm32f4", "--quant", "int8", "--prune", "0.5", "--data", data.toString(),
                "--test-subjects", "s17");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stm32f4: fits"), r.out());
        assertTrue(r.out().contains("compression int8/ch s8, 50 % pruned"), r.out());
        for (String d : new String[] {"stm32f4", "stm32h7", "rpi4", "rpi5", "loihi"}) {
            assertTrue(Pattern.compile("(?m)^" + d + " +yes ").matcher(r.out()).find(), d + " row in:\n" + r.out());
        }
        Matcher lat = Pattern.compile("latency ([0-9.]+) (ms|us) per window").matcher(r.out());
        assertTrue(lat.find(), r.out());
        assertTrue(Double.parseDouble(lat.group(1)) > 0);
    }

    @Test
    void modelThatDoesNotFitSaysByHowMuch() throws IOException {
        String profile = """
                kind = mcu
                name = tiny_mcu
                """;
        String[] keys = {"clock_hz=1e6", "flash_bytes=1024", "sram_bytes=65536", "active_power_w=0.01", "simd_register_bits=32", "simd_float=0",
                "cycles_per_add=1", "cycles_per_mac=1", "cycles_per_add_simd=0.5", "cycles_per_mac_simd=0.5", "cycles_per_fadd=1", "cycles_per_fmac=3",
                "cycles_per_load=2", "cycles_per_store=1", "runtime_flash_bytes=0", "runtime_ram_bytes=0"};
        StringBuilder sb = new StringBuilder(profile);
        for (String k : keys) {
            String[] kv = k.split("=");
            sb.append(kv[0]).append(" = ").append(kv[1]).append('\n').append(kv[0]).append(".source = test\n");
        }
        Path p = dir.resolve("tiny_mcu.properties");
        Files.writeString(p, sb.toString());
        Result r = cli("profile", model.toString(), "--device", p.toString(), "--quant", "int8", "--data", data.toString(), "--test-subjects", "s17");
        assertEquals(0, r.code(), r.err());
        long need = HarModels.load(model).compress(new CompressionSpec(QuantSpec.parse("int8"), 0)).footprint().parameterBytes();
        assertTrue(need > 1024);
        assertTrue(r.out().contains("tiny_mcu: does not fit: flash: needs " + MemoryCheck.bytes(need) + ", has 1.0 KiB: over by "
                + MemoryCheck.bytes(need - 1024)), r.out());
        assertTrue(Pattern.compile("(?m)^tiny_mcu +NO ").matcher(r.out()).find(), r.out());
    }

    @Test
    void reportIsOneSelfContainedHtmlFileWithTablesAndPlots() throws IOException {
        Path html = dir.resolve("report/profile.html");
        Result r = cli("profile", model.toString(), "--device", "rpi4", "--data", data.toString(), "--test-subjects", "s17", "--report", html.toString());
        assertEquals(0, r.code(), r.err());
        String h = Files.readString(html);
        assertEquals(2, h.split("src=\"data:image/png;base64,", -1).length - 1, "accuracy plot and confusion matrix inline");
        assertFalse(h.contains("src=\"http"), "no external resources");
        for (String q : new String[] {"float", "int8/ch s8", "int4/ch s8", "int4/ch s4", "fp8-e4m3/ch s8", "fp8-e5m2/ch s8", "int8/ch s8, 50 % pruned"}) {
            assertTrue(h.contains("<td class=l>" + q + "</td>"), q);
        }
        assertTrue(h.contains("Davies et al."), "device figures carry their sources");
    }

    @Test
    void badDeviceQuantisationPruningAndDataGiveOneLineErrors() {
        Result r = cli("profile", model.toString(), "--device", "esp32");
        assertEquals(2, r.code());
        assertEquals("spikeforge: error: unknown device 'esp32'; available: stm32f4, stm32h7, rpi4, rpi5, loihi (or a path to a .properties profile)",
                r.err().strip());
        r = cli("profile", model.toString(), "--quant", "int3x");
        assertEquals(2, r.code());
        assertTrue(r.err().strip().startsWith("spikeforge: error: quantisation spec 'int3x': unknown format 'int3x'"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        r = cli("profile", model.toString(), "--prune", "1.5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("pruning sparsity must be in [0, 1)"), r.err());
        Path nowhere = dir.resolve("nowhere");
        r = cli("har", "evaluate", model.toString(), "--data", nowhere.toString());
        assertEquals(2, r.code());
        assertEquals("spikeforge: error: HAR data folder " + nowhere + " does not exist or is not a folder", r.err().strip());
        r = cli("har", "train", "--data", data.toString(), "--train-subjects", "s01-s03", "--out", dir.resolve("x.npz").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().endsWith("subject 's02' not found; present: [s01, s17]"), r.err());
        r = cli("profile", dir.resolve("missing.npz").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("model file " + dir.resolve("missing.npz") + " not found"), r.err());
    }

    @Test
    void checkConfirmsIdenticalReferenceWindowsAndFlagsDifferences() throws IOException {
        Path ref = Files.createDirectories(dir.resolve("ref"));
        for (String part : new String[] {"train", "test"}) {
            for (String a : new String[] {"x", "y"}) Files.copy(data.resolve("expected_" + part + "_" + a + ".npy"), ref.resolve("har_" + part + "_" + a + ".npy"));
        }
        Result ok = cli("har", "check", "--data", data.toString(), "--train-subjects", "s01", "--test-subjects", "s17", "--reference", ref.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("test: 21 windows (reference 21); values differing 0, labels differing 0"), ok.out());
        Files.copy(data.resolve("expected_train_y.npy"), ref.resolve("har_test_y.npy"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Result bad = cli("har", "check", "--data", data.toString(), "--train-subjects", "s01", "--test-subjects", "s17", "--reference", ref.toString());
        assertEquals(3, bad.code());
        assertTrue(bad.out().contains("DIFFERENT"), bad.out());
    }
}
