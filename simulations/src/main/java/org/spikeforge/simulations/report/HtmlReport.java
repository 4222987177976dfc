package org.spikeforge.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.spikeforge.simulations.analysis.Analysis;
import org.spikeforge.simulations.analysis.PopulationAnalysis;
import org.spikeforge.simulations.io.AtomicFiles;
import org.spikeforge.simulations.plot.Plots;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recording;
import org.spikeforge.simulations.recording.RecordingMetadata;

/**
 * {@code OUT/report.html}: one self-contained page about a run — the scenario, the figures of
 * {@code summary.json}, the analysis of the recording and its plots, inlined as PNG data URIs. It
 * references nothing outside itself (no scripts, fonts, styles or images to fetch), so it opens in a
 * browser with no network.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The file name of the scenario copy that {@code spikeforge run} keeps beside the recording. */
    public static final String SCENARIO_COPY = "scenario.yaml";

    /** Writes {@code out/report.html} for the run in {@code out} and returns its path. */
    public static Path write(Path out, Analysis.Settings settings) throws IOException {
        try (Recording rec = Recording.open(out)) {
            List<PopulationAnalysis> as = rec.lastStep() >= 0 && hasSpikes(rec) ? Analysis.of(rec, settings) : List.of();
            Map<String, XYChart> charts = rec.lastStep() >= 0 ? Plots.charts(rec, as) : Map.of();
            JsonNode summary = null;
            Path sf = out.resolve("summary.json");
            if (Files.isRegularFile(sf)) summary = new ObjectMapper().readTree(sf.toFile());
            String scenario = scenarioText(rec);
            String html = html(rec, summary, as, charts, scenario);
            Path file = out.resolve("report.html");
            AtomicFiles.writeString(file, html);
            return file;
        }
    }

    private static boolean hasSpikes(Recording rec) {
        for (Channel c : rec.channels()) if (c.kind() == Channel.Kind.SPIKES) return true;
        return false;
    }

    private static String scenarioText(Recording rec) throws IOException {
        Path copy = rec.directory().resolve(SCENARIO_COPY);
        if (Files.isRegularFile(copy)) return Files.readString(copy, StandardCharsets.UTF_8);
        return null;
    }

    static String html(Recording rec, JsonNode summary, List<PopulationAnalysis> as, Map<String, XYChart> charts,
                       String scenario) throws IOException {
        RecordingMetadata m = rec.metadata();
        StringBuilder b = new StringBuilder(1 << 16);
        String title = "SpikeForge report: " + (m.scenario() == null ? "run" : m.scenario());
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .8em;border-bottom:1px solid #eee;text-align:right}")
                .append("th{background:#f6f6f6}td:first-child,th:first-child{text-align:left}\n")
                .append("img{max-width:100%;height:auto;display:block;margin:.6em 0;border:1px solid #eee}\n")
                .append("pre{background:#f8f8f8;padding:.8em;overflow-x:auto;font-size:.85em}.ok{color:#1a7f37}.bad{color:#b42318}\n")
                .append(".muted{color:#666;font-size:.9em}\n</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        boolean complete = m.completed();
        b.append("<p>Recording <b class=\"").append(complete ? "ok\">complete" : "bad\">incomplete").append("</b>: ")
                .append(String.format(Locale.ROOT, "%,d steps recorded (%s to %s ms), last flushed step %d",
                        rec.steps(), num(Math.max(0, rec.firstStep()) * rec.dtMs()), num(rec.endMs()), rec.lastStep()))
                .append("; seed ").append(m.seed()).append(", backend ").append(esc(String.valueOf(m.backend())))
                .append(", dt ").append(num(m.dtMs())).append(" ms.</p>\n");

        if (summary != null) {
            b.append("<h2>Summary</h2>\n<table>\n");
            String[][] rows = {{"neurons", "neurons"}, {"synapses", "synapses"}, {"steps", "steps"},
                {"duration_ms", "duration (ms)"}, {"spikes", "spikes"}, {"mean_rate_hz", "mean rate (Hz)"},
                {"synaptic_events", "synaptic events"}, {"wall_s", "wall time (s)"}, {"build_s", "build (s)"},
                {"sim_s", "simulation (s)"}, {"completed", "completed"}};
            for (String[] r : rows) {
                if (summary.has(r[0])) b.append("<tr><td>").append(r[1]).append("</td><td>").append(esc(fmt(summary.get(r[0])))).append("</td></tr>\n");
            }
            b.append("</table>\n");
            JsonNode pops = summary.path("populations");
            if (pops.isObject() && !pops.isEmpty()) {
                b.append("<table>\n<tr><th>population</th><th>neurons</th><th>spikes</th><th>rate (Hz)</th></tr>\n");
                for (Iterator<Map.Entry<String, JsonNode>> it = pops.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(fmt(e.getValue().path("neurons"))))
                            .append("</td><td>").append(esc(fmt(e.getValue().path("spikes")))).append("</td><td>")
                            .append(esc(fmt(e.getValue().path("rate_hz")))).append("</td></tr>\n");
                }
                b.append("</table>\n");
            }
            hardware(b, summary);
        }

        if (!as.isEmpty()) {
            PopulationAnalysis a0 = as.get(0);
            b.append("<h2>Analysis</h2>\n<table>\n<tr><th>population</th><th>neurons</th><th>spikes</th><th>rate (Hz)</th>")
                    .append("<th>CV of ISI</th><th>Fano factor</th><th>count correlation</th></tr>\n");
            for (PopulationAnalysis a : as) {
                b.append("<tr><td>").append(esc(a.population())).append("</td><td>").append(a.neurons()).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%,d", a.spikes())).append("</td><td>").append(f(a.meanRateHz(), 2))
                        .append("</td><td>").append(f(a.cvIsiMean(), 3)).append("</td><td>").append(f(a.fanoFactorMean(), 3))
                        .append("</td><td>").append(f(a.correlationMean(), 4)).append("</td></tr>\n");
            }
            b.append("</table>\n<p class=\"muted\">CV: mean over neurons with at least two intervals. Fano factor and ")
                    .append("pairwise spike-count correlation in ").append(num(a0.windowMs())).append(" ms windows (")
                    .append(a0.windows()).append(" windows); correlation averaged over up to 100 neurons per population.</p>\n");
        }

        if (!charts.isEmpty()) {
            b.append("<h2>Plots</h2>\n");
            for (Map.Entry<String, XYChart> e : charts.entrySet()) {
                byte[] png = Plots.encode(e.getValue(), Plots.Format.PNG);
                b.append("<img alt=\"").append(esc(e.getKey())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
            }
        }

        b.append("<h2>Recorded channels</h2>\n<ul>\n");
        for (Channel c : rec.channels()) b.append("<li>").append(esc(c.toString())).append("</li>\n");
        b.append("</ul>\n");
        if (scenario != null) {
            b.append("<h2>Scenario</h2>\n");
            if (m.scenarioFile() != null) b.append("<p class=\"muted\">").append(esc(m.scenarioFile())).append("</p>\n");
            b.append("<pre>").append(esc(scenario)).append("</pre>\n");
        }
        b.append("<p class=\"muted\">Written by SpikeForge from ").append(esc(rec.directory().toString())).append(".</p>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The run's cost on the hardware its backend models ({@code cost}: memristor, photonic) and its estimates on edge
     * and neuromorphic devices ({@code estimates}: {@code run --estimate}), when {@code summary.json} has them.
     */
    private static void hardware(StringBuilder b, JsonNode summary) {
        JsonNode cost = summary.path("cost");
        if (cost.isObject()) {
            b.append("<h2>Cost on the modelled hardware</h2>\n<p>").append(esc(cost.path("backend").asText())).append(" backend, profile ")
                    .append(esc(cost.path("profile").asText())).append(": ").append(g(cost.path("energy_j"))).append(" J, ")
                    .append(g(cost.path("latency_s"))).append(" s, ").append(g(cost.path("area_mm2"))).append(" mm²")
                    .append(cost.path("feasible").asBoolean(true) ? "" : " (<b>not feasible</b> as modelled)").append(".</p>\n");
            JsonNode rows = cost.path("breakdown");
            if (rows.isArray() && !rows.isEmpty()) {
                b.append("<table>\n<tr><th>component</th><th>count</th><th>of</th><th>energy (J)</th><th>time (s)</th><th>area (mm²)</th></tr>\n");
                for (JsonNode r : rows) {
                    b.append("<tr><td>").append(esc(r.path("component").asText())).append("</td><td>").append(esc(fmt(r.path("count"))))
                            .append("</td><td>").append(esc(r.path("counted").asText())).append("</td><td>").append(g(r.path("energy_j")))
                            .append("</td><td>").append(g(r.path("latency_s"))).append("</td><td>").append(g(r.path("area_mm2")))
                            .append("</td></tr>\n");
                }
                b.append("</table>\n");
            }
            for (JsonNode w : cost.path("warnings")) b.append("<p><b>Infeasible:</b> ").append(esc(w.asText())).append("</p>\n");
        }
        JsonNode est = summary.path("estimates");
        if (est.isArray() && !est.isEmpty()) {
            b.append("<h2>On edge and neuromorphic devices</h2>\n<table>\n<tr><th>device</th><th>kind</th><th>fits</th>")
                    .append("<th>time for the run (s)</th><th>× real time</th><th>energy (J)</th></tr>\n");
            for (JsonNode e : est) {
                b.append("<tr><td>").append(esc(e.path("device").asText())).append("</td><td>").append(esc(e.path("kind").asText()))
                        .append("</td><td>").append(e.path("fits").asBoolean() ? "yes" : "<b>no</b>").append("</td><td>")
                        .append(g(e.path("latency_s"))).append("</td><td>").append(g(e.path("realtime_factor")))
                        .append("</td><td>").append(g(e.path("energy_j"))).append("</td></tr>\n");
            }
            b.append("</table>\n");
            for (JsonNode e : est) {
                if (!e.path("fits").asBoolean()) {
                    b.append("<p>").append(esc(e.path("device").asText())).append(": ").append(esc(e.path("fit").asText())).append("</p>\n");
                }
            }
            b.append("<p class=\"muted\">The run's synaptic events and spikes, every neuron updated in every step, through the ")
                    .append("edge cost model (README, \"--estimate\"); a processor's time is one core's.</p>\n");
        }
    }

    /** A figure of the hardware section: four significant digits, in scientific notation where small or large. */
    private static String g(JsonNode v) {
        if (v == null || !v.isNumber()) return "";
        if (v.isIntegralNumber()) return String.format(Locale.ROOT, "%,d", v.asLong());
        return String.format(Locale.ROOT, "%.4g", v.asDouble());
    }

    private static String fmt(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return "";
        if (v.isIntegralNumber()) return String.format(Locale.ROOT, "%,d", v.asLong());
        if (v.isNumber()) return num(v.asDouble());
        return v.asText();
    }

    private static String f(double v, int d) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + d + "f", v) : "n/a";
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
