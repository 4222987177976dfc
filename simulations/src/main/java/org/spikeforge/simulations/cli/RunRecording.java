package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.plot.Plots;
import org.spikeforge.simulations.recording.Recorder;
import org.spikeforge.simulations.recording.Recording;
import org.spikeforge.simulations.recording.RecordingMetadata;
import org.spikeforge.simulations.report.HtmlReport;
import org.spikeforge.simulations.scenario.Scenario;

/** What {@code spikeforge run} records: the scenario's probes, into {@code OUT/recording/}, and the raster after the run. */
final class RunRecording {
    private final Recorder recorder;
    private final Path out;

    private RunRecording(Recorder recorder, Path out) {
        this.recorder = recorder;
        this.out = out;
    }

    /** A recording of the scenario's probes, or {@code null} if it has none. */
    static RunRecording open(Scenario sc, Path scenarioFile, Path out) throws IOException {
        if (sc.probes().isEmpty()) return null;
        Path dir = out.resolve("recording");
        Recorder rec = new Recorder(dir, new RecordingMetadata.RunInfo(sc.name(), scenarioFile.toString(), sc.network().seed(),
                sc.backend()), sc.network().dtMs(), Recorder.channelsOf(sc.network(), sc.probes()));
        Files.copy(scenarioFile, dir.resolve(HtmlReport.SCENARIO_COPY), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new RunRecording(rec, out);
    }

    /** Marks the recording failed: the run could not start or stopped on an error. */
    void fail(Throwable cause) {
        recorder.fail(cause);
    }

    List<Probe> probes() {
        return List.of(recorder);
    }

    Path directory() {
        return recorder.directory();
    }

    /** The {@code recording} entry of summary.json. */
    Map<String, Object> summary() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", recorder.directory().toString());
        r.put("completed", recorder.metadata().completed());
        r.put("last_flushed_step", recorder.lastFlushedStep());
        r.put("backpressure_waits", recorder.backpressureWaits());
        return Map.of("recording", r);
    }

    /**
     * Draws OUT/plots/raster.png; returns a note for the run's output ("" if there are no spike channels).
     * Only the PNG: the SVG encoder's first use costs ≈0.3 s of start-up, a third of a small run's whole
     * process (BENCHMARKS.md, "Whole-process time"); {@code spikeforge plot OUT} draws it with the other plots.
     */
    String drawRaster() throws IOException {
        try (Recording rec = Recording.open(out)) {
            List<Path> files = Plots.saveRaster(rec, out.resolve("plots"), EnumSet.of(Plots.Format.PNG));
            return files.isEmpty() ? "" : " (raster: " + files.get(0) + ")";
        }
    }
}
