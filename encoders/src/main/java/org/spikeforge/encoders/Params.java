package org.spikeforge.encoders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values checked against a list of {@link ParamSpec}s: every name known, every value of
 * the right kind, defaults filled in. Range checks belong to the records the values build.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Resolves {@code given} against {@code specs}. Unknown names, missing required values and values
     * of the wrong kind are errors naming the parameter (and, for unknown names, listing the known).
     */
    public static Params resolve(List<ParamSpec> specs, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : given.keySet()) {
            if (specs.stream().noneMatch(p -> p.name().equals(k))) {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; known: "
                        + specs.stream().map(ParamSpec::name).toList());
            }
        }
        for (ParamSpec p : specs) {
            Object v = given.get(p.name());
            if (v == null) {
                if (p.defaultValue() == null) throw new IllegalArgumentException("missing required parameter '" + p.name() + "' (" + p.meaning() + ")");
                out.put(p.name(), p.defaultValue());
            } else {
                out.put(p.name(), p.convert(v));
            }
        }
        return new Params(out);
    }

    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    /** An integer parameter that must fit an int; the message names it otherwise. */
    public int integer(String name) {
        long v = ((Number) get(name)).longValue();
        if (v != (int) v) throw new IllegalArgumentException(name + " = " + v + " is too large");
        return (int) v;
    }

    public long longValue(String name) {
        return ((Number) get(name)).longValue();
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String choice(String name) {
        return (String) get(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) throw new IllegalStateException("no parameter '" + name + "' in the spec");
        return v;
    }

    /** The resolved values, defaults included, in spec order. */
    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
