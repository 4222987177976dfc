package org.spikeforge.simulations.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.NeuronModels;
import org.spikeforge.neurons.ParameterSpec;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.InitialValue;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.StateProbe;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

/**
 * Reads a scenario file (YAML with units) into a {@link Scenario}. Every user error becomes a
 * {@link ScenarioException} naming the file, the field path, the value and what was expected.
 * The schema is documented in the README ("Scenario files").
 */
public final class ScenarioLoader {

    /** Overrides applied on top of the file, as given on the command line. */
    public record Overrides(Long seed, String duration, String backend, Integer threads, Map<String, String> set) {
        public static Overrides none() {
            return new Overrides(null, null, null, null, Map.of());
        }
    }

    private static final Set<String> TOP = Set.of("name", "description", "dt", "duration", "seed", "backend", "threads",
            "populations", "inputs", "projections", "probes");
    private static final Pattern CALL = Pattern.compile("\\s*(uniform|normal)\\s*\\((.*),(.*)\\)\\s*");

    private final String file;

    private ScenarioLoader(String file) {
        this.file = file;
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
        return parse(text, display, base, overrides);
    }

    /** Parses scenario text; {@code display} names the source in errors. */
    public static Scenario parse(String text, String display, String defaultName, Overrides overrides) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new ScenarioException(display, null, null, where + "not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(display, null, null, "expected a YAML mapping with keys such as dt, duration, populations");
        }
        ScenarioLoader l = new ScenarioLoader(display);
        l.applyOverrides((ObjectNode) root, overrides == null ? Overrides.none() : overrides);
        return l.build((ObjectNode) root, defaultName);
    }

    // ---------------------------------------------------------------- overrides

    private void applyOverrides(ObjectNode root, Overrides o) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
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
                value = yaml.readTree(e.getValue());
            } catch (JsonProcessingException ex) {
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
        double duration = quantity(require(root, "duration", ""), "duration", Dimension.TIME);
        if (!(duration >= 0)) throw err("duration", root.get("duration"), "expected a time >= 0 such as '1 s'");
        long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 1L;
        String backend = root.has("backend") ? text(root.get("backend"), "backend") : "scalar";
        int threads = root.has("threads") ? (int) integer(root.get("threads"), "threads") : 1;
        if (threads < 1) throw err("threads", root.get("threads"), "expected an integer >= 1");

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

    // ---------------------------------------------------------------- populations

    private static final Set<String> POP_KEYS = Set.of("size", "model", "reset", "params", "initial");

    private void population(Network.Builder b, String name, JsonNode n, Map<String, NeuronModel> models,
                            Map<String, Integer> sizes) {
        String at = "populations." + name;
        if (!n.isObject()) throw err(at, n, "expected a mapping with size, model, params, initial");
        checkKeys(n, at, POP_KEYS);
        int size = (int) integer(require(n, "size", at), at + ".size");
        if (size < 1) throw err(at + ".size", n.get("size"), "expected an integer >= 1");
        String kind = text(require(n, "model", at), at + ".model");
        NeuronModels.Entry entry = NeuronModels.get(kind);
        if (entry == null) throw err(at + ".model", n.get("model"), "unknown neuron model; known models: " + String.join(", ", NeuronModels.kinds()));
        ResetMode reset = ResetMode.TO_VALUE;
        if (n.has("reset")) {
            reset = ResetMode.parse(text(n.get("reset"), at + ".reset"));
            if (reset == null) throw err(at + ".reset", n.get("reset"), "expected 'value' or 'subtract'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        for (ParameterSpec p : entry.parameters()) specs.put(p.name(), p);
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
            default -> throw err(at + ".type", n.get("type"), "unknown input type; known types: poisson, spike_times, current");
        }
    }

    // ---------------------------------------------------------------- projections

    private static final Set<String> PROJ_KEYS = Set.of("source", "target", "receptor", "connect", "weight", "delay");

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
            default -> throw err(at + ".type", n.get("type"), "unknown probe type; known types: spikes, state");
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
        if (!n.isArray()) throw err(at, n, "expected a list of neuron indices or 'all'");
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
