package org.spikeforge.simulations.sweep.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast configurations of sweep workers (members) and submitters (clients). Discovery is
 * explicit TCP/IP to the listed addresses only: multicast, auto-detection and every cloud
 * discovery off; phone-home off; the REST and memcache endpoints stay off (their default);
 * Java deserialisation is limited to Hazelcast's and the JDK's own classes (the maps hold only
 * strings and byte arrays). A member listens on the one address it is given, {@code 127.0.0.1}
 * unless the user names another.
 */
public final class ClusterConfigs {
    private ClusterConfigs() {}

    /** Default member port; the next free one up to {@value #PORT_COUNT} ports above is taken if it is in use. */
    public static final int DEFAULT_PORT = 5701;
    static final int PORT_COUNT = 20;
    /** Member attribute holding the number of points a worker runs at once. */
    static final String THREADS_ATTRIBUTE = "spikeforge.threads";

    /**
     * A worker member's configuration.
     *
     * @param join      addresses of members to join ({@code host:port}); empty to start a cluster
     * @param bind      address to listen on; {@code 0.0.0.0} listens on every interface
     * @param port      first port to try
     * @param threads   points this member runs at once (published as a member attribute)
     * @param heartbeatTimeoutSeconds a member silent for this long is declared dead (a killed process
     *                  whose sockets close is detected sooner)
     */
    public static Config member(ClusterSecret secret, List<String> join, String bind, int port, int threads, int heartbeatTimeoutSeconds) {
        Config c = new Config();
        c.setClusterName(secret.hazelcastClusterName());
        common(c.getProperties());
        c.setProperty("hazelcast.shutdownhook.enabled", "false"); // the worker shuts down in its own hook, releasing its points first
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(heartbeatTimeoutSeconds));
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        c.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(threads));
        c.getJetConfig().setEnabled(false);
        c.getMetricsConfig().setEnabled(false); // no JMX beans: registering them costs seconds at start-up
        c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());

        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
        n.getRestApiConfig().setEnabled(false);
        n.getMemcacheProtocolConfig().setEnabled(false);
        String ip = ip(bind, "--bind");
        if (ip.equals("0.0.0.0")) {
            c.setProperty("hazelcast.socket.bind.any", "true");
        } else {
            c.setProperty("hazelcast.socket.bind.any", "false");
            c.setProperty("hazelcast.local.localAddress", ip);
            n.getInterfaces().setEnabled(true).setInterfaces(List.of(ip));
        }
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getAwsConfig().setEnabled(false);
        j.getGcpConfig().setEnabled(false);
        j.getAzureConfig().setEnabled(false);
        j.getKubernetesConfig().setEnabled(false);
        j.getEurekaConfig().setEnabled(false);
        List<String> members = new ArrayList<>(addresses(join, "--join"));
        if (members.isEmpty()) members.add(ip.equals("0.0.0.0") ? "127.0.0.1" : ip);
        j.getTcpIpConfig().setEnabled(true).setMembers(members).setConnectionTimeoutSeconds(3);
        return c;
    }

    /** A submitter's client configuration: connects to {@code addresses}, gives up after {@code connectTimeoutMillis}. */
    public static ClientConfig client(ClusterSecret secret, List<String> addresses, long connectTimeoutMillis) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(secret.hazelcastClusterName());
        common(c.getProperties());
        c.setProperty("hazelcast.client.statistics.enabled", "false");
        c.getMetricsConfig().setEnabled(false);
        c.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        List<String> a = addresses(addresses, "--cluster");
        if (a.isEmpty()) throw new IllegalArgumentException("--cluster: expected host:port[,host:port...] of one or more workers");
        c.getNetworkConfig().setAddresses(new ArrayList<>(a));
        c.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        c.getNetworkConfig().setSmartRouting(true);
        c.getNetworkConfig().setRedoOperation(true); // every operation of a submitter may run twice without harm
        c.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectTimeoutMillis).setInitialBackoffMillis(200).setMaxBackoffMillis(2000);
        c.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
        return c;
    }

    private static void common(java.util.Properties p) {
        p.setProperty("hazelcast.phone.home.enabled", "false");
        p.setProperty("hazelcast.logging.type", "slf4j"); // warnings and errors only (simplelogger.properties)
    }

    /** The IP address of a host name or literal, with a clear error. */
    static String ip(String host, String option) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": unknown host '" + host + "'");
        }
    }

    /** {@code host:port} entries, each checked; a bare host means port {@value #DEFAULT_PORT}. */
    static List<String> addresses(List<String> list, String option) {
        List<String> out = new ArrayList<>();
        if (list == null) return out;
        for (String raw : list) {
            for (String s : raw.split(",")) {
                s = s.strip();
                if (s.isEmpty()) continue;
                int colon = s.lastIndexOf(':');
                String host = colon < 0 ? s : s.substring(0, colon);
                int port = DEFAULT_PORT;
                if (colon >= 0) {
                    try {
                        port = Integer.parseInt(s.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                }
                if (host.isEmpty() || port < 1 || port > 65535) {
                    throw new IllegalArgumentException(option + ": '" + s + "': expected host:port with a port in 1-65535");
                }
                out.add(host + ":" + port);
            }
        }
        return out;
    }
}
