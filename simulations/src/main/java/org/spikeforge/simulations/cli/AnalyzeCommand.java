package org.spikeforge.simulations.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.simulations.analysis.Analysis;
import org.spikeforge.simulations.analysis.PopulationAnalysis;
import org.spikeforge.simulations.io.Summary;
import org.spikeforge.simulations.recording.Recording;

/** {@code spikeforge analyze OUT}: firing statistics per population, printed and added to summary.json. */
@Command(name = "analyze", description = {"Analyse the spikes recorded in OUT: firing-rate histogram, ISI CV, Fano factor,",
    "pairwise spike-count correlation and population rate; prints them and writes them into OUT/summary.json (key 'analysis')."})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "a run's output folder")
    Path out;

    @Option(names = "--window", paramLabel = "T", description = "counting window for Fano factor and correlation (default: span/20, at most 100 ms)")
    String window;

    @Option(names = "--bin", paramLabel = "T", description = "bin of the population rate (default: span/200, at most 10 ms)")
    String bin;

    @Override
    public Integer call() throws IOException {
        Analysis.Settings s = settings(window, bin);
        try (Recording rec = Recording.open(out)) {
            List<PopulationAnalysis> as = Analysis.of(rec, s);
            spec.commandLine().getOut().println(Analysis.text(as));
            writeIntoSummary(out, rec, Analysis.toMap(as));
            spec.commandLine().getOut().println("wrote " + out.resolve("summary.json") + " (analysis)");
        }
        return 0;
    }

    static Analysis.Settings settings(String window, String bin) {
        Double w = ExportCommand.time("--window", window), b = ExportCommand.time("--bin", bin);
        return new Analysis.Settings(w == null ? Double.NaN : w, b == null ? Double.NaN : b, 100);
    }

    /** Adds {@code analysis} (and what the recording says) to OUT/summary.json, creating it if the run left none. */
    static void writeIntoSummary(Path out, Recording rec, Map<String, Object> analysis) throws IOException {
        Path f = out.resolve("summary.json");
        Map<String, Object> m = Files.isRegularFile(f)
                ? new ObjectMapper().readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {})
                : new LinkedHashMap<>();
        if (!m.containsKey("recording")) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("path", rec.directory().toString());
            r.put("completed", rec.metadata().completed());
            r.put("last_flushed_step", rec.lastStep());
            m.put("recording", r);
        }
        m.put("analysis", analysis);
        Summary.write(f, m);
    }
}
