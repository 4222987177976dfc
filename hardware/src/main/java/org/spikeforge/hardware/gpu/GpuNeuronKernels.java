package org.spikeforge.hardware.gpu;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.Propagators;
import org.spikeforge.neurons.ResetMode;

/**
 * Which OpenCL kernel of {@code neurons.cl} runs each neuron model, and with which constants. The
 * constants are computed here by the same Java expressions as the model's reference kernel
 * ({@link NeuronModel#kernel(double)}), so both sides start from the same doubles; their order is
 * the one written above each kernel in {@code neurons.cl}.
 */
public final class GpuNeuronKernels {

    /**
     * How one population runs on the device.
     *
     * @param kernel    kernel name in {@code neurons.cl}
     * @param constants the kernel's {@code c[]}
     * @param subtract  reset by subtraction rather than to {@code v_reset}
     */
    public record Spec(String kernel, double[] constants, boolean subtract) {}

    /** Builds the spec of a model for a time step. */
    @FunctionalInterface
    public interface Factory<M extends NeuronModel> {
        Spec spec(M model, double dtMs);
    }

    private static final Map<Class<?>, Factory<?>> FACTORIES = new LinkedHashMap<>();

    static {
        register(Lif.class, (m, dt) -> new Spec("lif_step", new double[] {
                Propagators.decay(dt, m.tauM()), m.vRest(), m.r(), m.vTh(), m.vReset(), m.vTh() - m.vReset()},
                m.reset() == ResetMode.SUBTRACT));
        register(CubaLif.class, (m, dt) -> new Spec("cuba_lif_step", new double[] {
                Propagators.decay(dt, m.tauM()), Propagators.decay(dt, m.tauSynE()), Propagators.decay(dt, m.tauSynI()),
                Propagators.currentToVoltage(dt, m.tauM(), m.tauSynE(), m.r()),
                Propagators.currentToVoltage(dt, m.tauM(), m.tauSynI(), m.r()),
                m.vRest(), m.r(), m.vTh(), m.vReset(), m.vTh() - m.vReset()},
                m.reset() == ResetMode.SUBTRACT));
        register(CobaLif.class, (m, dt) -> new Spec("coba_lif_step", new double[] {
                Propagators.decay(dt, m.tauSynE()), Propagators.decay(dt, m.tauSynI()), m.gL(), m.gL() * m.eL(),
                m.eE(), m.eI(), dt / m.cM(), m.vTh(), m.vReset(), m.vTh() - m.vReset()},
                m.reset() == ResetMode.SUBTRACT));
        register(IntegrateAndFire.class, (m, dt) -> new Spec("if_step", new double[] {
                dt / m.cM(), m.vTh(), m.vReset(), m.vTh() - m.vReset()},
                m.reset() == ResetMode.SUBTRACT));
    }

    private GpuNeuronKernels() {}

    /** Adds (or replaces) the kernel of a model class; its source must be part of the program. */
    public static synchronized <M extends NeuronModel> void register(Class<M> type, Factory<M> factory) {
        FACTORIES.put(type, factory);
    }

    /** The spec of {@code model}, or a one-line error naming the models the backend runs. */
    @SuppressWarnings("unchecked")
    static synchronized Spec spec(NeuronModel model, double dtMs) {
        Factory<NeuronModel> f = (Factory<NeuronModel>) FACTORIES.get(model.getClass());
        if (f == null) {
            StringBuilder kinds = new StringBuilder();
            for (Class<?> c : FACTORIES.keySet()) kinds.append(kinds.isEmpty() ? "" : ", ").append(c.getSimpleName());
            throw new IllegalArgumentException("gpu backend: no kernel for neuron model '" + model.kind() + "'; it runs " + kinds);
        }
        return f.spec(model, dtMs);
    }
}
