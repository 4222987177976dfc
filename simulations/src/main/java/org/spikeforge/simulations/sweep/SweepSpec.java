package org.spikeforge.simulations.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.TreeSet;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.simulations.scenario.Quantity;

/**
 * A sweep file, parsed and checked for form (what needs the scenario is checked by
 * {@link Sweep#validate}). Errors name the file, the field and what was expected.
 *
 * <pre>
 * scenario: cuba_small.yaml          # the scenario to sweep, relative to this file
 * mode: grid                         # grid (every combination, the default) or random
 * samples: 20                        # random: number of points
 * seed: 1                            # random: seed of the sampling
 * reference: scalar                  # backend of the ideal run (van_rossum, rate_error)
 * van_rossum_tau: 10 ms              # time constant of the van Rossum distance
 * fixed:                             # settings of every point, as parameters are named
 *   backend: memristor
 *   backend_options.memristor.drift: true
 * parameters:                        # what varies
 *   backend_options.memristor.adc_bits: {from: 3, to: 10, step: 1}
 *   backend_options.memristor.t_inference: ["1 s", "1 h", "1 day"]
 *   populations.exc.params.tau_m: ["10 ms", "20 ms"]
 *   backend_options.memristor.read_noise: {min: 0, max: 2}     # random mode: uniform
 * metrics: [van_rossum, rate_error, energy_per_inference, latency, area]
 * </pre>
 *
 * A parameter name is {@code backend_options.KEY} (a backend option, such as
 * {@code memristor.adc_bits}), one of {@code seed, duration, backend} (the run overrides), or a
 * scenario field path as {@code spikeforge run --set} takes it. A value list gives the values; a
 * range {@code {from, to, step}} (grid) or {@code {min, max}} with optional {@code scale: log}
 * (random) gives numbers, each with an optional {@code unit} appended. In random mode a list is
 * sampled uniformly.
 *
 * @param file          the sweep file (for messages and relative paths)
 * @param scenario      the scenario file
 * @param random        random sampling (else the grid)
 * @param samples       points of a random sweep
 * @param seed          seed of the random sampling
 * @param reference     backend of the ideal run
 * @param vanRossumTauMs time constant of the van Rossum distance, ms
 * @param fixed         settings applied to every point
 * @param parameters    the swept parameters, in file order
 * @param metrics       the metrics to report, in file order
 */
