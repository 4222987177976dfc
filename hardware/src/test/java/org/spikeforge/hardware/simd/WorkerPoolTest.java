package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyTaskOfEveryRegionRunsExactlyOnceAndSeesTheCallersWrites() {
        int threads = 3, regions = 3000;
        long[] input = new long[1];
        int[] tasks = new int[] {1, 2, 3, 7, 40};
        long[] seen = new long[40];
        AtomicIntegerArray runs = new AtomicIntegerArray(40);
        try (WorkerPool pool = new WorkerPool(threads, "test")) {
            WorkerPool.Tasks r = (task, worker) -> {
                assertTrue(worker >= 0 && worker < threads);
                runs.incrementAndGet(task);
                seen[task] += input[0]; // a plain read of the caller's plain write, into a plain array
            };
            long[] expected = new long[40];
            int[] expectedRuns = new int[40];
            for (int k = 1; k <= regions; k++) {
                input[0] = k;
                int count = tasks[k % tasks.length];
                for (int t = 0; t < count; t++) {
                    expected[t] += k;
                    expectedRuns[t]++;
                }
                pool.run(r, count);
            }
            for (int t = 0; t < 40; t++) {
                assertEquals(expectedRuns[t], runs.get(t), "task " + t);
                assertEquals(expected[t], seen[t], "task " + t + " saw every region's input, and the caller sees its writes");
            }
        }
    }

    @Test
    void affineRegionsRunEveryTaskExactlyOnceMixedWithOrderedOnes() {
        int threads = 3, regions = 3000;
        AtomicIntegerArray runs = new AtomicIntegerArray(31);
        int[] expected = new int[31];
        long[] input = new long[1];
        long[] seen = new long[31];
        try (WorkerPool pool = new WorkerPool(threads, "test")) {
            WorkerPool.Tasks r = (task, worker) -> {
                runs.incrementAndGet(task);
                seen[task] += input[0];
            };
            long[] sum = new long[31];
            for (int k = 1; k <= regions; k++) {
                input[0] = k;
                int count = new int[] {2, 3, 5, 31}[k % 4];
                for (int t = 0; t < count; t++) {
                    expected[t]++;
                    sum[t] += k;
                }
                if (k % 3 == 0) pool.run(r, count); else pool.runAffine(r, count);
            }
            for (int t = 0; t < 31; t++) {
                assertEquals(expected[t], runs.get(t), "task " + t);
                assertEquals(sum[t], seen[t], "task " + t);
            }
            assertThrows(IllegalArgumentException.class, () -> pool.runAffine(r, 32));
        }
    }

    @Test
    void aFailingTaskReachesTheCallerAndThePoolGoesOn() {
        try (WorkerPool pool = new WorkerPool(2, "test")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run((task, w) -> {
                if (task == 5) throw new IllegalStateException("task 5 failed");
            }, 8));
            assertEquals("task 5 failed", e.getMessage());
            int[] ok = new int[8];
            pool.run((task, w) -> ok[task] = 1, 8);
            assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, ok);
        }
    }

    @Test
    void oneThreadRunsOnTheCaller() {
        Thread[] ran = new Thread[1];
        try (WorkerPool pool = new WorkerPool(1, "test")) {
            pool.run((task, w) -> ran[task] = Thread.currentThread(), 1);
        }
        assertSame(Thread.currentThread(), ran[0]);
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0, "test"));
    }
}
