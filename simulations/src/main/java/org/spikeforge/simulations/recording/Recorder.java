package org.spikeforge.simulations.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.StateProbe;

/**
 * Records spikes and sampled state of a run into a Chronicle Queue in {@code DIR/queue/}, off the
 * simulation thread, with bounded memory.
 *
 * <p>How: {@link #record} (simulation thread) copies the step's spikes and samples into a preallocated
 * lock-free ring ({@link StepRing}); a writer thread wakes every 10 ms and appends the whole steps
 * it finds as one queue document (at most 256 KiB; a document per step cost as much CPU as the
 * simulation itself). A full ring
 * makes the simulation wait (backpressure), so memory stays bounded and nothing is dropped. No
 * allocation happens per step on the simulation thread.
 *
 * <p>Crash safety: a Chronicle document becomes visible to readers only when it is complete (its header
 * is committed last), and the queue lives in memory-mapped files, which the operating system keeps
 * when the process dies. A document holds whole steps only, so each is a flush mark: after a SIGKILL the
 * queue reads back completely up to the last step of the last committed document, and
 * {@link Recording#lastStep()} names it. The writer opens the queue itself, in the first 0.1–0.3 s of a JVM's first
 * recording, while the run starts: a process killed before that leaves the queue's folder empty, and its recording
 * reads as incomplete with no steps.
 * {@code DIR/recording.json} (written atomically) says {@code "running"} from the start until the run ends,
 * so a killed run reads as incomplete. On Ctrl-C a shutdown hook drains the ring and marks the recording
 * interrupted; the simulator's {@link #finish} does the same on a normal or stopped run.
 *
 * <p>Document layout: ints (native order, little-endian on x86 and ARM), one step record after another:
 * {@code step low 32 bits, step high 32 bits, channels}, then per channel {@code count} and
 * {@code count} ints (see {@link Channel}).
 */
public final class Recorder implements Probe, AutoCloseable {
    static {
        ChronicleSetup.init();
    }

    public static final String QUEUE_DIR = "queue";
    public static final String METADATA_FILE = "recording.json";
    /** Default ring size: 4 MiB of ints, some thousand CUBA steps. */
    public static final int DEFAULT_RING_INTS = 1 << 20;

    private static final int HEADER = 3; // len, step low, step high
    /**
     * How long the writer sleeps when it finds nothing new. 10 ms: each wake-up appends one Chronicle
     * document (a few tens of microseconds of fixed cost), so waking every millisecond cost the writer
     * 6 % of the simulation's CPU on CUBA-4k; every 10 ms it is well under 1 %. A crash loses at most the
     * steps simulated in the last 10 ms of wall time (the flush marks are the documents).
     */
    private static final long IDLE_PARK_NS = 10_000_000;
    /** A document closes after the step that reaches this many ints (256 KiB). */
    private static final int MAX_BATCH_INTS = 1 << 16;

    private final Path dir;
    private final RecordingMetadata.RunInfo run;
    private final List<Channel> channels;
    private final double dtMs;
    private final boolean[] isState;
    private final int[] node;
    private final int[] var;
    private final int[] every;
    private final int[][] neurons;
    private final double[][] rows;
    private final int[][] bits;
    private final StepRing ring;
    /** The writer's staging buffer for one document (native byte order, as Chronicle's writeInt). */
    private final java.nio.ByteBuffer batch;
    private final java.nio.IntBuffer batchInts;
    /** Opened by the writer thread (see the constructor); null until then, or if opening failed. */
    private volatile ChronicleQueue queue;
    private final Thread writer;
    private final Object metadataLock = new Object();

    private volatile boolean producerDone;
    private volatile long lastFlushedStep = -1;
    private volatile long writtenPosition;
    private volatile Throwable failure;
    /** The metadata changed since the writer last wrote it ({@link #start}); the writer writes it off the sweep. */
    private volatile boolean metadataDirty;
    private RecordingMetadata metadata;
    private Thread hook;
    private boolean started;
    private boolean finished;