public record SweepSpec(Path file, Path scenario, boolean random, int samples, long seed, String reference,
                        double vanRossumTauMs, Map<String, String> fixed, List<Parameter> parameters, List<Metric> metrics) {

    /** The run overrides a parameter may name besides backend options and scenario fields. */
    public static final Set<String> OVERRIDES = Set.of("seed", "duration", "backend", SweepSpec.DEVICE);
    /** The setting that names the device of the device metrics ({@link Metric#needsDevice}): not a scenario field. */
    public static final String DEVICE = "device";
    /** Prefix of a backend-option parameter. */
    public static final String BACKEND_OPTIONS = "backend_options.";

    private static final Set<String> TOP = Set.of("name", "description", "scenario", "mode", "samples", "seed", "reference",
            "van_rossum_tau", "fixed", "parameters", "metrics");

    public SweepSpec {
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        parameters = List.copyOf(parameters);
        metrics = List.copyOf(metrics);
    }

    /**
     * A swept parameter: its name and either its values ({@code values}, grid or random choice) or
     * a numeric interval ({@code min, max}, random only, uniform or log-uniform).
     */
    public record Parameter(String name, List<String> values, double min, double max, boolean log, String unit) {
        public Parameter {
            values = values == null ? null : List.copyOf(values);
        }

        /** Whether the parameter is drawn from an interval rather than a list. */
        public boolean interval() {
            return values == null;
        }

        /** The value of a random point, from the uniform draw {@code u ∈ [0, 1)}. */
        String sample(double u) {
            if (values != null) return values.get(Math.min(values.size() - 1, (int) (u * values.size())));
            double x = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
            return number(x) + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    /** Reads and checks a sweep file. */
    public static SweepSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read file (" + e.getMessage() + ")");
        }
        return parse(file, text);
    }

    /** Parses sweep text; {@code file} names it in errors and anchors the scenario path. */
    public static SweepSpec parse(Path file, String text) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new IllegalArgumentException(file + ": " + where + "not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) throw err(file, null, "expected a YAML mapping with scenario, parameters and metrics");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) throw err(file, k, "unknown key '" + k + "'; expected one of: " + String.join(", ", new TreeSet<>(TOP)));
        }
        JsonNode sc = root.get("scenario");
        if (sc == null || !sc.isTextual() || sc.asText().isBlank()) throw err(file, "scenario", "missing: the path of the scenario file to sweep");
        Path base = file.toAbsolutePath().getParent();
        Path scenario = base.resolve(sc.asText());
        String mode = root.has("mode") ? root.get("mode").asText() : "grid";
        if (!mode.equals("grid") && !mode.equals("random")) throw err(file, "mode", "value '" + mode + "': expected grid or random");
        boolean random = mode.equals("random");
        int samples = 0;
        if (random) {
            JsonNode s = root.get("samples");
            if (s == null || !s.canConvertToInt() || s.asInt() < 1) throw err(file, "samples", "a random sweep needs 'samples', an integer >= 1");
            samples = s.asInt();
        } else if (root.has("samples")) {
            throw err(file, "samples", "only a random sweep takes 'samples' (this one is mode: grid)");
        }
        long seed = root.has("seed") ? root.get("seed").asLong() : 1L;
        String reference = root.has("reference") ? root.get("reference").asText() : "scalar";
        double tau = 10.0;
        if (root.has("van_rossum_tau")) {
            try {
                tau = Quantity.parse(root.get("van_rossum_tau").asText(), Dimension.TIME);
            } catch (IllegalArgumentException e) {
                throw err(file, "van_rossum_tau", e.getMessage());
            }
            if (!(tau > 0)) throw err(file, "van_rossum_tau", "expected a time > 0 such as '10 ms'");
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        if (root.has("fixed")) {
            JsonNode f = root.get("fixed");
            if (!f.isObject()) throw err(file, "fixed", "expected a mapping of parameter names to values");
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) throw err(file, "fixed." + e.getKey(), "expected a single value");
                fixed.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode ps = root.get("parameters");
        if (ps == null || !ps.isObject() || ps.isEmpty()) throw err(file, "parameters", "expected a mapping of at least one parameter name to its values");
        List<Parameter> parameters = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (fixed.containsKey(e.getKey())) throw err(file, "parameters." + e.getKey(), "is also in 'fixed'; a parameter is either swept or fixed");
            parameters.add(parameter(file, e.getKey(), e.getValue(), random));
        }
        JsonNode ms = root.get("metrics");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            throw err(file, "metrics", "expected a list of metrics, some of: " + String.join(", ", Metric.names()));
        }
        List<Metric> metrics = new ArrayList<>();
        for (JsonNode m : ms) {
            Metric metric = Metric.byName(m.asText());
            if (metric == null) throw err(file, "metrics", "unknown metric '" + m.asText() + "'; known metrics: " + String.join(", ", Metric.names()));
            if (!metrics.contains(metric)) metrics.add(metric);
        }
        return new SweepSpec(file, scenario, random, samples, seed, reference, tau, fixed, parameters, metrics);
    }

    private static Parameter parameter(Path file, String name, JsonNode n, boolean random) {
        String at = "parameters." + name;
        if (name.equals("threads")) throw err(file, at, "threads is not a sweep parameter: every point runs on one thread, points run in parallel");
        if (name.equals(BACKEND_OPTIONS.substring(0, BACKEND_OPTIONS.length() - 1)) || name.equals(BACKEND_OPTIONS)) {
            throw err(file, at, "name the option, e.g. backend_options.memristor.adc_bits");
        }
        if (n.isArray()) {
            if (n.isEmpty()) throw err(file, at, "empty list of values: a parameter needs at least one value");
            List<String> values = new ArrayList<>();
            for (JsonNode v : n) {
                if (!v.isValueNode() || v.isNull()) throw err(file, at, "expected plain values (numbers or strings such as '10 ms'), got " + v);
                if (values.contains(v.asText())) throw err(file, at, "value '" + v.asText() + "' appears twice");
                values.add(v.asText());
            }
            return new Parameter(name, values, 0, 0, false, "");
        }
        if (n.isValueNode()) throw err(file, at, "value '" + n.asText() + "': expected a list of values or a range; a single value belongs in 'fixed'");
        if (!n.isObject()) throw err(file, at, "expected a list of values or a range");
        String unit = n.has("unit") ? n.get("unit").asText() : "";
        if (n.has("from") || n.has("to") || n.has("step")) {
            checkKeys(file, at, n, Set.of("from", "to", "step", "unit"));
            double from = num(file, at + ".from", n.get("from")), to = num(file, at + ".to", n.get("to"));
            double step = num(file, at + ".step", n.get("step"));
            if (!(step > 0)) throw err(file, at + ".step", "value " + number(step) + ": expected a step > 0");
            if (to < from) throw err(file, at, "empty range: from " + number(from) + " to " + number(to) + " holds no value (expected from <= to)");
            List<String> values = new ArrayList<>();
            BigDecimal f = BigDecimal.valueOf(from), s = BigDecimal.valueOf(step), t = BigDecimal.valueOf(to);
            for (BigDecimal v = f; v.compareTo(t) <= 0; v = v.add(s)) {
                values.add(v.stripTrailingZeros().toPlainString() + (unit.isEmpty() ? "" : " " + unit));
                if (values.size() > 100_000) throw err(file, at, "more than 100000 values: check the step");
            }
            return new Parameter(name, values, 0, 0, false, unit);
        }
        if (n.has("min") || n.has("max")) {
            checkKeys(file, at, n, Set.of("min", "max", "scale", "unit"));
            if (!random) throw err(file, at, "an interval {min, max} is sampled in random mode only; a grid takes a list or {from, to, step}");
            double min = num(file, at + ".min", n.get("min")), max = num(file, at + ".max", n.get("max"));
            if (!(max > min)) throw err(file, at, "empty range: min " + number(min) + ", max " + number(max) + " (expected min < max)");
            String scale = n.has("scale") ? n.get("scale").asText() : "linear";
            if (!scale.equals("linear") && !scale.equals("log")) throw err(file, at + ".scale", "value '" + scale + "': expected linear or log");
            if (scale.equals("log") && !(min > 0)) throw err(file, at, "a log scale needs min > 0, was " + number(min));
            return new Parameter(name, null, min, max, scale.equals("log"), unit);
        }
        throw err(file, at, "expected a list of values, {from, to, step} or (random mode) {min, max}");
    }

    private static void checkKeys(Path file, String at, JsonNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw err(file, at + "." + k, "unknown key '" + k + "'; expected one of: " + String.join(", ", new TreeSet<>(allowed)));
        }
    }

    private static double num(Path file, String at, JsonNode n) {
        if (n == null) throw err(file, at, "missing number");
        if (n.isNumber()) return n.asDouble();
        try {
            return Double.parseDouble(n.asText().trim());
        } catch (NumberFormatException e) {
            throw err(file, at, "value '" + n.asText() + "': expected a number");
        }
    }

    static IllegalArgumentException err(Path file, String field, String expected) {
        return new IllegalArgumentException(file + (field == null ? "" : ": field '" + field + "'") + ": " + expected);
    }

    /** A number as short as it reads: 3, 0.25, 1e-06. */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return String.format(Locale.ROOT, "%.6g", x).replaceFirst("(\\.\\d*?)0+($|e)", "$1$2").replaceFirst("\\.($|e)", "$1");
    }
}
