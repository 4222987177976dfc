package org.spikeforge.neurons;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Registry of neuron models by scenario name and {@link Precision}. Each entry lists its parameters
 * (with dimensions and defaults) and builds the parameter record from values in engine units.
 * Other modules add models here with {@link #register}. A model kind may have a fixed-point
 * implementation beside its floating-point one; both share the kind and are told apart by
 * precision ({@link #get(String, Precision)}), as Lava selects a process model by tag.
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
    private static final Map<String, Entry> FIXED_POINT = new LinkedHashMap<>();

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
        register(new Entry("adaptive_lif", AdaptiveLif.PARAMETERS, (p, reset) -> new AdaptiveLif(p.get("tau_m"),
                p.get("tau_syn_e"), p.get("tau_syn_i"), p.get("tau_w"), p.get("b"), p.get("v_rest"),
                p.get("v_reset"), p.get("v_th"), p.get("r"), p.get("t_ref"), reset)));
        register(new Entry("izhikevich", Izhikevich.PARAMETERS, (p, reset) -> new Izhikevich(p.get("a"), p.get("b"),
                p.get("c"), p.get("d"), p.get("v_peak"), p.get("t_ref"))));
        register(new Entry("adex", AdEx.PARAMETERS, (p, reset) -> new AdEx(p.get("c_m"), p.get("g_l"), p.get("e_l"),
                p.get("v_t"), p.get("delta_t"), p.get("tau_w"), p.get("a"), p.get("b"), p.get("v_reset"),
                p.get("v_peak"), p.get("tau_syn_e"), p.get("tau_syn_i"), p.get("t_ref"))));
        register(Precision.FIXED_POINT, new Entry("cuba_lif", FixedPointCubaLif.PARAMETERS,
                FixedPointCubaLif::fromParameters));
        for (Entry e : org.spikeforge.neurons.nir.NirNeurons.entries()) register(e);
    }

    private NeuronModels() {}

    /** Registers a floating-point ({@link Precision#FLOAT64}) implementation. */
    public static synchronized void register(Entry e) {
        ENTRIES.put(e.kind(), e);
    }

    /** Registers an implementation of {@code e.kind()} in the given precision. */
    public static synchronized void register(Precision precision, Entry e) {
        (precision == Precision.FIXED_POINT ? FIXED_POINT : ENTRIES).put(e.kind(), e);
    }

    /** The floating-point entry for {@code kind}, or null. */
    public static synchronized Entry get(String kind) {
        return ENTRIES.get(kind);
    }

    /** The entry for {@code kind} in {@code precision}, or null if that model has no such implementation. */
    public static synchronized Entry get(String kind, Precision precision) {
        return (precision == Precision.FIXED_POINT ? FIXED_POINT : ENTRIES).get(kind);
    }

    /** Kinds with a floating-point implementation. */
    public static synchronized List<String> kinds() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** Kinds with an implementation in {@code precision}. */
    public static synchronized List<String> kinds(Precision precision) {
        return List.copyOf((precision == Precision.FIXED_POINT ? FIXED_POINT : ENTRIES).keySet());
    }

    /** Floating-point kinds that offer a choice of integration method ({@link NeuronModel#methods()}). */
    public static synchronized List<String> kindsWithMethods() {
        List<String> out = new java.util.ArrayList<>();
        for (String kind : ENTRIES.keySet()) if (!methods(kind).isEmpty()) out.add(kind);
        return out;
    }

    /** The integration methods of a floating-point kind, its default first; empty when it has one scheme or is unknown. */
    public static synchronized List<String> methods(String kind) {
        Entry e = ENTRIES.get(kind);
        if (e == null) return List.of();
        try {
            return e.create(Map.of(), ResetMode.TO_VALUE).methods();
        } catch (RuntimeException ex) {
            return List.of(); // a model without defaults for every parameter (NIR neurons) has no method choice
        }
    }
}