    /**
     * Opens a recording in {@code dir} (created if needed; an earlier recording there is replaced).
     *
     * @param ringInts capacity of the ring in ints (raised to hold at least two of the largest step records)
     */
    public Recorder(Path dir, RecordingMetadata.RunInfo run, double dtMs, List<Channel> channels, int ringInts) throws IOException {
        if (channels.isEmpty()) throw new IllegalArgumentException("a recording needs at least one channel");
        List<String> names = new ArrayList<>();
        for (Channel c : channels) {
            if (names.contains(c.name())) throw new IllegalArgumentException("duplicate channel name '" + c.name() + "'");
            names.add(c.name());
        }
        this.dir = dir;
        this.run = run;
        this.channels = List.copyOf(channels);
        this.dtMs = dtMs;
        int n = channels.size();
        isState = new boolean[n];
        node = new int[n];
        var = new int[n];
        every = new int[n];
        neurons = new int[n][];
        rows = new double[n][];
        bits = new int[n][];
        long maxRecord = HEADER;
        for (int k = 0; k < n; k++) {
            Channel c = channels.get(k);
            isState[k] = c.kind() == Channel.Kind.STATE;
            node[k] = c.node();
            var[k] = c.varIndex();
            every[k] = c.every();
            neurons[k] = c.neurons();
            rows[k] = new double[neurons[k].length];
            bits[k] = new int[neurons[k].length];
            maxRecord += 1 + c.maxPayload();
        }
        if (2 * maxRecord > (1 << 30)) throw new IllegalArgumentException("recorded channels too large for one ring: " + maxRecord + " ints per step");
        this.ring = new StepRing((int) Math.max(ringInts, 2 * maxRecord));
        this.batch = java.nio.ByteBuffer.allocate(Math.toIntExact(4 * (MAX_BATCH_INTS + maxRecord))).order(java.nio.ByteOrder.nativeOrder());
        this.batchInts = batch.asIntBuffer();
        Files.createDirectories(dir);
        clearOldRecording(dir);
        this.metadata = RecordingMetadata.starting(run, dtMs, -1, channels);
        writeMetadata(metadata);
        Files.createDirectories(dir.resolve(QUEUE_DIR)); // a recording killed before the writer opened the queue reads as empty
        // The writer opens the queue itself, while the caller goes on (compiles the network, starts the
        // run): building a JVM's first Chronicle queue costs 0.2–0.3 s, which was on the critical path of a
        // short run. The steps simulated meanwhile wait in the ring, which holds thousands of them (a full
        // ring makes the simulation wait, as always); a queue that cannot be opened fails the run at its
        // next claim of the ring, or at finish.
        this.writer = new Thread(this::writeLoop, "spikeforge-recorder");
        writer.setDaemon(true);
        ring.consumer(writer);
        writer.start();
    }

    /**
     * Runs Chronicle Queue's class initialisers (its JVM and OS probes, class aliases, thread affinity, logging; about
     * 0.1 s of CPU in a fresh JVM) without opening a queue, so that the writer, which opens the run's queue as the run
     * starts, finds them done. {@code spikeforge run} calls it on a background thread as the CLI starts. Until the
     * seventh session it also wrote and read back a throw-away queue in a temporary folder: with the launcher's
     * compile thresholds that warmed nothing the real queue could use, and cost a recorded run 0.08 s of CPU and
     * 40-70 ms of wall time on two cores (BENCHMARKS.md).
     */
    public static void warmUp() {
        SingleChronicleQueueBuilder.binary(new java.io.File(QUEUE_DIR)); // a builder only: nothing is created
    }

    public Recorder(Path dir, RecordingMetadata.RunInfo run, double dtMs, List<Channel> channels) throws IOException {
        this(dir, run, dtMs, channels, DEFAULT_RING_INTS);
    }

    /**
     * The channels that record what the given in-memory probes would: each {@link SpikeProbe} becomes a
     * spike channel and each {@link StateProbe} a state channel with the same name, target and sampling.
     */
    public static List<Channel> channelsOf(Network net, List<? extends Probe> probes) {
        NetworkGraph g = net.graph();
        List<Channel> out = new ArrayList<>();
        for (Probe p : probes) {
            if (p instanceof SpikeProbe s) {
                out.add(Channel.spikes(s.name(), g.nodeName(s.node()), s.node(), g.nodeSize(s.node())));
            } else if (p instanceof StateProbe s) {
                NetworkGraph.Population pop = g.populations().get(s.population());
                out.add(Channel.state(s.name(), pop.name(), s.population(), pop.size(),
                        pop.model().stateVariables().get(s.variable()), s.variable(), s.neurons(), s.every(),
                        pop.model().stateDimensions().get(s.variable()).engineUnit()));
            } else {
                throw new IllegalArgumentException("probe " + p.name() + ": cannot be recorded (" + p.getClass().getSimpleName() + ")");
            }
        }
        return out;
    }

