package org.spikeforge.simulations.nir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;

/**
 * The {@code spikeforge nir inspect} and {@code spikeforge nir run} commands, as plain methods the
 * CLI calls. Bad input (file, graph, options, input array) raises {@link NirFormatException}
 * with a one-line message; the CLI maps it to exit code 2.
 */
public final class NirCommands {

    private NirCommands() {}

    /** What {@link #run} did; {@code backend} is "reference" for the reference executor. */
    public record RunResult(NirRecording recording, List<Path> files, double dt, List<NirEdge> delayedEdges, List<String> notes,
                            String backend) {}

    /**
     * Prints the graph: version, nodes (nested graphs inlined as {@code parent.child}) with type,
     * input and output shape and fields, edges, recurrent edges, metadata and notes.
     *
     * <pre>
     * file: N1.nir
     * version: 1.0.7+head.7232ada
     * nodes: 4
     *   0        Linear  in [12]  out [8]  weight=float32[8, 12]
     *   …
     * edges: 3
     *   input -> 0
     *   …
     * </pre>
     */
    public static void inspect(Path file, PrintStream out) {
        NirFile nir = NirReader.read(file);
        NirFlatGraph flat = NirFlatGraph.of(nir.graph());
        List<String> lines = new ArrayList<>();
        lines.add("file: " + file.getFileName());
        lines.add("version: " + nir.version());
        List<String> nested = new ArrayList<>();
        collectNested(nir.graph(), "", nested);
        if (!nested.isEmpty()) lines.add("nested graphs: " + String.join(", ", nested) + " (inlined as parent.child)");
        int width = 4, typeWidth = 4;
        for (NirFlatGraph.Node n : flat.nodes()) {
            width = Math.max(width, n.name().length());
            typeWidth = Math.max(typeWidth, n.node().type().length());
        }
        lines.add("nodes: " + flat.nodes().size());
        for (NirFlatGraph.Node n : flat.nodes()) {
            StringJoiner fields = new StringJoiner(" ");
            for (Map.Entry<String, NirValue> f : n.node().fields().entrySet()) fields.add(f.getKey() + "=" + f.getValue());
            if (!n.node().metadata().isEmpty()) fields.add("metadata=" + n.node().metadata());
            lines.add(String.format("  %-" + width + "s  %-" + typeWidth + "s  in %s  out %s  %s", n.name(), n.node().type(),
                    Arrays.toString(flat.inputShape(n.name())), Arrays.toString(flat.outputShape(n.name())), fields).stripTrailing());
        }
        lines.add("edges: " + flat.edges().size());
        for (NirEdge e : flat.edges()) lines.add("  " + e.source() + " -> " + e.target());
        List<NirEdge> delayed = delayedEdges(nir.graph());
        if (!delayed.isEmpty()) {
            StringJoiner j = new StringJoiner(", ");
            for (NirEdge e : delayed) j.add(e.source() + " -> " + e.target());
            lines.add("recurrent edges (carry the previous step): " + j);
        }
        if (!nir.graph().metadata().isEmpty()) lines.add("metadata: " + nir.graph().metadata());
        for (String note : flat.notes()) lines.add("note: " + note);
        for (String l : lines) out.println(l);
    }

    /**
     * Runs a NIR file on an input array ({@code .npy} of shape (T, …) or (B, T, …)) and writes
     * the traces ({@link NirRecording#writeTo}) and {@code summary.json} into {@code outDir}.
     */
    public static RunResult run(Path file, Path inputNpy, NirRunOptions opts, Path outDir) {
        return run(file, inputNpy, opts, outDir, null, null);
    }

