package org.spikeforge.simulations.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikeforge.encoders.CodeSpec;
import org.spikeforge.encoders.CurrentRaster;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.Encoders;
import org.spikeforge.encoders.Encoding;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.ParamSpec;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.encoders.events.EventStream;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.Izhikevich;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.NeuronModels;
import org.spikeforge.neurons.ParameterSpec;
import org.spikeforge.neurons.Precision;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.InitialValue;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Seeds;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.StateProbe;
import org.spikeforge.simulations.WeightProbe;
import org.spikeforge.simulations.io.JsonTrees;
import org.spikeforge.simulations.io.SignalFiles;
import org.spikeforge.simulations.stimuli.RepeatedPattern;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;
import org.spikeforge.synapses.device.DevicePresets;
import org.spikeforge.synapses.device.PulsedDevice;
import org.spikeforge.synapses.plasticity.PairStdp;
import org.spikeforge.synapses.plasticity.PlasticityRule;
import org.spikeforge.synapses.plasticity.TripletStdp;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;
import org.spikeforge.synapses.plasticity.WeightBounds;

/**
 * Reads a scenario file (YAML with units) into a {@link Scenario}. Every user error becomes a
 * {@link ScenarioException} naming the file, the field path, the value and what was expected.
 * The schema is documented in the README ("Scenario files").
 */