    private static void clearOldRecording(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(METADATA_FILE));
        Path q = dir.resolve(QUEUE_DIR);
        if (!Files.isDirectory(q)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(q, "*.{cq4,cq4t}")) {
            for (Path f : files) Files.delete(f);
        }
    }

    public Path directory() { return dir; }

    public List<Channel> channels() { return channels; }

    @Override public String name() { return "recording"; }

    /** Last step whose document is complete in the queue, or -1. */
    public long lastFlushedStep() { return lastFlushedStep; }

    /** Times the simulation thread waited for the writer (the ring was full). */
    public long backpressureWaits() { return ring.waits(); }

    @Override
    public void start(CompiledNetwork net, long totalSteps) {
        if (started) throw new IllegalStateException("a Recorder records one run; create a new one");
        started = true;
        synchronized (metadataLock) {
            metadata = metadata.withStepsRequested(totalSteps); // written by the writer thread, off the sweep
            metadataDirty = true;
        }
        LockSupport.unpark(writer);
        hook = new Thread(this::flushOnShutdown, "spikeforge-recorder-flush");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void record(long step, CompiledNetwork net) {
        int n = isState.length;
        int len = HEADER + n;
        for (int k = 0; k < n; k++) {
            if (!isState[k]) len += net.spikeCount(node[k]);
            else if (step % every[k] == 0) len += neurons[k].length;
        }
        long pos = ring.claim(len);
        ring.put(pos, len);
        ring.put(pos + 1, (int) step);
        ring.put(pos + 2, (int) (step >>> 32));
        long at = pos + HEADER;
        for (int k = 0; k < n; k++) {
            if (!isState[k]) {
                int c = net.spikeCount(node[k]);
                ring.put(at++, c);
                ring.put(at, net.spikes(node[k]), c);
                at += c;
            } else if (step % every[k] == 0) {
                double[] row = rows[k];
                int[] b = bits[k];
                net.readState(node[k], var[k], neurons[k], row);
                for (int j = 0; j < row.length; j++) b[j] = Float.floatToRawIntBits((float) row[j]);
                ring.put(at++, b.length);
                ring.put(at, b, b.length);
                at += b.length;
            } else {
                ring.put(at++, -1);
            }
        }
        ring.publish(pos + len);
    }

    private void writeLoop() {
        int channelCount = isState.length;
        long head = 0;
        try {
            queue = SingleChronicleQueueBuilder.binary(dir.resolve(QUEUE_DIR).toFile()).build();
        } catch (Throwable t) {
            failure = t;
            ring.fail(t);
            return;
        }
        try (ExcerptAppender appender = queue.createAppender()) {
            while (true) {
                if (metadataDirty) {
                    synchronized (metadataLock) {
                        metadataDirty = false;
                        if (!finished) writeMetadata(metadata);
                    }
                }
                long pub = ring.published();
                if (head == pub) {
                    if (producerDone) {
                        if (head == ring.published()) break;
                        continue;
                    }
                    // The ring holds thousands of steps: sleeping 10 ms costs no throughput and
                    // leaves the cores to the simulation (the producer unparks us when the ring is full).
                    LockSupport.parkNanos(IDLE_PARK_NS);
                    continue;
                }
                while (head < pub) {
                    // One document holds the whole steps available now (up to MAX_BATCH_INTS): it becomes
                    // visible to readers only once complete, so its last step is a flush mark.
                    long end = head;
                    long lastStep = -1;
                    while (end < pub && end - head < MAX_BATCH_INTS) {
                        lastStep = (ring.get(end + 1) & 0xFFFF_FFFFL) | ((long) ring.get(end + 2) << 32);
                        end += ring.get(end);
                    }
                    // Staged with bulk copies, then handed to Chronicle in one write: int by int through
                    // Chronicle's Bytes cost the writer (interpreted, early in a run) CPU that the
                    // simulation and the JIT compiler needed on a two-core machine.
                    batchInts.clear();
                    for (long r = head; r < end; ) {
                        int len = ring.get(r);
                        batchInts.put(ring.get(r + 1));
                        batchInts.put(ring.get(r + 2));
                        batchInts.put(channelCount);
                        ring.copyTo(r + HEADER, len - HEADER, batchInts);
                        r += len;
                    }
                    try (DocumentContext dc = appender.writingDocument()) {
                        Bytes<?> b = dc.wire().bytes();
                        b.write(batch.array(), 0, batchInts.position() * 4);
                    }
                    lastFlushedStep = lastStep;
                    head = end;
                    ring.release(head);
                    writtenPosition = head;
                }
            }
        } catch (Throwable t) {
            failure = t;
            ring.fail(t);
        }
    }

    /** Shutdown hook (Ctrl-C): write out what the simulation published so far and mark the run interrupted. */
    private void flushOnShutdown() {
        synchronized (metadataLock) {
            if (finished) return;
        }
        long target = ring.published();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writtenPosition < target && failure == null && writer.isAlive() && System.nanoTime() < deadline) {
            LockSupport.unpark(writer);
            LockSupport.parkNanos(1_000_000);
        }
        synchronized (metadataLock) {
            if (finished) return;
            writeMetadata(metadata.finished(RecordingMetadata.Status.INTERRUPTED, -1, lastFlushedStep, ring.waits(),
                    "interrupted before the simulator stopped"));
        }
    }

    /** Drains the ring, closes the queue and writes the final metadata. */
    @Override
    public void finish(long stepsDone) {
        if (!started || finished) return;
        boolean interrupted = stopWriter();
        Throwable f = failure;
        synchronized (metadataLock) {
            finished = true;
            RecordingMetadata.Status s = f != null ? RecordingMetadata.Status.FAILED
                    : stepsDone == metadata.stepsRequested() ? RecordingMetadata.Status.COMPLETED
                    : RecordingMetadata.Status.INTERRUPTED;
            metadata = metadata.finished(s, stepsDone, lastFlushedStep, ring.waits(), f == null ? null : f.toString());
            writeMetadata(metadata);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C); the metadata is written
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (f != null) throw new IllegalStateException("recording into " + dir + " failed: " + f, f);
    }

    /**
     * Lets the writer drain the ring and end, waits for it (uninterruptibly) and closes the queue; returns
     * whether the calling thread was interrupted meanwhile.
     */
    private boolean stopWriter() {
        producerDone = true;
        LockSupport.unpark(writer);
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        ChronicleQueue q = queue;
        if (q != null) q.close();
        return interrupted;
    }

    /** The metadata as last written. */
    public RecordingMetadata metadata() {
        synchronized (metadataLock) {
            return metadata;
        }
    }

    private void writeMetadata(RecordingMetadata m) {
        try {
            m.write(dir.resolve(METADATA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(METADATA_FILE), e);
        }
    }

    /**
     * Marks the recording failed (status {@code failed}, with the cause) when the run could not start or
     * stopped on an error: drains and closes what was written, so that {@code inspect} reports the
     * failure instead of a run that seems still to be going.
     */
    public void fail(Throwable cause) {
        if (finished && metadata.completed()) return; // every step is recorded: an error after the run does not undo that
        if (started && !finished) finish(-1);
        if (!started) {
            started = true;
            if (stopWriter()) Thread.currentThread().interrupt();
        }
        synchronized (metadataLock) {
            finished = true;
            metadata = metadata.finished(RecordingMetadata.Status.FAILED, metadata.stepsDone(), lastFlushedStep,
                    ring.waits(), String.valueOf(cause));
            writeMetadata(metadata);
        }
    }

    /** Closes a recorder that never ran, or finishes one whose run did not call {@link #finish}. */
    @Override
    public void close() {
        if (!started) {
            started = true;
            if (stopWriter()) Thread.currentThread().interrupt();
            finished = true;
        } else if (!finished) {
            finish(-1);
        }
    }
}
