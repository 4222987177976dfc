package org.spikeforge.simulations.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.spikeforge.simulations.nir.NirFormatException;
import org.spikeforge.simulations.scenario.ScenarioException;

/** The {@code spikeforge} command line. Exit codes: 0 success, 1 internal error, 2 bad input. */
@Command(name = "spikeforge", mixinStandardHelpOptions = true, version = "SpikeForge 0.1.0",
        description = "Neuromorphic spiking-network simulator with hardware co-design backends.")
public final class Main {

    public static final int USER_ERROR = 2;

    /**
     * The subcommands, in help order. They are registered with picocli here rather than in the
     * {@code @Command} annotation so that a command line naming one of them builds only that one's model:
     * building all seventeen cost about 0.15 s of start-up (BENCHMARKS.md, "Whole-process time").
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ListCommand.class, InspectCommand.class,
            ExportCommand.class, AnalyzeCommand.class, PlotCommand.class, ReportCommand.class, NirCommand.class,
            DevicesCommand.class, HarCommand.class, ProfileCommand.class, SweepCommand.class, EncodeCommand.class,
            DecodeCommand.class, ConvertCommand.class, EvaluateCommand.class, WorkerCommand.class);
    /**
     * Their names, in the same order (a test checks them against the annotations): reading the seventeen
     * {@code @Command} annotations to find the one named cost about 40 ms of every start.
     */
    static final List<String> NAMES = List.of("run", "list", "inspect", "export", "analyze", "plot", "report", "nir",
            "devices", "har", "profile", "sweep", "encode", "decode", "convert", "evaluate", "worker");

    public static void main(String[] args) {
        // picocli's default factory otherwise looks for Groovy's Closure class at start: a class that is not there
        // makes the class loader open every jar of the class path, 50-80 ms on the main thread (picocli's documented
        // switch; SpikeForge has no Groovy scripts)
        System.setProperty("picocli.disable.closures", "true");
        Warmup.start(args);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The full command line, with every subcommand (for help and completion). */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: only the named subcommand when the first argument names one,
     * else all of them (help, version, errors then list every command as before).
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        int named = args.length > 0 ? NAMES.indexOf(args[0]) : -1;
        Class<?> only = named >= 0 ? SUBCOMMANDS.get(named) : null;
        if (only != null) {
            cl.addSubcommand(only);
        } else {
            for (Class<?> c : SUBCOMMANDS) cl.addSubcommand(c);
            cl.addSubcommand(new CommandLine.HelpCommand());
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof ScenarioException || ex instanceof UserError || ex instanceof NirFormatException
                    || ex instanceof IllegalArgumentException) {
                err.println("spikeforge: error: " + ex.getMessage());
                return USER_ERROR;
            }
            err.println("spikeforge: internal error: " + ex);
            if (System.getenv("SPIKEFORGE_DEBUG") != null) ex.printStackTrace(err);
            else err.println("(set SPIKEFORGE_DEBUG=1 to see the stack trace)");
            return 1;
        });
        cl.setParameterExceptionHandler((ex, rest) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("spikeforge: error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USER_ERROR;
        });
        return cl;
    }
}
