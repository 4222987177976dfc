package org.spikeforge.simulations.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest {
    @TempDir Path dir;

    static final String TOKEN = "0123456789abcdef-token";

    @Test
    void clusterNameHidesTheTokenButDependsOnIt() {
        ClusterSecret a = ClusterSecret.of("lab", TOKEN), b = ClusterSecret.of("lab", TOKEN + "x");
        assertEquals(a.hazelcastClusterName(), ClusterSecret.of("lab", TOKEN).hazelcastClusterName(), "deterministic");
        assertNotEquals(a.hazelcastClusterName(), b.hazelcastClusterName(), "another token, another name");
        assertTrue(a.hazelcastClusterName().matches("lab-[0-9a-f]{16}"), a.hazelcastClusterName());
        assertTrue(!a.hazelcastClusterName().contains(TOKEN) && !a.toString().contains(TOKEN), "the token is never shown");
    }

    /**
     * The MAC is standard HMAC-SHA256, as an independent implementation computes it:
     * {@code python3 -c "import hmac,hashlib; print(hmac.new(b'0123456789abcdef-token',
     * b'what do ya want for nothing?', hashlib.sha256).hexdigest())"}.
     */
    @Test
    void macIsHmacSha256() {
        assertEquals("dfffcb91fa97981b094703a09e86211d42d59e5b9f55e2768ede083975d94f0e",
                ClusterSecret.of("lab", TOKEN).mac("what do ya want for nothing?"));
    }

    @Test
    void aSealOpensOnlyWithTheSameTokenTextAndKey() {
        ClusterSecret s = ClusterSecret.of("lab", TOKEN);
        String sealed = s.seal("job/point", "{\"x\":1}");
        assertEquals("{\"x\":1}", s.open("job/point", sealed));
        assertNull(s.open("job/other", sealed), "replayed under another key");
        assertNull(s.open("job/point", sealed.replace("1}", "2}")), "altered text");
        assertNull(ClusterSecret.of("lab", TOKEN + "x").open("job/point", sealed), "another token");
        assertNull(s.open("job/point", "{\"x\":1}"), "no seal at all");
    }

    @Test
    void tokenComesFromTheFileElseTheEnvironmentAndMustBeLongEnough() throws Exception {
        Path f = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        assertEquals(ClusterSecret.of("lab", TOKEN).hazelcastClusterName(),
                ClusterSecret.load("lab", f, Map.of(ClusterSecret.ENV, "ignored-when-a-file-is-given")).hazelcastClusterName());
        assertEquals(ClusterSecret.of("lab", TOKEN).hazelcastClusterName(),
                ClusterSecret.load("lab", null, Map.of(ClusterSecret.ENV, TOKEN)).hazelcastClusterName());
        var none = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.load("lab", null, Map.of()));
        assertTrue(none.getMessage().contains(ClusterSecret.ENV) && none.getMessage().contains("--token-file"), none.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.load("lab", dir.resolve("nope"), Map.of()));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
        var shortToken = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of("lab", "short"));
        assertTrue(shortToken.getMessage().contains("at least 16"), shortToken.getMessage());
        var badName = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of("my lab", TOKEN));
        assertTrue(badName.getMessage().contains("'my lab'"), badName.getMessage());
    }
}
