package org.spikeforge.simulations.sweep;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs points on a fixed pool of local threads, one point per thread at a time. */
public final class LocalPointExecutor implements PointExecutor {
    private final int threads;

    public LocalPointExecutor(int threads) {
        if (threads < 1) throw new IllegalArgumentException("sweep threads must be >= 1, was " + threads);
        this.threads = threads;
    }

    /** One thread per available core. */
    public static LocalPointExecutor allCores() {
        return new LocalPointExecutor(Runtime.getRuntime().availableProcessors());
    }

    @Override public int parallelism() { return threads; }

    @Override
    public void execute(List<SweepPoint> points, PointRunner runner, Listener listener) throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "spikeforge-sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, points.size())), tf);
        try {
            for (SweepPoint p : points) {
                pool.execute(() -> {
                    PointRunner.PointResult r;
                    try {
                        r = runner.run(p);
                    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                        listener.failed(p, e instanceof Exception ex ? ex : new RuntimeException(e.toString(), e));
                        return;
                    }
                    listener.finished(p, r);
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // waiting; an interrupt ends the sweep
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
