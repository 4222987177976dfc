package org.spikeforge.simulations.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.spikeforge.simulations.analysis.Histogram;
import org.spikeforge.simulations.analysis.PopulationAnalysis;
import org.spikeforge.simulations.io.AtomicFiles;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recording;

/**
 * The plots of a run, drawn headless with XChart and saved as PNG (bitmap) and SVG (vector,
 * VectorGraphics2D): spike raster, population rates over time, membrane (state) traces of the probed
 * neurons, and ISI and firing-rate histograms.
 *
 * <p>The raster shows at most {@link #RASTER_ROWS} neurons in all, evenly spaced within each population
 * (every k-th neuron, the same k for all populations where possible), and at most
 * {@link #RASTER_POINTS} spikes, so that it stays readable and its SVG small for large networks.
 */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Neurons shown in a raster, at most. */
    public static final int RASTER_ROWS = 400;
    /** Spikes drawn in a raster, at most (further neurons are dropped to stay under it). */
    public static final int RASTER_POINTS = 60_000;

    private static final int WIDTH = 960, HEIGHT = 540;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private Plots() {}

    public enum Format {
        PNG("png"), SVG("svg");

        public final String extension;

        Format(String ext) { this.extension = ext; }
    }

    /** Which neurons of each population a raster shows: {@code rows[p]} ascending neuron indices. */
    public record RasterSelection(List<String> populations, List<int[]> rows, int[] sizes) {
        public int shown() {
            int s = 0;
            for (int[] r : rows) s += r.length;
            return s;
        }
    }

    /**
     * Picks the raster's neurons in two stages that depend only on the populations' sizes and on the spikes of the
     * neurons the first stage picks, so that {@link RasterTap} (which keeps only those spikes during a run) and a
     * recording read back give the same raster. Stage 1: {@link #stageOneRows} ({@code maxRows} in all, each
     * population in proportion to its size, at least min(size, 10), evenly spaced). Stage 2, when those rows hold
     * more than {@code maxPoints} spikes: every k-th of each population's rows (at least min(rows, 10)), k the
     * smallest whole number that brings them under it.
     */
    public static RasterSelection selectRows(List<Recording.Spikes> spikes, int maxRows, int maxPoints) {
        int np = spikes.size();
        int[] sizes = new int[np];
        for (int p = 0; p < np; p++) sizes[p] = spikes.get(p).channel().size();
        int[][] rows = stageOneRows(sizes, maxRows);
        long shown = 0;
        for (int p = 0; p < np; p++) {
            boolean[] in = new boolean[sizes[p]];
            for (int r : rows[p]) in[r] = true;
            Recording.Spikes s = spikes.get(p);
            for (int k = 0; k < s.count(); k++) if (in[s.neurons()[k]]) shown++;
        }
        if (shown > maxPoints) {
            long k = (shown + maxPoints - 1) / maxPoints;
            for (int p = 0; p < np; p++) {
                int len = rows[p].length;
                int n = (int) Math.max(Math.min(len, 10), (len + k - 1) / k);
                int[] r = new int[n];
                for (int j = 0; j < n; j++) r[j] = rows[p][(int) ((long) j * len / n)];
                rows[p] = r;
            }
        }
        List<String> names = new ArrayList<>();
        for (Recording.Spikes s : spikes) names.add(s.channel().target());
        return new RasterSelection(names, List.of(rows), sizes);
    }

    /** Stage 1 of {@link #selectRows}: the rows of each population, ascending, {@code maxRows} in all (see there). */
    public static int[][] stageOneRows(int[] sizes, int maxRows) {
        long total = 0;
        for (int size : sizes) total += size;
        double scale = total == 0 ? 1.0 : Math.min(1.0, (double) maxRows / total);
        int[][] rows = new int[sizes.length][];
        for (int p = 0; p < sizes.length; p++) {
            int size = sizes[p];
            int n = (int) Math.max(Math.min(size, 10), Math.round(size * scale));
            int[] r = new int[n];
            for (int j = 0; j < n; j++) r[j] = (int) ((long) j * size / n);
            rows[p] = r;
        }
        return rows;
    }

    /** Spike raster: time on x, neuron on y (populations stacked, first at the bottom). */
    public static XYChart raster(List<Recording.Spikes> spikes, double fromMs, double toMs) {
        RasterSelection sel = selectRows(spikes, RASTER_ROWS, RASTER_POINTS);
        XYChart c = base("Spike raster", "time (ms)", "neuron", sel.shown() < total(sel.sizes()) ? "shown: " + shownText(sel) : null);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(3);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setXAxisMin(fromMs);
        c.getStyler().setXAxisMax(toMs);
        c.getStyler().setYAxisMin(-0.5);
        c.getStyler().setYAxisMax(sel.shown() - 0.5);
        c.getStyler().setYAxisDecimalPattern("0");
        int offset = 0;
        for (int p = 0; p < spikes.size(); p++) {
            Recording.Spikes s = spikes.get(p);
            int[] rows = sel.rows().get(p);
            int[] rowOf = new int[s.channel().size()];
            java.util.Arrays.fill(rowOf, -1);
            for (int j = 0; j < rows.length; j++) rowOf[rows[j]] = j;
            int m = 0;
            for (int k = 0; k < s.count(); k++) if (rowOf[s.neurons()[k]] >= 0) m++;
            double[] x = new double[m], y = new double[m];
            m = 0;
            for (int k = 0; k < s.count(); k++) {
                int r = rowOf[s.neurons()[k]];
                if (r < 0) continue;
                x[m] = s.timeMs(k);
                y[m++] = offset + r;
            }
            String label = s.channel().target() + " (" + rows.length + (rows.length < s.channel().size() ? " of " + s.channel().size() : "") + ")";
            XYSeries ser = c.addSeries(label, m == 0 ? new double[] {Double.NaN} : x, m == 0 ? new double[] {Double.NaN} : y);
            ser.setMarker(RASTER_DOT);
            ser.setMarkerColor(PALETTE[p % PALETTE.length]);
            offset += rows.length;
        }
        return c;
    }

    private static final Marker RASTER_DOT = new RasterDot();

    /**
     * A raster's spike: a filled square of the marker size at whole pixels. At 3 px it looks as the antialiased
     * circle did, but the circle went through the antialiasing rasteriser's curve path for each of up to
     * {@value #RASTER_POINTS} spikes, and a rectangle takes its parallelogram path: the first paint of
     * {@code cuba.yaml}'s raster took 164–177 ms instead of 227–250 ms (three interleaved runs each, timestamps
     * around the paint, 2026-11-29). The SVG gets one {@code rect} a spike.
     */
    static final class RasterDot extends Marker {
        @Override
        public void paint(java.awt.Graphics2D g, double x, double y, int size) {
            g.fillRect((int) Math.round(x - size / 2.0), (int) Math.round(y - size / 2.0), size, size);
        }
    }

    private static int total(int[] a) {
        int s = 0;
        for (int v : a) s += v;
        return s;
    }

    private static String shownText(RasterSelection sel) {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < sel.populations().size(); p++) {
            int n = sel.rows().get(p).length, size = sel.sizes()[p];
            parts.add(sel.populations().get(p) + " every " + Math.max(1, Math.round((double) size / n)) + "th neuron");
        }
        return String.join(", ", parts);
    }

    /** Population rate over time, one line per population. */
    public static XYChart populationRates(List<PopulationAnalysis> as, double fromMs) {
        XYChart c = base("Population rate", "time (ms)", "rate (Hz)", as.isEmpty() ? null : "bins of " + trim(as.get(0).rateBinMs()) + " ms");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (!as.isEmpty()) {
            c.getStyler().setXAxisMin(fromMs);
            c.getStyler().setXAxisMax(fromMs + as.get(0).durationMs());
            c.getStyler().setYAxisMin(0.0);
        }
        int p = 0;
        for (PopulationAnalysis a : as) {
            double[] r = a.populationRateHz();
            double[] x = new double[r.length];
            for (int b = 0; b < r.length; b++) x[b] = fromMs + (b + 0.5) * a.rateBinMs();
            XYSeries s = c.addSeries(a.population(), r.length == 0 ? new double[] {Double.NaN} : x, r.length == 0 ? new double[] {Double.NaN} : r);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[p++ % PALETTE.length]);
            s.setLineWidth(1.2f);
        }
        return c;
    }

    /** State traces of one state channel: one line per sampled neuron (at most 10 drawn). */
    public static XYChart traces(Recording.StateSeries st) {
        Channel ch = st.channel();
        int w = ch.sampledNeurons();
        int shown = Math.min(w, 10);
        String unit = ch.unit() == null || ch.unit().equals("1") ? "" : " (" + ch.unit() + ")";
        XYChart c = base(ch.target() + "." + ch.variable() + "  (" + ch.name() + ")", "time (ms)", ch.variable() + unit,
                shown < w ? "first " + shown + " of " + w + " sampled neurons" : null);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        int[] ns = ch.neurons();
        double[] x = new double[st.samples()];
        for (int k = 0; k < x.length; k++) x[k] = st.timeMs(k);
        if (x.length > 0) {
            c.getStyler().setXAxisMin(Math.floor(x[0] - st.dtMs()));
            c.getStyler().setXAxisMax(x[x.length - 1]);
        }
        for (int j = 0; j < shown; j++) {
            double[] y = new double[st.samples()];
            for (int k = 0; k < y.length; k++) y[k] = st.values()[k * w + j];
            XYSeries s = c.addSeries("neuron " + ns[j], x.length == 0 ? new double[] {Double.NaN} : x, y.length == 0 ? new double[] {Double.NaN} : y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[j % PALETTE.length]);
            s.setLineWidth(1.0f);
        }
        return c;
    }

    /** ISI histograms, one step outline per population, normalised to probability density. */
    public static XYChart isiHistogram(List<PopulationAnalysis> as) {
        XYChart c = base("Inter-spike intervals", "ISI (ms)", "probability density (1/ms)", cvText(as));
        c.getStyler().setYAxisDecimalPattern("0.0###");
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        int p = 0;
        for (PopulationAnalysis a : as) addHistogram(c, a.population(), a.isiHistogram(), PALETTE[p++ % PALETTE.length]);
        return c;
    }

    /** Histograms of per-neuron firing rates, normalised to probability density. */
    public static XYChart rateHistogram(List<PopulationAnalysis> as) {
        XYChart c = base("Firing rates of single neurons", "rate (Hz)", "probability density (1/Hz)", null);
        c.getStyler().setYAxisDecimalPattern("0.0###");
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        int p = 0;
        for (PopulationAnalysis a : as) addHistogram(c, a.population(), a.rateHistogram(), PALETTE[p++ % PALETTE.length]);
        return c;
    }

    private static String cvText(List<PopulationAnalysis> as) {
        List<String> parts = new ArrayList<>();
        for (PopulationAnalysis a : as) {
            if (Double.isFinite(a.cvIsiMean())) parts.add(String.format(Locale.ROOT, "%s CV %.2f", a.population(), a.cvIsiMean()));
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static void addHistogram(XYChart c, String name, Histogram h, Color color) {
        long total = h.total();
        int n = h.bins();
        // Step series: one point per edge, holding the density of the bin that starts there.
        double[] x = new double[n + 1], y = new double[n + 1];
        for (int b = 0; b <= n; b++) {
            x[b] = h.edges()[b];
            int bin = Math.min(b, n - 1);
            double width = h.edges()[bin + 1] - h.edges()[bin];
            y[b] = total == 0 || width <= 0 ? 0 : h.counts()[bin] / (total * width);
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(1.5f);
    }

    private static XYChart base(String title, String xLabel, String yLabel, String subtitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(subtitle == null ? title : title + "  —  " + subtitle)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        org.knowm.xchart.style.XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        s.setPlotGridLinesStroke(new BasicStroke(0.5f));
        s.setAntiAlias(true);
        c.getStyler().setXAxisDecimalPattern("#,##0.###");
        c.getStyler().setXAxisTickMarkSpacingHint(90);
        return c;
    }

    /** The chart encoded in {@code format}. */
    public static byte[] encode(XYChart c, Format format) throws IOException {
        if (format == Format.PNG) return Png.of(c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }

    /** Writes {@code dir/name.png} and/or {@code dir/name.svg} atomically; returns the files. */
    public static List<Path> save(XYChart c, Path dir, String name, Set<Format> formats) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Format f : Format.values()) {
            if (!formats.contains(f)) continue;
            byte[] b = encode(c, f);
            Path file = dir.resolve(name + "." + f.extension);
            AtomicFiles.write(file, os -> os.write(b));
            out.add(file);
        }
        return out;
    }

    /** The charts of a recording by file name (without extension), in report order. */
    public static Map<String, XYChart> charts(Recording rec, List<PopulationAnalysis> as) {
        Map<String, XYChart> m = new java.util.LinkedHashMap<>();
        long from = Math.max(0, rec.firstStep()), to = rec.lastStep() + 1;
        double fromMs = from * rec.dtMs(), toMs = to * rec.dtMs();
        List<Recording.Spikes> sp = spikeList(rec, from, to);
        if (!sp.isEmpty()) m.put("raster", raster(sp, fromMs, toMs));
        if (!as.isEmpty()) {
            m.put("rates", populationRates(as, fromMs));
            m.put("isi_histogram", isiHistogram(as));
            m.put("rate_histogram", rateHistogram(as));
        }
        for (Channel ch : rec.channels()) {
            if (ch.kind() == Channel.Kind.STATE) m.put("trace_" + ch.name(), traces(rec.state(ch.name(), from, to)));
        }
        return m;
    }

    /** One spike list per target population (the first spike channel of each, {@link #rasterChannels}). */
    public static List<Recording.Spikes> spikeList(Recording rec, long from, long to) {
        Map<String, Recording.Spikes> all = rec.spikes(from, to);
        List<Recording.Spikes> out = new ArrayList<>();
        for (Channel c : rasterChannels(rec.channels())) out.add(all.get(c.name()));
        return out;
    }

    /** The channels a raster shows: the first spike channel of each target population, in channel order. */
    public static List<Channel> rasterChannels(List<Channel> channels) {
        List<Channel> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Channel c : channels) {
            if (c.kind() != Channel.Kind.SPIKES || seen.contains(c.target())) continue;
            seen.add(c.target());
            out.add(c);
        }
        return out;
    }

    /** Writes the raster of a recording only. */
    public static List<Path> saveRaster(Recording rec, Path dir, Set<Format> formats) throws IOException {
        long from = Math.max(0, rec.firstStep()), to = rec.lastStep() + 1;
        return saveRaster(spikeList(rec, from, to), from, to, rec.dtMs(), dir, formats);
    }

    /** Writes the raster of the spike lists (one per population, as {@link #spikeList}) of steps {@code [from, to)}. */
    public static List<Path> saveRaster(List<Recording.Spikes> sp, long from, long to, double dtMs, Path dir, Set<Format> formats)
            throws IOException {
        if (sp.isEmpty() || to <= from) return List.of();
        return save(raster(sp, from * dtMs, to * dtMs), dir, "raster", formats);
    }

    static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
