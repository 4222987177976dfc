package org.spikeforge.neurons.nir;

import java.util.List;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.ParameterSpec;
import org.spikeforge.neurons.ResetMode;

/**
 * NIR's integrate-and-fire neuron ({@code nir_if}; NIR {@code IF}).
 *
 * <pre>
 *   dv/dt = R·x
 *   spike when v &gt; v_threshold, then reset: v ← v_reset, or v ← v − (v_threshold − v_reset)
 * </pre>
 *
 * <table>
 *   <caption>Parameters (one value per neuron, or one shared value)</caption>
 *   <tr><th>name</th><th>NIR unit</th><th>engine reading</th><th>registry default</th><th>meaning</th></tr>
 *   <tr><td>r</td><td>1/s</td><td>mV/(pA·s), registry: Hz</td><td>1000 Hz</td><td>input gain per second</td></tr>
 *   <tr><td>v_threshold</td><td>1</td><td>mV</td><td>1</td><td>threshold</td></tr>
 *   <tr><td>v_reset</td><td>1</td><td>mV</td><td>0</td><td>reset potential</td></tr>
 * </table>
 *
 * <p>One step: {@code v ← v + R·dt·x} with dt in seconds; Euler and exact coincide. The initial v
 * is 0. Reset and state as {@link NirSpikingNeuron}.
 */
public record NirIf(double[] r, double[] vThreshold, double[] vReset, ResetMode reset, boolean delayedReset)
        implements NirSpikingNeuron {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("r", Dimension.FREQUENCY, 1000.0, "input gain per second (NIR r)"),
            new ParameterSpec("v_threshold", Dimension.VOLTAGE, 1.0, "spike threshold (v > v_threshold)"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, 0.0, "reset potential"),
            new ParameterSpec("reset_delay", Dimension.DIMENSIONLESS, 0.0, "1: snnTorch's delayed reset, 0: NIR's immediate reset"));

    public NirIf {
        int n = NirParameters.neurons("nir_if", new String[] {"r", "v_threshold", "v_reset"}, r, vThreshold, vReset);
        r = NirParameters.finite("nir_if", "r", NirParameters.broadcast(r, n));
        vThreshold = NirParameters.finite("nir_if", "v_threshold", NirParameters.broadcast(vThreshold, n));
        vReset = NirParameters.finite("nir_if", "v_reset", NirParameters.broadcast(vReset, n));
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    /** Shared parameters. */
    public NirIf(double r, double vThreshold, double vReset, ResetMode reset, boolean delayedReset) {
        this(NirParameters.one(r), NirParameters.one(vThreshold), NirParameters.one(vReset), reset, delayedReset);
    }

    @Override public double[] r() { return r.clone(); }
    @Override public double[] vThreshold() { return vThreshold.clone(); }
    @Override public double[] vReset() { return vReset.clone(); }

    @Override public String kind() { return "nir_if"; }
    @Override public int neurons() { return r.length; }
    @Override public NirDiscretisation discretisation() { return NirDiscretisation.EULER; }
    @Override public List<String> stateVariables() { return List.of("v", "spk"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE, Dimension.DIMENSIONLESS); }
    @Override public double[] restingState() { return new double[] {0.0, 0.0}; }
    @Override public double[] leakPotential() { return new double[r.length]; }

    @Override
    public NirCoefficients coefficients(double dtMs) {
        return NirCoefficients.of(NirDiscretisation.EULER, NirNeuron.seconds(dtMs), null, null, r, null);
    }
}
