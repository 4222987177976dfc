package org.spikeforge.simulations.har;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.hardware.edge.EdgeDevice;
import org.spikeforge.hardware.edge.EdgeEstimate;
import org.spikeforge.hardware.edge.MemoryCheck;

/**
 * The self-contained HTML report of {@code spikeforge profile}: the model, the comparison table over
 * devices, the table and plot of accuracy against compression, the confusion matrix, and every
 * device figure used with its cited source. Plots are inline PNGs (base64 data URIs), so the file
 * needs nothing else.
 */
public final class ProfileReport {
    private ProfileReport() {}

    /** One compression variant in the sweep. */
    public record Variant(CompressionSpec spec, Deployment deployment) {}

    public static String html(Deployment chosen, List<EdgeDevice> devices, List<Variant> sweep, EdgeDevice focus) {
        StringBuilder h = new StringBuilder();
        HarModel m = chosen.model();
        Metrics mt = chosen.metrics();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SpikeForge edge profile</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eef}td.l,th.l{text-align:left}")
                .append(".no{color:#b00}.ok{color:#070}small{color:#666}</style></head><body>\n");
        h.append("<h1>Edge deployment profile</h1>\n<p>").append(esc(m.description())).append("</p>\n");
        h.append(String.format(Locale.ROOT, "<p>Compression: <b>%s</b>. Test windows: %d (subjects %s). Accuracy <b>%.2f %%</b>, macro-F1 %.3f. "
                        + "Model size %s. Per window: %.0f synaptic events, %.0f readout accumulations, %.0f neuron updates, %.0f spikes, %.0f steps "
                        + "(counted by the engine on the test set).</p>\n",
                esc(chosen.model().compression().label()), chosen.evaluation().windows().size(), esc(String.join(", ", chosen.evaluation().windows().subjects())),
                100 * mt.accuracy(), mt.macroF1(), MemoryCheck.bytes(m.footprint().parameterBytes()), chosen.evaluation().operations().synapticEventsPerWindow(),
                chosen.evaluation().operations().readoutAccumulationsPerWindow(), chosen.evaluation().operations().neuronUpdatesPerWindow(),
                chosen.evaluation().operations().spikesPerWindow(), chosen.evaluation().operations().stepsPerWindow()));

        h.append("<h2>Devices</h2>\n").append(deviceTable(chosen, devices));

        h.append("<h2>Accuracy against compression</h2>\n<table><tr><th class=l>compression</th><th>accuracy</th><th>macro-F1</th><th>model size</th>"
                + "<th>synaptic ops / window</th><th>latency on ").append(esc(focus.name())).append("</th><th>energy on ").append(esc(focus.name()))
                .append("</th><th class=l>fits ").append(esc(focus.name())).append("</th></tr>\n");
        Map<String, LinkedHashMap<String, Double>> series = new LinkedHashMap<>();
        for (Variant v : sweep) {
            Metrics vm = v.deployment().metrics();
            EdgeEstimate e = v.deployment().on(focus);
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td>%.2f %%</td><td>%.3f</td><td>%s</td><td>%.0f</td><td>%s</td><td>%s</td><td class=l>%s</td></tr>\n",
                    esc(v.spec().label()), 100 * vm.accuracy(), vm.macroF1(), MemoryCheck.bytes(v.deployment().model().footprint().parameterBytes()),
                    v.deployment().evaluation().operations().synapticOpsPerWindow(), time(e.latencyS()), energy(e.energyJ()), fit(e)));
            String s = v.spec().sparsity() == 0 ? "dense" : String.format(Locale.ROOT, "%.0f %% pruned", 100 * v.spec().sparsity());
            series.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(v.spec().quant().label(), vm.accuracy());
        }
        h.append("</table>\n");
        h.append(img(HarPlots.accuracyVsCompression(series, "Test accuracy by weight/state format and pruning"), "accuracy against compression"));
        h.append("<h2>Confusion matrix (").append(esc(chosen.model().compression().label())).append(")</h2>\n");
        h.append(img(HarPlots.confusionMatrix(mt, "Confusion matrix, " + chosen.model().compression().label()), "confusion matrix"));

        h.append("<h2>Device figures and sources</h2>\n");
        for (EdgeDevice d : devices) {
            h.append("<h3>").append(esc(d.name())).append(" <small>").append(esc(d.profile().description())).append("</small></h3>\n<table><tr><th class=l>figure</th><th>value</th><th class=l>source</th></tr>\n");
            for (String k : d.profile().keys()) {
                h.append("<tr><td class=l>").append(esc(k)).append("</td><td>").append(String.format(Locale.ROOT, "%.6g", d.get(k)))
                        .append("</td><td class=l><small>").append(esc(d.profile().source(k))).append("</small></td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<p><small>Latency and energy follow org.spikeforge.hardware.edge.EdgeCostModel: processors count cycles per operation from "
                + "the figures above (one core, active power × time); neuromorphic chips use energy and time per synaptic operation and neuron "
                + "update. They are estimates from counted operations, not measurements.</small></p>\n</body></html>\n");
        return h.toString();
    }

    /** The comparison table over {@code devices} as HTML. */
    static String deviceTable(Deployment d, List<EdgeDevice> devices) {
        StringBuilder h = new StringBuilder("<table><tr><th class=l>device</th><th class=l>fits</th><th class=l>memory</th><th>latency / window</th>"
                + "<th>energy / inference</th><th>windows / s (all cores)</th></tr>\n");
        for (EdgeDevice dev : devices) {
            EdgeEstimate e = d.on(dev);
            StringBuilder mem = new StringBuilder();
            for (MemoryCheck c : e.memory()) mem.append(esc(c.describe())).append("<br>");
            for (String r : e.requirements()) mem.append("<span class=no>").append(esc(r)).append("</span><br>");
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td class=l>%s</td><td class=l><small>%s</small></td><td>%s</td><td>%s</td><td>%.0f</td></tr>\n",
                    esc(dev.name()), fit(e), mem, time(e.latencyS()), energy(e.energyJ()), throughput(dev, e)));
        }
        return h.append("</table>\n").toString();
    }

    /** Windows per second with every core busy on its own window. */
    public static double throughput(EdgeDevice d, EdgeEstimate e) {
        double cores = d.kind() == EdgeDevice.Kind.CPU ? d.get("cores") : 1;
        return e.latencyS() > 0 ? cores / e.latencyS() : 0;
    }

    private static String fit(EdgeEstimate e) {
        return e.fits() ? "<span class=ok>yes</span>" : "<span class=no>no</span>";
    }

    public static String time(double s) {
        if (s >= 1) return String.format(Locale.ROOT, "%.2f s", s);
        if (s >= 1e-3) return String.format(Locale.ROOT, "%.3f ms", s * 1e3);
        return String.format(Locale.ROOT, "%.2f us", s * 1e6);
    }

    public static String energy(double j) {
        if (j >= 1e-3) return String.format(Locale.ROOT, "%.3f mJ", j * 1e3);
        if (j >= 1e-6) return String.format(Locale.ROOT, "%.3f uJ", j * 1e6);
        return String.format(Locale.ROOT, "%.2f nJ", j * 1e9);
    }

    private static String img(byte[] png, String alt) {
        return "<p><img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></p>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
