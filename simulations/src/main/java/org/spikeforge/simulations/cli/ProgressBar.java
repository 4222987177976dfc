package org.spikeforge.simulations.cli;

import java.io.PrintStream;
import org.spikeforge.simulations.Simulator;

/**
 * A one-line progress bar on a terminal ({@code [#######.....]  58%  580/1000 ms  ETA 3 s}),
 * redrawn at most ten times a second. Disabled when standard error is not a terminal.
 */
final class ProgressBar implements Simulator.Progress {
    private final PrintStream out;
    private final double dtMs;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream out, double dtMs) {
        this.out = out;
        this.dtMs = dtMs;
    }

    static boolean terminalAttached() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void update(long done, long total) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) return;
        double elapsed = (now - startNanos) * 1e-9;
        if (elapsed < 0.5 && done < total) return; // short runs stay quiet
        lastDraw = now;
        drawn = true;
        int width = 30;
        double f = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(f * width);
        double eta = f > 0 ? elapsed * (1 - f) / f : 0;
        out.printf("\r[%s%s] %3.0f%%  %.0f/%.0f ms  ETA %.0f s ", "#".repeat(filled), ".".repeat(width - filled), f * 100,
                done * dtMs, total * dtMs, eta);
        out.flush();
    }

    void finish() {
        if (drawn) {
            out.print("\r" + " ".repeat(72) + "\r");
            out.flush();
        }
    }
}
