package org.spikeforge.simulations.conversion;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Rate-based ANN-to-SNN conversion (Rueckauer et al. 2017, "Conversion of continuous-valued deep
 * networks to efficient event-driven networks for image classification", Front. Neurosci. 11:682):
 *
 * <ul>
 *   <li>each ReLU unit becomes an integrate-and-fire neuron with threshold 1 and reset by subtraction;</li>
 *   <li>data-based threshold balancing: layer {@code l}'s activations are divided by
 *       {@code λ_l}, the {@code p}-th percentile (default 99.9, SNN Toolbox's default) of its non-zero
 *       ReLU activations over calibration samples (linear interpolation, as NumPy's {@code percentile});</li>
 *   <li>biases become constant currents {@code b_l/λ_l} per step; the input is injected as a constant
 *       current (the pixel value), not as Poisson spikes;</li>
 *   <li>optionally the membranes start at half the threshold (Bu et al. 2022, QCFS), which removes the
 *       systematic under-estimate of rates at small T;</li>
 *   <li>the last layer is read out as an integrating membrane (logits ≈ V_out/T) or by spike count.</li>
 * </ul>
 */
public final class RateConversion {
    private RateConversion() {}

    /** How the output layer is read. */
    public enum Readout { MEMBRANE, SPIKE_COUNT }

    /**
     * @param percentile       percentile of non-zero activations used as λ (0–100]
     * @param halfThresholdInit start membranes at 0.5 (QCFS) instead of 0
     * @param readout          output readout
     */
    public record Options(double percentile, boolean halfThresholdInit, Readout readout) {
        public Options {
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
            }
        }

        public static Options defaults() {
            return new Options(99.9, false, Readout.MEMBRANE);
        }
    }

    /**
     * Converts {@code ann}, balancing thresholds on {@code calibration} (one flattened sample per row).
     *
     * @throws IllegalArgumentException when a calibration sample does not have the network's input size
     */
    public static ConvertedSnn convert(FeedForwardAnn ann, double[][] calibration, Options options) {
        if (calibration.length == 0) throw new IllegalArgumentException("calibration data is empty");
        int n = ann.inputSize();
        for (int s = 0; s < calibration.length; s++) {
            if (calibration[s].length != n) {
                throw new IllegalArgumentException("calibration sample " + s + " has " + calibration[s].length
                        + " values; the network's input " + java.util.Arrays.toString(ann.inputShape()) + " needs " + n);
            }
        }
        int L = ann.layers().size();
        List<DoubleList> nonZero = new ArrayList<>();
        for (int l = 0; l < L; l++) nonZero.add(new DoubleList());
        List<double[]> acts = new ArrayList<>();
        for (double[] x : calibration) {
            acts.clear();
            ann.forward(x, acts);
            for (int l = 0; l < L; l++) {
                for (double a : acts.get(l)) if (a > 0) nonZero.get(l).add(a);
            }
        }
        double[] lambda = new double[L];
        for (int l = 0; l < L; l++) {
            double[] v = nonZero.get(l).toArray();
            lambda[l] = v.length == 0 ? 1.0
                    : new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(v, options.percentile());
        }
        return new ConvertedSnn(ann, lambda, options);
    }

    /** Growable double array. */
    static final class DoubleList {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
