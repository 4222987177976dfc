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
import org.spikeforge.neurons.nir.NirCoefficients;
import org.spikeforge.neurons.nir.NirCubaLi;
import org.spikeforge.neurons.nir.NirCubaLif;
import org.spikeforge.neurons.nir.NirI;
import org.spikeforge.neurons.nir.NirIf;
import org.spikeforge.neurons.nir.NirLi;
import org.spikeforge.neurons.nir.NirLif;
import org.spikeforge.neurons.nir.NirNeuron;
import org.spikeforge.neurons.nir.NirSpikingNeuron;

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
                m.eE(), m.eI(), dt / m.cM(), m.vTh(), m.vReset(), m.vTh() - m.vReset(),
                m.method() == CobaLif.Method.EULER ? 1.0 : 0.0},
                m.reset() == ResetMode.SUBTRACT));
        register(IntegrateAndFire.class, (m, dt) -> new Spec("if_step", new double[] {
                dt / m.cM(), m.vTh(), m.vReset(), m.vTh() - m.vReset()},
                m.reset() == ResetMode.SUBTRACT));
        register(NirLif.class, GpuNeuronKernels::nir);
        register(NirIf.class, GpuNeuronKernels::nir);
        register(NirCubaLif.class, GpuNeuronKernels::nir);
        register(NirLi.class, GpuNeuronKernels::nir);
        register(NirI.class, GpuNeuronKernels::nir);
        register(NirCubaLi.class, GpuNeuronKernels::nir);
    }

    private GpuNeuronKernels() {}

    /**
     * A NIR neuron ({@code neurons.cl}: {@code nir_lif_step}, {@code nir_cuba_lif_step},
     * {@code nir_li_step}, {@code nir_cuba_li_step}). Constants: the number m of neurons the
     * parameters describe, the delayed-reset flag, then one block of m values per coefficient, in
     * the order written above each kernel, computed by the model's own {@link NirCoefficients}.
     */
    private static Spec nir(NirNeuron model, double dtMs) {
        NirCoefficients c = model.coefficients(dtMs);
        int m = model.neurons();
        boolean cuba = model.hasSynapticCurrent();
        java.util.List<double[]> blocks = new java.util.ArrayList<>();
        blocks.add(c.aM());
        blocks.add(c.leakTerm(model.leakPotential()));
        blocks.add(c.kX());
        boolean subtract = false, delayed = false;
        String kernel;
        if (model instanceof NirSpikingNeuron sp) {
            double[] th = sp.vThreshold(), reset = sp.vReset(), jump = new double[m];
            for (int k = 0; k < m; k++) jump[k] = th[k] - reset[k];
            blocks.add(th);
            blocks.add(reset);
            blocks.add(jump);
            subtract = sp.reset() == ResetMode.SUBTRACT;
            delayed = sp.delayedReset();
            kernel = cuba ? "nir_cuba_lif_step" : "nir_lif_step";
        } else {
            kernel = cuba ? "nir_cuba_li_step" : "nir_li_step";
        }
        if (cuba) {
            blocks.add(c.kI());
            blocks.add(c.aS());
            blocks.add(c.gS());
        }
        double[] constants = new double[2 + blocks.size() * m];
        constants[0] = m;
        constants[1] = delayed ? 1.0 : 0.0;
        for (int b = 0; b < blocks.size(); b++) System.arraycopy(blocks.get(b), 0, constants, 2 + b * m, m);
        return new Spec(kernel, constants, subtract);
    }

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
