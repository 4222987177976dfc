package org.spikeforge.simulations.plot;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recorder;
import org.spikeforge.simulations.recording.Recording;
import org.spikeforge.simulations.recording.RecordingMetadata;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * The raster drawn during a run from the spikes a {@link RasterTap} kept must be the raster drawn afterwards from
 * the recording of the same run (the oracle), byte for byte; with a cap on the shown spikes low enough that the
 * second stage of the row selection thins the rows, the same again.
 */
class RasterTapTest {
    @TempDir Path dir;

    @Test
    void tapRasterEqualsTheRasterOfTheRecording() throws Exception {
        Scenario sc = ScenarioLoader.load(Path.of("examples", "cuba.yaml"), new ScenarioLoader.Overrides(3L, "300 ms", null, null, Map.of()));
        Recorder rec = new Recorder(dir.resolve("recording"), new RecordingMetadata.RunInfo("cuba", "examples/cuba.yaml", 3, "scalar"),
                sc.network().dtMs(), Recorder.channelsOf(sc.network(), sc.probes()));
        RasterTap tap = new RasterTap(Plots.rasterChannels(rec.channels()), sc.network().dtMs(), dir.resolve("tap"));
        List<Probe> probes = List.of(tap, rec);
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(sc.steps(), probes, Simulator.Progress.NONE);
        }
        List<Path> drawn = tap.await();
        assertNotNull(drawn, "the tap drew the raster");
        assertEquals(dir.resolve("tap").resolve("raster.png"), drawn.get(0));
        try (Recording r = Recording.open(dir)) {
            assertEquals(sc.steps() - 1, r.lastStep());
            Plots.saveRaster(r, dir.resolve("read-back"), EnumSet.of(Plots.Format.PNG));
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("read-back/raster.png")), Files.readAllBytes(drawn.get(0)));
    }

    @Test
    void secondStageThinsTheRowsOfEachPopulationEvenly() {
        Channel exc = Channel.spikes("e", "exc", 0, 3200), inh = Channel.spikes("i", "inh", 1, 800);
        int[][] one = Plots.stageOneRows(new int[] {3200, 800}, Plots.RASTER_ROWS);
        assertEquals(320, one[0].length);
        assertEquals(80, one[1].length);
        // every stage-one row spikes 10 times: 4,000 spikes shown; a cap of 1,000 keeps every 4th row
        List<Recording.Spikes> sp = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int n = one[p].length * 10;
            int[] steps = new int[n], neurons = new int[n];
            for (int k = 0; k < n; k++) {
                steps[k] = k;
                neurons[k] = one[p][k % one[p].length];
            }
            sp.add(new Recording.Spikes(p == 0 ? exc : inh, 0.1, 0, n, steps, neurons));
        }
        Plots.RasterSelection all = Plots.selectRows(sp, Plots.RASTER_ROWS, 10_000);
        assertArrayEquals(one[0], all.rows().get(0));
        Plots.RasterSelection thin = Plots.selectRows(sp, Plots.RASTER_ROWS, 1000);
        assertEquals(80, thin.rows().get(0).length);
        assertEquals(20, thin.rows().get(1).length);
        for (int j = 0; j < 80; j++) assertEquals(one[0][4 * j], thin.rows().get(0)[j]);
    }
}
