package org.spikeforge.simulations.cli;

import java.util.Arrays;
import org.spikeforge.hardware.Backend;
import org.spikeforge.simulations.recording.Recorder;

/**
 * Start-up latency of {@code spikeforge}: as the CLI starts, one daemon thread does, while the main thread parses
 * the command line with picocli (0.12-0.15 s) and then the scenario, work that the main thread would otherwise
 * wait for a little later (BENCHMARKS.md, "Whole-process time"), in the order the main thread needs it:
 * <ol>
 * <li>initialises {@link java.math.BigDecimal}: JDK 25's computes 5^65536 in its static initialiser, about 28 ms
 * interpreted, and the scenario's YAML parser needs it (Jackson's {@code ParserMinimalBase});</li>
 * <li>opens the jars of the class path, by looking up the backends' service file in each:
 * {@link org.spikeforge.hardware.Backends} finds the backends with {@link java.util.ServiceLoader}, which opens
 * every jar (36; 50-80 ms in a fresh JVM) the first time;</li>
 * <li>for {@code spikeforge run} without {@code --no-record}: initialises Chronicle Queue's classes, which the
 * recording's writer needs once the network is built ({@link Recorder#warmUp}; about 0.1 s of CPU).</li>
 * </ol>
 * It touches nothing of the run; a failure here is ignored (the real lookup or recording then reports it).
 * Warming Java2D and XChart for the raster the same way was tried and gained nothing on two cores: the raster is
 * drawn at the end, and by then the second core is as busy as the first.
 *
 * <p>Only the command-line entry point starts it ({@link Main#main}); tests that call {@link Main#execute} in a
 * shared JVM do not, and {@code SPIKEFORGE_WARMUP=0} turns it off.
 */
final class Warmup {
    private Warmup() {}

    /** Starts the warm-up thread for the command line {@code args}, unless turned off or on a single processor. */
    static void start(String[] args) {
        if ("0".equals(System.getenv("SPIKEFORGE_WARMUP")) || Runtime.getRuntime().availableProcessors() < 2) return;
        boolean recordedRun = args.length > 0 && args[0].equals("run") && !Arrays.asList(args).contains("--no-record");
        Thread t = new Thread(() -> {
            java.math.BigDecimal.ONE.signum();
            try {
                var found = Warmup.class.getClassLoader().getResources("META-INF/services/" + Backend.class.getName());
                while (found.hasMoreElements()) found.nextElement();
            } catch (java.io.IOException | RuntimeException ignored) {
                // best effort: the real lookup reports any problem
            }
            if (recordedRun) {
                try {
                    Recorder.warmUp();
                } catch (Throwable ignored) {
                    // best effort: the real recording reports any problem
                }
            }
        }, "spikeforge-warmup");
        t.setDaemon(true);
        t.start();
    }
}
