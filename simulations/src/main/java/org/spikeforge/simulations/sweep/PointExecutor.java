package org.spikeforge.simulations.sweep;

import java.util.List;

/**
 * Hands out the points of a sweep to workers and reports each outcome as it arrives. The local
 * implementation ({@link LocalPointExecutor}) runs them on threads of this machine; a cluster
 * implementation can send each {@link SweepPoint} (plain data, keyed by its hash) together with
 * the sweep file's text to remote members, run it there with a {@link PointRunner} built from
 * that text, and report the returned {@link PointRunner.PointResult}. The runner's caller records
 * results as they arrive, so an interrupted sweep resumes from its table whatever executor ran it.
 */
public interface PointExecutor extends AutoCloseable {

    /** Receives outcomes; called from worker threads, possibly concurrently. */
    interface Listener {
        void finished(SweepPoint point, PointRunner.PointResult result);

        void failed(SweepPoint point, Exception error);
    }

    /** Runs every point with {@code runner}, returning when all have finished or failed. */
    void execute(List<SweepPoint> points, PointRunner runner, Listener listener) throws InterruptedException;

    /** How many points run at once. */
    int parallelism();

    @Override
    default void close() {}
}
