package org.spikeforge.simulations.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph (NIR 1.0.x primitives). Each record holds the node's fields exactly as
 * a NIR file stores them ({@link #fields()} gives them in the order {@code nir.write} uses), plus
 * its optional metadata. Shapes are inferred and checked by {@link NirShapes}; the dynamics are
 * run by {@link NirExecutor}.
 *
 * <table>
 *   <caption>Node types and their equations (time in seconds)</caption>
 *   <tr><th>type</th><th>fields</th><th>equation</th></tr>
 *   <tr><td>Input / Output</td><td>shape</td><td>graph entry / exit, identity</td></tr>
 *   <tr><td>Linear</td><td>weight (out, in)</td><td>y = W·x</td></tr>
 *   <tr><td>Affine</td><td>weight, bias</td><td>y = W·x + b</td></tr>
 *   <tr><td>Scale</td><td>scale</td><td>y = s ⊙ x</td></tr>
 *   <tr><td>Threshold</td><td>threshold</td><td>y = H(x − θ), H(u) = 1 if u &gt; 0</td></tr>
 *   <tr><td>Delay</td><td>delay (s)</td><td>y(t) = x(t − d)</td></tr>
 *   <tr><td>I</td><td>r</td><td>dv/dt = R·x, y = v</td></tr>
 *   <tr><td>IF</td><td>r, v_threshold, v_reset</td><td>dv/dt = R·x; spike and reset when v &gt; v_th</td></tr>
 *   <tr><td>LI</td><td>tau, r, v_leak</td><td>τ dv/dt = (v_leak − v) + R·x, y = v</td></tr>
 *   <tr><td>LIF</td><td>tau, r, v_leak, v_threshold, v_reset</td><td>τ dv/dt = (v_leak − v) + R·x; spike and reset</td></tr>
 *   <tr><td>CubaLI</td><td>tau_syn, tau_mem, r, v_leak, w_in</td><td>τ_syn dI/dt = −I + w_in·x; τ_mem dv/dt = (v_leak − v) + R·I; y = v</td></tr>
 *   <tr><td>CubaLIF</td><td>as CubaLI plus v_threshold, v_reset</td><td>as CubaLI; spike and reset</td></tr>
 *   <tr><td>Conv1d / Conv2d</td><td>weight (C_out, C_in/groups, k…), bias, stride, padding, dilation, groups, input_shape</td><td>cross-correlation as in PyTorch</td></tr>
 *   <tr><td>SumPool2d / AvgPool2d</td><td>kernel_size, stride, padding</td><td>window sum / mean</td></tr>
 *   <tr><td>Flatten</td><td>start_dim, end_dim, input_type</td><td>reshape (C order)</td></tr>
 *   <tr><td>NIRGraph</td><td>nodes, edges</td><td>a nested graph</td></tr>
 * </table>
 *
 * <p>Reference: Pedersen et al., "Neuromorphic intermediate representation: a unified instruction
 * set for interoperable brain-inspired computing", Nature Communications 15, 8122 (2024).
 */
public sealed interface NirNode
        permits NirNode.Input, NirNode.Output, NirNode.Linear, NirNode.Affine, NirNode.Scale,
                NirNode.Threshold, NirNode.Delay, NirNode.I, NirNode.IF, NirNode.LI, NirNode.LIF,
                NirNode.CubaLI, NirNode.CubaLIF, NirNode.Conv1d, NirNode.Conv2d, NirNode.SumPool2d,
                NirNode.AvgPool2d, NirNode.Flatten, NirGraph {

    /** The NIR type name, as stored in the node's {@code type} dataset. */
    String type();

    /** The node's fields in file order (without {@code type} and {@code metadata}). */
    Map<String, NirValue> fields();

    /** Optional metadata (empty if none). */
    Map<String, NirValue> metadata();

    /** Whether the node emits spikes (its output is 0/1). */
    default boolean isSpiking() {
        return this instanceof LIF || this instanceof CubaLIF || this instanceof IF;
    }

    /** Whether the node carries a membrane state {@code v}. */
    default boolean hasMembrane() {
        return isSpiking() || this instanceof LI || this instanceof CubaLI || this instanceof I;
    }

    /** Whether the node carries a synaptic current {@code I}. */
    default boolean hasSynapticCurrent() {
        return this instanceof CubaLIF || this instanceof CubaLI;
    }

    /** The names of the fields that are per-neuron parameters (their shape is the node's shape). */
    default java.util.List<String> neuronParameters() {
        return switch (this) {
            case LIF n -> java.util.List.of("tau", "r", "v_leak", "v_threshold", "v_reset");
            case LI n -> java.util.List.of("tau", "r", "v_leak");
            case CubaLIF n -> java.util.List.of("tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in");
            case CubaLI n -> java.util.List.of("tau_syn", "tau_mem", "r", "v_leak", "w_in");
            case IF n -> java.util.List.of("r", "v_threshold", "v_reset");
            case I n -> java.util.List.of("r");
            case Scale n -> java.util.List.of("scale");
            case Threshold n -> java.util.List.of("threshold");
            case Delay n -> java.util.List.of("delay");
            default -> java.util.List.of();
        };
    }

    // ---- graph boundary -------------------------------------------------------------------

    /** Graph input; {@code shape} is the shape of one time step of input. */
    record Input(NirTensor shape, Map<String, NirValue> metadata) implements NirNode {
        public Input { shape = require(shape, "Input", "shape"); metadata = copy(metadata); }
        public Input(int... shape) { this(NirTensor.ints(shape), Map.of()); }
        @Override public String type() { return "Input"; }
        @Override public Map<String, NirValue> fields() { return ordered("shape", shape); }
        public int[] dims() { return shape.intValues("Input shape"); }
    }

    /** Graph output; {@code shape} is the shape of one time step of output. */
    record Output(NirTensor shape, Map<String, NirValue> metadata) implements NirNode {
        public Output { shape = require(shape, "Output", "shape"); metadata = copy(metadata); }
        public Output(int... shape) { this(NirTensor.ints(shape), Map.of()); }
        @Override public String type() { return "Output"; }
        @Override public Map<String, NirValue> fields() { return ordered("shape", shape); }
        public int[] dims() { return shape.intValues("Output shape"); }
    }

    // ---- stateless maps -------------------------------------------------------------------

    /** {@code y = W·x}, weight of shape (out, in). */
    record Linear(NirTensor weight, Map<String, NirValue> metadata) implements NirNode {
        public Linear { weight = require(weight, "Linear", "weight"); metadata = copy(metadata); }
        @Override public String type() { return "Linear"; }
        @Override public Map<String, NirValue> fields() { return ordered("weight", weight); }
    }

    /** {@code y = W·x + b}. */
    record Affine(NirTensor weight, NirTensor bias, Map<String, NirValue> metadata) implements NirNode {
        public Affine {
            weight = require(weight, "Affine", "weight");
            bias = require(bias, "Affine", "bias");
            metadata = copy(metadata);
        }
        @Override public String type() { return "Affine"; }
        @Override public Map<String, NirValue> fields() { return ordered("weight", weight, "bias", bias); }
    }

    /** {@code y = s ⊙ x}. */
    record Scale(NirTensor scale, Map<String, NirValue> metadata) implements NirNode {
        public Scale { scale = require(scale, "Scale", "scale"); metadata = copy(metadata); }
        @Override public String type() { return "Scale"; }
        @Override public Map<String, NirValue> fields() { return ordered("scale", scale); }
    }

    /** {@code y = H(x − θ)}, with {@code H(u) = 1} for {@code u > 0}. */
    record Threshold(NirTensor threshold, Map<String, NirValue> metadata) implements NirNode {
        public Threshold { threshold = require(threshold, "Threshold", "threshold"); metadata = copy(metadata); }
        @Override public String type() { return "Threshold"; }
        @Override public Map<String, NirValue> fields() { return ordered("threshold", threshold); }
    }

    /** {@code y(t) = x(t − d)}, {@code d} in seconds per element. */
    record Delay(NirTensor delay, Map<String, NirValue> metadata) implements NirNode {
        public Delay { delay = require(delay, "Delay", "delay"); metadata = copy(metadata); }
        @Override public String type() { return "Delay"; }
        @Override public Map<String, NirValue> fields() { return ordered("delay", delay); }
    }

    // ---- neurons --------------------------------------------------------------------------

    /** Integrator: {@code dv/dt = R·x}. */
    record I(NirTensor r, Map<String, NirValue> metadata) implements NirNode {
        public I { r = require(r, "I", "r"); metadata = copy(metadata); }
        @Override public String type() { return "I"; }
        @Override public Map<String, NirValue> fields() { return ordered("r", r); }
    }

    /** Integrate-and-fire: {@code dv/dt = R·x}, spike when {@code v > v_threshold}. */
    record IF(NirTensor r, NirTensor vThreshold, NirTensor vReset, Map<String, NirValue> metadata) implements NirNode {
        public IF {
            r = require(r, "IF", "r");
            vThreshold = require(vThreshold, "IF", "v_threshold");
            vReset = require(vReset, "IF", "v_reset");
            metadata = copy(metadata);
        }
        @Override public String type() { return "IF"; }
        @Override public Map<String, NirValue> fields() {
            return ordered("r", r, "v_reset", vReset, "v_threshold", vThreshold);
        }
    }

    /** Leaky integrator: {@code τ dv/dt = (v_leak − v) + R·x}. */
    record LI(NirTensor tau, NirTensor r, NirTensor vLeak, Map<String, NirValue> metadata) implements NirNode {
        public LI {
            tau = require(tau, "LI", "tau");
            r = require(r, "LI", "r");
            vLeak = require(vLeak, "LI", "v_leak");
            metadata = copy(metadata);
        }
        @Override public String type() { return "LI"; }
        @Override public Map<String, NirValue> fields() { return ordered("r", r, "tau", tau, "v_leak", vLeak); }
    }

    /** Leaky integrate-and-fire: {@code τ dv/dt = (v_leak − v) + R·x}, spike when {@code v > v_threshold}. */
    record LIF(NirTensor tau, NirTensor r, NirTensor vLeak, NirTensor vThreshold, NirTensor vReset,
               Map<String, NirValue> metadata) implements NirNode {
        public LIF {
            tau = require(tau, "LIF", "tau");
            r = require(r, "LIF", "r");
            vLeak = require(vLeak, "LIF", "v_leak");
            vThreshold = require(vThreshold, "LIF", "v_threshold");
            vReset = require(vReset, "LIF", "v_reset");
            metadata = copy(metadata);
        }
        @Override public String type() { return "LIF"; }
        @Override public Map<String, NirValue> fields() {
            return ordered("r", r, "tau", tau, "v_leak", vLeak, "v_reset", vReset, "v_threshold", vThreshold);
        }
    }

    /** Current-based leaky integrator: {@code τ_syn dI/dt = −I + w_in·x}, {@code τ_mem dv/dt = (v_leak − v) + R·I}. */
    record CubaLI(NirTensor tauSyn, NirTensor tauMem, NirTensor r, NirTensor vLeak, NirTensor wIn,
                  Map<String, NirValue> metadata) implements NirNode {
        public CubaLI {
            tauSyn = require(tauSyn, "CubaLI", "tau_syn");
            tauMem = require(tauMem, "CubaLI", "tau_mem");
            r = require(r, "CubaLI", "r");
            vLeak = require(vLeak, "CubaLI", "v_leak");
            wIn = require(wIn, "CubaLI", "w_in");
            metadata = copy(metadata);
        }
        @Override public String type() { return "CubaLI"; }
        @Override public Map<String, NirValue> fields() {
            return ordered("r", r, "tau_mem", tauMem, "tau_syn", tauSyn, "v_leak", vLeak, "w_in", wIn);
        }
    }

    /** Current-based LIF: CubaLI dynamics plus spike when {@code v > v_threshold} and reset. */
    record CubaLIF(NirTensor tauSyn, NirTensor tauMem, NirTensor r, NirTensor vLeak, NirTensor vThreshold,
                   NirTensor vReset, NirTensor wIn, Map<String, NirValue> metadata) implements NirNode {
        public CubaLIF {
            tauSyn = require(tauSyn, "CubaLIF", "tau_syn");
            tauMem = require(tauMem, "CubaLIF", "tau_mem");
            r = require(r, "CubaLIF", "r");
            vLeak = require(vLeak, "CubaLIF", "v_leak");
            vThreshold = require(vThreshold, "CubaLIF", "v_threshold");
            vReset = require(vReset, "CubaLIF", "v_reset");
            wIn = require(wIn, "CubaLIF", "w_in");
            metadata = copy(metadata);
        }
        @Override public String type() { return "CubaLIF"; }
        @Override public Map<String, NirValue> fields() {
            return ordered("r", r, "tau_mem", tauMem, "tau_syn", tauSyn, "v_leak", vLeak, "v_reset", vReset,
                    "v_threshold", vThreshold, "w_in", wIn);
        }
    }

    // ---- structured maps ------------------------------------------------------------------

    /**
     * 1-d convolution (PyTorch {@code Conv1d} semantics). {@code padding} is an int64 scalar or
     * array, or the text {@code "same"}/{@code "valid"}; {@code inputShape} (the spatial length)
     * may be null in old files and is then inferred from the incoming edge.
     */
    record Conv1d(NirTensor weight, NirTensor bias, NirTensor stride, NirValue padding, NirTensor dilation,
                  NirTensor groups, NirTensor inputShape, Map<String, NirValue> metadata) implements NirNode {
        public Conv1d {
            weight = require(weight, "Conv1d", "weight");
            bias = require(bias, "Conv1d", "bias");
            stride = require(stride, "Conv1d", "stride");
            padding = require(padding, "Conv1d", "padding");
            dilation = require(dilation, "Conv1d", "dilation");
            groups = require(groups, "Conv1d", "groups");
            metadata = copy(metadata);
        }
        @Override public String type() { return "Conv1d"; }
        @Override public Map<String, NirValue> fields() {
            return conv(bias, dilation, groups, inputShape, padding, stride, weight);
        }
    }

    /** 2-d convolution (PyTorch {@code Conv2d} semantics); fields as {@link Conv1d}, per spatial dimension. */
    record Conv2d(NirTensor weight, NirTensor bias, NirTensor stride, NirValue padding, NirTensor dilation,
                  NirTensor groups, NirTensor inputShape, Map<String, NirValue> metadata) implements NirNode {
        public Conv2d {
            weight = require(weight, "Conv2d", "weight");
            bias = require(bias, "Conv2d", "bias");
            stride = require(stride, "Conv2d", "stride");
            padding = require(padding, "Conv2d", "padding");
            dilation = require(dilation, "Conv2d", "dilation");
            groups = require(groups, "Conv2d", "groups");
            metadata = copy(metadata);
        }
        @Override public String type() { return "Conv2d"; }
        @Override public Map<String, NirValue> fields() {
            return conv(bias, dilation, groups, inputShape, padding, stride, weight);
        }
    }

    /** 2-d sum pooling over windows of {@code kernel_size}. */
    record SumPool2d(NirTensor kernelSize, NirTensor stride, NirTensor padding, Map<String, NirValue> metadata)
            implements NirNode {
        public SumPool2d {
            kernelSize = require(kernelSize, "SumPool2d", "kernel_size");
            stride = require(stride, "SumPool2d", "stride");
            padding = require(padding, "SumPool2d", "padding");
            metadata = copy(metadata);
        }
        @Override public String type() { return "SumPool2d"; }
        @Override public Map<String, NirValue> fields() {
            return ordered("kernel_size", kernelSize, "padding", padding, "stride", stride);
        }
    }

    /**
     * 2-d average pooling: the window sum divided by the kernel area (PyTorch's default
     * {@code count_include_pad=True}).
     */
    record AvgPool2d(NirTensor kernelSize, NirTensor stride, NirTensor padding, Map<String, NirValue> metadata)
            implements NirNode {
        public AvgPool2d {
            kernelSize = require(kernelSize, "AvgPool2d", "kernel_size");
            stride = require(stride, "AvgPool2d", "stride");
            padding = require(padding, "AvgPool2d", "padding");
            metadata = copy(metadata);
        }
        @Override public String type() { return "AvgPool2d"; }
        @Override public Map<String, NirValue> fields() {
            return ordered("kernel_size", kernelSize, "padding", padding, "stride", stride);
        }
    }

    /**
     * Merges dimensions {@code start_dim..end_dim} (negative counts from the end) of the input;
     * the data, in C order, is unchanged. {@code inputType} may be null in old files.
     */
    record Flatten(NirTensor startDim, NirTensor endDim, NirTensor inputType, Map<String, NirValue> metadata)
            implements NirNode {
        public Flatten {
            startDim = require(startDim, "Flatten", "start_dim");
            endDim = require(endDim, "Flatten", "end_dim");
            metadata = copy(metadata);
        }
        @Override public String type() { return "Flatten"; }
        @Override public Map<String, NirValue> fields() {
            Map<String, NirValue> m = ordered("end_dim", endDim);
            if (inputType != null) m.put("input_type", inputType);
            m.put("start_dim", startDim);
            return Collections.unmodifiableMap(m);
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static <T> T require(T value, String type, String field) {
        if (value == null) throw new NirFormatException(type + " node needs field '" + field + "'");
        return value;
    }

    private static Map<String, NirValue> copy(Map<String, NirValue> metadata) {
        return metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    private static Map<String, NirValue> ordered(Object... kv) {
        Map<String, NirValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (NirValue) kv[i + 1]);
        return m;
    }

    private static Map<String, NirValue> conv(NirTensor bias, NirTensor dilation, NirTensor groups,
                                              NirTensor inputShape, NirValue padding, NirTensor stride,
                                              NirTensor weight) {
        Map<String, NirValue> m = ordered("bias", bias, "dilation", dilation, "groups", groups);
        if (inputShape != null) m.put("input_shape", inputShape);
        m.put("padding", padding);
        m.put("stride", stride);
        m.put("weight", weight);
        return Collections.unmodifiableMap(m);
    }
}
