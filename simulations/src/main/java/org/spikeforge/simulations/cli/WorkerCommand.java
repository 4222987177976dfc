package org.spikeforge.simulations.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.simulations.sweep.cluster.ClusterConfigs;
import org.spikeforge.simulations.sweep.cluster.ClusterSecret;
import org.spikeforge.simulations.sweep.cluster.SweepWorker;

/**
 * {@code spikeforge worker --join host:port,... [--threads N] [--bind ADDR]}: a member of a sweep
 * cluster ({@link SweepWorker}) that runs points submitted with {@code spikeforge sweep --cluster}
 * until it is stopped (Ctrl-C or SIGTERM releases its points to the other workers).
 */
@Command(name = "worker", description = {"Run sweep points for a cluster (Hazelcast member); stop with Ctrl-C.",
        "Needs the cluster secret: " + ClusterSecret.ENV + " or --token-file, the same on every worker and submitter.",
        "Listens on --bind (default 127.0.0.1, this machine only); give the address other machines reach to serve them."})
final class WorkerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
            description = "workers to join (omit on the first worker of a new cluster)")
    List<String> join = List.of();

    @Option(names = "--threads", paramLabel = "N", description = "points run at once (default: all cores)")
    Integer threads;

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
    String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "first port to try; the next free one is taken if in use (default 5701)")
    int port = ClusterConfigs.DEFAULT_PORT;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name (default spikeforge)")
    String clusterName = ClusterSecret.DEFAULT_NAME;

    @Option(names = "--token-file", paramLabel = "FILE", description = "file holding the cluster token (default: $" + ClusterSecret.ENV + ")")
    Path tokenFile;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "cache of fetched files and job folders (default ~/.cache/spikeforge/worker)")
    Path workDir;

    @Option(names = "--heartbeat-timeout", paramLabel = "S", description = "seconds of silence after which a worker is declared lost (default 20)")
    int heartbeatTimeout = 20;

    @Option(names = "--cache-days", paramLabel = "D",
            description = "at start, delete cached job folders and fetched files unused for D days (default ${DEFAULT-VALUE}; 0 keeps all)")
    double cacheDays = 7;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) throw new UserError("--threads: expected an integer >= 1, was " + n);
        if (port < 1 || port > 65535) throw new UserError("--port: expected 1-65535, was " + port);
        if (heartbeatTimeout < 2) throw new UserError("--heartbeat-timeout: expected at least 2 seconds, was " + heartbeatTimeout);
        ClusterSecret secret = ClusterSecret.load(clusterName, tokenFile, System.getenv());
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("user.home"), ".cache", "spikeforge", "worker");
        var out = spec.commandLine().getOut();
        if (cacheDays < 0) throw new UserError("--cache-days: expected days >= 0, was " + cacheDays);
        SweepWorker.pruneCache(dir, cacheDays, quiet ? null : out::println);
        SweepWorker w = SweepWorker.start(secret, join, bind, port, n, dir, heartbeatTimeout, quiet ? null : line -> {
            out.println(line);
            out.flush();
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            w.close();
            stopped.countDown();
        }, "spikeforge-worker-shutdown"));
        // one line a launcher can parse: the member id and address
        spec.commandLine().getOut().printf("spikeforge worker %s listening on %s, cluster '%s', %d member(s), %d thread(s)%n",
                w.memberId(), w.address(), secret.name(), w.members(), n);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
