package org.spikeforge.simulations.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recording;
import org.spikeforge.simulations.recording.RecordingMetadata;

/** {@code spikeforge inspect OUT}: what a recording holds and whether its run completed. */
@Command(name = "inspect", description = "Describe the recording in OUT: channels, steps, and whether the run completed.")
final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT", description = "a run's output folder")
    Path out;

    @Override
    public Integer call() {
        var o = spec.commandLine().getOut();
        try (Recording rec = Recording.open(out)) {
            RecordingMetadata m = rec.metadata();
            long[] counts = new long[rec.channels().size()];
            long[] samples = new long[counts.length];
            long gap = -1, expect = -1, first = -1, last = -1, n = 0;
            try (Recording.Cursor c = rec.cursor()) {
                while (c.next()) {
                    if (first < 0) first = c.step();
                    if (expect >= 0 && c.step() != expect && gap < 0) gap = expect;
                    expect = c.step() + 1;
                    last = c.step();
                    n++;
                    for (int k = 0; k < counts.length; k++) {
                        int x = c.count(k);
                        if (x >= 0) {
                            counts[k] += x;
                            samples[k]++;
                        }
                    }
                }
            }
            double dt = m.dtMs();
            o.println("recording  " + rec.directory() + "  (Chronicle Queue)");
            o.printf(Locale.ROOT, "scenario   %s  (seed %d, backend %s, dt %s ms)%n", m.scenario(), m.seed(), m.backend(), num(dt));
            String status = switch (m.status()) {
                case COMPLETED -> "complete";
                case INTERRUPTED -> "incomplete (interrupted after " + m.stepsDone() + " of " + m.stepsRequested() + " steps)";
                case FAILED -> "incomplete (recording failed: " + m.error() + ")";
                case RUNNING -> "incomplete (the run did not finish: it was killed, or is still running)";
            };
            o.println("status     " + status);
            if (n == 0) {
                o.printf(Locale.ROOT, "steps      none recorded of %,d requested%n", m.stepsRequested());
            } else {
                o.printf(Locale.ROOT, "steps      %,d of %,d recorded: steps %d to %d (%s to %s ms)%n", n, m.stepsRequested(), first, last,
                        num(first * dt), num((last + 1) * dt));
                o.printf(Locale.ROOT, "flushed    last flushed step %d; every step up to it is %s%n", last,
                        gap < 0 ? "complete" : "NOT complete: step " + gap + " is missing");
            }
            for (int k = 0; k < counts.length; k++) {
                Channel ch = rec.channels().get(k);
                String what = ch.kind() == Channel.Kind.SPIKES ? String.format(Locale.ROOT, "%,d spikes", counts[k])
                        : String.format(Locale.ROOT, "%,d samples", samples[k]);
                o.printf("%s %s, %s%n", k == 0 ? "channels  " : "          ", ch, what);
            }
            return gap < 0 ? 0 : 1;
        }
    }

    static String num(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