    /**
     * As {@link #run(Path, Path, NirRunOptions, Path)}, on the engine backend {@code backend}
     * ({@link NirToNetwork}) when it is not null: the same files, on the same time axis, and an
     * {@code engine} block in {@code summary.json}.
     */
    public static RunResult run(Path file, Path inputNpy, NirRunOptions opts, Path outDir, Backend backend,
                                BackendOptions backendOptions) {
        NirFile nir = NirReader.read(file);
        NirRecording rec;
        List<String> notes;
        Map<String, Object> engine = null;
        NirExecutor exec;
        NirNpy.Array input;
        if (backend == null) {
            exec = NirExecutor.compile(nir.graph(), opts);
            input = NirNpy.read(inputNpy);
            rec = exec.run(input);
            notes = exec.notes();
        } else {
            NirToNetwork mapping = NirToNetwork.map(nir.graph(), opts);
            exec = mapping.reference();
            input = NirNpy.read(inputNpy);
            NirToNetwork.EngineRun run = mapping.run(input, backend, backendOptions == null ? BackendOptions.defaults() : backendOptions);
            rec = run.recording();
            notes = mapping.notes();
            engine = new LinkedHashMap<>();
            engine.put("input", run.mapped().inputMode().name().toLowerCase());
            engine.put("depth", run.mapped().depth());
            engine.put("steps_per_trial", run.mapped().trialSteps());
            engine.put("neurons", run.mapped().network().graph().neuronCount());
            engine.put("synapses", run.mapped().network().graph().synapseCount());
            engine.put("counts", run.counts());
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new NirFormatException(outDir + ": cannot create output directory (" + e.getMessage() + ")", e);
        }
        String name = backend == null ? "reference" : backend.name();
        List<Path> files = new ArrayList<>(rec.writeTo(outDir));
        files.add(writeSummary(file, nir, exec, opts, rec, outDir, name, engine, notes));
        return new RunResult(rec, files, exec.dt(), exec.delayedEdges(), notes, name);
    }

    private static Path writeSummary(Path file, NirFile nir, NirExecutor exec, NirRunOptions opts, NirRecording rec, Path outDir,
                                     String backend, Map<String, Object> engine, List<String> notes) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", file.getFileName().toString());
        s.put("backend", backend);
        s.put("version", nir.version());
        s.put("dt_s", exec.dt());
        s.put("batch", rec.batch());
        s.put("steps", rec.steps());
        s.put("flavor", opts.flavor().name().toLowerCase());
        s.put("discretisation", opts.discretisation().name().toLowerCase());
        s.put("reset", opts.reset() == org.spikeforge.neurons.ResetMode.SUBTRACT ? "subtract" : "zero");
        Map<String, String> nodeResets = new LinkedHashMap<>();
        opts.nodeResets().forEach((k, v) -> nodeResets.put(k, v == org.spikeforge.neurons.ResetMode.SUBTRACT ? "subtract" : "zero"));
        s.put("node_resets", nodeResets);
        List<String> delayed = new ArrayList<>();
        for (NirEdge e : exec.delayedEdges()) delayed.add(e.source() + " -> " + e.target());
        s.put("recurrent_edges", delayed);
        Map<String, Long> spikes = new LinkedHashMap<>();
        for (NirRecording.Trace t : rec.traces().values()) {
            if (!t.variable().equals("spk")) continue;
            long c = 0;
            for (float x : t.data()) if (x != 0f) c++;
            spikes.put(t.node(), c);
        }
        s.put("spikes", spikes);
        if (engine != null) s.put("engine", engine);
        s.put("notes", notes);
        Path target = outDir.resolve("summary.json");
        try {
            Path tmp = Files.createTempFile(outDir, ".summary-", ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), s);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new NirFormatException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        return target;
    }

    private static void collectNested(NirGraph g, String prefix, List<String> out) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            if (e.getValue() instanceof NirGraph sub) {
                out.add(prefix + e.getKey());
                collectNested(sub, prefix + e.getKey() + ".", out);
            }
        }
    }

    private static List<NirEdge> delayedEdges(NirGraph g) {
        try {
            return NirExecutor.compile(g, NirRunOptions.defaults()).delayedEdges();
        } catch (NirFormatException e) {
            return List.of(); // e.g. several Input nodes: inspect still lists the graph
        }
    }
}
