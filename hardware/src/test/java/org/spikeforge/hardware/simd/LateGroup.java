package org.spikeforge.hardware.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/** Makes group 1's thread late in every update of a {@link ParallelStep}, so that group 0's thread takes its last chunks. */
final class LateGroup {
    private LateGroup() {}

    /**
     * Group 1's thread announces itself and waits until another thread has taken one of its chunks (at most 2 ms: a
     * fixed sleep of 200 µs was too short when the test's two threads shared one CPU with the JIT compiler); group
     * 0's thread waits for that announcement (at most 5 ms), so that it finishes its own group while group 1 is
     * still to be updated.
     */
    static void install(ParallelStep step) {
        AtomicBoolean oneStarted = new AtomicBoolean();
        step.beforeUpdate(w -> {
            if (w == 1) {
                long before = step.stolenChunks(), deadline = System.nanoTime() + 2_000_000;
                oneStarted.set(true);
                while (step.stolenChunks() == before && System.nanoTime() < deadline) LockSupport.parkNanos(20_000);
            } else if (w == 0) {
                long deadline = System.nanoTime() + 5_000_000;
                while (!oneStarted.getAndSet(false) && System.nanoTime() < deadline) Thread.onSpinWait();
            }
        });
    }
}
