package org.spikeforge.neurons.nir;

import java.util.List;
import java.util.Map;
import org.spikeforge.neurons.NeuronModels;

/**
 * The registry entries of the NIR neurons ({@link NeuronModels}): {@code nir_lif},
 * {@code nir_cuba_lif}, {@code nir_if}, {@code nir_li}, {@code nir_cuba_li}, {@code nir_i}.
 * Registry values come in engine units (time constants in ms), and the records hold NIR's
 * seconds; the flags {@code exact} and {@code reset_delay} are 0 or 1.
 */
public final class NirNeurons {
    private NirNeurons() {}

    /** The entries, in the order they are listed. */
    public static List<NeuronModels.Entry> entries() {
        return List.of(
                new NeuronModels.Entry("nir_lif", NirLif.PARAMETERS, (p, reset) -> new NirLif(s(p, "tau"), p.get("r"),
                        p.get("v_leak"), p.get("v_threshold"), p.get("v_reset"), discretisation(p), reset, flag(p, "reset_delay"))),
                new NeuronModels.Entry("nir_cuba_lif", NirCubaLif.PARAMETERS, (p, reset) -> new NirCubaLif(s(p, "tau_mem"),
                        s(p, "tau_syn"), p.get("r"), p.get("v_leak"), p.get("v_threshold"), p.get("v_reset"), p.get("w_in"),
                        discretisation(p), reset, flag(p, "reset_delay"))),
                new NeuronModels.Entry("nir_if", NirIf.PARAMETERS, (p, reset) -> new NirIf(p.get("r"), p.get("v_threshold"),
                        p.get("v_reset"), reset, flag(p, "reset_delay"))),
                new NeuronModels.Entry("nir_li", NirLi.PARAMETERS, (p, reset) -> new NirLi(s(p, "tau"), p.get("r"),
                        p.get("v_leak"), discretisation(p))),
                new NeuronModels.Entry("nir_cuba_li", NirCubaLi.PARAMETERS, (p, reset) -> new NirCubaLi(s(p, "tau_mem"),
                        s(p, "tau_syn"), p.get("r"), p.get("v_leak"), p.get("w_in"), discretisation(p))),
                new NeuronModels.Entry("nir_i", NirI.PARAMETERS, (p, reset) -> new NirI(p.get("r"))));
    }

    /** A time constant given in ms, in seconds. */
    private static double s(Map<String, Double> p, String name) {
        return p.get(name) / 1000.0;
    }

    private static NirDiscretisation discretisation(Map<String, Double> p) {
        return flag(p, "exact") ? NirDiscretisation.EXACT : NirDiscretisation.EULER;
    }

    private static boolean flag(Map<String, Double> p, String name) {
        double v = p.get(name);
        if (v != 0.0 && v != 1.0) throw new IllegalArgumentException(name + " must be 0 or 1, was " + v);
        return v == 1.0;
    }
}
