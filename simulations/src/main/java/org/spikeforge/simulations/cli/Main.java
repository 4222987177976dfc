package org.spikeforge.simulations.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.spikeforge.simulations.nir.NirFormatException;
import org.spikeforge.simulations.scenario.ScenarioException;

/** The {@code spikeforge} command line. Exit codes: 0 success, 1 internal error, 2 bad input. */
@Command(name = "spikeforge", mixinStandardHelpOptions = true, version = "SpikeForge 0.1.0",
        description = "Neuromorphic spiking-network simulator with hardware co-design backends.",
        subcommands = {RunCommand.class, ListCommand.class, InspectCommand.class, ExportCommand.class,
            AnalyzeCommand.class, PlotCommand.class, ReportCommand.class, NirCommand.class, DevicesCommand.class,
            HarCommand.class, ProfileCommand.class, SweepCommand.class, EncodeCommand.class, DecodeCommand.class,
            ConvertCommand.class, EvaluateCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static final int USER_ERROR = 2;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
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
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("spikeforge: error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USER_ERROR;
        });
        return cl;
    }
}
