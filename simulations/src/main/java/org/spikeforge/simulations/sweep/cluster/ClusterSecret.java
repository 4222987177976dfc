package org.spikeforge.simulations.sweep.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of a sweep cluster: a cluster name and a token that every worker and every
 * submitter must hold. The open-source edition of Hazelcast authenticates members and clients by
 * cluster name only, so the secret is enforced in two layers:
 *
 * <ol>
 *   <li><b>Join and connect.</b> The name Hazelcast sees is {@link #hazelcastClusterName()}: the
 *       user's name followed by an HMAC-SHA256 of it under the token. A member or client without
 *       the token cannot compute it, so Hazelcast itself refuses its join request or its client
 *       authentication.</li>
 *   <li><b>Every task and every result.</b> Jobs, tasks and outcomes are stored
 *       {@linkplain #seal sealed}: prefixed with an HMAC of their text under the token. A worker
 *       runs nothing whose seal does not verify, and a submitter accepts no result whose seal does
 *       not verify. A party that learnt the derived cluster name (it crosses the network in clear
 *       text, as open-source Hazelcast has no TLS) can therefore connect, read and delete entries,
 *       but it cannot make a worker run a sweep of its own nor forge a result.</li>
 * </ol>
 *
 * The token is read from a file ({@code --token-file}) or from the environment variable
 * {@value #ENV}; it must be at least {@value #MIN_TOKEN_LENGTH} characters long.
 */
public final class ClusterSecret {
    /** Environment variable holding the token when no token file is given. */
    public static final String ENV = "SPIKEFORGE_CLUSTER_TOKEN";
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final String DEFAULT_NAME = "spikeforge";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String name;
    private final SecretKeySpec key;

    private ClusterSecret(String name, byte[] token) {
        this.name = name;
        this.key = new SecretKeySpec(token, "HmacSHA256");
    }

    /** The secret for cluster {@code name} with this token. */
    public static ClusterSecret of(String name, String token) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cluster name '" + name + "': expected 1-64 letters, digits, '.', '_' or '-'");
        }
        if (token == null || token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("cluster token: expected at least " + MIN_TOKEN_LENGTH + " characters, got "
                    + (token == null ? 0 : token.strip().length()) + " (generate one with: openssl rand -hex 32)");
        }
        return new ClusterSecret(name, token.strip().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The secret from {@code tokenFile} if given, else from {@value #ENV} in {@code env}; a clear
     * error when neither holds a token.
     */
    public static ClusterSecret load(String name, Path tokenFile, Map<String, String> env) {
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--token-file " + tokenFile + ": file not found");
            } catch (IOException e) {
                throw new IllegalArgumentException("--token-file " + tokenFile + ": cannot read (" + e.getMessage() + ")");
            }
            if (token.isBlank()) throw new IllegalArgumentException("--token-file " + tokenFile + ": the file is empty; expected the cluster token");
        } else {
            token = env.get(ENV);
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("no cluster secret: set the environment variable " + ENV
                        + " or give --token-file FILE (the same token on every worker and submitter; e.g. openssl rand -hex 32)");
            }
        }
        return of(name, token);
    }

    /** The cluster name the user chose. */
    public String name() {
        return name;
    }

    /** The cluster name given to Hazelcast: {@code NAME-} and 16 hex digits of HMAC(token, NAME). */
    public String hazelcastClusterName() {
        return name + "-" + mac("spikeforge-cluster-name\n" + name).substring(0, 16);
    }

    /** HMAC-SHA256 of {@code text} under the token, in hex. */
    public String mac(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return HexFormat.of().formatHex(m.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * {@code text} bound to {@code context} (the map key it is stored under, so that a sealed entry
     * cannot be replayed under another key): the MAC, a newline, the text.
     */
    public String seal(String context, String text) {
        return mac(context + "\n" + text) + "\n" + text;
    }

    /** The text of a sealed entry stored under {@code context}, or null when its seal does not verify. */
    public String open(String context, String sealed) {
        int nl = sealed.indexOf('\n');
        if (nl != 64) return null;
        String text = sealed.substring(nl + 1);
        byte[] expected = mac(context + "\n" + text).getBytes(StandardCharsets.US_ASCII);
        byte[] given = sealed.substring(0, nl).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? text : null;
    }

    /** The text after the seal, unverified (to read a refusal from a worker that lacks the token). */
    static String unverifiedText(String sealed) {
        int nl = sealed.indexOf('\n');
        return nl < 0 ? sealed : sealed.substring(nl + 1);
    }

    @Override
    public String toString() {
        return "ClusterSecret[" + name + "]"; // never the token
    }
}
