package org.spikeforge.simulations.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code .nir} files (HDF5, through jhdf) in every layout real files use.
 *
 * <p>Layout: the root holds the string dataset {@code version} and the group {@code node}, which
 * is the top-level {@code NIRGraph}. Every node is a group with a string dataset {@code type} and
 * one dataset per field; a graph node has a group {@code nodes} and an (n, 2) string dataset
 * {@code edges}; any node may have a {@code metadata} group. Differences between versions that
 * this reader absorbs, as the reference Python reader does:
 * <ul>
 *   <li>0.1.x and 0.2.x files have no {@code v_reset}: it defaults to zeros shaped like
 *       {@code v_threshold};</li>
 *   <li>CubaLIF and CubaLI without {@code w_in} (Rockpool's export) default to ones;</li>
 *   <li>Conv without {@code input_shape} and Flatten without {@code input_type} leave them to
 *       shape inference;</li>
 *   <li>strings may be variable-length (h5py) or fixed-length (jHDF, older h5py), datasets may be
 *       contiguous or chunked and gzip-compressed, and fields may be 0-d scalars or arrays
 *       (broadcast as NumPy does).</li>
 * </ul>
 *
 * <p>The graph is checked as it is read ({@link NirFlatGraph#of}): unknown edge ends and shapes
 * that do not fit fail here. Every problem, including a truncated, corrupt or non-HDF5 file, is
 * reported as a
 * {@link NirFormatException} whose one-line message starts with the file name and names the node
 * and field.
 */
public final class NirReader {

    private final String file;
    /** Largest dataset size believed: more than gzip's ~1000:1 ratio over the whole file means a corrupt header. */
    private final long maxDatasetBytes;

    private NirReader(String file, long fileBytes) {
        this.file = file;
        this.maxDatasetBytes = 1024 * fileBytes + (1 << 20);
    }

    /** Reads a {@code .nir} file. */
    public static NirFile read(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.isRegularFile(path)) throw new NirFormatException(path + ": no such file");
        long size;
        try {
            size = Files.size(path);
        } catch (java.io.IOException e) {
            throw new NirFormatException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
        NirReader r = new NirReader(name, size);
        NirFile nir;
        try (HdfFile hdf = new HdfFile(path)) {
            nir = r.readFile(hdf);
        } catch (NirFormatException e) {
            throw e;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            throw new NirFormatException(name + ": not a readable HDF5/NIR file (" + describe(e) + ")", e);
        }
        try {
            NirFlatGraph.of(nir.graph());
        } catch (NirFormatException e) {
            throw new NirFormatException(name + ": " + e.getMessage(), e);
        }
        return nir;
    }

    private NirFile readFile(HdfFile hdf) {
        Node root = hdf.getChild("node");
        if (!(root instanceof Group g)) {
            Attribute type = hdf.getAttribute("__type__");
            if (type != null && String.valueOf(type.getData()).startsWith("NIRGraphData")) {
                throw new NirFormatException(file + ": a NIR data file (NIRGraphData, written by nir.write_data), not a NIR graph");
            }
            throw new NirFormatException(file + ": not a NIR graph file: no group 'node' at the root (found: "
                    + String.join(", ", hdf.getChildren().keySet()) + ")");
        }
        String version = "unknown";
        if (hdf.getChild("version") instanceof Dataset v) version = text(v, file + ": dataset 'version'");
        NirNode top = readNode(g, "");
        if (!(top instanceof NirGraph graph)) {
            throw new NirFormatException(file + ": the root node is of type " + top.type() + ", expected NIRGraph");
        }
        return new NirFile(version, graph);
    }

    private NirNode readNode(Group g, String path) {
        String where = file + ": node '" + path + "'";
        if (path.isEmpty()) where = file + ": root graph";
        Node typeNode = g.getChild("type");
        if (!(typeNode instanceof Dataset typeSet)) {
            throw new NirFormatException(where + ": no 'type' dataset (fields: " + String.join(", ", g.getChildren().keySet()) + ")");
        }
        String type = text(typeSet, where + ": field 'type'");
        Fields f = new Fields(g, where + " (" + type + ")");
        Map<String, NirValue> md = metadata(g, where);
        return switch (type) {
            case "NIRGraph" -> readGraph(g, path, where, md);
            case "Input" -> new NirNode.Input(f.tensorEither("shape", "input_type"), md);
            case "Output" -> new NirNode.Output(f.tensorEither("shape", "output_type"), md);
            case "Linear" -> new NirNode.Linear(f.tensor("weight"), md);
            case "Affine" -> new NirNode.Affine(f.tensor("weight"), f.tensor("bias"), md);
            case "Scale" -> new NirNode.Scale(f.tensor("scale"), md);
            case "Threshold" -> new NirNode.Threshold(f.tensor("threshold"), md);
            case "Delay" -> new NirNode.Delay(f.tensor("delay"), md);
            case "I" -> new NirNode.I(f.tensor("r"), md);
            case "IF" -> {
                NirTensor th = f.tensor("v_threshold");
                yield new NirNode.IF(f.tensor("r"), th, f.tensorOr("v_reset", th, 0.0), md);
            }
            case "LI" -> new NirNode.LI(f.tensor("tau"), f.tensor("r"), f.tensor("v_leak"), md);
            case "LIF" -> {
                NirTensor th = f.tensor("v_threshold");
                yield new NirNode.LIF(f.tensor("tau"), f.tensor("r"), f.tensor("v_leak"), th,
                        f.tensorOr("v_reset", th, 0.0), md);
            }
            case "CubaLI" -> {
                NirTensor leak = f.tensor("v_leak");
                yield new NirNode.CubaLI(f.tensor("tau_syn"), f.tensor("tau_mem"), f.tensor("r"), leak,
                        f.tensorOr("w_in", leak, 1.0), md);
            }
            case "CubaLIF" -> {
                NirTensor th = f.tensor("v_threshold");
                yield new NirNode.CubaLIF(f.tensor("tau_syn"), f.tensor("tau_mem"), f.tensor("r"), f.tensor("v_leak"), th,
                        f.tensorOr("v_reset", th, 0.0), f.tensorOr("w_in", th, 1.0), md);
            }
            case "Conv1d" -> new NirNode.Conv1d(f.tensor("weight"), f.tensor("bias"), f.tensor("stride"), f.value("padding"),
                    f.tensor("dilation"), f.tensor("groups"), f.optionalTensor("input_shape"), md);
            case "Conv2d" -> new NirNode.Conv2d(f.tensor("weight"), f.tensor("bias"), f.tensor("stride"), f.value("padding"),
                    f.tensor("dilation"), f.tensor("groups"), f.optionalTensor("input_shape"), md);
            case "SumPool2d" -> new NirNode.SumPool2d(f.tensor("kernel_size"), f.tensor("stride"), f.tensor("padding"), md);
            case "AvgPool2d" -> new NirNode.AvgPool2d(f.tensor("kernel_size"), f.tensor("stride"), f.tensor("padding"), md);
            case "Flatten" -> new NirNode.Flatten(f.tensor("start_dim"), f.tensor("end_dim"), f.optionalTensor("input_type"), md);
            default -> throw new NirFormatException(where + ": unknown NIR node type '" + type + "' (known: NIRGraph, Input, Output, "
                    + "Linear, Affine, Scale, Threshold, Delay, I, IF, LI, LIF, CubaLI, CubaLIF, Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten)");
        };
    }

    private NirGraph readGraph(Group g, String path, String where, Map<String, NirValue> md) {
        if (!(g.getChild("nodes") instanceof Group nodesGroup)) {
            throw new NirFormatException(where + " (NIRGraph): no group 'nodes'");
        }
        // h5py lists members by name; do the same so that node order does not depend on the reader.
        Map<String, Node> children = new TreeMap<>(nodesGroup.getChildren());
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : children.entrySet()) {
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (!(e.getValue() instanceof Group child)) {
                throw new NirFormatException(file + ": node '" + childPath + "' is a dataset, expected a group");
            }
            nodes.put(e.getKey(), readNode(child, childPath));
        }
        List<NirEdge> edges = new ArrayList<>();
        Node edgesNode = g.getChild("edges");
        if (edgesNode instanceof Dataset d) {
            Object data = d.getDataFlat();
            int[] dims = d.getDimensions();
            if (!(data instanceof String[] names)) {
                throw new NirFormatException(where + " (NIRGraph): 'edges' must hold node names (strings), found " + d.getJavaType().getSimpleName());
            }
            if (names.length > 0 && (dims.length != 2 || dims[1] != 2)) {
                throw new NirFormatException(where + " (NIRGraph): 'edges' must be an (n, 2) array of node names, found shape "
                        + java.util.Arrays.toString(dims));
            }
            for (int i = 0; i + 1 < names.length; i += 2) edges.add(new NirEdge(names[i], names[i + 1]));
        } else if (edgesNode != null) {
            throw new NirFormatException(where + " (NIRGraph): 'edges' must be a dataset");
        } else {
            throw new NirFormatException(where + " (NIRGraph): no dataset 'edges'");
        }
        try {
            return new NirGraph(nodes, edges, md);
        } catch (NirFormatException e) {
            throw new NirFormatException((path.isEmpty() ? file + ": " : file + ": nested graph '" + path + "': ") + e.getMessage(), e);
        }
    }

    private Map<String, NirValue> metadata(Group g, String where) {
        if (!(g.getChild("metadata") instanceof Group m)) return Map.of();
        return tree(m, where + " metadata").entries();
    }

    private NirValue.Tree tree(Group g, String where) {
        Map<String, NirValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : new TreeMap<>(g.getChildren()).entrySet()) {
            if (e.getValue() instanceof Group sub) out.put(e.getKey(), tree(sub, where + "/" + e.getKey()));
            else out.put(e.getKey(), value((Dataset) e.getValue(), where + "/" + e.getKey()));
        }
        return new NirValue.Tree(out);
    }

    /** Field access of one node group, with messages naming the node and field. */
    private final class Fields {
        private final Group g;
        private final String where;

        Fields(Group g, String where) { this.g = g; this.where = where; }

        NirTensor tensor(String name) {
            NirTensor t = optionalTensor(name);
            if (t == null) {
                throw new NirFormatException(where + ": missing field '" + name + "' (fields: " + String.join(", ", new TreeMap<>(g.getChildren()).keySet()) + ")");
            }
            return t;
        }

        NirTensor tensorEither(String name, String legacy) {
            NirTensor t = optionalTensor(legacy);
            return t != null ? t : tensor(name);
        }

        NirTensor optionalTensor(String name) {
            Node n = g.getChild(name);
            if (n == null) return null;
            if (!(n instanceof Dataset d)) throw new NirFormatException(where + ": field '" + name + "' is a group, expected a dataset");
            NirValue v = NirReader.this.value(d, where + " field '" + name + "'");
            if (!(v instanceof NirTensor t)) throw new NirFormatException(where + ": field '" + name + "' must be numeric, found text " + v);
            return t;
        }

        /** An optional field that defaults to {@code fill} in the shape and type of {@code like} (old layouts). */
        NirTensor tensorOr(String name, NirTensor like, double fill) {
            NirTensor t = optionalTensor(name);
            return t != null ? t : NirTensor.filled(like.dtype(), like.shape(), fill);
        }

        NirValue value(String name) {
            Node n = g.getChild(name);
            if (!(n instanceof Dataset d)) throw new NirFormatException(where + ": missing field '" + name + "'");
            return NirReader.this.value(d, where + " field '" + name + "'");
        }
    }

    /** A dataset as a tensor or a text. */
    private NirValue value(Dataset d, String where) {
        long bytes = d.getSizeInBytes();
        if (bytes < 0 || bytes > maxDatasetBytes) {
            throw new NirFormatException(where + ": dataset claims " + bytes + " bytes, more than this file can hold (corrupt file?)");
        }
        Object data = d.getDataFlat();
        int[] dims = d.isScalar() ? new int[0] : d.getDimensions();
        if (data instanceof String[] s) {
            if (s.length != 1) throw new NirFormatException(where + ": expected one string or numbers, found an array of " + s.length + " strings");
            return new NirValue.Text(s[0]);
        }
        NirTensor.DType type;
        double[] v;
        switch (data) {
            case float[] a -> { type = NirTensor.DType.FLOAT32; v = new double[a.length]; for (int i = 0; i < a.length; i++) v[i] = a[i]; }
            case double[] a -> { type = NirTensor.DType.FLOAT64; v = a; }
            case long[] a -> { type = NirTensor.DType.INT64; v = new double[a.length]; for (int i = 0; i < a.length; i++) v[i] = a[i]; }
            case int[] a -> { type = NirTensor.DType.INT32; v = new double[a.length]; for (int i = 0; i < a.length; i++) v[i] = a[i]; }
            case short[] a -> { type = NirTensor.DType.INT32; v = new double[a.length]; for (int i = 0; i < a.length; i++) v[i] = a[i]; }
            case byte[] a -> { type = NirTensor.DType.INT32; v = new double[a.length]; for (int i = 0; i < a.length; i++) v[i] = a[i]; }
            case boolean[] a -> { type = NirTensor.DType.BOOL; v = new double[a.length]; for (int i = 0; i < a.length; i++) v[i] = a[i] ? 1 : 0; }
            case Object[] a when a.length == 0 || a[0] instanceof Number -> {
                type = NirTensor.DType.INT64;
                v = new double[a.length];
                for (int i = 0; i < a.length; i++) v[i] = ((Number) a[i]).doubleValue();
            }
            default -> throw new NirFormatException(where + ": unsupported data type " + d.getJavaType().getSimpleName()
                    + " (expected numbers or a string)");
        }
        return new NirTensor(type, dims, v);
    }

    private String text(Dataset d, String where) {
        Object data = d.getDataFlat();
        if (data instanceof String[] s && s.length == 1) return s[0];
        throw new NirFormatException(where + ": expected a string, found " + d.getJavaType().getSimpleName()
                + (d.isScalar() ? "" : " array " + java.util.Arrays.toString(d.getDimensions())));
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
