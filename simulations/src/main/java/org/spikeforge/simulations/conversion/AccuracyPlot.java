package org.spikeforge.simulations.conversion;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.spikeforge.simulations.plot.Plots;

/** The accuracy-versus-time-steps plot of a converted network (XChart, PNG). */
public final class AccuracyPlot {
    private AccuracyPlot() {}

    /**
     * The chart: SNN accuracy (%) against T on a log₂ axis, and the ANN's accuracy as a dashed
     * line when known ({@code ann} NaN otherwise).
     */
    public static XYChart chart(String title, int[] timesteps, double[] accuracy, double ann) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("time steps T")
                .yAxisTitle("test accuracy (%)").build();
        var s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        s.setLegendPosition(Styler.LegendPosition.InsideSE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setXAxisLogarithmic(true);
        s.setYAxisMin(0.0);
        s.setYAxisMax(100.0);
        s.setXAxisDecimalPattern("0");
        double[] x = new double[timesteps.length], y = new double[timesteps.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = timesteps[k];
            y[k] = 100 * accuracy[k];
        }
        XYSeries snn = c.addSeries("SNN", x, y);
        snn.setMarker(SeriesMarkers.CIRCLE);
        snn.setLineColor(new Color(0x1f77b4));
        snn.setMarkerColor(new Color(0x1f77b4));
        if (!Double.isNaN(ann)) {
            XYSeries a = c.addSeries(String.format(java.util.Locale.ROOT, "ANN %.2f %%", 100 * ann),
                    new double[] {x[0], x[x.length - 1]}, new double[] {100 * ann, 100 * ann});
            a.setMarker(SeriesMarkers.NONE);
            a.setLineColor(new Color(0xd62728));
            a.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return c;
    }

    /** Writes {@code dir/name.png} atomically. */
    public static Path save(Path dir, String name, String title, int[] timesteps, double[] accuracy, double ann) throws IOException {
        return Plots.save(chart(title, timesteps, accuracy, ann), dir, name, Set.of(Plots.Format.PNG)).get(0);
    }
}
