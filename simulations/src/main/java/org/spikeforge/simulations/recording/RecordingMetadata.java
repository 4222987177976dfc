package org.spikeforge.simulations.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spikeforge.simulations.io.AtomicFiles;
import org.spikeforge.simulations.io.JsonTrees;

/**
 * {@code OUT/recording/recording.json}: what a recording holds and whether its run completed. Written
 * atomically when the recorder opens ({@code "status": "running"}; {@code steps_requested} is -1 until the
 * run starts) and again when it ends; a run killed with SIGKILL leaves {@code "running"}, which readers
 * report as incomplete.
 *
 * @param scenario        scenario name
 * @param scenarioFile    scenario file, or {@code null} for a run built in Java
 * @param seed            run seed
 * @param backend         backend name
 * @param dtMs            time step, ms
 * @param stepsRequested  steps the run was asked for
 * @param channels        the recorded channels, in record order
 * @param status          running, completed, interrupted or failed
 * @param stepsDone       steps the simulator completed (-1 while running)
 * @param lastFlushedStep last step whose record is complete in the queue (-1: none; while running: unknown)
 * @param backpressureWaits times the simulation thread waited for the writer because the ring was full
 * @param error           what failed, or {@code null}
 */
public record RecordingMetadata(String scenario, String scenarioFile, long seed, String backend, double dtMs,
                                long stepsRequested, List<Channel> channels, Status status, long stepsDone,
                                long lastFlushedStep, long backpressureWaits, String error) {

    /** Format tag written into the file; readers reject other formats. */
    public static final String FORMAT = "spikeforge-recording/1";

    /** State of the run that wrote a recording. */
    public enum Status {
        RUNNING, COMPLETED, INTERRUPTED, FAILED;

        String json() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public RecordingMetadata {
        channels = List.copyOf(channels);
        if (!(dtMs > 0)) throw new IllegalArgumentException("dt must be > 0 ms, was " + dtMs);
    }

    /** Identifies a run for its recording's metadata. */
    public record RunInfo(String scenario, String scenarioFile, long seed, String backend) {}

    public static RecordingMetadata starting(RunInfo run, double dtMs, long stepsRequested, List<Channel> channels) {
        return new RecordingMetadata(run.scenario(), run.scenarioFile(), run.seed(), run.backend(), dtMs, stepsRequested,
                channels, Status.RUNNING, -1, -1, 0, null);
    }

    RecordingMetadata finished(Status s, long stepsDone, long lastFlushedStep, long waits, String error) {
        return new RecordingMetadata(scenario, scenarioFile, seed, backend, dtMs, stepsRequested, channels, s, stepsDone,
                lastFlushedStep, waits, error);
    }

    /** True if the run that wrote the recording finished all its steps and the writer drained. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** The channel called {@code name}, or {@code null}. */
    public Channel channel(String name) {
        for (Channel c : channels) if (c.name().equals(name)) return c;
        return null;
    }

    /** A copy that says how many steps the run was asked for. */
    RecordingMetadata withStepsRequested(long steps) {
        return new RecordingMetadata(scenario, scenarioFile, seed, backend, dtMs, steps, channels, status, stepsDone,
                lastFlushedStep, backpressureWaits, error);
    }

    public void write(Path file) throws IOException {
        ObjectNode m = JsonTrees.object();
        m.put("format", FORMAT);
        m.put("scenario", scenario);
        m.put("scenario_file", scenarioFile);
        m.put("seed", seed);
        m.put("backend", backend);
        m.put("dt_ms", dtMs);
        m.put("steps_requested", stepsRequested);
        m.put("status", status.json());
        m.put("completed", completed());
        m.put("steps_done", stepsDone);
        m.put("last_flushed_step", lastFlushedStep);
        m.put("backpressure_waits", backpressureWaits);
        if (error != null) m.put("error", error);
        m.put("queue", Recorder.QUEUE_DIR);
        ArrayNode chs = m.putArray("channels");
        for (Channel c : channels) {
            ObjectNode o = chs.addObject();
            o.put("name", c.name());
            o.put("type", c.kind() == Channel.Kind.SPIKES ? "spikes" : "state");
            o.put("target", c.target());
            o.put("node", c.node());
            o.put("size", c.size());
            if (c.kind() == Channel.Kind.STATE) {
                o.put("variable", c.variable());
                o.put("variable_index", c.varIndex());
                ArrayNode ns = o.putArray("neurons");
                for (int n : c.neurons()) ns.add(n);
                o.put("every", c.every());
                o.put("unit", c.unit());
            }
        }
        byte[] bytes = JsonTrees.writePretty(m);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static RecordingMetadata read(Path file) {
        JsonNode m;
        try {
            m = JsonTrees.readJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable recording description (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (m == null || !FORMAT.equals(m.path("format").asText())) {
            throw new IllegalArgumentException(file + ": field 'format': expected '" + FORMAT + "'");
        }
        try {
            List<Channel> chs = new ArrayList<>();
            for (JsonNode o : m.path("channels")) {
                String type = o.path("type").asText();
                if (type.equals("spikes")) {
                    chs.add(Channel.spikes(o.path("name").asText(), o.path("target").asText(), o.path("node").asInt(),
                            o.path("size").asInt()));
                } else if (type.equals("state")) {
                    int[] ns = new int[o.path("neurons").size()];
                    for (int k = 0; k < ns.length; k++) ns[k] = o.path("neurons").get(k).asInt();
                    chs.add(Channel.state(o.path("name").asText(), o.path("target").asText(), o.path("node").asInt(),
                            o.path("size").asInt(), o.path("variable").asText(), o.path("variable_index").asInt(), ns,
                            o.path("every").asInt(), o.path("unit").asText(null)));
                } else {
                    throw new IllegalArgumentException("field 'channels[].type': value '" + type + "': expected spikes or state");
                }
            }
            Status status = Status.valueOf(m.path("status").asText("").toUpperCase(java.util.Locale.ROOT));
            return new RecordingMetadata(m.path("scenario").asText(null), m.path("scenario_file").asText(null),
                    m.path("seed").asLong(), m.path("backend").asText(null), m.path("dt_ms").asDouble(),
                    m.path("steps_requested").asLong(), chs, status, m.path("steps_done").asLong(-1),
                    m.path("last_flushed_step").asLong(-1), m.path("backpressure_waits").asLong(), m.path("error").asText(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
