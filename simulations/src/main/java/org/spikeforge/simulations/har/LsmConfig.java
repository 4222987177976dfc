package org.spikeforge.simulations.har;

/**
 * Parameters of the liquid state machine of {@link LsmModel}. Units are the engine's (ms, mV, pA, GΩ).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>neurons</td><td>1</td><td>128</td><td>reservoir size N (CUBA LIF)</td></tr>
 *   <tr><td>inputGain</td><td>1/step</td><td>0.5</td><td>encoder charge per step per unit of standardised input</td></tr>
 *   <tr><td>inputProbability</td><td>1</td><td>0.3</td><td>chance an encoder channel reaches a reservoir neuron</td></tr>
 *   <tr><td>inputWeightSd</td><td>pA</td><td>3</td><td>s.d. of input weights (mean 0)</td></tr>
 *   <tr><td>recurrentProbability</td><td>1</td><td>0.1</td><td>chance of a recurrent synapse (no self-connections)</td></tr>
 *   <tr><td>recurrentWeightSd</td><td>pA</td><td>1</td><td>s.d. of recurrent weights (mean 0)</td></tr>
 *   <tr><td>tauM</td><td>ms</td><td>20</td><td>membrane time constant</td></tr>
 *   <tr><td>tauSyn</td><td>ms</td><td>5</td><td>synaptic current time constant</td></tr>
 *   <tr><td>vTh</td><td>mV</td><td>1</td><td>threshold above rest (rest and reset 0 mV, no refractory period)</td></tr>
 *   <tr><td>r</td><td>GΩ</td><td>1</td><td>membrane resistance (1 pA → 1 mV)</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>10</td><td>engine step</td></tr>
 *   <tr><td>stepsPerSample</td><td>1</td><td>2</td><td>engine steps per input sample (2 × 10 ms = 50 Hz, real time)</td></tr>
 *   <tr><td>bins</td><td>1</td><td>4</td><td>readout time bins per window (features = N × bins spike counts)</td></tr>
 *   <tr><td>seed</td><td>-</td><td>1</td><td>seed of the reservoir's random connectivity and weights</td></tr>
 * </table>
 */
public record LsmConfig(int neurons, double inputGain, double inputProbability, double inputWeightSd,
                        double recurrentProbability, double recurrentWeightSd, double tauM, double tauSyn, double vTh,
                        double r, double dt, int stepsPerSample, int bins, long seed) {

    public LsmConfig {
        if (neurons < 1) throw new IllegalArgumentException("reservoir needs >= 1 neuron, was " + neurons);
        positive("input gain", inputGain);
        probability("input probability", inputProbability);
        probability("recurrent probability", recurrentProbability);
        if (!(inputWeightSd >= 0) || !(recurrentWeightSd >= 0)) throw new IllegalArgumentException("weight standard deviations must be >= 0");
        positive("tau_m", tauM);
        positive("tau_syn", tauSyn);
        positive("v_th", vTh);
        positive("r", r);
        positive("dt", dt);
        if (tauM == tauSyn) throw new IllegalArgumentException("tau_m and tau_syn must differ (the exact propagator divides by their difference)");
        if (stepsPerSample < 1) throw new IllegalArgumentException("steps per sample must be >= 1, was " + stepsPerSample);
        if (bins < 1) throw new IllegalArgumentException("readout bins must be >= 1, was " + bins);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be > 0, was " + v);
    }

    private static void probability(String what, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(what + " must be in [0, 1], was " + v);
    }

    public static LsmConfig defaults() {
        return new LsmConfig(128, 0.5, 0.3, 3.0, 0.1, 1.0, 20, 5, 1, 1, 10, 2, 4, 1);
    }

    public LsmConfig withNeurons(int n) {
        return new LsmConfig(n, inputGain, inputProbability, inputWeightSd, recurrentProbability, recurrentWeightSd, tauM, tauSyn, vTh, r, dt,
                stepsPerSample, bins, seed);
    }

    public LsmConfig withSeed(long s) {
        return new LsmConfig(neurons, inputGain, inputProbability, inputWeightSd, recurrentProbability, recurrentWeightSd, tauM, tauSyn, vTh, r, dt,
                stepsPerSample, bins, s);
    }

    double[] toArray() {
        return new double[] {neurons, inputGain, inputProbability, inputWeightSd, recurrentProbability, recurrentWeightSd, tauM, tauSyn, vTh, r, dt,
                stepsPerSample, bins, seed};
    }

    static LsmConfig fromArray(double[] a) {
        if (a.length != 14) throw new IllegalArgumentException("LSM config needs 14 values, has " + a.length);
        return new LsmConfig((int) a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], (int) a[11], (int) a[12], (long) a[13]);
    }
}
