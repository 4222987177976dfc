package org.spikeforge.simulations.cli;

import org.spikeforge.simulations.recording.Recorder;

/**
 * Start-up latency of {@code spikeforge run}: loads and initialises Chronicle Queue, which the recording
 * needs only once the network is built, on a daemon thread while the main thread parses the scenario and
 * builds the network (≈0.1 s off a small run on two cores; BENCHMARKS.md, "Whole-process time"). It
 * writes a throw-away queue in a temporary folder and touches nothing of the run; a failure here is
 * ignored (the real recording then reports it). Warming Java2D and XChart for the raster the same way
 * was tried and gained nothing on two cores: the JIT compiler threads already keep the second core busy.
 *
 * <p>Only the command-line entry point enables it ({@link Main#main}); tests that call
 * {@link Main#execute} in a shared JVM do not start the thread.
 */
final class Warmup {
    private static volatile boolean enabled;

    private Warmup() {}

    /** Enabled unless the environment sets {@code SPIKEFORGE_WARMUP=0}. */
    static void enable() {
        enabled = !"0".equals(System.getenv("SPIKEFORGE_WARMUP"));
    }

    /** Starts the warm-up thread if enabled and at least two processors are available. */
    static void start(boolean recording) {
        if (!enabled || !recording || Runtime.getRuntime().availableProcessors() < 2) return;
        Thread t = new Thread(() -> {
            try {
                Recorder.warmUp();
            } catch (Throwable ignored) {
                // best effort: the real recording or plot reports any problem
            }
        }, "spikeforge-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
