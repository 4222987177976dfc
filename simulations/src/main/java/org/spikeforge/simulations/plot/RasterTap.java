package org.spikeforge.simulations.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.recording.Channel;
import org.spikeforge.simulations.recording.Recording;

/**
 * The raster of {@code spikeforge run}, drawn while the recording drains: a probe that keeps, during the run, the
 * spikes of the neurons the raster can show ({@link Plots#stageOneRows}: 400 at most), and when the run ends draws
 * {@code raster.png} from them on a thread of its own, while the simulator waits for the recorder to write its
 * last steps into the Chronicle queue. Before, the raster was drawn after that from the queue read back: the
 * recorder's writer (which opens the queue itself, 0.1–0.3 s of a JVM's first recording) and the raster's first
 * paint (0.2–0.3 s, mostly Java2D's and the fonts' start-up) ran one after the other on a two-core machine.
 *
 * <p>Same raster as from the recording ({@link Plots#selectRows} depends only on the sizes and on these spikes).
 * Kept only if the run completes; at most {@link #MAX_SPIKES} spikes, beyond which it stops keeping them and
 * {@link #await} returns null (the caller then draws from the recording). The arrays grow by doubling: a few
 * allocations in a run, none in most steps.
 */
public final class RasterTap implements Probe {
    /** Spikes kept at most (two ints each: 32 MB). */
    public static final int MAX_SPIKES = 1 << 22;

    private final List<Channel> channels;
    private final double dtMs;
    private final Path dir;
    private final int[][] rowOf;
    private final int[][] steps;
    private final int[][] neurons;
    private final int[] count;
    private long total;
    private boolean overflow;
    private long requested;
    private Thread painter;
    private volatile List<Path> files;
    private volatile Throwable failure;

    /** A tap of the given spike channels ({@link Plots#rasterChannels}), drawing into {@code dir}. */
    public RasterTap(List<Channel> spikeChannels, double dtMs, Path dir) {
        this.channels = List.copyOf(spikeChannels);
        this.dtMs = dtMs;
        this.dir = dir;
        int n = channels.size();
        int[] sizes = new int[n];
        for (int p = 0; p < n; p++) sizes[p] = channels.get(p).size();
        int[][] rows = Plots.stageOneRows(sizes, Plots.RASTER_ROWS);
        rowOf = new int[n][];
        steps = new int[n][];
        neurons = new int[n][];
        count = new int[n];
        for (int p = 0; p < n; p++) {
            rowOf[p] = new int[sizes[p]];
            java.util.Arrays.fill(rowOf[p], -1);
            for (int j = 0; j < rows[p].length; j++) rowOf[p][rows[p][j]] = j;
            steps[p] = new int[1024];
            neurons[p] = new int[1024];
        }
    }

    @Override public String name() { return "raster"; }

    @Override
    public void start(CompiledNetwork net, long totalSteps) {
        requested = totalSteps;
    }

    @Override
    public void record(long step, CompiledNetwork net) {
        if (overflow) return;
        for (int p = 0; p < channels.size(); p++) {
            int node = channels.get(p).node();
            int c = net.spikeCount(node);
            if (c == 0) continue;
            int[] sp = net.spikes(node), row = rowOf[p];
            for (int k = 0; k < c; k++) {
                int i = sp[k];
                if (row[i] < 0) continue;
                if (count[p] == steps[p].length) {
                    if (total >= MAX_SPIKES) {
                        overflow = true;
                        return;
                    }
                    steps[p] = java.util.Arrays.copyOf(steps[p], 2 * count[p]);
                    neurons[p] = java.util.Arrays.copyOf(neurons[p], 2 * count[p]);
                }
                steps[p][count[p]] = (int) step;
                neurons[p][count[p]++] = i;
                total++;
            }
        }
    }

    /** Starts drawing on its own thread if the run completed (and fits), so that it overlaps the other probes' finish. */
    @Override
    public void finish(long stepsDone) {
        if (overflow || stepsDone != requested || stepsDone > Integer.MAX_VALUE) return;
        List<Recording.Spikes> sp = new ArrayList<>();
        for (int p = 0; p < channels.size(); p++) {
            sp.add(new Recording.Spikes(channels.get(p), dtMs, 0, stepsDone, java.util.Arrays.copyOf(steps[p], count[p]),
                    java.util.Arrays.copyOf(neurons[p], count[p])));
        }
        painter = new Thread(() -> {
            try {
                files = Plots.saveRaster(sp, 0, stepsDone, dtMs, dir, EnumSet.of(Plots.Format.PNG));
            } catch (Throwable t) {
                failure = t;
            }
        }, "spikeforge-raster");
        painter.setDaemon(true);
        painter.start();
    }

    /**
     * Waits for the drawing; returns the files written, or null if nothing was drawn here (the run did not
     * complete, the spikes did not fit, or drawing failed), in which case the caller draws from the recording.
     */
    public List<Path> await() throws InterruptedException {
        if (painter == null) return null;
        painter.join();
        return failure == null ? files : null;
    }
}
