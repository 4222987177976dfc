package org.spikeforge.simulations.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.spikeforge.simulations.io.AtomicFiles;
import org.spikeforge.simulations.plot.Png;

/**
 * One PNG per (metric, swept parameter): the metric against the parameter, one line per
 * combination of the other swept parameters (up to {@value #MAX_SERIES} lines; beyond that, all
 * points as a faint scatter under median curves, one per value of another parameter). Numeric parameters get a numeric axis (logarithmic when the values span
 * more than two decades and are all positive); others (such as {@code 1 h}) are placed in the
 * order the sweep lists them. Files are {@code <metric>_vs_<parameter>.png}, written atomically.
 */
public final class SweepPlots {
    static final int MAX_SERIES = 12;

    private SweepPlots() {}

    /** Writes the plots of {@code rows} (the results table) into {@code dir}; returns the files. */
    public static List<Path> write(SweepSpec spec, List<Map<String, String>> rows, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        if (rows.isEmpty()) return files;
        for (Metric m : spec.metrics()) {
            for (SweepSpec.Parameter p : spec.parameters()) {
                XYChart chart = chart(spec, rows, m, p);
                if (chart == null) continue;
                Path f = dir.resolve(m.column() + "_vs_" + safe(p.name()) + ".png");
                byte[] png = Png.of(chart);
                AtomicFiles.write(f, out -> out.write(png));
                files.add(f);
            }
        }
        return files;
    }

    static String safe(String name) {
        return name.replaceFirst("^backend_options\\.", "").replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static XYChart chart(SweepSpec spec, List<Map<String, String>> rows, Metric m, SweepSpec.Parameter p) {
        // the x positions: numbers, or the order in which the values first appear
        List<String> order = new ArrayList<>();
        if (p.values() != null) order.addAll(p.values());
        for (Map<String, String> r : rows) if (r.get(p.name()) != null && !order.contains(r.get(p.name()))) order.add(r.get(p.name()));
        boolean numeric = order.stream().allMatch(SweepPlots::isNumber);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        LinkedHashSet<String> groups = new LinkedHashSet<>();
        for (Map<String, String> r : rows) groups.add(group(spec, r, p));
        boolean grouped = groups.size() <= MAX_SERIES;
        for (Map<String, String> r : rows) {
            String xs = r.get(p.name());
            double y = value(r, m);
            if (xs == null || Double.isNaN(y)) continue;
            double x = numeric ? Double.parseDouble(xs) : order.indexOf(xs);
            series.computeIfAbsent(grouped ? group(spec, r, p) : "points", k -> new ArrayList<>()).add(new double[] {x, y});
        }
        if (series.isEmpty()) return null;
        XYChart c = new XYChartBuilder().width(800).height(560).title(m.label() + " vs " + p.name())
                .xAxisTitle(p.name()).yAxisTitle(m.column()).build();
        c.getStyler().setLegendVisible(series.size() > 1 || !series.containsKey(""));
        c.getStyler().setMarkerSize(7);
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (List<double[]> pts : series.values()) for (double[] q : pts) { lo = Math.min(lo, q[0]); hi = Math.max(hi, q[0]); }
        if (numeric && lo > 0 && hi / lo > 100) c.getStyler().setXAxisLogarithmic(true);
        if (!numeric) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
                int k = (int) Math.rint(v);
                return Math.abs(v - k) < 1e-9 && k >= 0 && k < order.size() ? order.get(k) : "";
            });
        }
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] x = new double[pts.size()], y = new double[pts.size()];
            for (int k = 0; k < x.length; k++) {
                x[k] = pts.get(k)[0];
                y[k] = pts.get(k)[1];
            }
            XYSeries s = c.addSeries(e.getKey().isEmpty() ? m.label() : e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (!grouped) {
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarkerColor(new java.awt.Color(0, 0, 0, 40));
                s.setLabel("all points");
            }
        }
        if (!grouped) addMedianCurves(c, spec, rows, m, p, numeric, order);
        return c;
    }

    /**
     * Too many combinations for one line each: curves of the median over the other parameters, one per
     * value of the other parameter with the most values that still fit in {@value #MAX_SERIES} lines (so
     * the plot answers "how does the metric depend on this parameter, for each value of that one").
     */
    private static void addMedianCurves(XYChart c, SweepSpec spec, List<Map<String, String>> rows, Metric m, SweepSpec.Parameter p,
                                        boolean numeric, List<String> order) {
        SweepSpec.Parameter by = null;
        int byCount = 0;
        for (SweepSpec.Parameter q : spec.parameters()) {
            if (q == p) continue;
            int n = (int) rows.stream().map(r -> r.get(q.name())).filter(java.util.Objects::nonNull).distinct().count();
            if (n <= MAX_SERIES && n > byCount) {
                by = q;
                byCount = n;
            }
        }
        // curve key -> x -> values
        Map<String, java.util.TreeMap<Double, List<Double>>> curves = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String xs = r.get(p.name());
            double y = value(r, m);
            if (xs == null || Double.isNaN(y)) continue;
            double x = numeric ? Double.parseDouble(xs) : order.indexOf(xs);
            String key = by == null ? "median" : safe(by.name()) + "=" + r.get(by.name());
            curves.computeIfAbsent(key, k -> new java.util.TreeMap<>()).computeIfAbsent(x, k -> new ArrayList<>()).add(y);
        }
        String over = by == null ? "all other parameters" : "the others";
        for (Map.Entry<String, java.util.TreeMap<Double, List<Double>>> e : curves.entrySet()) {
            double[] x = new double[e.getValue().size()], y = new double[x.length];
            int k = 0;
            for (Map.Entry<Double, List<Double>> q : e.getValue().entrySet()) {
                List<Double> v = new ArrayList<>(q.getValue());
                java.util.Collections.sort(v);
                int n = v.size();
                x[k] = q.getKey();
                y[k++] = n % 2 == 1 ? v.get(n / 2) : 0.5 * (v.get(n / 2 - 1) + v.get(n / 2));
            }
            XYSeries s = c.addSeries(e.getKey() + (by == null ? " over " + over : " (median over " + over + ")"), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        c.getStyler().setLegendVisible(true);
    }

    /** The metric's value in a row, or NaN when it is missing, not a number or not finite. */
    private static double value(Map<String, String> r, Metric m) {
        String ys = r.get(m.column());
        if (ys == null || ys.isEmpty()) return Double.NaN;
        try {
            double y = Double.parseDouble(ys);
            return Double.isFinite(y) ? y : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The values of the other swept parameters of a row, as a legend label. */
    private static String group(SweepSpec spec, Map<String, String> r, SweepSpec.Parameter p) {
        StringBuilder b = new StringBuilder();
        for (SweepSpec.Parameter q : spec.parameters()) {
            if (q == p) continue;
            if (!b.isEmpty()) b.append(", ");
            b.append(safe(q.name())).append('=').append(r.get(q.name()));
        }
        return b.toString();
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
