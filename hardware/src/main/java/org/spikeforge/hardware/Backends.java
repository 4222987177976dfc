package org.spikeforge.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The backends on the class path, found with {@link ServiceLoader}: a backend module lists its
 * implementation in {@code META-INF/services/org.spikeforge.hardware.Backend}.
 */
public final class Backends {
    private Backends() {}

    public static List<Backend> all() {
        List<Backend> out = new ArrayList<>();
        for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) out.add(b);
        return out;
    }

    /** The backend named {@code name}, or null. */
    public static Backend byName(String name) {
        for (Backend b : all()) if (b.name().equals(name)) return b;
        return null;
    }

    public static List<String> names() {
        return all().stream().map(Backend::name).toList();
    }
}
