package org.spikeforge.simulations.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.simulations.nir.NirCommands;
import org.spikeforge.simulations.nir.NirRunOptions;

/** {@code spikeforge nir inspect|run|export}: NIR graphs from and for snnTorch, Norse, Sinabs, Rockpool, Lava, Spyx. */
@Command(name = "nir", description = "Inspect, run and export NIR graphs (Neuromorphic Intermediate Representation).",
        subcommands = {NirCommand.Inspect.class, NirCommand.Run.class, NirCommand.Export.class})
final class NirCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new UserError("nir: expected a subcommand: inspect, run or export (see 'spikeforge nir --help')");
    }

    @Command(name = "inspect", description = "Print a NIR file's nodes, types, shapes, edges and version.")
    static final class Inspect implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;

        @Override
        public Integer call() {
            var out = new java.io.ByteArrayOutputStream();
            try (var ps = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)) {
                NirCommands.inspect(file, ps);
            }
            spec.commandLine().getOut().print(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "run", description = "Run a NIR file on an input array, on the reference executor or an engine backend (--backend), and write per-node traces as NPY.")
    static final class Run implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;

        @Option(names = "--input", required = true, paramLabel = "X.npy",
                description = "input of shape (T, ...input shape) or (B, T, ...input shape), spikes or currents")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Option(names = "--dt", paramLabel = "SECONDS", description = "time step in s (default: file metadata, else 1e-4)")
        Double dt;

        @Option(names = "--reset", paramLabel = "MODE|NODE=MODE",
                description = "zero or subtract, for every node or one node (repeatable)")
        List<String> resets = new ArrayList<>();

        @Option(names = "--discretisation", paramLabel = "euler|exact") String discretisation;

        @Option(names = "--flavor", paramLabel = "nir|snntorch",
                description = "step conventions; snntorch also sets its delayed subtract reset") String flavor;

        @Option(names = "--backend", paramLabel = "NAME",
                description = "run on this engine backend (see 'spikeforge list') instead of the reference executor")
        String backend;

        @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
                description = "backend-specific setting, e.g. delivery=exact (gpu) or photonic.phase_bits=8")
        Map<String, String> backendOptions = new LinkedHashMap<>();

        @Option(names = "--threads", paramLabel = "N", description = "worker threads for multi-core backends (default 1)")
        int threads = 1;

        @Override
        public Integer call() {
            NirRunOptions o = flavor == null ? NirRunOptions.defaults() : NirRunOptions.preset(NirRunOptions.Flavor.parse(flavor));
            if (dt != null) o = o.withDt(dt);
            if (discretisation != null) o = o.withDiscretisation(NirRunOptions.Discretisation.parse(discretisation));
            for (String r : resets) o = o.withResetArgument(r);
            Backend be = null;
            if (backend != null) {
                be = Backends.byName(backend);
                if (be == null) {
                    throw new UserError("--backend: value '" + backend + "': unknown backend; available: " + String.join(", ", Backends.names()));
                }
            } else if (!backendOptions.isEmpty() || threads != 1) {
                throw new UserError("--backend-option and --threads need --backend NAME (the reference executor takes no backend options)");
            }
            NirCommands.RunResult r = NirCommands.run(file, input, o, out, be, be == null ? null : new BackendOptions(threads, backendOptions));
            var pw = spec.commandLine().getOut();
            pw.printf("ran %s at dt %s s on %s; wrote %d files to %s%n", file.getFileName(), r.dt(), r.backend(), r.files().size(), out);
            for (String note : r.notes()) pw.println("note: " + note);
            return 0;
        }
    }

    @Command(name = "export", description = "Export a scenario's network (lif, cuba_lif, if) as a NIR file.")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "SCENARIO") Path scenario;

        @Option(names = "--out", required = true, paramLabel = "FILE.nir") Path out;

        @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a scenario field, e.g. dt=0.5ms")
        java.util.Map<String, String> set = new java.util.LinkedHashMap<>();

        @Override
        public Integer call() {
            var sc = org.spikeforge.simulations.scenario.ScenarioLoader.load(scenario,
                    new org.spikeforge.simulations.scenario.ScenarioLoader.Overrides(null, null, null, null, set));
            var r = org.spikeforge.simulations.nir.NirExport.export(sc.network().graph());
            org.spikeforge.simulations.nir.NirWriter.write(r.graph(), out);
            var pw = spec.commandLine().getOut();
            pw.printf("exported %s: %d nodes, %d edges, dt %s s -> %s%n", sc.name(), r.graph().nodes().size(), r.graph().edges().size(),
                    sc.network().dtMs() * 1e-3, out);
            for (String note : r.notes()) pw.println("note: " + note);
            pw.flush();
            return 0;
        }
    }
}
