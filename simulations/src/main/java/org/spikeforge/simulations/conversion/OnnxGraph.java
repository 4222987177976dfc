package org.spikeforge.simulations.conversion;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model read with the protobuf classes that Tribuo maintains ({@code ai.onnx.proto.OnnxMl}):
 * its nodes in topological order, initializers as {@link Tensor}s, graph inputs and outputs, and
 * the opset.
 */
public final class OnnxGraph {

    /** One node: op type, inputs, outputs and attributes (ints, floats, int lists, tensors, strings). */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
        public long intAttr(String key, long dflt) {
            Object v = attributes.get(key);
            return v instanceof Long l ? l : dflt;
        }

        public double floatAttr(String key, double dflt) {
            Object v = attributes.get(key);
            return v instanceof Double d ? d : dflt;
        }

        public long[] intsAttr(String key) {
            Object v = attributes.get(key);
            return v instanceof long[] a ? a : null;
        }

        public String describe() {
            return "node '" + name + "' (" + opType + ")";
        }
    }

    /** A graph input or output with its (possibly symbolic) shape; symbolic dims are -1. */
    public record ValueInfo(String name, int[] shape) {}

    private final String source;
    private final long opset;
    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;

    private OnnxGraph(String source, long opset, List<Node> nodes, Map<String, Tensor> initializers,
                      List<ValueInfo> inputs, List<ValueInfo> outputs) {
        this.source = source;
        this.opset = opset;
        this.nodes = nodes;
        this.initializers = initializers;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** Reads an ONNX file; a missing, truncated or non-ONNX file gives an {@link IllegalArgumentException} naming it. */
    public static OnnxGraph read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        OnnxMl.ModelProto m;
        try {
            m = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not a valid ONNX model (" + e.getMessage() + ")");
        }
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new IllegalArgumentException(file + ": not a valid ONNX model (no graph)");
        }
        long opset = 0;
        for (OnnxMl.OperatorSetIdProto o : m.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) opset = o.getVersion();
        }
        OnnxMl.GraphProto g = m.getGraph();
        Map<String, Tensor> init = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : g.getInitializerList()) init.put(t.getName(), tensor(t, file.toString()));
        List<Node> nodes = new ArrayList<>();
        int k = 0;
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (OnnxMl.AttributeProto a : n.getAttributeList()) attrs.put(a.getName(), attribute(a, file.toString()));
            String name = n.getName().isEmpty() ? n.getOpType() + "_" + k : n.getName();
            nodes.add(new Node(name, n.getOpType(), List.copyOf(n.getInputList()), List.copyOf(n.getOutputList()), attrs));
            k++;
        }
        List<ValueInfo> ins = new ArrayList<>();
        for (OnnxMl.ValueInfoProto v : g.getInputList()) if (!init.containsKey(v.getName())) ins.add(valueInfo(v));
        List<ValueInfo> outs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto v : g.getOutputList()) outs.add(valueInfo(v));
        return new OnnxGraph(file.toString(), opset, List.copyOf(nodes), init, List.copyOf(ins), List.copyOf(outs));
    }

    private static ValueInfo valueInfo(OnnxMl.ValueInfoProto v) {
        int[] shape = new int[0];
        if (v.hasType() && v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
            var dims = v.getType().getTensorType().getShape().getDimList();
            shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i).hasDimValue() ? (int) dims.get(i).getDimValue() : -1;
        }
        return new ValueInfo(v.getName(), shape);
    }

    private static Object attribute(OnnxMl.AttributeProto a, String file) {
        return switch (a.getType()) {
            case INT -> a.getI();
            case FLOAT -> (double) a.getF();
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case FLOATS -> a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
            case STRING -> a.getS().toStringUtf8();
            case TENSOR -> tensor(a.getT(), file);
            default -> a.getType().name();
        };
    }

    /** Decodes a tensor: float, double, int32 and int64, from raw_data or the typed fields. */
    static Tensor tensor(OnnxMl.TensorProto t, String file) {
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) shape[i] = Math.toIntExact(t.getDims(i));
        int n = Math.toIntExact(Tensor.size(shape));
        double[] d = new double[n];
        ByteBuffer raw = t.getRawData().isEmpty() ? null : t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        OnnxMl.TensorProto.DataType type = OnnxMl.TensorProto.DataType.forNumber(t.getDataType());
        if (type == null) throw new IllegalArgumentException(file + ": tensor '" + t.getName() + "' has unknown data type " + t.getDataType());
        switch (type) {
            case FLOAT -> {
                for (int i = 0; i < n; i++) d[i] = raw != null ? raw.getFloat() : t.getFloatData(i);
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) d[i] = raw != null ? raw.getDouble() : t.getDoubleData(i);
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) d[i] = raw != null ? raw.getLong() : t.getInt64Data(i);
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) d[i] = raw != null ? raw.getInt() : t.getInt32Data(i);
            }
            default -> throw new IllegalArgumentException(file + ": tensor '" + t.getName() + "' has unsupported data type " + type);
        }
        return new Tensor(shape, d);
    }

    /** The same graph with other nodes (for graph rewriting). */
    public OnnxGraph withNodes(List<Node> newNodes) {
        return new OnnxGraph(source, opset, List.copyOf(newNodes), initializers, inputs, outputs);
    }

    public String source() { return source; }
    public long opset() { return opset; }
    public List<Node> nodes() { return nodes; }
    public Map<String, Tensor> initializers() { return initializers; }
    public List<ValueInfo> inputs() { return inputs; }
    public List<ValueInfo> outputs() { return outputs; }
}
