package org.spikeforge.simulations.har;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG charts of HAR results (XChart, rendered headless). */
public final class HarPlots {
    private HarPlots() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Confusion matrix as a heat map: rows (y) true class, columns (x) predicted class, cell = windows. */
    public static byte[] confusionMatrix(Metrics m, String title) {
        int k = m.classes().size();
        HeatMapChart chart = new HeatMapChartBuilder().width(780).height(540).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        List<String> xs = new ArrayList<>(m.classes());
        List<String> ys = new ArrayList<>(m.classes());
        java.util.Collections.reverse(ys); // first class at the top, as a confusion matrix is read
        List<Number[]> cells = new ArrayList<>();
        double max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, m.confusion()[t][p]});
                max = Math.max(max, m.confusion()[t][p]);
            }
        }
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.addSeries("windows", xs, ys, cells);
        return png(chart);
    }

    /**
     * Accuracy per quantisation (categories), one bar series per pruning level.
     *
     * @param accuracy {@code series label -> (quantisation label -> accuracy in [0, 1])}; every series
     *                 must have the same quantisation labels in the same order
     */
    public static byte[] accuracyVsCompression(Map<String, LinkedHashMap<String, Double>> accuracy, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(460).title(title)
                .xAxisTitle("quantisation (weights / state)").yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#0.0");
        for (var e : accuracy.entrySet()) {
            List<String> xs = new ArrayList<>(e.getValue().keySet());
            List<Double> ys = e.getValue().values().stream().map(a -> Math.round(1000 * a) / 10.0).toList();
            chart.addSeries(e.getKey(), xs, ys);
        }
        return png(chart);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        return org.spikeforge.simulations.plot.Png.of(chart);
    }
}
