package org.spikeforge.simulations.sweep.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.spikeforge.simulations.sweep.SweepSpec;

/**
 * What a worker needs to run the points of one sweep: the sweep file's text and every file it
 * depends on, each named by its SHA-256.
 *
 * <p><b>Which files.</b> The scenario the sweep names, and every string in the scenario, in the
 * sweep's {@code fixed} settings or in its parameter values that names an existing file relative
 * to the scenario's folder (as the scenario loader resolves them): models, datasets, labels. A
 * scenario file found this way is scanned in turn.
 *
 * <p><b>How they travel.</b> A file named by a <em>relative</em> path of at most
 * {@code maxTravelBytes} travels through the cluster: the submitter stores it once in a map keyed
 * by its hash, in chunks, and each worker fetches it once into its cache, verifies the hash and
 * lays it out in a job folder at the same relative place, so relative paths resolve as they do
 * on the submitter. A larger relative file, and any file named by an <em>absolute</em> path, is
 * read on the worker from that absolute path: a filesystem every worker mounts at the same place
 * (NFS, a cluster scratch volume). The worker checks its hash against the submitter's before any
 * point runs, so a stale or different copy is an error, not a silent wrong result. Backend
 * options that name files (such as {@code photonic.profile}) are read by the backend relative to
 * the worker's working folder, so with a cluster they must be absolute.
 *
 * @param id        16 hex digits of the SHA-256 of everything below
 * @param sweepPath the sweep file, relative to the job folder ({@code /}-separated)
 * @param sweepText the sweep file's text
 * @param files     the files it depends on
 * @param pointTimeoutMs how long a worker may run one point before the others release its claim and run the
 *                  point again (0: no limit); not part of the id, so a resubmission may change it
 */
public record SweepJob(String id, String sweepPath, String sweepText, List<FileRef> files, long pointTimeoutMs) {

    /** Files up to this size travel with the sweep by default. */
    public static final long DEFAULT_MAX_TRAVEL_BYTES = 256L << 20;

    /**
     * A file the sweep depends on.
     *
     * @param path   where it lies relative to the job folder ({@code /}-separated), or null for a
     *               file the scenario names by an absolute path
     * @param sha256 its SHA-256, hex
     * @param size   its size in bytes
     * @param shared the absolute path every worker reads it from, or null when it travels
     */
    public record FileRef(String path, String sha256, long size, String shared) {
        public boolean travels() {
            return shared == null;
        }
    }

    public SweepJob {
        files = List.copyOf(files);
        if (pointTimeoutMs < 0) throw new IllegalArgumentException("point timeout must be >= 0 ms, was " + pointTimeoutMs);
    }

    /** This job with a point timeout of {@code ms} milliseconds (0: none). */
    public SweepJob withPointTimeout(long ms) {
        return new SweepJob(id, sweepPath, sweepText, files, ms);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The job of a sweep file, hashing the files it depends on. */
    public static SweepJob of(SweepSpec spec, long maxTravelBytes) throws IOException {
        Path sweep = spec.file().toAbsolutePath().normalize();
        String sweepText = Files.readString(sweep, StandardCharsets.UTF_8);
        JsonNode sweepTree = yaml(sweep, sweepText);
        Path scenario = spec.scenario().toAbsolutePath().normalize();
        Path scenarioDir = scenario.getParent();

        Map<Path, Boolean> found = new LinkedHashMap<>(); // file -> named by an absolute path
        found.put(scenario, Path.of(sweepTree.path("scenario").asText()).isAbsolute());
        List<Path> toScan = new ArrayList<>(List.of(scenario));
        // sweep settings: scenario fields resolve against the scenario's folder
        for (String section : List.of("fixed", "parameters")) {
            JsonNode n = sweepTree.get(section);
            if (n == null || !n.isObject()) continue;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                for (String s : strings(e.getValue())) {
                    if (e.getKey().startsWith(SweepSpec.BACKEND_OPTIONS)) {
                        Path p = pathOrNull(s);
                        if (p != null && !p.isAbsolute() && Files.isRegularFile(p)) {
                            throw new IllegalArgumentException(sweep + ": " + section + " '" + e.getKey() + "' names the file '" + s
                                    + "' by a relative path; a worker reads backend option files from its own folder, so give an absolute path that every worker can read");
                        }
                        if (p != null && p.isAbsolute() && Files.isRegularFile(p)) found.putIfAbsent(p.normalize(), true);
                    } else {
                        addIfFile(scenarioDir, s, found, toScan);
                    }
                }
            }
        }
        // the scenario and any scenario files it names, transitively
        for (int k = 0; k < toScan.size(); k++) {
            Path f = toScan.get(k);
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (String s : strings(yaml(f, text))) addIfFile(f.getParent(), s, found, toScan);
        }

        // the job folder mirrors the smallest folder holding the sweep and every relative file
        Path root = sweep.getParent();
        for (Map.Entry<Path, Boolean> e : found.entrySet()) if (!e.getValue()) root = commonAncestor(root, e.getKey().getParent());
        List<FileRef> refs = new ArrayList<>();
        for (Map.Entry<Path, Boolean> e : found.entrySet()) {
            Path f = e.getKey();
            long size = Files.size(f);
            String sha = sha256(f);
            if (e.getValue()) refs.add(new FileRef(null, sha, size, f.toString()));
            else refs.add(new FileRef(slashes(root.relativize(f)), sha, size, size > maxTravelBytes ? f.toString() : null));
        }
        String sweepPath = slashes(root.relativize(sweep));
        return new SweepJob(id(sweepPath, sweepText, refs), sweepPath, sweepText, refs, 0);
    }

