package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.simulations.report.HtmlReport;

/** {@code spikeforge report OUT}: a self-contained one-page HTML report, {@code OUT/report.html}. */
@Command(name = "report", description = "Write OUT/report.html: scenario, summary, analysis and plots on one self-contained page.")
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "a run's output folder")
    Path out;

    @Option(names = "--window", paramLabel = "T", description = "counting window for Fano factor and correlation")
    String window;

    @Override
    public Integer call() throws IOException {
        Path f = HtmlReport.write(out, AnalyzeCommand.settings(window, null));
        spec.commandLine().getOut().println("wrote " + f);
        return 0;
    }
}
