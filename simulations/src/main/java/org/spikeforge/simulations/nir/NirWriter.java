package org.spikeforge.simulations.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link NirGraph} as a {@code .nir} file in the current layout (NIR 1.0.x, as
 * {@code nir.write} at NIR 1.0.7 writes it): {@code /version}, and {@code /node} holding the graph
 * with one group per node, a {@code type} string, one dataset per field (including
 * {@code v_reset}), a {@code metadata} group where there is metadata, and an (n, 2) string
 * {@code edges} dataset per graph. Arrays are chunked and gzip-compressed by default, like
 * {@code nir.write}.
 *
 * <p>What differs from h5py's output, because jHDF 0.13 writes it so, and why Python's
 * {@code nir.read} still loads it:
 * <ul>
 *   <li>strings are fixed-length (null-terminated) instead of variable-length: h5py returns them
 *       as {@code bytes}, which {@code nir.read} decodes exactly as it decodes variable-length
 *       strings;</li>
 *   <li>a boolean metadata value is stored as an 8-bit bitfield, which h5py returns as
 *       {@code uint8} 0/1 rather than {@code bool} (NIR's own fields have no booleans);</li>
 *   <li>jHDF adds a root attribute {@code _jHDF} naming itself, which NIR ignores;</li>
 *   <li>empty arrays cannot be stored and are refused with a clear message.</li>
 * </ul>
 * Conv nodes without {@code input_shape} and Flatten nodes without {@code input_type} (old
 * layouts) get the inferred value written, since the current Python reader needs it for its
 * type check. The file is written to a temporary file first and then moved into place, so it is
 * complete or absent.
 */
public final class NirWriter {

    /** The format version written to {@code /version}. */
    public static final String VERSION = "1.0.7";

    private final boolean compress;
    private final NirFlatGraph shapes;

    private NirWriter(boolean compress, NirFlatGraph shapes) {
        this.compress = compress;
        this.shapes = shapes;
    }

    /** Writes with gzip compression. */
    public static void write(NirGraph graph, Path file) {
        write(graph, file, true);
    }

    /** Writes the graph; {@code compress} chooses chunked gzip storage for arrays. */
    public static void write(NirGraph graph, Path file, boolean compress) {
        NirFlatGraph shapes = NirFlatGraph.of(graph);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            if (dir != null) Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".nir-", ".tmp");
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                hdf.putDataset("version", VERSION);
                new NirWriter(compress, shapes).writeNode(hdf.putGroup("node"), graph, "");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
            if (e instanceof NirFormatException n) throw n;
            throw new NirFormatException(file + ": cannot write NIR file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private void writeNode(WritableGroup g, NirNode node, String path) {
        g.putDataset("type", node.type());
        switch (node) {
            case NirGraph graph -> {
                WritableGroup nodes = g.putGroup("nodes");
                for (Map.Entry<String, NirNode> e : graph.nodes().entrySet()) {
                    writeNode(nodes.putGroup(e.getKey()), e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                }
                List<NirEdge> edges = graph.edges();
                if (edges.isEmpty()) {
                    throw new NirFormatException("graph '" + (path.isEmpty() ? "(root)" : path) + "' has no edges; jHDF cannot store an empty edges dataset");
                }
                String[][] e = new String[edges.size()][2];
                for (int i = 0; i < e.length; i++) {
                    e[i][0] = nonEmpty(edges.get(i).source(), path);
                    e[i][1] = nonEmpty(edges.get(i).target(), path);
                }
                g.putDataset("edges", e);
            }
            case NirNode.Conv1d c when c.inputShape() == null -> {
                writeFields(g, node.fields(), path);
                g.putDataset("input_shape", (long) shapes.inputShape(path)[1]);
            }
            case NirNode.Conv2d c when c.inputShape() == null -> {
                writeFields(g, node.fields(), path);
                int[] in = shapes.inputShape(path);
                writeValue(g, "input_shape", NirTensor.ints(in[1], in[2]), path);
            }
            case NirNode.Flatten f when f.inputType() == null -> {
                writeFields(g, node.fields(), path);
                writeValue(g, "input_type", NirTensor.ints(shapes.inputShape(path)), path);
            }
            default -> writeFields(g, node.fields(), path);
        }
        if (!node.metadata().isEmpty()) writeFields(g.putGroup("metadata"), node.metadata(), path);
    }

    private void writeFields(WritableGroup g, Map<String, NirValue> fields, String path) {
        for (Map.Entry<String, NirValue> e : fields.entrySet()) writeValue(g, e.getKey(), e.getValue(), path);
    }

    private void writeValue(WritableGroup g, String name, NirValue value, String path) {
        switch (value) {
            case NirValue.Text t -> g.putDataset(name, t.value().isEmpty() ? " " : t.value());
            case NirValue.Tree t -> writeFields(g.putGroup(name), t.entries(), path);
            case NirTensor t -> {
                if (t.size() == 0) {
                    throw new NirFormatException("node '" + path + "' field '" + name + "' is an empty array "
                            + Arrays.toString(t.shape()) + "; jHDF cannot store empty datasets");
                }
                if (t.isScalar()) {
                    g.putDataset(name, boxed(t));
                } else if (compress && t.dtype() != NirTensor.DType.BOOL) {
                    g.putDataset(name, javaArray(t), DatasetCreationOptions.builder().chunkDimensions(t.shape()).deflate(4).build());
                } else {
                    g.putDataset(name, javaArray(t));
                }
            }
        }
    }

    private static String nonEmpty(String s, String path) {
        if (s.isEmpty()) throw new NirFormatException("graph '" + path + "' has an edge with an empty node name");
        return s;
    }

    private static Object boxed(NirTensor t) {
        double x = t.get(0);
        return switch (t.dtype()) {
            case FLOAT32 -> (float) x;
            case FLOAT64 -> x;
            case INT32 -> (int) x;
            case INT64 -> (long) x;
            case BOOL -> x != 0;
        };
    }

    /** The tensor as a nested Java array of its element type, as jHDF expects. */
    private static Object javaArray(NirTensor t) {
        Class<?> component = switch (t.dtype()) {
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
            case INT32 -> int.class;
            case INT64 -> long.class;
            case BOOL -> boolean.class;
        };
        Object array = Array.newInstance(component, t.shape());
        int[] counter = {0};
        fill(array, t, counter);
        return array;
    }

    private static void fill(Object array, NirTensor t, int[] next) {
        int n = Array.getLength(array);
        switch (array) {
            case float[] a -> { for (int i = 0; i < n; i++) a[i] = (float) t.get(next[0]++); }
            case double[] a -> { for (int i = 0; i < n; i++) a[i] = t.get(next[0]++); }
            case int[] a -> { for (int i = 0; i < n; i++) a[i] = (int) t.get(next[0]++); }
            case long[] a -> { for (int i = 0; i < n; i++) a[i] = (long) t.get(next[0]++); }
            case boolean[] a -> { for (int i = 0; i < n; i++) a[i] = t.get(next[0]++) != 0; }
            default -> { for (int i = 0; i < n; i++) fill(Array.get(array, i), t, next); }
        }
    }
}
