package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.simulations.recording.Exporter;
import org.spikeforge.simulations.recording.Recording;
import org.spikeforge.simulations.scenario.Quantity;

/** {@code spikeforge export OUT}: spikes or state to CSV or NPY in {@code OUT/export/}. */
@Command(name = "export", description = {"Export the recording in OUT to CSV or NPY files in OUT/export/.",
    "spikes: spikes.csv (population,neuron,time_ms) or spikes_<population>.npy (float64, n x 2: neuron, time ms);",
    "state: state.csv or state_<population>_<variable>.npy (float32, samples x neurons) with _times.npy and _neurons.npy."})
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "a run's output folder")
    Path out;

    @Option(names = "--format", paramLabel = "csv|npy", description = "file format (default: csv)")
    String format = "csv";

    @Option(names = "--what", paramLabel = "spikes|state", description = "what to export (default: spikes)")
    String what = "spikes";

    @Option(names = "--population", paramLabel = "P", description = "only this population (default: all recorded)")
    String population;

    @Option(names = "--from", paramLabel = "T", description = "start time with unit, e.g. 100ms (default: start of the recording)")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "end time (exclusive) with unit (default: end of the recording)")
    String to;

    @Override
    public Integer call() throws IOException {
        Exporter.Format f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> Exporter.Format.CSV;
            case "npy" -> Exporter.Format.NPY;
            default -> throw new UserError("--format '" + format + "': expected csv or npy");
        };
        Exporter.What w = switch (what.toLowerCase(java.util.Locale.ROOT)) {
            case "spikes" -> Exporter.What.SPIKES;
            case "state" -> Exporter.What.STATE;
            default -> throw new UserError("--what '" + what + "': expected spikes or state");
        };
        Double fromMs = time("--from", from), toMs = time("--to", to);
        try (Recording rec = Recording.open(out)) {
            List<Path> files = Exporter.export(rec, out.resolve("export"), new Exporter.Options(f, w, population, fromMs, toMs));
            for (Path p : files) spec.commandLine().getOut().println("wrote " + p);
            if (!rec.metadata().completed()) {
                spec.commandLine().getErr().println("spikeforge: note: the recording is incomplete; exported up to step " + rec.lastStep());
            }
        }
        return 0;
    }

    /** Parses a time option ("100ms", "0.5 s") to ms, or null if absent. */
    static Double time(String option, String text) {
        if (text == null) return null;
        try {
            return Quantity.parse(text.trim(), Dimension.TIME);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + " '" + text + "': " + e.getMessage());
        }
    }
}
