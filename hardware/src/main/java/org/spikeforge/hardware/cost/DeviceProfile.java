package org.spikeforge.hardware.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Technology figures for a cost model, read from a small text file that cites where every figure
 * comes from, so that a user can check them or bring their own.
 *
 * <p>Format: one {@code key = value} per line; {@code #} starts a comment line. Every numeric key
 * {@code k} must be accompanied by a line {@code k.source = ...} naming its source (a paper, a
 * survey, or the word "assumption" with a reason). Keys carry their unit as a suffix
 * ({@code _w}, {@code _j}, {@code _s}, {@code _db}, {@code _um}, ...). The keys {@code name} and
 * {@code description} are text. Bundled profiles live in the resource folder
 * {@code org/spikeforge/hardware/profiles/}.
 */
public final class DeviceProfile {
    public static final String RESOURCE_DIR = "/org/spikeforge/hardware/profiles/";

    private final String name;
    private final String description;
    private final String origin;
    private final Map<String, Double> values;
    private final Map<String, String> sources;

    private DeviceProfile(String name, String description, String origin, Map<String, Double> values, Map<String, String> sources) {
        this.name = name;
        this.description = description;
        this.origin = origin;
        this.values = Collections.unmodifiableMap(values);
        this.sources = Collections.unmodifiableMap(sources);
    }

    /** A bundled profile by name ({@code <name>.properties} in {@link #RESOURCE_DIR}). */
    public static DeviceProfile load(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("device profile name must be letters, digits, '_', '.', '-', was '" + name + "'");
        String resource = RESOURCE_DIR + name + ".properties";
        try (InputStream in = DeviceProfile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("device profile '" + name + "' not found (looked for resource " + resource + ")");
            return parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A profile from a file. */
    public static DeviceProfile read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r);
        } catch (IOException e) {
            throw new IllegalArgumentException("device profile " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses profile text; {@code origin} names it in error messages. */
    public static DeviceProfile parse(String origin, Reader reader) throws IOException {
        Map<String, String> raw = new LinkedHashMap<>();
        BufferedReader br = new BufferedReader(reader);
        String line;
        int no = 0;
        while ((line = br.readLine()) != null) {
            no++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            int eq = s.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(origin + ":" + no + ": expected 'key = value', got '" + s + "'");
            String key = s.substring(0, eq).strip();
            String value = s.substring(eq + 1).strip();
            if (raw.put(key, value) != null) throw new IllegalArgumentException(origin + ":" + no + ": key '" + key + "' appears twice");
        }
        String name = raw.remove("name");
        if (name == null || name.isBlank()) throw new IllegalArgumentException(origin + ": missing 'name = ...'");
        String description = raw.getOrDefault("description", "");
        raw.remove("description");
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".source")) continue;
            double v;
            try {
                v = Double.parseDouble(e.getValue());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(origin + ": figure '" + key + "' must be a number, was '" + e.getValue() + "'");
            }
            if (!Double.isFinite(v)) throw new IllegalArgumentException(origin + ": figure '" + key + "' must be finite, was " + e.getValue());
            String src = raw.get(key + ".source");
            if (src == null || src.isBlank()) {
                throw new IllegalArgumentException(origin + ": figure '" + key + "' has no '" + key + ".source = ...' line citing where it comes from");
            }
            values.put(key, v);
            sources.put(key, src);
        }
        for (String key : raw.keySet()) {
            if (key.endsWith(".source") && !values.containsKey(key.substring(0, key.length() - 7))) {
                throw new IllegalArgumentException(origin + ": '" + key + "' cites a source for a figure the profile does not define");
            }
        }
        return new DeviceProfile(name, description, origin, values, sources);
    }

    public String name() { return name; }

    public String description() { return description; }

    /** Where the profile was read from. */
    public String origin() { return origin; }

    public Set<String> keys() { return values.keySet(); }

    public boolean has(String key) { return values.containsKey(key); }

    /** The figure {@code key}; a clear error names the profile and the key when it is missing. */
    public double get(String key) {
        Double v = values.get(key);
        if (v == null) throw new IllegalArgumentException("device profile " + name + " (" + origin + "): missing figure '" + key + "'");
        return v;
    }

    /** The figure {@code key}, which must be > 0. */
    public double positive(String key) {
        double v = get(key);
        if (!(v > 0)) throw new IllegalArgumentException("device profile " + name + ": figure '" + key + "' must be > 0, was " + v);
        return v;
    }

    /** The source cited for {@code key}. */
    public String source(String key) {
        get(key);
        return sources.get(key);
    }

    /** All figures and their sources, in file order. */
    public Map<String, String> sources() { return sources; }
}
