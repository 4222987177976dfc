package org.spikeforge.simulations.sweep.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.listener.EntryAddedListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.spikeforge.simulations.sweep.PointExecutor;
import org.spikeforge.simulations.sweep.PointRunner;
import org.spikeforge.simulations.sweep.SweepPoint;
import org.spikeforge.simulations.sweep.SweepSpec;

/**
 * Runs the points of a sweep on a Hazelcast cluster of {@link SweepWorker}s, as a client
 * ({@code spikeforge sweep --cluster host:port,...}).
 *
 * <p>It stores the sweep as a {@link SweepJob} (the sweep text and the files it needs, uploaded
 * once by content hash), then one task per point keyed {@code JOB/POINT-ID}, and streams results
 * back as workers store them: an entry listener on the results map wakes it, and every
 * {@value #RECONCILE_MS} ms it also reads the results of all pending points directly and puts
 * back any task that vanished with no result (if every member holding a copy was lost). Each
 * point reaches the listener exactly once, then its result is deleted from the cluster.
 *
 * <p><b>Resuming.</b> The caller ({@link org.spikeforge.simulations.sweep.Sweep}) passes only the
 * points missing from its results table. If the submitter stops (Ctrl-C, a crash), its tasks stay
 * in the cluster and the workers go on; the results they store wait there. Run the same sweep
 * again and the job has the same id, so the points finished meanwhile are collected at once and
 * only the rest are waited for.
 */
public final class HazelcastPointExecutor implements PointExecutor {
    static final long RECONCILE_MS = 2000;

    /** A point that failed on a worker (its message names the worker and the original error). */
    public static final class RemotePointException extends RuntimeException {
        public RemotePointException(String message) {
            super(message);
        }
    }

    private final HazelcastInstance hz;
    private final boolean owned;
    private final ClusterSecret secret;
    private final ClusterMaps maps;
    private final long maxTravelBytes;
    private final Map<String, String> producers = new ConcurrentHashMap<>();
    private final AtomicInteger resubmitted = new AtomicInteger();

