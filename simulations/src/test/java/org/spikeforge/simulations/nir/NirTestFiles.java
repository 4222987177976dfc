package org.spikeforge.simulations.nir;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the copied fixtures under {@code src/test/resources/fixtures}. */
final class NirTestFiles {
    private NirTestFiles() {}

    static Path nir(String name) { return resource("/fixtures/nir/" + name); }

    static Path snntorch(String name) { return resource("/fixtures/nir-snntorch/" + name); }

    static Path resource(String path) {
        URL url = NirTestFiles.class.getResource(path);
        if (url == null) throw new IllegalStateException("missing test resource " + path);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
