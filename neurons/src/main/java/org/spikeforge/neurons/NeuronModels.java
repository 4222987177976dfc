package org.spikeforge.neurons;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Registry of neuron models by scenario name. Each entry lists its parameters (with dimensions
 * and defaults) and builds the parameter record from values in engine units. Other modules add
 * models here with {@link #register}.
 */
public final class NeuronModels {

    /** A model kind: its parameters and a constructor from engine-unit values and a reset mode. */
    public record Entry(String kind, List<ParameterSpec> parameters,
                        BiFunction<Map<String, Double>, ResetMode, NeuronModel> factory) {
        /** Builds the model; values missing from {@code values} take their defaults. */
        public NeuronModel create(Map<String, Double> values, ResetMode reset) {
            Map<String, Double> all = new LinkedHashMap<>();
            for (ParameterSpec p : parameters) all.put(p.name(), values.getOrDefault(p.name(), p.defaultValue()));
            return factory.apply(all, reset);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry("lif", Lif.PARAMETERS, (p, reset) -> new Lif(p.get("tau_m"), p.get("v_rest"),
                p.get("v_reset"), p.get("v_th"), p.get("r"), p.get("t_ref"), reset)));
        register(new Entry("cuba_lif", CubaLif.PARAMETERS, (p, reset) -> new CubaLif(p.get("tau_m"),
                p.get("tau_syn_e"), p.get("tau_syn_i"), p.get("v_rest"), p.get("v_reset"), p.get("v_th"),
                p.get("r"), p.get("t_ref"), reset)));
        register(new Entry("coba_lif", CobaLif.PARAMETERS, (p, reset) -> new CobaLif(p.get("c_m"), p.get("g_l"),
                p.get("e_l"), p.get("e_e"), p.get("e_i"), p.get("tau_syn_e"), p.get("tau_syn_i"),
                p.get("v_reset"), p.get("v_th"), p.get("t_ref"), reset)));
        register(new Entry("if", IntegrateAndFire.PARAMETERS, (p, reset) -> new IntegrateAndFire(p.get("c_m"),
                p.get("v_reset"), p.get("v_th"), p.get("t_ref"), reset)));
    }

    private NeuronModels() {}

    public static synchronized void register(Entry e) {
        ENTRIES.put(e.kind(), e);
    }

    /** The entry for {@code kind}, or null. */
    public static synchronized Entry get(String kind) {
        return ENTRIES.get(kind);
    }

    public static synchronized List<String> kinds() {
        return List.copyOf(ENTRIES.keySet());
    }
}
