package org.spikeforge.simulations.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a sweep: a value for every swept parameter. Its {@link #id} is a hash of all its
 * settings (the swept values and the sweep's fixed settings), so a point already in the results
 * table is recognised when a sweep resumes, whatever the order of the points. Plain data, so that
 * an executor can ship it to another machine.
 *
 * @param id     first 16 hex digits of the SHA-256 of the sorted {@code name=value} lines
 * @param values parameter name → value, in the sweep's parameter order
 */
public record SweepPoint(String id, Map<String, String> values) {

    public SweepPoint {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The point with these values, keyed by the hash of the values and the fixed settings. */
    public static SweepPoint of(Map<String, String> values, Map<String, String> fixed) {
        TreeMap<String, String> all = new TreeMap<>(fixed);
        all.putAll(values);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : all.entrySet()) b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return new SweepPoint(HexFormat.of().formatHex(h, 0, 8), values);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