    /**
     * Connects to the cluster at {@code addresses} as a client; a clear error when no member
     * accepts within {@code connectTimeoutMillis} (unreachable, or another cluster name or secret).
     */
    public static HazelcastPointExecutor connect(ClusterSecret secret, List<String> addresses, long connectTimeoutMillis) {
        var config = ClusterConfigs.client(secret, addresses, connectTimeoutMillis);
        HazelcastInstance client;
        try {
            client = HazelcastClient.newHazelcastClient(config);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--cluster " + String.join(",", config.getNetworkConfig().getAddresses()) + ": no worker of cluster '"
                    + secret.name() + "' accepted the connection within " + connectTimeoutMillis / 1000.0 + " s: none is running there, or it was started"
                    + " with another cluster name or secret (" + ClusterSecret.ENV + " / --token-file)");
        }
        return new HazelcastPointExecutor(client, secret, true, SweepJob.DEFAULT_MAX_TRAVEL_BYTES);
    }

    /** Submits through {@code hz} (a client or a member); closes it on {@link #close} if {@code owned}. */
    HazelcastPointExecutor(HazelcastInstance hz, ClusterSecret secret, boolean owned, long maxTravelBytes) {
        this.hz = hz;
        this.owned = owned;
        this.secret = secret;
        this.maps = new ClusterMaps(hz);
        this.maxTravelBytes = maxTravelBytes;
    }

    /** Points the cluster runs at once: the sum of its workers' threads. */
    @Override
    public int parallelism() {
        int n = 0;
        for (Member m : hz.getCluster().getMembers()) {
            String t = m.getAttribute(ClusterConfigs.THREADS_ATTRIBUTE);
            n += t == null ? 0 : Integer.parseInt(t);
        }
        return Math.max(1, n);
    }

    private volatile long pointTimeoutMs;

    /**
     * How long a worker may run one point before the other workers release its claim and run the point
     * again (a worker that hangs, alive, would otherwise hold its points for ever); 0, the default: no limit.
     */
    public HazelcastPointExecutor pointTimeout(long ms) {
        if (ms < 0) throw new IllegalArgumentException("point timeout must be >= 0 ms, was " + ms);
        this.pointTimeoutMs = ms;
        return this;
    }

    /** Workers in the cluster now. */
    public int workers() {
        return hz.getCluster().getMembers().size();
    }

    /** Point id → UUID of the worker whose result was taken, for the points of the last {@link #execute}. */
    public Map<String, String> producers() {
        return Map.copyOf(producers);
    }

    /** Tasks put back because they vanished from the cluster with no result. */
    public int resubmitted() {
        return resubmitted.get();
    }

    HazelcastInstance instance() {
        return hz;
    }

    @Override
    public void execute(List<SweepPoint> points, PointRunner runner, Listener listener) throws InterruptedException {
        producers.clear();
        if (points.isEmpty()) return;
        SweepSpec spec = runner.spec();
        SweepJob job;
        Path root;
        try {
            job = SweepJob.of(spec, maxTravelBytes).withPointTimeout(pointTimeoutMs);
            root = SweepJob.localRoot(spec, job);
        } catch (IOException e) {
            throw new UncheckedIOException("sweep " + spec.file() + ": cannot read the files it needs: " + e.getMessage(), e);
        }
        retrying(() -> {
            try {
                for (SweepJob.FileRef f : job.files()) if (f.travels()) maps.upload(root.resolve(f.path()), f);
            } catch (IOException e) {
                throw new UncheckedIOException("sweep " + spec.file() + ": cannot read the files it needs: " + e.getMessage(), e);
            }
            maps.jobs.set(job.id(), secret.seal(job.id(), job.toJson()));
            return null;
        });

        Map<String, SweepPoint> pending = new ConcurrentHashMap<>();
        Map<String, String> tasks = new HashMap<>();
        for (SweepPoint p : points) {
            String key = ClusterMaps.key(job.id(), p.id());
            pending.put(key, p);
            tasks.put(key, secret.seal(key, new ClusterMaps.Task(job.id(), p).toJson()));
        }
        BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
        UUID registration = retrying(() -> maps.results.addEntryListener((EntryAddedListener<String, String>) e -> {
            if (pending.containsKey(e.getKey())) arrived.add(e.getKey());
        }, false));
        try {
            retrying(() -> { // points finished while we were away, then the rest
                maps.results.getAll(new HashSet<>(pending.keySet())).forEach((k, v) -> deliver(k, v, pending, listener));
                Map<String, String> todo = new HashMap<>();
                for (String k : pending.keySet()) todo.put(k, tasks.get(k));
                maps.tasks.setAll(todo);
                return null;
            });
            long next = System.nanoTime() + RECONCILE_MS * 1_000_000L;
            while (!pending.isEmpty()) {
                String k = arrived.poll(200, TimeUnit.MILLISECONDS);
                Set<String> batch = new HashSet<>();
                if (k != null) batch.add(k);
                for (String more; (more = arrived.poll()) != null; ) batch.add(more);
                batch.retainAll(pending.keySet());
                boolean reconcile = System.nanoTime() > next;
                if (batch.isEmpty() && !reconcile) continue;
                retrying(() -> {
                    if (!batch.isEmpty()) maps.results.getAll(batch).forEach((key, v) -> deliver(key, v, pending, listener));
                    if (reconcile) reconcile(pending, tasks, listener);
                    return null;
                });
                if (reconcile) next = System.nanoTime() + RECONCILE_MS * 1_000_000L;
            }
            retrying(() -> {
                forget(job.id());
                return null;
            });
        } finally {
            try {
                maps.results.removeEntryListener(registration);
            } catch (RuntimeException e) {
                // the client is gone already
            }
        }
    }

    /**
     * Runs a cluster operation until it succeeds: an operation that meets a member leaving (its
     * connection reset, partitions migrating) fails and is retried once the cluster has settled.
     * Every operation here may run twice without harm. Gives up when the client has shut down
     * (it found no member within its connect timeout).
     */
    private <T> T retrying(java.util.function.Supplier<T> op) throws InterruptedException {
        while (true) {
            try {
                return op.get();
            } catch (HazelcastInstanceNotActiveException | HazelcastClientNotActiveException e) {
                throw lost(e);
            } catch (HazelcastClientOfflineException | com.hazelcast.core.HazelcastException e) {
                if (!hz.getLifecycleService().isRunning()) throw lost(e);
                Thread.sleep(250);
            }
        }
    }

    private static IllegalStateException lost(Exception e) {
        return new IllegalStateException("lost the connection to the cluster; the finished points are saved, run the sweep again to resume", e);
    }

    /**
     * Collects the results of pending points that the listener missed, and puts back the task of
     * any pending point that has neither a task nor a result (every copy lost with its members).
     * The task keys are read before the results: a worker stores a result before it deletes the
     * task, so a point whose task was gone before its result was looked for, and which still has
     * no result, was lost rather than finished.
     */
    private void reconcile(Map<String, SweepPoint> pending, Map<String, String> tasks, Listener listener) {
        Set<String> queued = new HashSet<>(maps.tasks.keySet());
        maps.results.getAll(new HashSet<>(pending.keySet())).forEach((k, v) -> deliver(k, v, pending, listener));
        for (String k : pending.keySet()) {
            if (!queued.contains(k) && maps.tasks.putIfAbsent(k, tasks.get(k)) == null) resubmitted.incrementAndGet();
        }
    }

    /** Deletes what is left of a finished job: its entry, and any task or result a duplicate run stored late. */
    private void forget(String jobId) {
        maps.jobs.delete(jobId);
        String prefix = jobId + "/";
        for (String k : maps.tasks.keySet()) if (k.startsWith(prefix)) maps.tasks.delete(k);
        for (String k : maps.results.keySet()) if (k.startsWith(prefix)) maps.results.delete(k);
    }

    /** Reports a stored outcome once, then deletes it from the cluster. */
    private void deliver(String key, String sealed, Map<String, SweepPoint> pending, Listener listener) {
        if (sealed == null) return;
        SweepPoint p = pending.remove(key);
        if (p == null) return; // reported already
        String text = secret.open(key, sealed);
        if (text == null) {
            String why;
            try {
                String err = ClusterMaps.Outcome.fromJson(ClusterSecret.unverifiedText(sealed)).error();
                why = err != null && err.startsWith("refused") ? err : null;
            } catch (IllegalArgumentException e) {
                why = null;
            }
            listener.failed(p, new SecurityException(why != null ? why
                    : "the result stored for point " + p.id() + " is not sealed with this cluster's secret; discarded"));
        } else {
            ClusterMaps.Outcome o = ClusterMaps.Outcome.fromJson(text);
            if (o.error() != null) {
                listener.failed(p, new RemotePointException(o.error()));
            } else {
                producers.put(p.id(), o.worker());
                listener.finished(p, o.result());
            }
        }
        maps.results.delete(key);
    }

    @Override
    public void close() {
        if (owned) hz.shutdown();
    }
}
