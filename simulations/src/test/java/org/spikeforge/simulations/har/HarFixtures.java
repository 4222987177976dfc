package org.spikeforge.simulations.har;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** The copied HAR fixture (src/test/resources/fixtures/har): two s01 and two s17 recordings and their windows. */
final class HarFixtures {
    private HarFixtures() {}

    static Path dir() {
        try {
            return Path.of(HarFixtures.class.getResource("/fixtures/har/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NpyArray npy(String name) throws IOException {
        return Npy.read(dir().resolve(name));
    }

    /** The reference split of the fixture: s01 (train) and s17 (test). */
    static HarSplit split() {
        return SmartwatchHar.split(dir(), List.of("s01"), List.of("s17"), WindowSpec.reference());
    }
}
