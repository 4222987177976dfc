package org.spikeforge.encoders;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A named encoder or decoder as scenario files and the CLI see it: its parameters and how to build
 * it from their values.
 *
 * @param kind       "encoder" or "decoder" (for messages)
 * @param name       scenario name ("latency")
 * @param summary    one line: what it does, its input and output shapes
 * @param parameters its parameters, in documentation order
 * @param factory    builds it from resolved values
 * @param <T>        {@link Encoder} or {@link Decoder}
 */
public record CodeSpec<T>(String kind, String name, String summary, List<ParamSpec> parameters, Function<Params, T> factory) {

    public CodeSpec {
        parameters = List.copyOf(parameters);
    }

    /**
     * Builds the code from {@code values} (Numbers, Booleans or Strings by parameter name; missing
     * ones take their defaults). Any error is one line naming the code and the parameter:
     * {@code encoder 'latency': threshold must be in (0.0, 1.0), was 1.5}.
     */
    public T create(Map<String, ?> values) {
        try {
            return factory.apply(Params.resolve(parameters, values));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind + " '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Help text: the summary and one line per parameter. */
    public String help() {
        StringBuilder sb = new StringBuilder(name).append(": ").append(summary);
        for (ParamSpec p : parameters) sb.append("\n  ").append(p.describe());
        return sb.toString();
    }
}
