package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run records by default and draws the raster; inspect, export, analyze, plot and report work on its output; bad input exits 2 with one line. */
class RecordingCliTest {
    @TempDir static Path dir;
    static Path out;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Result(code, o.toString(), e.toString());
    }

    static final String SCENARIO = """
            name: small
            dt: 0.1 ms
            duration: 200 ms
            seed: 3
            populations:
              exc:
                size: 40
                model: lif
                params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}
                initial: {v: "uniform(-65 mV, -50 mV)"}
            inputs:
              noise: {type: poisson, size: 50, rate: 200 Hz}
              drive: {type: current, target: exc, amplitude: 100 pA}
            projections:
              in: {source: noise, target: exc, connect: {rule: fixed_probability, p: 0.2}, weight: 2 mV, delay: 1 ms}
            probes:
              s: {type: spikes, target: exc}
              n: {type: spikes, target: noise}
              v: {type: state, target: exc, variable: v, neurons: [0, 5], every: 0.5 ms}
            """;

    @BeforeAll
    static void runSmallScenario() throws IOException {
        Path f = dir.resolve("small.yaml");
        Files.writeString(f, SCENARIO);
        out = dir.resolve("out");
        Result r = cli("run", f.toString(), "--out", out.toString(), "--estimate", "rpi5,loihi");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("recording"), r.out());
    }

    @Test
    void weightProbesOfARunAreWrittenAsNpzBesideTheRecording() throws IOException {
        // a plastic projection of 20 afferents onto one neuron, its weights sampled every 100 ms
        Path f = Files.writeString(dir.resolve("plastic.yaml"), """
                name: plastic
                dt: 0.1 ms
                duration: 300 ms
                seed: 4
                populations:
                  n: {size: 1, model: cuba_lif, params: {tau_m: 10 ms, tau_syn_e: 2.5 ms, tau_syn_i: 2.5 ms, v_rest: -70 mV,
                      v_reset: -70 mV, v_th: -50 mV, r: 254 MOhm, t_ref: 1 ms}}
                inputs:
                  a: {type: poisson, size: 20, rate: 50 Hz}
                projections:
                  p: {source: a, target: n, connect: all_to_all, weight: 0.5 pA, delay: 0.1 ms,
                      plasticity: {rule: stdp, params: {a_plus: 0.03 pA, a_minus: 0.03 pA, tau_plus: 16.8 ms, tau_minus: 33.7 ms,
                                   w_min: 0 pA, w_max: 1 pA}}}
                probes:
                  s: {type: spikes, target: n}
                  w: {type: weights, target: p, synapses: all, every: 100 ms}
                """);
        Path o = dir.resolve("plastic-out");
        Result r = cli("run", f.toString(), "--out", o.toString(), "--no-raster");
        assertEquals(0, r.code(), r.err());
        Path npz = o.resolve("recording/weights_w.npz");
        assertTrue(Files.isRegularFile(npz), "weights file");
        var arrays = org.spikeforge.encoders.io.Npy.readNpz(npz);
        var w = arrays.get("weights");
        assertArrayEquals(new int[] {3, 20}, w.shape(), "3 samples (steps 0, 1000, 2000) of 20 synapses");
        assertArrayEquals(new int[] {20}, arrays.get("source").shape());
        double first = w.toDoubles()[0];
        assertEquals(0.5, first, 1e-6, "the first sample is the initial weight");
        JsonNode s = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
        assertEquals(npz.toString(), s.get("recording").get("weights").get(0).asText());
        assertTrue(s.get("recording").get("completed").asBoolean(), "the spike probe was recorded too");
    }

    @Test
    void aRunTheBackendRefusesLeavesARecordingMarkedFailedNotRunning() throws IOException {
        Path failed = dir.resolve("refused");
        Result r = cli("run", dir.resolve("small.yaml").toString(), "--out", failed.toString(), "--backend", "simd",
                "--backend-option", "precision=half");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("precision") && r.err().lines().count() == 1, r.err());
        JsonNode meta = new ObjectMapper().readTree(failed.resolve("recording/recording.json").toFile());
        assertEquals("failed", meta.get("status").asText(), meta.toString());
        assertTrue(meta.get("error").asText().contains("precision"), meta.toString());
        Result i = cli("inspect", failed.toString());
        assertTrue(i.out().contains("failed"), i.out() + i.err());
    }

    @Test
    void runRecordsByDefaultAndSummaryNamesLastFlushedStep() throws IOException {
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.get("recording").get("completed").asBoolean());
        assertEquals(1999, s.get("recording").get("last_flushed_step").asLong());
        assertTrue(Files.isRegularFile(out.resolve("recording/recording.json")));
        assertTrue(Files.isRegularFile(out.resolve("recording/scenario.yaml")));
        Result i = cli("inspect", out.toString());
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("status     complete"), i.out());
        assertFalse(i.out().contains("incomplete"), i.out());
        assertTrue(i.out().contains("2,000 of 2,000 recorded"), i.out());
        assertTrue(i.out().contains("400 samples"), "v every 5 steps: " + i.out());
    }

    @Test
    void runDrawsARasterThatHasDotsOfEachPopulation() throws Exception {
        BufferedImage img = ImageIO.read(out.resolve("plots/raster.png").toFile());
        assertEquals(960, img.getWidth());
        assertEquals(540, img.getHeight());
        // The first two palette colours: exc blue (0x1f77b4) and noise red (0xd62728) markers.
        int blue = 0, red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (near(rgb, 0x1f77b4)) blue++;
                if (near(rgb, 0xd62728)) red++;
            }
        }
        assertTrue(blue > 200 && red > 200, "marker pixels: blue " + blue + ", red " + red);
        // run draws the PNG only (start-up time, BENCHMARKS.md); the SVG comes from `plot`.
        assertFalse(Files.exists(out.resolve("plots/raster.svg")));
        Result p = cli("plot", out.toString(), "--format", "svg");
        assertEquals(0, p.code(), p.err());
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        assertEquals("svg", xml.newDocumentBuilder().parse(out.resolve("plots/raster.svg").toFile()).getDocumentElement().getNodeName());
    }

    /**
     * run draws its raster from the spikes it kept during the run (RasterTap), while the recorder drains; the oracle is
     * the raster drawn afterwards from the recording read back, which must be the same PNG byte for byte.
     */
    @Test
    void rasterDrawnDuringTheRunEqualsTheRasterOfTheRecording() throws Exception {
        Path again = dir.resolve("raster-from-recording");
        try (org.spikeforge.simulations.recording.Recording rec = org.spikeforge.simulations.recording.Recording.open(out)) {
            org.spikeforge.simulations.plot.Plots.saveRaster(rec, again,
                    java.util.EnumSet.of(org.spikeforge.simulations.plot.Plots.Format.PNG));
        }
        assertArrayEquals(Files.readAllBytes(again.resolve("raster.png")), Files.readAllBytes(out.resolve("plots/raster.png")));
    }

    private static boolean near(int rgb, int want) {
        for (int sh = 0; sh <= 16; sh += 8) if (Math.abs(((rgb >> sh) & 0xff) - ((want >> sh) & 0xff)) > 12) return false;
        return true;
    }

    @Test
    void analyzeAgreesWithTheSimulatorsOwnCounts() throws IOException {
        Result r = cli("analyze", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CV ISI") && r.out().contains("exc"), r.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode a = s.get("analysis").get("exc"), p = s.get("populations").get("exc");
        assertEquals(p.get("spikes").asLong(), a.get("spikes").asLong());
        assertEquals(p.get("rate_hz").asDouble(), a.get("mean_rate_hz").asDouble(), 1e-9);
        long histogramTotal = 0;
        for (JsonNode c : a.get("rate_histogram_hz").get("counts")) histogramTotal += c.asLong();
        assertEquals(40, histogramTotal, "one rate per neuron");
        assertTrue(s.has("neurons"), "the run's figures are kept");
    }

    @Test
    void plotWritesEveryChartAsPngAndSvg() throws Exception {
        Result r = cli("plot", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"raster", "rates", "isi_histogram", "rate_histogram", "trace_v"}) {
            BufferedImage img = ImageIO.read(out.resolve("plots/" + name + ".png").toFile());
            assertNotNull(img, name);
            assertTrue(Files.size(out.resolve("plots/" + name + ".svg")) > 1000, name);
        }
    }

    @Test
    void reportIsOneSelfContainedPage() throws IOException {
        Result r = cli("report", out.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("model: lif"), "the scenario");
        assertTrue(html.contains("Fano factor"), "the analysis");
        assertTrue(html.contains("On edge and neuromorphic devices") && html.contains("<td>rpi5</td><td>cpu</td><td>yes</td>")
                && html.contains("<td>loihi</td><td>neuromorphic</td><td><b>no</b></td>") && html.contains("integer weights"),
                "the run's --estimate devices");
        Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]{0,30})").matcher(html);
        int images = 0;
        while (img.find()) {
            assertTrue(img.group(1).startsWith("data:image/png;base64,"), img.group(1));
            images++;
        }
        assertEquals(5, images, "raster, rates, two histograms, one trace");
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*\"(?!data:)").matcher(html).find(), "no external reference");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("@import") || html.contains("url("));
    }

    @Test
    void reportShowsTheCostOfABackendWithACostModel() throws IOException {
        Path crossbar = dir.resolve("crossbar");
        Result run = cli("run", dir.resolve("small.yaml").toString(), "--out", crossbar.toString(), "--backend", "memristor",
                "--duration", "50ms", "--no-raster");
        assertEquals(0, run.code(), run.err());
        Result r = cli("report", crossbar.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(crossbar.resolve("report.html"));
        assertTrue(html.contains("Cost on the modelled hardware") && html.contains("memristor backend, profile rram_22nm_neurosim"), "the cost");
        assertTrue(html.contains("<td>adc</td>") && html.contains("conversions"), "its components");
        assertFalse(html.contains("On edge and neuromorphic devices"), "no --estimate in this run");
    }

    /** One line on stderr, exit 2, containing each of {@code mustContain}. */
    private static void rejects(String[] args, String... mustContain) {
        Result r = cli(args);
        assertEquals(2, r.code(), r.out() + r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), "one line: " + msg);
        assertFalse(msg.contains("Exception") || msg.contains("\tat "), msg);
        for (String s : mustContain) assertTrue(msg.contains(s), "'" + s + "' in: " + msg);
    }

    @Test
    void exportOfADirectoryThatIsNotARecordingFailsWithOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        rejects(new String[] {"export", empty.toString()}, empty.toString(), "not a recording");
        rejects(new String[] {"inspect", dir.resolve("missing").toString()}, "no such directory");
        rejects(new String[] {"analyze", empty.toString()}, "not a recording");
        rejects(new String[] {"plot", empty.toString()}, "not a recording");
        rejects(new String[] {"report", empty.toString()}, "not a recording");
    }

    @Test
    void exportOfAnUnknownPopulationNamesTheRecordedOnes() {
        rejects(new String[] {"export", out.toString(), "--population", "inh"}, "--population 'inh'", "exc, noise");
        rejects(new String[] {"export", out.toString(), "--what", "state", "--population", "noise"}, "'noise'", "exc");
    }

    @Test
    void exportOfATimeRangeOutsideTheRunFails() {
        rejects(new String[] {"export", out.toString(), "--to", "1s"}, "--to 1000 ms", "0 ms to 200 ms");
        rejects(new String[] {"export", out.toString(), "--from", "250ms"}, "--from 250 ms", "0 ms to 200 ms");
        rejects(new String[] {"export", out.toString(), "--from", "100ms", "--to", "50ms"}, "must be before");
        rejects(new String[] {"export", out.toString(), "--from", "10"}, "--from '10'", "time");
        rejects(new String[] {"export", out.toString(), "--format", "hdf5"}, "--format 'hdf5'", "csv or npy");
    }

    @Test
    void exportWritesCsvOfTheChosenWindowOnly() throws IOException {
        Result r = cli("export", out.toString(), "--format", "csv", "--population", "exc", "--from", "50ms", "--to", "100ms");
        assertEquals(0, r.code(), r.err());
        var lines = Files.readAllLines(out.resolve("export/spikes.csv"));
        assertEquals("population,neuron,time_ms", lines.getFirst());
        assertTrue(lines.size() > 1);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            assertEquals("exc", f[0]);
            double t = Double.parseDouble(f[2]);
            assertTrue(t >= 50 && t < 100, l);
        }
    }
}
