package org.spikeforge.simulations.sweep.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.spikeforge.simulations.sweep.PointRunner;
import org.spikeforge.simulations.sweep.SweepSpec;

/**
 * A sweep worker: a Hazelcast member that runs points of sweeps submitted to its cluster.
 *
 * <p>Each of its threads repeats: pick an unclaimed task ({@link ClusterMaps#TASKS}), claim it
 * with {@code putIfAbsent} in {@link ClusterMaps#CLAIMS} under this member's UUID, verify the
 * task's and the job's seals, lay the job's files out locally ({@link SweepJob#materialise}), run
 * the point with a {@link PointRunner} built from the sweep text, store the outcome with
 * {@code putIfAbsent} in {@link ClusterMaps#RESULTS}, then delete the task and the claim.
 *
 * <p><b>Worker loss.</b> When a member leaves (shut down, killed, cut off), every live worker
 * releases the claims held under its UUID, so its points are claimed again by others; the same
 * sweep runs every few seconds, so a claim left by a member that died while no one watched is
 * released too. A point may thus <em>run</em> twice (a worker killed after storing its result but
 * before deleting its task), but its result is stored once: the first {@code putIfAbsent} wins, and
 * a worker that finds a result already stored deletes the task without running it.
 */
public final class SweepWorker implements AutoCloseable {
    private final HazelcastInstance hz;
    private final ClusterSecret secret;
    private final ClusterMaps maps;
    private final int threads;
    private final Path workDir;
    private final Consumer<String> log;
    private final String memberId;
    private final List<Thread> loops = new ArrayList<>();
    private final ScheduledExecutorService reaper;
    private final Map<String, PointRunner> runners = Collections.synchronizedMap(new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PointRunner> e) {
            return size() > 4;
        }
    });
    /** Claims this worker holds: key → claim value. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final AtomicInteger pointsRun = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * Starts a worker member with {@code threads} point-running threads.
     *
     * @param workDir where fetched files are cached ({@code blobs/}) and jobs laid out ({@code jobs/})
     * @param log     receives one line per event (members joining and leaving, refusals); null for none
     */
    public static SweepWorker start(ClusterSecret secret, List<String> join, String bind, int port, int threads, Path workDir,
                                    int heartbeatTimeoutSeconds, Consumer<String> log) {
        if (threads < 1) throw new IllegalArgumentException("--threads: expected an integer >= 1, was " + threads);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(ClusterConfigs.member(secret, join, bind, port, threads, heartbeatTimeoutSeconds));
        return new SweepWorker(hz, secret, threads, workDir, log);
    }

    SweepWorker(HazelcastInstance hz, ClusterSecret secret, int threads, Path workDir, Consumer<String> log) {
        this.hz = hz;
        this.secret = secret;
        this.maps = new ClusterMaps(hz);
        this.threads = threads;
        this.workDir = workDir.toAbsolutePath();
        this.log = log;
        this.memberId = hz.getCluster().getLocalMember().getUuid().toString();
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                say("member joined: " + e.getMember().getAddress() + " (" + e.getMembers().size() + " members)");
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                say("member left: " + e.getMember().getAddress() + " (" + e.getMembers().size() + " members)");
                releaseClaimsOfLostMembers();
            }
        });
        reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spikeforge-worker-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(this::releaseClaimsOfLostMembers, 3, 3, TimeUnit.SECONDS);
        for (int k = 0; k < threads; k++) {
            Thread t = new Thread(this::loop, "spikeforge-worker-" + (k + 1));
            t.setDaemon(true);
            loops.add(t);
            t.start();
        }
    }

    /** This member's UUID. */
    public String memberId() {
        return memberId;
    }

    /** The address this member listens on, {@code host:port}. */
    public String address() {
        var a = hz.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    public int members() {
        return hz.getCluster().getMembers().size();
    }

    public int threads() {
        return threads;
    }

    /** Points this worker has run to an outcome (stored by it or found stored already). */
    public int pointsRun() {
        return pointsRun.get();
    }

    HazelcastInstance instance() {
        return hz;
    }

    private void say(String s) {
        if (log != null) log.accept("spikeforge worker: " + s);
    }

    private void loop() {
        SplittableRandom rng = new SplittableRandom(Thread.currentThread().threadId() ^ memberId.hashCode());
        String claimant = memberId + " " + Thread.currentThread().getName();
        while (!stopping) {
            try {
                String key = claim(rng, claimant);
                if (key == null) {
                    Thread.sleep(200);
                    continue;
                }
                try {
                    process(key);
                } finally {
                    String value = held.remove(key);
                    if (!stopping && value != null) settle(() -> maps.claims.remove(key, value));
                }
            } catch (InterruptedException e) {
                return;
            } catch (HazelcastInstanceNotActiveException e) {
                return; // shutting down
            } catch (RuntimeException e) {
                if (stopping) return;
                say("error: " + e);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Claims an unclaimed task, in random order (so that workers rarely contend), or returns null. */
    private String claim(SplittableRandom rng, String claimant) {
        List<String> keys = new ArrayList<>(maps.tasks.keySet());
        if (keys.isEmpty()) return null;
        Set<String> claimed = new HashSet<>(maps.claims.keySet());
        for (int i = keys.size() - 1; i > 0; i--) Collections.swap(keys, i, rng.nextInt(i + 1));
        for (String k : keys) {
            if (claimed.contains(k)) continue;
            String value = claimant + " " + System.currentTimeMillis();
            if (maps.claims.putIfAbsent(k, value) == null) {
                held.put(k, value);
                return k;
            }
        }
        return null;
    }

    private void process(String key) {
        String sealedTask = maps.tasks.get(key);
        if (sealedTask == null) return; // finished meanwhile
        if (maps.results.containsKey(key)) { // stored by a worker that died before deleting the task
            maps.tasks.delete(key);
            pointsRun.incrementAndGet();
            return;
        }
        String taskText = secret.open(key, sealedTask);
        if (taskText == null) {
            refuse(key, "refused by worker " + address() + ": the task is not sealed with this cluster's secret");
            return;
        }
        ClusterMaps.Task task = ClusterMaps.Task.fromJson(taskText);
        ClusterMaps.Outcome outcome;
        try {
            PointRunner runner = runner(task.job());
            markUsed(workDir.resolve("jobs").resolve(task.job()));
            outcome = ClusterMaps.Outcome.of(runner.run(task.point()), memberId);
        } catch (SecurityException e) {
            refuse(key, e.getMessage());
            return;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            outcome = ClusterMaps.Outcome.failed("on worker " + address() + ": " + e, memberId);
        }
        if (stopping) return; // the point is released and runs elsewhere
        String sealed = secret.seal(key, outcome.toJson());
        settle(() -> maps.results.putIfAbsent(key, sealed));
        settle(() -> maps.tasks.delete(key));
        pointsRun.incrementAndGet();
    }

    /**
     * Runs a bookkeeping operation until it succeeds: one that meets a member leaving (a connection
     * reset, partitions migrating) is retried, for a result not stored or a claim not released
     * would hold its point up. Every such operation may run twice without harm.
     */
    private void settle(Runnable op) {
        for (int attempt = 0; ; attempt++) {
            try {
                op.run();
                return;
            } catch (HazelcastInstanceNotActiveException e) {
                throw e;
            } catch (com.hazelcast.core.HazelcastException e) {
                if (stopping || attempt >= 100) throw e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Stores a refusal (sealed with this worker's secret, which a foreign submitter cannot check) and drops the task. */
    private void refuse(String key, String why) {
        say(why + " (" + key + ")");
        String sealed = secret.seal(key, ClusterMaps.Outcome.failed(why, memberId).toJson());
        settle(() -> maps.results.putIfAbsent(key, sealed));
        settle(() -> maps.tasks.delete(key));
    }

    /** The runner of a job: its seal checked, its files laid out here, its sweep file parsed. */
    private PointRunner runner(String jobId) throws IOException {
        PointRunner r = runners.get(jobId);
        if (r != null) return r;
        synchronized (runners) {
            r = runners.get(jobId);
            if (r != null) return r;
            String sealed = maps.jobs.get(jobId);
            if (sealed == null) throw new IllegalStateException("job " + jobId + " is no longer in the cluster");
            String text = secret.open(jobId, sealed);
            if (text == null) throw new SecurityException("refused by worker " + address() + ": job " + jobId + " is not sealed with this cluster's secret");
            SweepJob job = SweepJob.fromJson(text);
            if (!job.id().equals(jobId)) throw new SecurityException("job stored under " + jobId + " claims id " + job.id());
            Path sweep = job.materialise(workDir.resolve("jobs"), ref -> maps.download(workDir.resolve("blobs"), ref));
            r = new PointRunner(SweepSpec.parse(sweep, job.sweepText()));
            runners.put(jobId, r);
            return r;
        }
    }

    /** Sets the modification time of a job folder to now: {@link #pruneCache} keeps what was used recently. */
    private static void markUsed(Path jobDir) {
        try {
            if (Files.isDirectory(jobDir)) Files.setLastModifiedTime(jobDir, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // only a hint for the cache pruning
        }
    }

    /**
     * Deletes the job folders ({@code WORK/jobs/ID}) and fetched files ({@code WORK/blobs/HASH}) of the
     * cache not modified in the last {@code maxAgeDays} days (a job folder is touched whenever one of its
     * points runs, a fetched file when it is fetched); {@code maxAgeDays <= 0} keeps everything. Returns the
     * bytes freed. {@code spikeforge worker} calls it before it joins the cluster.
     */
    public static long pruneCache(Path workDir, double maxAgeDays, Consumer<String> log) throws IOException {
        if (!(maxAgeDays > 0)) return 0;
        long cutoff = System.currentTimeMillis() - Math.round(maxAgeDays * 86_400_000.0);
        long freed = 0;
        int removed = 0;
        for (String sub : List.of("jobs", "blobs")) {
            Path d = workDir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (var entries = Files.list(d)) {
                for (Path e : entries.toList()) {
                    if (Files.getLastModifiedTime(e).toMillis() >= cutoff) continue;
                    try (var walk = Files.walk(e)) {
                        for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            if (Files.isRegularFile(f)) freed += Files.size(f);
                            Files.deleteIfExists(f);
                        }
                    }
                    removed++;
                }
            }
        }
        if (removed > 0 && log != null) {
            log.accept(String.format(java.util.Locale.ROOT, "spikeforge worker: pruned %d cache entries unused for %.3g days (%.1f MB) from %s",
                    removed, maxAgeDays, freed / 1e6, workDir));
        }
        return freed;
    }

    /** Releases the claims of members no longer in the cluster, so that their points run again. */
    void releaseClaimsOfLostMembers() {
        if (stopping) return;
        try {
            Set<String> live = new HashSet<>();
            for (Member m : hz.getCluster().getMembers()) live.add(m.getUuid().toString());
            int n = 0;
            long now = System.currentTimeMillis();
            Map<String, Long> timeouts = new java.util.HashMap<>(); // per job, read once in this pass
            for (Map.Entry<String, String> e : maps.claims.entrySet()) {
                String v = e.getValue();
                String owner = v.substring(0, v.indexOf(' '));
                if (!live.contains(owner)) {
                    if (maps.claims.remove(e.getKey(), v)) n++;
                    continue;
                }
                // a live worker that has run a point past its job's timeout (hung, or far slower than asked)
                int slash = e.getKey().indexOf('/');
                long timeout = slash > 0 ? timeouts.computeIfAbsent(e.getKey().substring(0, slash), this::pointTimeoutMs) : 0;
                if (timeout <= 0) continue;
                long started;
                try {
                    started = Long.parseLong(v.substring(v.lastIndexOf(' ') + 1));
                } catch (NumberFormatException bad) {
                    continue;
                }
                if (now - started > timeout && maps.claims.remove(e.getKey(), v)) {
                    say("released point " + e.getKey() + ": " + owner + " has run it for " + (now - started) / 1000
                            + " s, past the job's point timeout of " + timeout / 1000.0 + " s; it runs again");
                }
            }
            if (n > 0) say("released " + n + " point(s) claimed by lost members; they run again");
        } catch (HazelcastInstanceNotActiveException e) {
            // shutting down
        } catch (RuntimeException e) {
            say("could not release claims: " + e);
        }
    }

    /**
     * The point timeout of job {@code jobId} in ms (0: none, or the job cannot be read or is not sealed with our
     * secret). Read from the cluster each time, not cached: a job resubmitted under the same id may change it.
     */
    private long pointTimeoutMs(String jobId) {
        String sealed = maps.jobs.get(jobId);
        if (sealed == null) return 0;
        String text = secret.open(jobId, sealed);
        if (text == null) return 0;
        SweepJob job = SweepJob.fromJson(text);
        return job.id().equals(jobId) ? job.pointTimeoutMs() : 0;
    }

    /** Stops claiming, releases the points it holds (they run elsewhere) and leaves the cluster. */
    @Override
    public void close() {
        if (stopping) return;
        stopping = true;
        reaper.shutdownNow();
        try {
            for (Map.Entry<String, String> e : held.entrySet()) maps.claims.remove(e.getKey(), e.getValue());
        } catch (RuntimeException e) {
            // the cluster is going away; the others release our claims when we leave
        }
        for (Thread t : loops) t.interrupt();
        hz.shutdown();
    }

    /** The member UUID as a {@link UUID}. */
    UUID uuid() {
        return UUID.fromString(memberId);
    }
}
