package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.simulations.analysis.Analysis;
import org.spikeforge.simulations.analysis.PopulationAnalysis;
import org.spikeforge.simulations.plot.Plots;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recording;

/** {@code spikeforge plot OUT}: raster, rates, traces and histograms as PNG and SVG in {@code OUT/plots/}. */
@Command(name = "plot", description = "Plot the recording in OUT into OUT/plots/: raster, population rates, state traces, ISI and rate histograms.")
final class PlotCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "a run's output folder")
    Path out;

    @Option(names = "--format", paramLabel = "png,svg", split = ",", description = "image formats (default: png,svg)")
    List<String> formats = List.of("png", "svg");

    @Override
    public Integer call() throws IOException {
        EnumSet<Plots.Format> fs = formats(formats);
        try (Recording rec = Recording.open(out)) {
            if (rec.lastStep() < 0) throw new UserError(out + ": the recording holds no steps to plot");
            boolean spikes = rec.channels().stream().anyMatch(c -> c.kind() == Channel.Kind.SPIKES);
            List<PopulationAnalysis> as = spikes ? Analysis.of(rec, Analysis.Settings.DEFAULTS) : List.of();
            Path dir = out.resolve("plots");
            for (Map.Entry<String, XYChart> e : Plots.charts(rec, as).entrySet()) {
                for (Path p : Plots.save(e.getValue(), dir, e.getKey(), fs)) spec.commandLine().getOut().println("wrote " + p);
            }
        }
        return 0;
    }

    static EnumSet<Plots.Format> formats(List<String> names) {
        EnumSet<Plots.Format> fs = EnumSet.noneOf(Plots.Format.class);
        for (String n : names) {
            switch (n.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "png" -> fs.add(Plots.Format.PNG);
                case "svg" -> fs.add(Plots.Format.SVG);
                default -> throw new UserError("--format '" + n + "': expected png, svg or png,svg");
            }
        }
        return fs;
    }
}
