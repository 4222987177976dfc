package org.spikeforge.simulations.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A recording on disk, read back: its {@link RecordingMetadata} and the steps in its queue. Open one
 * with {@link #open(Path)} on a run's output folder (or its {@code recording/} folder), then iterate
 * with {@link #cursor()} or collect with {@link #spikes} and {@link #state}.
 *
 * <pre>{@code
 * try (Recording rec = Recording.open(Path.of("out/cuba"));
 *      Recording.Cursor c = rec.cursor()) {
 *     int exc = rec.channelIndex("exc_spikes");
 *     while (c.next()) {
 *         for (int k = 0; k < c.count(exc); k++) use(c.step(), c.value(exc, k));
 *     }
 * }
 * }</pre>
 *
 * <p>Only complete documents are read: a run killed mid-write reads back up to its last committed step.
 */
public final class Recording implements AutoCloseable {
    static {
        ChronicleSetup.init();
    }

    private final Path dir;
    private final RecordingMetadata metadata;
    private final ChronicleQueue queue;
    private long lastStep = Long.MIN_VALUE;
    private long firstStep = -1;
    private long stepCount;

    private Recording(Path dir, RecordingMetadata metadata, ChronicleQueue queue) {
        this.dir = dir;
        this.metadata = metadata;
        this.queue = queue;
    }

    /**
     * Opens the recording in {@code path}: a run's output folder holding {@code recording/}, or the
     * recording folder itself.
     *
     * @throws IllegalArgumentException if {@code path} holds no recording (one line, naming the path)
     */
    public static Recording open(Path path) {
        Path dir = Files.isRegularFile(path.resolve(Recorder.METADATA_FILE)) ? path : path.resolve("recording");
        Path meta = dir.resolve(Recorder.METADATA_FILE);
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + ": no such directory; expected a run's output folder (spikeforge run --out DIR)");
        }
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException(path + ": not a recording: expected " + path.resolve("recording").resolve(Recorder.METADATA_FILE)
                    + " (written by 'spikeforge run' for scenarios with probes)");
        }
        RecordingMetadata m = RecordingMetadata.read(meta);
        Path q = dir.resolve(Recorder.QUEUE_DIR);
        if (!Files.isDirectory(q)) throw new IllegalArgumentException(dir + ": not a recording: its queue folder " + q + " is missing");
        ChronicleQueue queue = SingleChronicleQueueBuilder.binary(q.toFile()).readOnly(true).build();
        return new Recording(dir, m, queue);
    }

    public Path directory() { return dir; }

    public RecordingMetadata metadata() { return metadata; }

    public double dtMs() { return metadata.dtMs(); }

    public List<Channel> channels() { return metadata.channels(); }

    /** Index of the channel called {@code name} in the step records. */
    public int channelIndex(String name) {
        List<Channel> cs = metadata.channels();
        for (int k = 0; k < cs.size(); k++) if (cs.get(k).name().equals(name)) return k;
        throw new IllegalArgumentException("no channel '" + name + "' in " + dir + "; recorded: " + channelNames());
    }

    private String channelNames() {
        List<String> n = new ArrayList<>();
        for (Channel c : metadata.channels()) n.add(c.name());
        return String.join(", ", n);
    }

    /** Last step with a complete record in the queue, or -1 if none (scans the queue once). */
    public long lastStep() {
        scan();
        return lastStep;
    }

    /** First recorded step, or -1 if none. */
    public long firstStep() {
        scan();
        return firstStep;
    }

    /** Number of complete step records. */
    public long steps() {
        scan();
        return stepCount;
    }

    /** Recorded time span in ms: from the start of the first step to the end of the last. */
    public double endMs() {
        return (lastStep() + 1) * dtMs();
    }

    /**
     * Verifies that every record up to the last is present exactly once and in order, and returns the
     * first missing step, or -1 if the recording is contiguous.
     */
    public long firstGap() {
        try (Cursor c = cursor()) {
            long expect = -1;
            while (c.next()) {
                if (expect >= 0 && c.step() != expect) return expect;
                expect = c.step() + 1;
            }
        }
        return -1;
    }

    private void scan() {
        if (lastStep != Long.MIN_VALUE) return;
        long last = -1, first = -1, n = 0;
        try (Cursor c = cursor()) {
            while (c.next()) {
                if (first < 0) first = c.step();
                last = c.step();
                n++;
            }
        }
        lastStep = last;
        firstStep = first;
        stepCount = n;
    }

    /** A cursor over the step records, from the first. Reuses its buffers: no allocation per step. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Walks the step records in order; values are valid until the next {@link #next()}. */
    public final class Cursor implements AutoCloseable {
        private final ExcerptTailer tailer = queue.createTailer();
        private final int channels = metadata.channels().size();
        private final int[] offset = new int[channels];
        private final int[] count = new int[channels];
        private int[] doc = new int[1024];
        private byte[] raw = new byte[4096];
        private int docLen;
        private int pos;
        private long step = -1;

        private Cursor() {}

        /** Moves to the next complete step record; false at the end. */
        public boolean next() {
            while (pos >= docLen) {
                if (!readDocument()) return false;
            }
            if (pos + 3 > docLen) throw corrupt("truncated step header");
            step = (doc[pos] & 0xFFFF_FFFFL) | ((long) doc[pos + 1] << 32);
            int nc = doc[pos + 2];
            if (nc != channels) {
                throw new IllegalStateException(dir + ": record of step " + step + " has " + nc + " channels, metadata says " + channels);
            }
            int at = pos + 3;
            for (int k = 0; k < channels; k++) {
                if (at >= docLen) throw corrupt("truncated channel " + k);
                int c = doc[at++];
                count[k] = c;
                offset[k] = at;
                if (c > 0) at += c;
            }
            if (at > docLen) throw corrupt("truncated payload");
            pos = at;
            return true;
        }

        private IllegalStateException corrupt(String what) {
            return new IllegalStateException(dir + ": corrupt record after step " + step + ": " + what);
        }

        /** Copies the next data document's ints into {@code doc}; false if there is none (yet). */
        private boolean readDocument() {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) return false;
                if (!dc.isData()) {
                    docLen = 0;
                    pos = 0;
                    return true;
                }
                Bytes<?> b = dc.wire().bytes();
                int n = (int) (b.readRemaining() / 4);
                if (n > doc.length) doc = new int[Math.max(n, doc.length * 2)];
                if (raw.length < 4 * n) raw = new byte[Math.max(4 * n, 2 * raw.length)];
                b.read(raw, 0, 4 * n); // in bulk, then viewed as native-order ints (as the Recorder wrote them)
                java.nio.ByteBuffer.wrap(raw, 0, 4 * n).order(java.nio.ByteOrder.nativeOrder()).asIntBuffer().get(doc, 0, n);
                docLen = n;
                pos = 0;
                return true;
            }
        }

        public long step() { return step; }

        /** Spikes of a spike channel in this step; sampled neurons of a state channel, or -1 if not sampled. */
        public int count(int channel) { return count[channel]; }

        /** The {@code k}-th spiking neuron of spike channel {@code channel} (ascending). */
        public int neuron(int channel, int k) { return doc[offset[channel] + k]; }

        /** The {@code k}-th sampled value of state channel {@code channel}. */
        public float value(int channel, int k) { return Float.intBitsToFloat(doc[offset[channel] + k]); }

        @Override
        public void close() {
            tailer.close();
        }
    }

    /** Spikes of one channel: parallel arrays in step order, neurons ascending within a step. */
    public record Spikes(Channel channel, double dtMs, long fromStep, long toStep, int[] steps, int[] neurons) {
        public int count() { return steps.length; }

        /** Spike time of spike {@code k}, ms ({@code step·dt}). */
        public double timeMs(int k) { return steps[k] * dtMs; }
    }

    /** Samples of one state channel: {@code values[k·neurons + j]} is neuron {@code channel.neurons()[j]} in sample {@code k}. */
    public record StateSeries(Channel channel, double dtMs, int[] steps, float[] values) {
        public int samples() { return steps.length; }

        /** Time of sample {@code k}, ms: the state at the end of its step, {@code (step+1)·dt}. */
        public double timeMs(int k) { return (steps[k] + 1) * dtMs; }
    }

    /** Spikes of every spike channel in steps {@code [fromStep, toStep)}, by channel name, in one pass. */
    public Map<String, Spikes> spikes(long fromStep, long toStep) {
        List<Channel> cs = metadata.channels();
        int n = cs.size();
        int[][] st = new int[n][], ne = new int[n][];
        int[] len = new int[n];
        for (int k = 0; k < n; k++) {
            st[k] = new int[256];
            ne[k] = new int[256];
        }
        try (Cursor c = cursor()) {
            while (c.next()) {
                long s = c.step();
                if (s < fromStep) continue;
                if (s >= toStep) break;
                for (int k = 0; k < n; k++) {
                    if (cs.get(k).kind() != Channel.Kind.SPIKES) continue;
                    int m = c.count(k);
                    if (len[k] + m > st[k].length) {
                        int cap = Math.max(len[k] + m, st[k].length * 2);
                        st[k] = Arrays.copyOf(st[k], cap);
                        ne[k] = Arrays.copyOf(ne[k], cap);
                    }
                    for (int j = 0; j < m; j++) {
                        st[k][len[k] + j] = Math.toIntExact(s);
                        ne[k][len[k] + j] = c.neuron(k, j);
                    }
                    len[k] += m;
                }
            }
        }
        Map<String, Spikes> out = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            Channel ch = cs.get(k);
            if (ch.kind() == Channel.Kind.SPIKES) {
                out.put(ch.name(), new Spikes(ch, dtMs(), fromStep, toStep, Arrays.copyOf(st[k], len[k]), Arrays.copyOf(ne[k], len[k])));
            }
        }
        return out;
    }

    /** All spikes of every spike channel. */
    public Map<String, Spikes> spikes() {
        return spikes(0, lastStep() + 1);
    }

    /** Samples of state channel {@code name} taken in steps {@code [fromStep, toStep)}. */
    public StateSeries state(String name, long fromStep, long toStep) {
        int k = channelIndex(name);
        Channel ch = metadata.channels().get(k);
        if (ch.kind() != Channel.Kind.STATE) throw new IllegalArgumentException("channel '" + name + "' records spikes, not state");
        int w = ch.sampledNeurons();
        int[] steps = new int[64];
        float[] values = new float[64 * w];
        int n = 0;
        try (Cursor c = cursor()) {
            while (c.next()) {
                long s = c.step();
                if (s < fromStep) continue;
                if (s >= toStep) break;
                if (c.count(k) < 0) continue;
                if (n == steps.length) {
                    steps = Arrays.copyOf(steps, n * 2);
                    values = Arrays.copyOf(values, n * 2 * w);
                }
                steps[n] = Math.toIntExact(s);
                for (int j = 0; j < w; j++) values[n * w + j] = c.value(k, j);
                n++;
            }
        }
        return new StateSeries(ch, dtMs(), Arrays.copyOf(steps, n), Arrays.copyOf(values, n * w));
    }

    @Override
    public void close() {
        queue.close();
    }
}
