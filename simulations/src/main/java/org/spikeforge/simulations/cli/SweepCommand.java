package org.spikeforge.simulations.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.util.List;
import org.spikeforge.simulations.sweep.LocalPointExecutor;
import org.spikeforge.simulations.sweep.PointExecutor;
import org.spikeforge.simulations.sweep.cluster.ClusterSecret;
import org.spikeforge.simulations.sweep.cluster.HazelcastPointExecutor;
import org.spikeforge.simulations.sweep.Sweep;
import org.spikeforge.simulations.sweep.SweepSpec;

/**
 * {@code spikeforge sweep SWEEP.yaml --out DIR}: runs a scenario over a grid or a random sample
 * of parameters on the local cores ({@link Sweep}, file format in {@link SweepSpec}), or with
 * {@code --cluster host:port,...} on a cluster of {@code spikeforge worker}s
 * ({@link HazelcastPointExecutor}). Local threads are the default: they start in no time, whereas
 * an embedded single Hazelcast member would add its start-up (1.2 s with its classes loaded, 15 s
 * cold on the project's loaded 2-core machine) for nothing a thread pool lacks on one machine.
 */
@Command(name = "sweep", description = {"Run a scenario over a grid or random sample of parameters (co-design sweep).",
        "Writes DIR/results.csv (one row per point; a rerun skips the points already there) and DIR/plots/*.png."})
final class SweepCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "sweep file (YAML): scenario, parameters, metrics")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/<sweep file name>)")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "points run at once (default: all cores)")
    Integer threads;

    @Option(names = "--cluster", paramLabel = "HOST:PORT", split = ",",
            description = "run the points on a cluster of 'spikeforge worker's (any of them; default: local threads)")
    List<String> cluster;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "with --cluster: its name (default spikeforge)")
    String clusterName = ClusterSecret.DEFAULT_NAME;

    @Option(names = "--token-file", paramLabel = "FILE", description = "with --cluster: file holding the cluster token (default: $" + ClusterSecret.ENV + ")")
    Path tokenFile;

    @Option(names = "--connect-timeout", paramLabel = "S", description = "with --cluster: seconds to wait for a worker to accept (default 30)")
    double connectTimeout = 30;

    @Option(names = "--point-timeout", paramLabel = "T",
            description = "with --cluster: time with unit after which a point still running on a live worker is run again elsewhere "
                    + "(a hung worker keeps no point for ever; default: no limit)")
    String pointTimeout;

    @Option(names = "--check", description = "validate the sweep file and list its points, run nothing")
    boolean check;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        SweepSpec s = SweepSpec.load(sweepFile);
        Path dir = out != null ? out : Path.of("out", sweepFile.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        var stdout = spec.commandLine().getOut();
        if (threads != null && threads < 1) throw new UserError("--threads: expected an integer >= 1, was " + threads);
        if (check) {
            Sweep.validate(s);
            stdout.println(sweepFile + ": valid; " + Sweep.plan(s).size() + " points, metrics "
                    + String.join(", ", s.metrics().stream().map(m -> m.label()).toList()));
            return 0;
        }
        if (cluster != null && threads != null) {
            throw new UserError("--threads: with --cluster each worker sets its own (spikeforge worker --threads N)");
        }
        if (cluster == null && tokenFile != null) throw new UserError("--token-file: only with --cluster");
        if (cluster == null && pointTimeout != null) throw new UserError("--point-timeout: only with --cluster");
        long timeoutMs = 0;
        if (pointTimeout != null) {
            double ms;
            try {
                ms = org.spikeforge.simulations.scenario.Quantity.parse(pointTimeout, org.spikeforge.neurons.Dimension.TIME);
            } catch (RuntimeException e) {
                throw new UserError("--point-timeout: value '" + pointTimeout + "': expected a time with unit, e.g. 10min or 600s");
            }
            if (!(ms > 0)) throw new UserError("--point-timeout: value '" + pointTimeout + "': expected a time > 0");
            timeoutMs = Math.max(1, Math.round(ms));
        }
        if (!(connectTimeout > 0)) throw new UserError("--connect-timeout: expected seconds > 0, was " + connectTimeout);
        PointExecutor exec;
        String where;
        if (cluster != null) {
            ClusterSecret secret = ClusterSecret.load(clusterName, tokenFile, System.getenv());
            HazelcastPointExecutor h = HazelcastPointExecutor.connect(secret, cluster, Math.round(connectTimeout * 1000)).pointTimeout(timeoutMs);
            exec = h;
            where = String.format(Locale.ROOT, "cluster '%s' (%d workers, %d threads)", secret.name(), h.workers(), h.parallelism());
        } else {
            exec = threads != null ? new LocalPointExecutor(threads) : LocalPointExecutor.allCores();
            where = exec.parallelism() + " threads";
        }
        Sweep.Outcome o;
        long t0 = System.nanoTime();
        try (exec) {
            Bar bar = !quiet && ProgressBar.terminalAttached() ? new Bar(System.err) : null;
            o = Sweep.run(s, dir, exec, bar != null ? bar : Sweep.Progress.NONE);
            if (bar != null) bar.finish();
        }
        if (!quiet) {
            stdout.printf(Locale.ROOT, "sweep %s: %d points (%d already done, %d run, %d failed) on %s in %.1f s%n", sweepFile.getFileName(),
                    o.points(), o.skipped(), o.ran(), o.failed(), where, (System.nanoTime() - t0) * 1e-9);
            stdout.println("  results  " + o.results());
            stdout.println("  plots    " + o.plots().size() + " in " + dir.resolve("plots"));
        }
        if (o.failed() > 0) {
            spec.commandLine().getErr().println("spikeforge: " + o.failed() + " point(s) failed; see " + dir.resolve("failures.log")
                    + " (a rerun retries them)");
            return 1;
        }
        return 0;
    }

    /** {@code [#####.....]  12/40 points  1 failed  ETA 30 s}, redrawn at most ten times a second. */
    private static final class Bar implements Sweep.Progress {
        private final PrintStream err;
        private final long start = System.nanoTime();
        private long last;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void update(int done, int total, int failed) {
            long now = System.nanoTime();
            if (now - last < 100_000_000L && done < total) return;
            last = now;
            double f = total == 0 ? 1 : (double) done / total;
            int w = 30, filled = (int) Math.round(f * w);
            double elapsed = (now - start) * 1e-9, eta = f > 0 ? elapsed * (1 - f) / f : 0;
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d points%s  ETA %.0f s ", "#".repeat(filled), ".".repeat(w - filled), done, total,
                    failed > 0 ? "  " + failed + " failed" : "", eta);
            err.flush();
        }

        void finish() {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
        }
    }
}
