package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.WeightProbe;
import org.spikeforge.simulations.plot.Plots;
import org.spikeforge.simulations.plot.RasterTap;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recorder;
import org.spikeforge.simulations.recording.Recording;
import org.spikeforge.simulations.recording.RecordingMetadata;
import org.spikeforge.simulations.report.HtmlReport;
import org.spikeforge.simulations.scenario.Scenario;

/**
 * What {@code spikeforge run} records: the scenario's spike and state probes into a Chronicle queue in
 * {@code OUT/recording/}, its weight probes into {@code OUT/recording/weights_NAME.npz} after the run
 * ({@code weights}: samples × synapses, {@code steps}, and {@code synapse}, {@code source}, {@code target} per
 * recorded synapse), and the raster after the run.
 */
final class RunRecording {
    private final Recorder recorder;
    private final List<WeightProbe> weights;
    private final Path out;
    private final List<String> weightFiles = new ArrayList<>();
    /** Draws the raster during the recorder's finish (null: no raster wanted, or no spike channel). */
    private final RasterTap tap;

    private RunRecording(Recorder recorder, List<WeightProbe> weights, Path out, RasterTap tap) {
        this.recorder = recorder;
        this.weights = weights;
        this.out = out;
        this.tap = tap;
    }

    /**
     * A recording of the scenario's probes, or {@code null} if it has none; with {@code raster}, a {@link RasterTap}
     * that draws OUT/plots/raster.png as the run ends.
     */
    static RunRecording open(Scenario sc, Path scenarioFile, Path out, boolean raster) throws IOException {
        if (sc.probes().isEmpty()) return null;
        Path dir = out.resolve("recording");
        List<Probe> streamed = new ArrayList<>();
        List<WeightProbe> weights = new ArrayList<>();
        for (Probe p : sc.probes()) {
            if (p instanceof WeightProbe w) weights.add(w);
            else streamed.add(p);
        }
        Recorder rec = streamed.isEmpty() ? null : new Recorder(dir, new RecordingMetadata.RunInfo(sc.name(), scenarioFile.toString(),
                sc.network().seed(), sc.backend()), sc.network().dtMs(), Recorder.channelsOf(sc.network(), streamed));
        Files.createDirectories(dir);
        Files.copy(scenarioFile, dir.resolve(HtmlReport.SCENARIO_COPY), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RasterTap tap = null;
        if (raster && rec != null) {
            List<Channel> first = Plots.rasterChannels(rec.channels()); // those Plots.spikeList reads back
            if (!first.isEmpty()) tap = new RasterTap(first, sc.network().dtMs(), out.resolve("plots"));
        }
        return new RunRecording(rec, List.copyOf(weights), out, tap);
    }

    /** Marks the recording failed: the run could not start or stopped on an error. */
    void fail(Throwable cause) {
        if (recorder != null) recorder.fail(cause);
    }

    List<Probe> probes() {
        List<Probe> ps = new ArrayList<>();
        if (tap != null) ps.add(tap); // first: its finish starts the drawing, the recorder's then drains the queue
        if (recorder != null) ps.add(recorder);
        ps.addAll(weights);
        return ps;
    }

    Path directory() {
        return out.resolve("recording");
    }

    /** Writes each weight probe's samples to {@code OUT/recording/weights_NAME.npz}, atomically. */
    void writeWeights() throws IOException {
        for (WeightProbe w : weights) {
            int n = w.samples(), m = w.synapseCount();
            double[] v = new double[n * m];
            long[] steps = new long[n];
            for (int s = 0; s < n; s++) {
                steps[s] = w.sampleStep(s);
                for (int k = 0; k < m; k++) v[s * m + k] = w.value(s, k);
            }
            int[] src = new int[m], tgt = new int[m];
            for (int k = 0; k < m; k++) {
                src[k] = w.source(k);
                tgt[k] = w.target(k);
            }
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            arrays.put("weights", NpyArray.ofDoubles(v, n, m));
            arrays.put("steps", NpyArray.ofLongs(steps, n));
            arrays.put("synapse", NpyArray.ofInts(w.synapses(), m));
            arrays.put("source", NpyArray.ofInts(src, m));
            arrays.put("target", NpyArray.ofInts(tgt, m));
            Path f = directory().resolve("weights_" + w.name() + ".npz");
            Npy.writeNpz(f, arrays);
            weightFiles.add(f.toString());
        }
    }

    /** The {@code recording} entry of summary.json. */
    Map<String, Object> summary() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", directory().toString());
        if (recorder != null) {
            r.put("completed", recorder.metadata().completed());
            r.put("last_flushed_step", recorder.lastFlushedStep());
            r.put("backpressure_waits", recorder.backpressureWaits());
        }
        if (!weightFiles.isEmpty()) r.put("weights", List.copyOf(weightFiles));
        return Map.of("recording", r);
    }

    /**
     * Draws OUT/plots/raster.png; returns a note for the run's output ("" if there are no spike channels).
     * Only the PNG: the SVG encoder's first use costs ≈0.3 s of start-up, a third of a small run's whole
     * process (BENCHMARKS.md, "Whole-process time"); {@code spikeforge plot OUT} draws it with the other plots.
     */
    String drawRaster() throws IOException {
        if (recorder == null) return "";
        List<Path> drawn = null;
        if (tap != null) {
            try {
                drawn = tap.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        if (drawn != null) return drawn.isEmpty() ? "" : " (raster: " + drawn.get(0) + ")";
        try (Recording rec = Recording.open(out)) {
            List<Path> files = Plots.saveRaster(rec, out.resolve("plots"), EnumSet.of(Plots.Format.PNG));
            return files.isEmpty() ? "" : " (raster: " + files.get(0) + ")";
        }
    }
}