public final class ScenarioLoader {
    /**
     * Reads scenarios and {@code --set} values into trees with Jackson's streaming parser ({@link JsonTrees}); a
     * key given twice in one mapping is an error.
     */
    private static final YAMLFactory YAML = (YAMLFactory) new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);


    /** Overrides applied on top of the file, as given on the command line. */
    public record Overrides(Long seed, String duration, String backend, Integer threads, Map<String, String> set) {
        public static Overrides none() {
            return new Overrides(null, null, null, null, Map.of());
        }
    }

    private static final Set<String> TOP = Set.of("name", "description", "dt", "duration", "seed", "backend", "threads",
            "populations", "inputs", "projections", "probes", "classify");
    private static final Pattern CALL = Pattern.compile("\\s*(uniform|normal)\\s*\\((.*),(.*)\\)\\s*");

    private final String file;
    /** Folder that relative data-file paths resolve against: the scenario file's folder. */
    private final Path baseDir;

    private ScenarioLoader(String file, Path baseDir) {
        this.file = file;
        this.baseDir = baseDir;
    }

    public static Scenario load(Path path, Overrides overrides) {
        String display = path.toString();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(display, null, null, "file not found");
        } catch (IOException e) {
            throw new ScenarioException(display, null, null, "cannot read file (" + e.getMessage() + ")");
        }
        String base = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, display, base, overrides, path.toAbsolutePath().getParent());
    }

    /** Parses scenario text; {@code display} names the source in errors; data files resolve against the working directory. */
    public static Scenario parse(String text, String display, String defaultName, Overrides overrides) {
        return parse(text, display, defaultName, overrides, Path.of("").toAbsolutePath());
    }

    /**
     * Parses scenario text; {@code display} names the source in errors, and relative data-file
     * paths (encoder inputs) resolve against {@code baseDir}.
     */
    public static Scenario parse(String text, String display, String defaultName, Overrides overrides, Path baseDir) {
        JsonNode root;
        try {
            root = JsonTrees.read(YAML.createParser(text));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new ScenarioException(display, null, null, where + "not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new ScenarioException(display, null, null, "not valid YAML (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(display, null, null, "expected a YAML mapping with keys such as dt, duration, populations");
        }
        ScenarioLoader l = new ScenarioLoader(display, baseDir);
        l.applyOverrides((ObjectNode) root, overrides == null ? Overrides.none() : overrides);
        return l.build((ObjectNode) root, defaultName);
    }

    // ---------------------------------------------------------------- overrides

    private void applyOverrides(ObjectNode root, Overrides o) {
        for (Map.Entry<String, String> e : o.set().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                if (child == null) {
                    child = node.putObject(parts[i]);
                } else if (!child.isObject()) {
                    throw new ScenarioException(file, e.getKey(), e.getValue(), "--set path goes through '" + parts[i] + "', which is not a mapping");
                }
                node = (ObjectNode) child;
            }
            JsonNode value;
            try {
                value = JsonTrees.read(YAML.createParser(e.getValue()));
            } catch (IOException ex) {
                value = null;
            }
            if (value == null || value.isMissingNode() || value.isNull()) {
                node.put(parts[parts.length - 1], e.getValue());
            } else {
                node.set(parts[parts.length - 1], value);
            }
        }
        if (o.seed() != null) root.put("seed", o.seed());
        if (o.duration() != null) root.put("duration", o.duration());
        if (o.backend() != null) root.put("backend", o.backend());
        if (o.threads() != null) root.put("threads", o.threads());
    }

    // ---------------------------------------------------------------- top level

    private Scenario build(ObjectNode root, String defaultName) {
        checkKeys(root, "", TOP);
        String name = root.has("name") ? text(root.get("name"), "name") : defaultName;
        double dt = quantity(require(root, "dt", ""), "dt", Dimension.TIME);
        if (!(dt > 0)) throw err("dt", root.get("dt"), "expected a positive time step such as '0.1 ms'");
        long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 1L;
        String backend = root.has("backend") ? text(root.get("backend"), "backend") : "scalar";
        int threads = root.has("threads") ? (int) integer(root.get("threads"), "threads") : 1;
        if (threads < 1) throw err("threads", root.get("threads"), "expected an integer >= 1");
        if (root.has("classify")) {
            for (String k : List.of("populations", "inputs", "projections", "probes", "duration")) {
                if (root.has(k)) throw err(k, null, "a classify scenario builds its network from the model; remove '" + k + "'");
            }
            return classify(root.get("classify"), name, dt, seed, backend, threads);
        }
        double duration = quantity(require(root, "duration", ""), "duration", Dimension.TIME);
        if (!(duration >= 0)) throw err("duration", root.get("duration"), "expected a time >= 0 such as '1 s'");

        Network.Builder b = Network.builder(dt, seed);
        Map<String, NeuronModel> models = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        JsonNode pops = require(root, "populations", "");
        if (!pops.isObject() || pops.isEmpty()) throw err("populations", pops, "expected a mapping of population names to definitions");
        for (Iterator<Map.Entry<String, JsonNode>> it = pops.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            population(b, e.getKey(), e.getValue(), models, sizes);
        }
        Map<String, Integer> sources = new LinkedHashMap<>();
        if (root.has("inputs")) {
            JsonNode in = root.get("inputs");
            if (!in.isObject()) throw err("inputs", in, "expected a mapping of input names to definitions");
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                input(b, e.getKey(), e.getValue(), models, sizes, sources, dt);
            }
        }
        if (root.has("projections")) {
            JsonNode pr = root.get("projections");
            if (!pr.isObject()) throw err("projections", pr, "expected a mapping of projection names to definitions");
            for (Iterator<Map.Entry<String, JsonNode>> it = pr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                projection(b, e.getKey(), e.getValue(), models, sizes, sources, dt);
            }
        }
        Network net;
        try {
            net = b.build();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(file, null, null, e.getMessage());
        }
        List<Probe> probes = new ArrayList<>();
        if (root.has("probes")) {
            JsonNode pr = root.get("probes");
            if (!pr.isObject()) throw err("probes", pr, "expected a mapping of probe names to definitions");
            for (Iterator<Map.Entry<String, JsonNode>> it = pr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                probes.add(probe(net, e.getKey(), e.getValue(), models, dt));
            }
        }
        long steps = Math.round(duration / dt);
        return new Scenario(name, net, steps, backend, threads, List.copyOf(probes));
    }

    // ---------------------------------------------------------------- classification

    private static final Set<String> CLASSIFY_KEYS = Set.of("model", "calibration", "calibration_samples", "data", "labels",
            "samples", "input_divide_by", "timesteps", "percentile", "half_threshold");

    /**
     * {@code classify:} converts an ONNX MLP (rate conversion with threshold balancing on calibration
     * samples) into an engine network and classifies {@code samples} rows of {@code data}.
     */
    private Scenario classify(JsonNode n, String name, double dt, long seed, String backend, int threads) {
        String at = "classify";
        checkKeys(n, at, CLASSIFY_KEYS);
        Path model = file(require(n, "model", at), at + ".model");
        Path cal = file(require(n, "calibration", at), at + ".calibration");
        Path data = file(require(n, "data", at), at + ".data");
        Path labels = file(require(n, "labels", at), at + ".labels");
        int calN = n.has("calibration_samples") ? (int) integer(n.get("calibration_samples"), at + ".calibration_samples") : 1000;
        int samples = n.has("samples") ? (int) integer(n.get("samples"), at + ".samples") : Integer.MAX_VALUE;
        if (samples < 1) throw err(at + ".samples", n.get("samples"), "expected an integer >= 1");
        int T = (int) integer(require(n, "timesteps", at), at + ".timesteps");
        if (T < 1) throw err(at + ".timesteps", n.get("timesteps"), "expected an integer >= 1 (steps per sample)");
        double divide = n.has("input_divide_by") ? quantity(n.get("input_divide_by"), at + ".input_divide_by", Dimension.DIMENSIONLESS) : 1.0;
        if (!(divide > 0)) throw err(at + ".input_divide_by", n.get("input_divide_by"), "expected a positive number");
        double pct = n.has("percentile") ? quantity(n.get("percentile"), at + ".percentile", Dimension.DIMENSIONLESS) : 99.9;
        if (!(pct > 0 && pct <= 100)) throw err(at + ".percentile", n.get("percentile"), "expected a percentile in (0, 100]");
        boolean half = n.has("half_threshold") && bool(n.get("half_threshold"), at + ".half_threshold");
        try {
            var ann = org.spikeforge.simulations.conversion.FeedForwardAnn.fromOnnx(org.spikeforge.simulations.conversion.OnnxGraph.read(model));
            double[][] calX = rows(cal, calN, divide, at + ".calibration");
            double[][] x = rows(data, samples, divide, at + ".data");
            double[] yd = org.spikeforge.encoders.io.Npy.read(labels).toDoubles();
            if (yd.length < x.length) throw err(at + ".labels", n.get("labels"), "expected at least " + x.length + " labels, the file has " + yd.length);
            int[] y = new int[x.length];
            for (int i = 0; i < y.length; i++) y[i] = (int) yd[i];
            var snn = org.spikeforge.simulations.conversion.RateConversion.convert(ann, calX,
                    new org.spikeforge.simulations.conversion.RateConversion.Options(pct, half,
                            org.spikeforge.simulations.conversion.RateConversion.Readout.MEMBRANE));
            var en = snn.toNetwork(dt, seed);
            return new Scenario(name, en.network(), T + en.depth(), backend, threads, List.of(),
                    new Scenario.ClassificationTask(en, x, y, T, model.getFileName().toString()));
        } catch (IOException e) {
            throw new ScenarioException(file, at, null, "cannot read data (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(file, at, null, e.getMessage());
        }
    }

    /** A file named in the scenario, relative to the scenario's folder; it must exist. */
    private Path file(JsonNode n, String at) {
        Path p = baseDir.resolve(text(n, at)).normalize();
        if (!Files.isRegularFile(p)) throw err(at, n, "file not found (" + p + ")");
        return p;
    }

    /** The first {@code limit} rows of a 2-D (or higher) NPY array, flattened, each value divided by {@code divide} in float32. */
    private double[][] rows(Path f, int limit, double divide, String at) throws IOException {
        var a = org.spikeforge.encoders.io.Npy.read(f);
        if (a.rank() < 2) throw new ScenarioException(file, at, f.toString(), "expected an array of samples (rank >= 2), got shape " + java.util.Arrays.toString(a.shape()));
        int n = Math.min(limit, a.dim(0));
        int w = a.size() / a.dim(0);
        double[] d = a.toDoubles();
        double[][] out = new double[n][w];
        float div = (float) divide;
        for (int s = 0; s < n; s++) for (int i = 0; i < w; i++) out[s][i] = divide == 1.0 ? d[s * w + i] : (float) d[s * w + i] / div;
        return out;
    }

    // ---------------------------------------------------------------- populations

    private static final Set<String> POP_KEYS = Set.of("size", "model", "reset", "method", "params", "initial", "preset", "precision");

    private void population(Network.Builder b, String name, JsonNode n, Map<String, NeuronModel> models,
                            Map<String, Integer> sizes) {
        String at = "populations." + name;
        if (!n.isObject()) throw err(at, n, "expected a mapping with size, model, params, initial");
        checkKeys(n, at, POP_KEYS);
        int size = (int) integer(require(n, "size", at), at + ".size");
        if (size < 1) throw err(at + ".size", n.get("size"), "expected an integer >= 1");
        String kind = text(require(n, "model", at), at + ".model");
        Precision precision = Precision.FLOAT64;
        if (n.has("precision")) {
            precision = Precision.parse(text(n.get("precision"), at + ".precision"));
            if (precision == null) throw err(at + ".precision", n.get("precision"), "expected float64 or fixed_point");
        }
        NeuronModels.Entry entry = NeuronModels.get(kind, precision);
        if (entry == null && NeuronModels.get(kind) != null) {
            throw err(at + ".precision", n.get("precision"), "model '" + kind + "' has no " + precision.name().toLowerCase(Locale.ROOT)
                    + " implementation; models with one: " + String.join(", ", NeuronModels.kinds(precision)));
        }
        if (entry == null) throw err(at + ".model", n.get("model"), "unknown neuron model; known models: " + String.join(", ", NeuronModels.kinds()));
        ResetMode reset = ResetMode.TO_VALUE;
        if (n.has("reset")) {
            reset = ResetMode.parse(text(n.get("reset"), at + ".reset"));
            if (reset == null) throw err(at + ".reset", n.get("reset"), "expected 'value' or 'subtract'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        for (ParameterSpec p : entry.parameters()) specs.put(p.name(), p);
        if (n.has("preset")) {
            // presets set a, b, c, d of the Izhikevich model; params given beside them take precedence
            if (!kind.equals("izhikevich")) throw err(at + ".preset", n.get("preset"), "presets exist for model izhikevich only");
            Izhikevich.Preset preset;
            try {
                preset = Izhikevich.Preset.parse(text(n.get("preset"), at + ".preset"));
            } catch (IllegalArgumentException e) {
                throw err(at + ".preset", n.get("preset"), "expected one of RS, IB, CH, FS, LTS (Izhikevich 2003, Fig. 2)");
            }
            values.put("a", preset.a);
            values.put("b", preset.b);
            values.put("c", preset.c);
            values.put("d", preset.d);
        }
        if (n.has("params")) {
            JsonNode ps = n.get("params");
            if (!ps.isObject()) throw err(at + ".params", ps, "expected a mapping of parameter names to values with units");
            checkKeys(ps, at + ".params", specs.keySet());
            for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ParameterSpec spec = specs.get(e.getKey());
                values.put(e.getKey(), quantity(e.getValue(), at + ".params." + e.getKey(), spec.dimension()));
            }
        }
        NeuronModel model;
        try {
            model = entry.create(values, reset);
        } catch (IllegalArgumentException ex) {
            // the record names the parameter first: "tau_m must be a positive ms value, was -5.0"
            String msg = ex.getMessage();
            String param = msg.split(" ", 2)[0];
            JsonNode v = n.path("params").get(param);
            throw err(at + ".params." + param, v, "expected " + msg.substring(param.length()).trim()
                    .replaceFirst("^must be ", "").replaceFirst(", was .*$", ""));
        }
        if (n.has("method")) {
            String method = text(n.get("method"), at + ".method");
            if (model.methods().isEmpty()) {
                throw err(at + ".method", n.get("method"), "no method key: model '" + kind + "' has one integration scheme"
                        + " (models with a choice: " + String.join(", ", NeuronModels.kindsWithMethods()) + ")");
            }
            if (!model.methods().contains(method)) {
                throw err(at + ".method", n.get("method"), "expected one of " + String.join(", ", model.methods()) + " (model '" + kind + "')");
            }
            model = model.withMethod(method);
        }
        b.population(name, size, model);
        models.put(name, model);
        sizes.put(name, size);
        if (n.has("initial")) {
            JsonNode iv = n.get("initial");
            if (!iv.isObject()) throw err(at + ".initial", iv, "expected a mapping of state variables to values");
            checkKeys(iv, at + ".initial", Set.copyOf(model.stateVariables()));
            for (Iterator<Map.Entry<String, JsonNode>> it = iv.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Dimension d = model.stateDimensions().get(model.stateIndex(e.getKey()));
                b.initial(name, e.getKey(), initial(e.getValue(), at + ".initial." + e.getKey(), d));
            }
        }
    }

    private InitialValue initial(JsonNode n, String at, Dimension d) {
        SynapseValue v = distribution(n, at, d);
        return switch (v) {
            case SynapseValue.Constant c -> InitialValue.constant(c.value());
            case SynapseValue.Uniform u -> InitialValue.uniform(u.low(), u.high());
            case SynapseValue.Normal g -> InitialValue.normal(g.mean(), g.sd());
            case SynapseValue.Explicit x -> throw err(at, n, "expected a value, uniform(a, b) or normal(mean, sd)");
        };
    }

    /** A constant quantity, {@code uniform(a, b)} or {@code normal(mean, sd)}, all with units. */
    private SynapseValue distribution(JsonNode n, String at, Dimension d) {
        if (n.isTextual()) {
            Matcher m = CALL.matcher(n.asText());
            if (m.matches()) {
                double a = quantityText(m.group(2).trim(), at, n, d);
                double c = quantityText(m.group(3).trim(), at, n, d);
                try {
                    return m.group(1).equals("uniform") ? new SynapseValue.Uniform(a, c)
                            : new SynapseValue.Normal(a, c, Double.NEGATIVE_INFINITY);
                } catch (IllegalArgumentException e) {
                    throw err(at, n, e.getMessage());
                }
            }
        }
        return new SynapseValue.Constant(quantity(n, at, d));
    }

    // ---------------------------------------------------------------- inputs

    private void input(Network.Builder b, String name, JsonNode n, Map<String, NeuronModel> models,
                       Map<String, Integer> sizes, Map<String, Integer> sources, double dt) {
        String at = "inputs." + name;
        if (!n.isObject()) throw err(at, n, "expected a mapping with a 'type'");
        String type = text(require(n, "type", at), at + ".type");
        switch (type) {
            case "poisson" -> {
                checkKeys(n, at, Set.of("type", "size", "rate"));
                int size = (int) integer(require(n, "size", at), at + ".size");
                if (size < 1) throw err(at + ".size", n.get("size"), "expected an integer >= 1");
                double rate = quantity(require(n, "rate", at), at + ".rate", Dimension.FREQUENCY);
                if (!(rate >= 0)) throw err(at + ".rate", n.get("rate"), "expected a rate >= 0 Hz");
                b.poisson(name, size, rate);
                sources.put(name, size);
            }
            case "spike_times" -> {
                checkKeys(n, at, Set.of("type", "size", "times", "indices"));
                JsonNode times = require(n, "times", at);
                if (!times.isArray()) throw err(at + ".times", times, "expected a list of times with units");
                double[] t = new double[times.size()];
                for (int k = 0; k < t.length; k++) {
                    t[k] = quantity(times.get(k), at + ".times[" + k + "]", Dimension.TIME);
                    if (t[k] < 0) throw err(at + ".times[" + k + "]", times.get(k), "expected a time >= 0");
                }
                int[] idx = new int[t.length];
                int size = 1;
                if (n.has("indices")) {
                    JsonNode ix = n.get("indices");
                    if (!ix.isArray() || ix.size() != t.length) {
                        throw err(at + ".indices", ix, "expected a list of " + t.length + " neuron indices, one per time");
                    }
                    for (int k = 0; k < idx.length; k++) {
                        idx[k] = (int) integer(ix.get(k), at + ".indices[" + k + "]");
                        size = Math.max(size, idx[k] + 1);
                    }
                }
                if (n.has("size")) {
                    int s = (int) integer(n.get("size"), at + ".size");
                    if (s < size) throw err(at + ".size", n.get("size"), "expected at least " + size + " (largest index + 1)");
                    size = s;
                }
                for (int k = 0; k < idx.length; k++) {
                    if (idx[k] < 0) throw err(at + ".indices[" + k + "]", n.get("indices").get(k), "expected an index >= 0");
                }
                b.spikeTimes(name, size, t, idx);
                sources.put(name, size);
            }
            case "current" -> {
                checkKeys(n, at, Set.of("type", "target", "amplitude", "steps", "neurons"));
                String target = text(require(n, "target", at), at + ".target");
                if (!models.containsKey(target)) throw err(at + ".target", n.get("target"), unknownPop(models));
                CurrentSource cs;
                if (n.has("amplitude") == n.has("steps")) {
                    throw err(at, null, "expected exactly one of 'amplitude' (constant) or 'steps' (list of {at, amplitude})");
                }
                if (n.has("amplitude")) {
                    cs = CurrentSource.constant(quantity(n.get("amplitude"), at + ".amplitude", Dimension.CURRENT));
                } else {
                    JsonNode st = n.get("steps");
                    if (!st.isArray() || st.isEmpty()) throw err(at + ".steps", st, "expected a list of {at: TIME, amplitude: CURRENT}");
                    long[] when = new long[st.size()];
                    double[] amp = new double[st.size()];
                    for (int k = 0; k < when.length; k++) {
                        String sat = at + ".steps[" + k + "]";
                        checkKeys(st.get(k), sat, Set.of("at", "amplitude"));
                        when[k] = Math.round(quantity(require(st.get(k), "at", sat), sat + ".at", Dimension.TIME) / dt);
                        amp[k] = quantity(require(st.get(k), "amplitude", sat), sat + ".amplitude", Dimension.CURRENT);
                        if (k > 0 && when[k] <= when[k - 1]) throw err(sat + ".at", st.get(k).get("at"), "expected times in increasing order, at least one step apart");
                    }
                    cs = new CurrentSource(when, amp);
                }
                int[] neurons = n.has("neurons") ? indices(n.get("neurons"), at + ".neurons", sizes.get(target)) : null;
                b.current(name, target, neurons, cs);
            }
            case "encoder" -> encoderInput(b, name, n, at, models, sizes, sources, dt);
            case "repeated_pattern" -> {
                checkKeys(n, at, Set.of("type", "size", "pattern_size", "pattern_duration", "pattern_probability", "rate_min",
                        "rate_max", "noise_rate", "max_silence", "pattern_jitter", "seed"));
                int size = (int) integer(require(n, "size", at), at + ".size");
                int patternSize = n.has("pattern_size") ? (int) integer(n.get("pattern_size"), at + ".pattern_size") : size / 2;
                double duration = n.has("pattern_duration") ? quantity(n.get("pattern_duration"), at + ".pattern_duration", Dimension.TIME) : 50;
                double p = n.has("pattern_probability")
                        ? quantity(n.get("pattern_probability"), at + ".pattern_probability", Dimension.DIMENSIONLESS) : 0.25;
                double rMin = n.has("rate_min") ? quantity(n.get("rate_min"), at + ".rate_min", Dimension.FREQUENCY) : 0;
                double rMax = n.has("rate_max") ? quantity(n.get("rate_max"), at + ".rate_max", Dimension.FREQUENCY) : 90;
                double noise = n.has("noise_rate") ? quantity(n.get("noise_rate"), at + ".noise_rate", Dimension.FREQUENCY) : 10;
                double silence = n.has("max_silence") ? quantity(n.get("max_silence"), at + ".max_silence", Dimension.TIME) : 50;
                double jitter = n.has("pattern_jitter") ? quantity(n.get("pattern_jitter"), at + ".pattern_jitter", Dimension.TIME) : 0;
                long seed = n.has("seed") ? integer(n.get("seed"), at + ".seed") : Seeds.derive(b.seed(), "source:" + name);
                RepeatedPattern rp;
                try {
                    rp = new RepeatedPattern(size, patternSize, duration, p, rMin, rMax, noise, silence, jitter, dt, seed);
                } catch (IllegalArgumentException e) {
                    String field = e.getMessage().split(" ", 2)[0];
                    throw err(at + "." + field, n.get(field), e.getMessage().substring(field.length()).trim().replaceFirst(", was .*$", ""));
                }
                b.source(name, rp.source());
                sources.put(name, size);
            }
            default -> throw err(at + ".type", n.get("type"),
                    "unknown input type; known types: poisson, spike_times, current, encoder, repeated_pattern");
        }
    }

    private static final Set<String> ENCODER_INPUT_KEYS = Set.of("type", "encoder", "params", "file", "sample_rate", "channels",
            "target", "neurons");

    /**
     * An input that encodes a data file: the encoder's parameters carry units and are converted to
     * its engine units; {@code sample_rate} fills the encoder's sample (or frame) rate; {@code dt}
     * defaults to the scenario's step. Spikes become a source; currents go into {@code target}.
     */
    private void encoderInput(Network.Builder b, String name, JsonNode n, String at, Map<String, NeuronModel> models,
                              Map<String, Integer> sizes, Map<String, Integer> sources, double dt) {
        checkKeys(n, at, ENCODER_INPUT_KEYS);
        String encName = text(require(n, "encoder", at), at + ".encoder");
        if (!Encoders.names().contains(encName)) {
            throw err(at + ".encoder", n.get("encoder"), "unknown encoder; known encoders: " + String.join(", ", Encoders.names()));
        }
        CodeSpec<Encoder> spec = Encoders.spec(encName);
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        for (ParamSpec p : spec.parameters()) specs.put(p.name(), p);
        Map<String, Object> values = new LinkedHashMap<>();
        if (n.has("params")) {
            JsonNode ps = n.get("params");
            if (!ps.isObject()) throw err(at + ".params", ps, "expected a mapping of parameter names to values with units");
            checkKeys(ps, at + ".params", specs.keySet());
            for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ParamSpec p = specs.get(e.getKey());
                String pat = at + ".params." + e.getKey();
                try {
                    values.put(e.getKey(), CodeParameters.convert(p, plain(e.getValue(), pat)));
                } catch (IllegalArgumentException ex) {
                    throw err(pat, e.getValue(), ex.getMessage() + " (" + p.describe() + ")");
                }
            }
        }
        String rateParam = specs.containsKey("sample_rate") ? "sample_rate" : specs.containsKey("frame_rate") ? "frame_rate" : null;
        if (n.has("sample_rate")) {
            if (rateParam == null) {
                throw err(at + ".sample_rate", n.get("sample_rate"), "encoder '" + encName
                        + "' encodes a static array and takes no sample rate; encoders with one: " + String.join(", ", Encoders.names().stream()
                        .filter(e -> Encoders.spec(e).parameters().stream().anyMatch(q -> q.name().equals("sample_rate") || q.name().equals("frame_rate")))
                        .toList()));
            }
            if (values.containsKey(rateParam)) {
                throw err(at + ".params." + rateParam, n.path("params").get(rateParam), "given twice; give the input's sample_rate only");
            }
            double sr = quantity(n.get("sample_rate"), at + ".sample_rate", Dimension.FREQUENCY);
            if (!(sr > 0)) throw err(at + ".sample_rate", n.get("sample_rate"), "expected a positive rate such as '100 Hz'");
            values.put(rateParam, sr);
        }
        if (specs.containsKey("dt") && !values.containsKey("dt")) values.put("dt", dt);

        JsonNode fileNode = require(n, "file", at);
        Path path = baseDir.resolve(text(fileNode, at + ".file"));
        SignalFiles.Table table;
        try {
            table = SignalFiles.read(path);
        } catch (IllegalArgumentException e) {
            throw err(at + ".file", fileNode, "cannot use data file: " + e.getMessage());
        }
        NdArray data = table.data();
        if (n.has("channels")) {
            JsonNode ch = n.get("channels");
            if (!ch.isArray() || ch.isEmpty()) throw err(at + ".channels", ch, "expected a list of column indices or CSV column names");
            int[] idx = new int[ch.size()];
            for (int k = 0; k < idx.length; k++) {
                JsonNode c = ch.get(k);
                if (c.isTextual() && !table.columns().isEmpty() && table.columns().contains(c.asText())) {
                    idx[k] = table.columns().indexOf(c.asText());
                } else if (c.isIntegralNumber()) {
                    idx[k] = c.asInt();
                } else {
                    throw err(at + ".channels[" + k + "]", c, table.columns().isEmpty() ? "expected a column index"
                            : "expected a column index or one of the CSV columns " + table.columns());
                }
            }
            try {
                data = SignalFiles.selectLastAxis(data, idx);
            } catch (IllegalArgumentException e) {
                throw err(at + ".channels", ch, e.getMessage());
            }
        }
        Encoder encoder;
        try {
            encoder = spec.create(values);
        } catch (IllegalArgumentException e) {
            // "encoder 'delta': threshold must be > 0, was -1.0": name the parameter's field
            String msg = e.getMessage().replaceFirst("^encoder '[^']*': ", "");
            String param = msg.split(" ", 2)[0];
            if (specs.containsKey(param)) {
                boolean atInput = param.equals(rateParam) && n.has("sample_rate");
                String expected = msg.matches("^\\S+ must be .*") ? "expected " + msg.replaceFirst("^\\S+ must be ", "")
                        .replaceFirst(", was .*$", "") : msg;
                throw err(atInput ? at + ".sample_rate" : at + ".params." + param,
                        atInput ? n.get("sample_rate") : n.path("params").get(param), expected);
            }
            throw err(at, null, "encoder '" + encName + "': " + msg);
        }
        Encoding out;
        try {
            out = encoder.encode(data);
        } catch (IllegalArgumentException e) {
            throw err(at + ".file", fileNode, "encoder '" + encName + "' cannot encode this data (shape "
                    + java.util.Arrays.toString(data.shape()) + "): " + e.getMessage());
        }
        if (out instanceof CurrentRaster raster) {
            String target = text(require(n, "target", at), at + ".target");
            if (!models.containsKey(target)) throw err(at + ".target", n.get("target"), unknownPop(models));
            int size = sizes.get(target);
            int[] neurons;
            if (n.has("neurons")) {
                neurons = indices(n.get("neurons"), at + ".neurons", size);
                if (neurons.length != raster.channels()) {
                    throw err(at + ".neurons", n.get("neurons"), "expected " + raster.channels() + " neurons, one per channel of the encoded data");
                }
            } else {
                if (raster.channels() > size) {
                    throw err(at + ".target", n.get("target"), "the encoded data has " + raster.channels() + " channels but the population "
                            + size + " neurons; give 'neurons' or select 'channels'");
                }
                neurons = null;
            }
            b.currents(name, target, neurons, raster);
            return;
        }
        if (n.has("target") || n.has("neurons")) {
            throw err(at + (n.has("target") ? ".target" : ".neurons"), n.has("target") ? n.get("target") : n.get("neurons"),
                    "encoder '" + encName + "' gives spikes, which reach populations through projections; target and neurons apply to current encoders");
        }
        int size = switch (out) {
            case SpikeTrain t -> t.channels();
            case EventStream es -> 2 * es.width() * es.height();
            default -> throw err(at + ".encoder", n.get("encoder"), "unsupported encoding " + out.getClass().getSimpleName());
        };
        b.encoded(name, out);
        sources.put(name, size);
    }

    /** A YAML scalar as a Java value for {@link CodeParameters}: a String, Number or Boolean. */
    private Object plain(JsonNode v, String at) {
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNumber()) return v.numberValue();
        if (v.isTextual()) return v.asText();
        throw err(at, v, "expected a number, a quantity with unit, true/false or a name");
    }

    // ---------------------------------------------------------------- projections

    private static final Set<String> PROJ_KEYS = Set.of("source", "target", "receptor", "connect", "weight", "delay", "plasticity");

    private void projection(Network.Builder b, String name, JsonNode n, Map<String, NeuronModel> models,
                            Map<String, Integer> sizes, Map<String, Integer> sources, double dt) {
        String at = "projections." + name;
        if (!n.isObject()) throw err(at, n, "expected a mapping with source, target, connect, weight");
        checkKeys(n, at, PROJ_KEYS);
        String src = text(require(n, "source", at), at + ".source");
        if (!models.containsKey(src) && !sources.containsKey(src)) {
            throw err(at + ".source", n.get("source"), "unknown population or input; defined: "
                    + String.join(", ", concat(models.keySet(), sources.keySet())));
        }
        String tgt = text(require(n, "target", at), at + ".target");
        NeuronModel m = models.get(tgt);
        if (m == null) throw err(at + ".target", n.get("target"), unknownPop(models));
        int receptor = 0;
        String receptorName = null;
        if (n.has("receptor")) {
            receptorName = text(n.get("receptor"), at + ".receptor");
            receptor = m.receptorIndex(receptorName);
            if (receptor < 0) throw err(at + ".receptor", n.get("receptor"), m.kind() + " has receptors " + m.receptors());
        }
        int nSrc = models.containsKey(src) ? sizes.get(src) : sources.get(src);
        ConnectivityRule rule = rule(require(n, "connect", at), at + ".connect", nSrc, sizes.get(tgt));
        SynapseValue w = distribution(require(n, "weight", at), at + ".weight", m.receptorDimension(receptor));
        SynapseValue d = n.has("delay") ? distribution(n.get("delay"), at + ".delay", Dimension.TIME) : new SynapseValue.Constant(dt);
        if (Math.round(d.min() / dt) < 1) {
            throw err(at + ".delay", n.get("delay"), "expected delays of at least one time step (" + fmt(dt) + " ms)");
        }
        if (rule instanceof ConnectivityRule.ProceduralProbability) {
            if (!(w instanceof SynapseValue.Constant)) throw err(at + ".weight", n.get("weight"), "expected one constant weight (procedural connectivity stores no per-synapse values)");
            if (!(d instanceof SynapseValue.Constant)) throw err(at + ".delay", n.get("delay"), "expected one constant delay (procedural connectivity stores no per-synapse values)");
        }
        b.projection(name, src, tgt, receptorName, rule, w, d);
        if (n.has("plasticity")) {
            JsonNode pl = n.get("plasticity");
            if (pl.isArray()) {
                for (int k = 0; k < pl.size(); k++) plasticity(b, name, pl.get(k), at + ".plasticity[" + k + "]", m, receptor);
            } else {
                plasticity(b, name, pl, at + ".plasticity", m, receptor);
            }
        }
    }

    // ---------------------------------------------------------------- plasticity

    private static final Map<String, Set<String>> RULE_PARAMS = Map.of(
            "stdp", Set.of("a_plus", "a_minus", "tau_plus", "tau_minus", "w_min", "w_max", "dependence", "pairing"),
            "triplet_stdp", Set.of("a2_plus", "a3_plus", "a2_minus", "a3_minus", "tau_plus", "tau_x", "tau_minus", "tau_y",
                    "w_min", "w_max", "pairing"),
            "tsodyks_markram", Set.of("u", "tau_rec", "tau_facil"));

    /**
     * One plasticity rule on projection {@code proj}: {@code {rule, params, device}}. Weights,
     * amplitudes and bounds are in the unit of the target's receptor (amplitudes of multiplicative
     * stdp are fractions); the device is a preset name or {@code {preset, weight_scale, levels,
     * stuck_on_rate, stuck_off_rate}}.
     */
    private void plasticity(Network.Builder b, String proj, JsonNode n, String at, NeuronModel m, int receptor) {
        if (!n.isObject()) throw err(at, n, "expected a mapping with rule, params and optionally device");
        checkKeys(n, at, Set.of("rule", "params", "device"));
        String kind = text(require(n, "rule", at), at + ".rule");
        Set<String> allowed = RULE_PARAMS.get(kind);
        if (allowed == null) {
            throw err(at + ".rule", n.get("rule"), "unknown plasticity rule; known rules: stdp, triplet_stdp, tsodyks_markram");
        }
        JsonNode ps = n.has("params") ? n.get("params") : yamlObject();
        if (!ps.isObject()) throw err(at + ".params", ps, "expected a mapping of rule parameters to values with units");
        checkKeys(ps, at + ".params", allowed);
        String pat = at + ".params";
        Dimension wd = m.receptorDimension(receptor);
        PlasticityRule rule;
        try {
            rule = switch (kind) {
                case "stdp" -> {
                    PairStdp.WeightDependence dep = ps.has("dependence")
                            ? choice(ps.get("dependence"), pat + ".dependence", PairStdp.WeightDependence::parse, "additive or multiplicative")
                            : PairStdp.WeightDependence.ADDITIVE;
                    Dimension ad = dep == PairStdp.WeightDependence.MULTIPLICATIVE ? Dimension.DIMENSIONLESS : wd;
                    yield new PairStdp(quantity(require(ps, "a_plus", pat), pat + ".a_plus", ad),
                            quantity(require(ps, "a_minus", pat), pat + ".a_minus", ad),
                            optional(ps, "tau_plus", pat, Dimension.TIME, 16.8), optional(ps, "tau_minus", pat, Dimension.TIME, 33.7),
                            bounds(ps, pat, wd), dep, pairing(ps, pat));
                }
                case "triplet_stdp" -> new TripletStdp(quantity(require(ps, "a2_plus", pat), pat + ".a2_plus", wd),
                        quantity(require(ps, "a3_plus", pat), pat + ".a3_plus", wd),
                        quantity(require(ps, "a2_minus", pat), pat + ".a2_minus", wd),
                        quantity(require(ps, "a3_minus", pat), pat + ".a3_minus", wd),
                        optional(ps, "tau_plus", pat, Dimension.TIME, 16.8), optional(ps, "tau_x", pat, Dimension.TIME, 101),
                        optional(ps, "tau_minus", pat, Dimension.TIME, 33.7), optional(ps, "tau_y", pat, Dimension.TIME, 125),
                        bounds(ps, pat, wd), pairing(ps, pat));
                default -> new TsodyksMarkram(quantity(require(ps, "u", pat), pat + ".u", Dimension.DIMENSIONLESS),
                        quantity(require(ps, "tau_rec", pat), pat + ".tau_rec", Dimension.TIME),
                        optional(ps, "tau_facil", pat, Dimension.TIME, 0));
            };
        } catch (IllegalArgumentException e) {
            // "a_plus must be a non-negative finite number, was -1.0", "weight bounds need w_min <= w_max, ..."
            String msg = e.getMessage();
            if (msg.startsWith("weight bounds")) throw err(pat + ".w_max", ps.get("w_max"), "expected w_max >= w_min");
            String param = msg.startsWith("u (") ? "u" : msg.split(" ", 2)[0];
            throw err(pat + "." + param, ps.get(param), "expected " + msg.replaceFirst("^u \\(utilisation U\\) ", "u ")
                    .replaceFirst("^\\S+ must be ", "").replaceFirst(", (was|got) .*$", ""));
        }
        if (!n.has("device")) {
            b.plasticity(proj, rule);
            return;
        }
        JsonNode dv = n.get("device");
        String dat = at + ".device";
        if (rule instanceof TsodyksMarkram) {
            throw err(dat, dv, "a device stores weights that a long-term rule changes (stdp, triplet_stdp), not tsodyks_markram");
        }
        JsonNode preset = dv;
        if (dv.isObject()) {
            checkKeys(dv, dat, Set.of("preset", "weight_scale", "levels", "stuck_on_rate", "stuck_off_rate"));
            preset = require(dv, "preset", dat);
            dat = dat + ".preset";
        }
        DevicePresets.Preset pr;
        try {
            pr = DevicePresets.load(text(preset, dat));
        } catch (IllegalArgumentException e) {
            throw err(dat, preset, "unknown device preset; known presets: " + String.join(", ", DevicePresets.NAMES));
        }
        PulsedDevice device = pr.device();
        String oat = at + ".device";
        double wMax = rule instanceof PairStdp p ? p.bounds().wMax() : ((TripletStdp) rule).bounds().wMax();
        double scale = wMax / device.wMax(); // default: the rule's upper bound is the device's
        if (dv.isObject()) {
            try {
                if (dv.has("levels")) device = device.withLevels((int) integer(dv.get("levels"), oat + ".levels"));
                double on = dv.has("stuck_on_rate") ? quantity(dv.get("stuck_on_rate"), oat + ".stuck_on_rate", Dimension.DIMENSIONLESS) : device.stuckOnRate();
                double off = dv.has("stuck_off_rate") ? quantity(dv.get("stuck_off_rate"), oat + ".stuck_off_rate", Dimension.DIMENSIONLESS) : device.stuckOffRate();
                device = device.withFaults(on, off);
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().startsWith("levels") ? "levels" : e.getMessage().startsWith("stuck_on") && dv.has("stuck_on_rate")
                        ? "stuck_on_rate" : "stuck_off_rate";
                throw err(oat + "." + field, dv.get(field), field.equals("levels") ? "expected 0 (continuous) or an integer >= 2"
                        : "expected a probability, with stuck_on_rate + stuck_off_rate <= 1");
            }
            if (dv.has("weight_scale")) scale = quantity(dv.get("weight_scale"), oat + ".weight_scale", wd);
        }
        if (!(scale != 0) || !Double.isFinite(scale)) {
            throw err(oat + (dv.has("weight_scale") ? ".weight_scale" : ""), dv.has("weight_scale") ? dv.get("weight_scale") : dv,
                    "expected a non-zero weight per device unit (set weight_scale, or a non-zero w_max)");
        }
        b.plasticity(proj, rule, device, scale);
    }

    private double optional(JsonNode ps, String key, String at, Dimension d, double dflt) {
        return ps.has(key) ? quantity(ps.get(key), at + "." + key, d) : dflt;
    }

    private WeightBounds bounds(JsonNode ps, String at, Dimension wd) {
        double lo = optional(ps, "w_min", at, wd, 0);
        double hi = quantity(require(ps, "w_max", at), at + ".w_max", wd);
        return new WeightBounds(lo, hi);
    }

    private PairStdp.Pairing pairing(JsonNode ps, String at) {
        return ps.has("pairing") ? choice(ps.get("pairing"), at + ".pairing", PairStdp.Pairing::parse, "all_to_all, nearest or restricted_nearest")
                : PairStdp.Pairing.ALL_TO_ALL;
    }

    private <T> T choice(JsonNode v, String at, java.util.function.Function<String, T> parse, String expected) {
        try {
            return parse.apply(text(v, at));
        } catch (IllegalArgumentException e) {
            throw err(at, v, "expected " + expected);
        }
    }

    private static JsonNode yamlObject() {
        return JsonTrees.object();
    }

    private ConnectivityRule rule(JsonNode n, String at, int nSrc, int nTgt) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "one_to_one" -> {
                    if (nSrc != nTgt) throw err(at, n, "one_to_one needs source and target of equal size (" + nSrc + " vs " + nTgt + ")");
                    yield new ConnectivityRule.OneToOne();
                }
                case "all_to_all" -> new ConnectivityRule.AllToAll(false);
                default -> throw err(at, n, "expected one_to_one, all_to_all or a mapping with 'rule'");
            };
        }
        if (!n.isObject()) throw err(at, n, "expected a mapping with 'rule'");
        String r = text(require(n, "rule", at), at + ".rule");
        boolean self = n.has("allow_self") && bool(n.get("allow_self"), at + ".allow_self");
        switch (r) {
            case "fixed_probability" -> {
                checkKeys(n, at, Set.of("rule", "p", "allow_self", "procedural"));
                double p = quantity(require(n, "p", at), at + ".p", Dimension.DIMENSIONLESS);
                if (!(p >= 0 && p <= 1)) throw err(at + ".p", n.get("p"), "expected a probability in [0, 1]");
                boolean procedural = n.has("procedural") && bool(n.get("procedural"), at + ".procedural");
                return procedural ? new ConnectivityRule.ProceduralProbability(p, self) : new ConnectivityRule.FixedProbability(p, self);
            }
            case "fixed_in_degree", "fixed_out_degree" -> {
                checkKeys(n, at, Set.of("rule", "k", "allow_self"));
                int k = (int) integer(require(n, "k", at), at + ".k");
                int avail = r.equals("fixed_in_degree") ? nSrc : nTgt;
                if (k < 0 || k > avail) throw err(at + ".k", n.get("k"), "expected an integer in [0, " + avail + "]");
                return r.equals("fixed_in_degree") ? new ConnectivityRule.FixedInDegree(k, self) : new ConnectivityRule.FixedOutDegree(k, self);
            }
            case "one_to_one" -> {
                checkKeys(n, at, Set.of("rule"));
                if (nSrc != nTgt) throw err(at, n, "one_to_one needs source and target of equal size (" + nSrc + " vs " + nTgt + ")");
                return new ConnectivityRule.OneToOne();
            }
            case "all_to_all" -> {
                checkKeys(n, at, Set.of("rule", "allow_self"));
                return new ConnectivityRule.AllToAll(self);
            }
            case "explicit" -> {
                checkKeys(n, at, Set.of("rule", "pairs"));
                JsonNode pairs = require(n, "pairs", at);
                if (!pairs.isArray()) throw err(at + ".pairs", pairs, "expected a list of [pre, post] pairs");
                int[] pre = new int[pairs.size()];
                int[] post = new int[pairs.size()];
                for (int k = 0; k < pre.length; k++) {
                    JsonNode p = pairs.get(k);
                    String pat = at + ".pairs[" + k + "]";
                    if (!p.isArray() || p.size() != 2) throw err(pat, p, "expected a [pre, post] pair");
                    pre[k] = (int) integer(p.get(0), pat + "[0]");
                    post[k] = (int) integer(p.get(1), pat + "[1]");
                    if (pre[k] < 0 || pre[k] >= nSrc) throw err(pat + "[0]", p.get(0), "expected a source index in [0, " + nSrc + ")");
                    if (post[k] < 0 || post[k] >= nTgt) throw err(pat + "[1]", p.get(1), "expected a target index in [0, " + nTgt + ")");
                }
                return new ConnectivityRule.Explicit(pre, post);
            }
            default -> throw err(at + ".rule", n.get("rule"),
                    "unknown rule; known rules: fixed_probability, fixed_in_degree, fixed_out_degree, one_to_one, all_to_all, explicit");
        }
    }

    // ---------------------------------------------------------------- probes

    private Probe probe(Network net, String name, JsonNode n, Map<String, NeuronModel> models, double dt) {
        String at = "probes." + name;
        if (!n.isObject()) throw err(at, n, "expected a mapping with type and target");
        String type = text(require(n, "type", at), at + ".type");
        String target = text(require(n, "target", at), at + ".target");
        switch (type) {
            case "spikes" -> {
                checkKeys(n, at, Set.of("type", "target"));
                int node = net.node(target);
                if (node < 0) throw err(at + ".target", n.get("target"), "unknown population or input; defined: "
                        + String.join(", ", allNodes(net)));
                return new SpikeProbe(name, node);
            }
            case "state" -> {
                checkKeys(n, at, Set.of("type", "target", "variable", "neurons", "every"));
                int pop = net.population(target);
                if (pop < 0) throw err(at + ".target", n.get("target"), unknownPop(models));
                NeuronModel m = models.get(target);
                String var = text(require(n, "variable", at), at + ".variable");
                int vi = m.stateIndex(var);
                if (vi < 0) throw err(at + ".variable", n.get("variable"), m.kind() + " has state variables " + m.stateVariables());
                int size = net.graph().populations().get(pop).size();
                int[] neurons = n.has("neurons") ? indices(n.get("neurons"), at + ".neurons", size) : range(Math.min(size, 10));
                int every = 1;
                if (n.has("every")) {
                    double e = quantity(n.get("every"), at + ".every", Dimension.TIME);
                    every = (int) Math.round(e / dt);
                    if (every < 1) throw err(at + ".every", n.get("every"), "expected an interval of at least one step (" + fmt(dt) + " ms)");
                }
                return new StateProbe(name, pop, vi, neurons, every);
            }
            case "weights" -> {
                checkKeys(n, at, Set.of("type", "target", "synapses", "every"));
                int[] groups = net.projectionGroups(target);
                if (groups.length == 0) {
                    List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(
                            net.graph().projections().stream().map(org.spikeforge.hardware.NetworkGraph.Projection::name).toList()));
                    throw err(at + ".target", n.get("target"), "unknown projection; defined: " + String.join(", ", names));
                }
                long total = 0;
                for (int g : groups) total += net.graph().projections().get(g).connectivity().synapses();
                int[] synapses = n.has("synapses") ? indices(n.get("synapses"), at + ".synapses", (int) total) : range((int) Math.min(total, 10));
                int every = 1;
                if (n.has("every")) {
                    double e = quantity(n.get("every"), at + ".every", Dimension.TIME);
                    every = (int) Math.round(e / dt);
                    if (every < 1) throw err(at + ".every", n.get("every"), "expected an interval of at least one step (" + fmt(dt) + " ms)");
                }
                return new WeightProbe(name, net.graph(), groups, synapses, every);
            }
            default -> throw err(at + ".type", n.get("type"), "unknown probe type; known types: spikes, state, weights");
        }
    }

    // ---------------------------------------------------------------- helpers

    private ScenarioException err(String path, JsonNode value, String expected) {
        String v = value == null ? null : value.isTextual() ? value.asText() : value.toString();
        return new ScenarioException(file, path, v, expected);
    }

    private JsonNode require(JsonNode parent, String key, String at) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw new ScenarioException(file, at.isEmpty() ? key : at + "." + key, null, "missing required field '" + key + "'");
        }
        return n;
    }

    private void checkKeys(JsonNode n, String at, Set<String> allowed) {
        if (!n.isObject()) throw err(at, n, "expected a mapping");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                String hint = k.endsWith(")") ? " (inside {...} on one line, quote values that contain commas,"
                        + " such as \"uniform(-60 mV, -50 mV)\")" : "";
                throw new ScenarioException(file, at.isEmpty() ? k : at + "." + k, null,
                        "unknown key '" + k + "'; expected one of: " + String.join(", ", allowed.stream().sorted().toList()) + hint);
            }
        }
    }

    private double quantity(JsonNode n, String at, Dimension d) {
        if (n.isNumber()) {
            if (d == Dimension.DIMENSIONLESS) return n.asDouble();
            throw err(at, n, "missing unit: expected a " + d.label() + " such as '" + Quantity.example(d) + "'");
        }
        if (!n.isTextual()) throw err(at, n, "expected a " + d.label() + " such as '" + Quantity.example(d) + "'");
        return quantityText(n.asText(), at, n, d);
    }

    private double quantityText(String s, String at, JsonNode n, Dimension d) {
        try {
            double v = Quantity.parse(s, d);
            if (!Double.isFinite(v)) throw err(at, n, "expected a finite number");
            return v;
        } catch (IllegalArgumentException e) {
            throw err(at, n, e.getMessage());
        }
    }

    private long integer(JsonNode n, String at) {
        if (n.isIntegralNumber()) return n.asLong();
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException ignored) {
                // fall through to the error
            }
        }
        throw err(at, n, "expected an integer");
    }

    private boolean bool(JsonNode n, String at) {
        if (n.isBoolean()) return n.asBoolean();
        throw err(at, n, "expected true or false");
    }

    private String text(JsonNode n, String at) {
        if (n.isTextual() || n.isNumber()) return n.asText();
        throw err(at, n, "expected a string");
    }

    private int[] indices(JsonNode n, String at, int size) {
        if (n.isTextual() && n.asText().equals("all")) return range(size);
        if (!n.isArray()) throw err(at, n, "expected a list of indices or 'all'");
        int[] out = new int[n.size()];
        for (int k = 0; k < out.length; k++) {
            long v = integer(n.get(k), at + "[" + k + "]");
            if (v < 0 || v >= size) throw err(at + "[" + k + "]", n.get(k), "expected an index in [0, " + size + ")");
            out[k] = (int) v;
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    private static String unknownPop(Map<String, NeuronModel> models) {
        return "unknown population; defined: " + String.join(", ", models.keySet());
    }

    private static List<String> allNodes(Network net) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < net.graph().nodes(); k++) out.add(net.graph().nodeName(k));
        return out;
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%g", v).replaceFirst("\\.?0+$", "");
    }
}
