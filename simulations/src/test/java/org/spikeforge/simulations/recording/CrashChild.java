package org.spikeforge.simulations.recording;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/**
 * Child process of {@link CrashSafetyTest}: records a long seeded CUBA run into {@code args[1]}, prints
 * {@code FLUSHED} once the recorder has flushed step {@code args[2]}, and keeps running until killed.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Scenario sc = ScenarioLoader.load(Path.of(args[0]), new ScenarioLoader.Overrides(7L, "60 s", null, null, Map.of()));
        long signalStep = Long.parseLong(args[2]);
        Recorder rec = new Recorder(Path.of(args[1]).resolve("recording"),
                new RecordingMetadata.RunInfo("cuba", args[0], 7, "scalar"), sc.network().dtMs(),
                Recorder.channelsOf(sc.network(), sc.probes()));
        Probe signal = new Probe() {
            private boolean said;

            @Override public String name() { return "signal"; }

            @Override
            public void record(long step, CompiledNetwork net) {
                if (!said && rec.lastFlushedStep() >= signalStep) {
                    said = true;
                    System.out.println("FLUSHED");
                    System.out.flush();
                }
            }
        };
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(sc.steps(), List.of(rec, signal), Simulator.Progress.NONE);
        }
    }
}
