package org.spikeforge.simulations.sweep.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikeforge.simulations.sweep.PointRunner;
import org.spikeforge.simulations.sweep.SweepPoint;

/**
 * The distributed maps through which submitters and workers meet, and what they hold. Every
 * value is a string (JSON, {@linkplain ClusterSecret#seal sealed}) or a byte array, never a Java
 * object, so nothing a peer stores is deserialised as code. Each map keeps one synchronous backup
 * on another member (Hazelcast's default), so the loss of one worker loses no entry. They are
 * partitioned {@code IMap}s rather than {@code ReplicatedMap}s: a replicated map's copies converge
 * lazily, so its {@code putIfAbsent} could not guarantee that a result is written once.
 *
 * <table>
 *   <caption>Maps</caption>
 *   <tr><th>map</th><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #JOBS}</td><td>job id</td><td>the {@link SweepJob}, sealed</td></tr>
 *   <tr><td>{@value #TASKS}</td><td>{@code JOB/POINT}</td><td>a point to run ({@link Task}), sealed; deleted once its result is stored</td></tr>
 *   <tr><td>{@value #CLAIMS}</td><td>{@code JOB/POINT}</td><td>{@code MEMBER-UUID THREAD START-MS}: who runs it; released when that member leaves</td></tr>
 *   <tr><td>{@value #RESULTS}</td><td>{@code JOB/POINT}</td><td>its {@link Outcome}, sealed; written once ({@code putIfAbsent}), deleted by the submitter once in its results table</td></tr>
 *   <tr><td>{@value #BLOBS}</td><td>{@code SHA256} and {@code SHA256/i}</td><td>travelling files in chunks of {@value #CHUNK} bytes; the bare hash marks a complete upload</td></tr>
 * </table>
 */
final class ClusterMaps {
    static final String JOBS = "spikeforge.jobs";
    static final String TASKS = "spikeforge.tasks";
    static final String CLAIMS = "spikeforge.claims";
    static final String RESULTS = "spikeforge.results";
    static final String BLOBS = "spikeforge.blobs";
    static final int CHUNK = 4 << 20;

    final IMap<String, String> jobs, tasks, claims, results;
    final IMap<String, byte[]> blobs;

    ClusterMaps(HazelcastInstance hz) {
        jobs = hz.getMap(JOBS);
        tasks = hz.getMap(TASKS);
        claims = hz.getMap(CLAIMS);
        results = hz.getMap(RESULTS);
        blobs = hz.getMap(BLOBS);
    }

    static String key(String job, String point) {
        return job + "/" + point;
    }

    static String jobOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A point of a job. */
    record Task(String job, SweepPoint point) {
        String toJson() {
            return write(this);
        }

        static Task fromJson(String s) {
            return read(s, Task.class);
        }
    }

    /**
     * What became of a point: its metrics (as {@link Double#toString} text, exact), spikes and wall
     * time, or the error it ended with; and the worker that ran it.
     */
    record Outcome(Map<String, String> metrics, long spikes, double wallSeconds, String error, String worker) {
        static Outcome of(PointRunner.PointResult r, String worker) {
            Map<String, String> m = new LinkedHashMap<>();
            r.metrics().forEach((k, v) -> m.put(k, Double.toString(v)));
            return new Outcome(m, r.spikes(), r.wallSeconds(), null, worker);
        }

        static Outcome failed(String error, String worker) {
            return new Outcome(Map.of(), 0, 0, error, worker);
        }

        PointRunner.PointResult result() {
            Map<String, Double> m = new LinkedHashMap<>();
            metrics.forEach((k, v) -> m.put(k, Double.parseDouble(v)));
            return new PointRunner.PointResult(m, spikes, wallSeconds);
        }

        String toJson() {
            return write(this);
        }

        static Outcome fromJson(String s) {
            return read(s, Outcome.class);
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String s, Class<T> type) {
        try {
            return JSON.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": malformed (" + e.getOriginalMessage() + ")");
        }
    }

    /** Stores a travelling file's bytes under its hash unless they are there already. */
    void upload(Path file, SweepJob.FileRef ref) throws IOException {
        if (blobs.containsKey(ref.sha256())) return;
        try (InputStream in = Files.newInputStream(file)) {
            int i = 0;
            while (true) {
                byte[] chunk = in.readNBytes(CHUNK);
                if (chunk.length == 0 && i > 0) break;
                blobs.set(ref.sha256() + "/" + i++, chunk);
                if (chunk.length < CHUNK) break;
            }
            blobs.set(ref.sha256(), Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** Fetches a travelling file into {@code cache/SHA256} (once per host), checking its hash. */
    Path download(Path cache, SweepJob.FileRef ref) throws IOException {
        Path f = cache.resolve(ref.sha256());
        if (Files.isRegularFile(f) && Files.size(f) == ref.size()) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis())); // used: kept by the pruning
            return f;
        }
        byte[] count = blobs.get(ref.sha256());
        if (count == null) throw new IOException("file " + ref.path() + " (SHA-256 " + ref.sha256().substring(0, 12) + "...) is missing from the cluster; rerun the sweep to upload it again");
        int n = Integer.parseInt(new String(count, java.nio.charset.StandardCharsets.US_ASCII));
        Files.createDirectories(cache);
        Path tmp = Files.createTempFile(cache, ref.sha256().substring(0, 12), ".part");
        try {
            var md = SweepJob.digest();
            try (var out = Files.newOutputStream(tmp)) {
                for (int i = 0; i < n; i++) {
                    byte[] chunk = blobs.get(ref.sha256() + "/" + i);
                    if (chunk == null) throw new IOException("file " + ref.path() + ": chunk " + i + " of " + n + " is missing from the cluster");
                    md.update(chunk);
                    out.write(chunk);
                }
            }
            String sha = java.util.HexFormat.of().formatHex(md.digest());
            if (!sha.equals(ref.sha256())) throw new IOException("file " + ref.path() + ": fetched bytes do not match its SHA-256");
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return f;
    }
}
