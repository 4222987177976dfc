package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyWorkerRunsEveryRegionOnceAndSeesTheCallersWrites() {
        int threads = 3, regions = 2000;
        long[] input = new long[1];
        long[] seen = new long[threads];
        AtomicIntegerArray runs = new AtomicIntegerArray(threads);
        try (WorkerPool pool = new WorkerPool(threads, "test")) {
            WorkerPool.Region r = w -> {
                runs.incrementAndGet(w);
                seen[w] += input[0]; // a plain read of the caller's plain write
            };
            long expected = 0;
            for (int k = 1; k <= regions; k++) {
                input[0] = k;
                expected += k;
                pool.run(r);
            }
            for (int w = 0; w < threads; w++) {
                assertEquals(regions, runs.get(w), "worker " + w);
                assertEquals(expected, seen[w], "worker " + w + " saw every region's input (and the caller sees its writes)");
            }
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCallerAndThePoolGoesOn() {
        try (WorkerPool pool = new WorkerPool(2, "test")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(w -> {
                if (w == 1) throw new IllegalStateException("worker 1 failed");
            }));
            assertEquals("worker 1 failed", e.getMessage());
            int[] ok = new int[2];
            pool.run(w -> ok[w] = 1);
            assertArrayEquals(new int[] {1, 1}, ok);
        }
    }

    @Test
    void oneThreadRunsOnTheCaller() {
        Thread[] ran = new Thread[1];
        try (WorkerPool pool = new WorkerPool(1, "test")) {
            pool.run(w -> ran[w] = Thread.currentThread());
        }
        assertSame(Thread.currentThread(), ran[0]);
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "test"));
    }
}