    static String id(String sweepPath, String sweepText, List<FileRef> files) {
        StringBuilder b = new StringBuilder(sweepPath).append('\n').append(sweepText).append('\n');
        for (FileRef f : files) b.append(f.path()).append('|').append(f.sha256()).append('|').append(f.size()).append('|').append(f.shared()).append('\n');
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Whether the id matches the content (a job read from the cluster is checked before use). */
    public boolean consistent() {
        return id.equals(id(sweepPath, sweepText, files));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SweepJob fromJson(String json) {
        try {
            SweepJob j = JSON.readValue(json, SweepJob.class);
            if (!j.consistent()) throw new IllegalArgumentException("sweep job " + j.id() + ": content does not match its id");
            return j;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sweep job: malformed (" + e.getOriginalMessage() + ")");
        }
    }

    /** The folder on the submitter that the job folder mirrors (where {@link FileRef#path} is relative to). */
    public static Path localRoot(SweepSpec spec, SweepJob job) {
        Path root = spec.file().toAbsolutePath().normalize();
        for (int i = Path.of(job.sweepPath()).getNameCount(); i > 0; i--) root = root.getParent();
        return root;
    }

    // ------------------------------------------------------------------ on the worker

    /** Where a worker gets the bytes of a travelling file: a local file holding exactly them. */
    @FunctionalInterface
    public interface FileSource {
        Path fetch(FileRef ref) throws IOException;
    }

    /**
     * Lays the job out under {@code jobsDir/ID/} (once; concurrent workers on one host share it)
     * and returns the sweep file there. Travelling files come from {@code source}; shared files
     * are checked against their hash and linked in at their relative place.
     */
    public Path materialise(Path jobsDir, FileSource source) throws IOException {
        Path dir = jobsDir.resolve(id);
        Path sweep = inside(dir, sweepPath);
        if (Files.exists(dir.resolve(".complete"))) return sweep;
        Files.createDirectories(jobsDir);
        Path tmp = Files.createTempDirectory(jobsDir, id + ".");
        try {
            Path s = inside(tmp, sweepPath);
            Files.createDirectories(s.getParent());
            Files.writeString(s, sweepText, StandardCharsets.UTF_8);
            for (FileRef f : files) {
                if (!f.travels()) {
                    Path shared = Path.of(f.shared());
                    checkShared(shared, f);
                    if (f.path() != null) {
                        Path at = inside(tmp, f.path());
                        Files.createDirectories(at.getParent());
                        Files.createSymbolicLink(at, shared);
                    }
                    continue;
                }
                Path at = inside(tmp, f.path());
                Files.createDirectories(at.getParent());
                Path cached = source.fetch(f);
                try {
                    Files.createLink(at, cached);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(cached, at, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(tmp.resolve(".complete"), id);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                if (!Files.exists(dir.resolve(".complete"))) throw e; // another worker on this host won the race
            }
        } finally {
            deleteTree(tmp);
        }
        return sweep;
    }

    /** Verified hashes of shared files: path → (size, modified, sha). */
    private static final ConcurrentHashMap<Path, String[]> SHARED_CHECKED = new ConcurrentHashMap<>();

    private static void checkShared(Path p, FileRef f) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException("shared file " + p + " (" + f.size() + " bytes, too large to travel with the sweep or named by an absolute path)"
                    + " is not on this worker; mount the same path on every worker");
        }
        long size = Files.size(p);
        FileTime mod = Files.getLastModifiedTime(p);
        String[] seen = SHARED_CHECKED.get(p);
        String sha = seen != null && seen[0].equals(Long.toString(size)) && seen[1].equals(mod.toString()) ? seen[2] : sha256(p);
        SHARED_CHECKED.put(p, new String[] {Long.toString(size), mod.toString(), sha});
        if (!sha.equals(f.sha256())) {
            throw new IOException("shared file " + p + " differs on this worker from the submitter's (SHA-256 " + sha.substring(0, 12)
                    + "..., expected " + f.sha256().substring(0, 12) + "...)");
        }
    }

    /** {@code base/relative}, refusing a path that would leave {@code base}. */
    static Path inside(Path base, String relative) {
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(base.normalize()) || Path.of(relative).isAbsolute()) {
            throw new IllegalArgumentException("sweep job: path '" + relative + "' leaves the job folder");
        }
        return p;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode yaml(Path f, String text) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(text);
            return n == null ? JSON.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(f + ": not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Every string-valued leaf of a YAML tree. */
    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) out.add(n.asText());
        else for (JsonNode c : n) out.addAll(strings(c));
        return out;
    }

    private static void addIfFile(Path dir, String s, Map<Path, Boolean> found, List<Path> toScan) {
        Path p = pathOrNull(s);
        if (p == null) return;
        Path f = dir.resolve(p).normalize();
        if (!Files.isRegularFile(f) || found.containsKey(f)) return;
        found.put(f, p.isAbsolute());
        String name = f.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) toScan.add(f);
    }

    private static Path pathOrNull(String s) {
        if (s.isBlank() || s.length() > 4096 || s.indexOf('\n') >= 0) return null;
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path commonAncestor(Path a, Path b) {
        Path r = a.getRoot();
        int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n && a.getName(i).equals(b.getName(i)); i++) r = r.resolve(a.getName(i));
        return r;
    }

    private static String slashes(Path rel) {
        return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
    }

    static String sha256(Path f) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
