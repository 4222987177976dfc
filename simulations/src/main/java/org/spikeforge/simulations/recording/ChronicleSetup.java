package org.spikeforge.simulations.recording;

/**
 * How SpikeForge starts Chronicle Queue: once per JVM, before any Chronicle class initialises.
 *
 * <ul>
 *   <li>Usage analytics off ({@code chronicle.analytics.disable}; the artifact is excluded from the build too).</li>
 *   <li>Chronicle's optional native POSIX binding ({@code net.openhft.posix}) is replaced by its own no-op
 *       implementation. Loading it generates JNR stubs with ASM at start-up (≈0.2 s of CPU, more than the
 *       rest of opening a queue); Chronicle uses it only for hints (madvise, fallocate, a clock source) and
 *       already runs without it under JUnit, so recordings are unchanged: the queue is still memory-mapped
 *       by the JDK, and what a killed process leaves behind is the same (RecorderTest's SIGKILL test runs
 *       a separate JVM through this path).</li>
 * </ul>
 */
public final class ChronicleSetup {
    private static boolean done;

    private ChronicleSetup() {}

    /** Idempotent; call before the first use of a Chronicle class. */
    public static synchronized void init() {
        if (done) return;
        done = true;
        if (System.getProperty("chronicle.analytics.disable") == null) System.setProperty("chronicle.analytics.disable", "true");
        try {
            net.openhft.posix.PosixAPI.useNoOpPosixApi();
        } catch (Throwable t) {
            // POSIX binding absent or already chosen: Chronicle falls back by itself
        }
    }
}
