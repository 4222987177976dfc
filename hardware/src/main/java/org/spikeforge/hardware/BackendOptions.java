package org.spikeforge.hardware;

import java.util.Map;

/**
 * Options for compiling on a backend.
 *
 * @param threads number of worker threads (backends that are single-threaded ignore it); results
 *                must not depend on it
 * @param extra   backend-specific settings (device index, profile name, ...)
 */
public record BackendOptions(int threads, Map<String, String> extra) {
    public BackendOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        extra = Map.copyOf(extra);
    }

    public static BackendOptions defaults() {
        return new BackendOptions(1, Map.of());
    }
}
