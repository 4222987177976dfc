package org.spikeforge.hardware.photonic;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * One real matrix {@code W} (n × m) on a photonic device: the {@link SvdMapping}'s {@code Vᵀ}
 * mesh, attenuator line and {@code U} mesh, each a {@link ProgrammedMesh} or bank of imperfect
 * phase shifters, followed by coherent receivers ({@link Receiver}) and ADCs.
 *
 * <p>A read ({@link #multiply}) takes an input vector {@code x} (amplitude-encoded: input mode
 * {@code j} carries field {@code x_j} in units of one channel's full-scale amplitude), propagates
 * it through the optics and returns
 * <pre>
 *   y_i = ADC_b( (Re E_i + σ_det·ξ_i) · g / a_path )
 * </pre>
 * where {@code g = σ_max} is the SVD gain, {@code a_path = a_MZI^(depth_V + 1 + depth_U)} the
 * nominal amplitude transmission of a path (the receiver gain is set for it, as a one-off gain
 * calibration would; what the loss leaves is its imbalance between paths and a lower SNR),
 * {@code σ_det} the receiver noise in the same units, and {@code ADC_b} a signed b-bit converter
 * over {@code ±fullScale}. With every non-ideality off, {@code y = W·x} to rounding.
 *
 * <p>Random streams: one seed fixes the device (offsets and splitter errors, drawn in a fixed
 * order: {@code Vᵀ} mesh, attenuators, {@code U} mesh), another the per-read noise.
 */
public final class OpticalMatrixMultiplier {
    private final SvdMapping mapping;
    private final PhotonicNonIdealities ni;
    private final ProgrammedMesh inputMesh;
    private final ProgrammedMesh outputMesh;
    private final PhaseShifterBank attenuators;
    private final double[] attCoupler;
    private final double[] attRe;
    private final double[] attIm;
    private final double amplitude;
    private final double detectorSigma;
    private final double fullScale;
    private final double outputScale;
    private final ContinuousSampler readNoise;
    private final double[] re;
    private final double[] im;
    private final double[] t = new double[8];

    /**
     * @param detectorSigma   receiver noise σ in units of one channel's full-scale input amplitude
     *                        (0 for none); see {@link Receiver#fieldNoiseSigma()}
     * @param fullScale       ADC full scale in the units of {@code W·x} (> 0 when ADC bits are set)
     * @param fabricationSeed seed of the device's fixed errors
     * @param readSeed        seed of the per-read noise
     */
    public OpticalMatrixMultiplier(SvdMapping mapping, PhotonicNonIdealities ni, double detectorSigma, double fullScale,
                                   long fabricationSeed, long readSeed) {
        if (!(detectorSigma >= 0)) throw new IllegalArgumentException("detector noise sigma must be >= 0, was " + detectorSigma);
        if (ni.adcBits() > 0 && !(fullScale > 0)) throw new IllegalArgumentException("ADC full scale must be > 0 when adc bits are set, was " + fullScale);
        this.mapping = mapping;
        this.ni = ni;
        UniformRandomProvider fabRng = RandomSource.XO_RO_SHI_RO_128_PP.create(fabricationSeed);
        ContinuousSampler fab = ZigguratSampler.NormalizedGaussian.of(fabRng);
        this.inputMesh = new ProgrammedMesh(mapping.inputMesh(), ni, fab);
        final int k = mapping.modes();
        double[] target = new double[2 * k];
        for (int i = 0; i < k; i++) {
            target[2 * i] = mapping.attenuatorTheta(i);
            target[2 * i + 1] = mapping.attenuatorPhi(i);
        }
        int[][] nb = attenuatorNeighbours(k);
        this.attenuators = new PhaseShifterBank(target, nb[0], nb[1], ni, fab);
        this.attCoupler = new double[4 * k];
        for (int i = 0; i < k; i++) {
            double r1 = ProgrammedMesh.splitRatio(ni.splitterSigma(), fab), r2 = ProgrammedMesh.splitRatio(ni.splitterSigma(), fab);
            attCoupler[4 * i] = Math.sqrt(r1);
            attCoupler[4 * i + 1] = Math.sqrt(1 - r1);
            attCoupler[4 * i + 2] = Math.sqrt(r2);
            attCoupler[4 * i + 3] = Math.sqrt(1 - r2);
        }
        this.outputMesh = new ProgrammedMesh(mapping.outputMesh(), ni, fab);
        this.amplitude = ni.mziAmplitudeTransmission();
        this.attRe = new double[k];
        this.attIm = new double[k];
        for (int i = 0; i < k; i++) attenuatorTransmission(i, attenuators.actual[2 * i], attenuators.actual[2 * i + 1], attRe, attIm);
        this.detectorSigma = detectorSigma;
        this.fullScale = fullScale;
        this.outputScale = mapping.gain() / nominalPathTransmission();
        this.readNoise = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(readSeed));
        this.re = new double[k];
        this.im = new double[k];
    }

    private void attenuatorTransmission(int i, double theta, double phi, double[] outRe, double[] outIm) {
        Mzi.transfer(theta, phi, attCoupler[4 * i], attCoupler[4 * i + 1], attCoupler[4 * i + 2], attCoupler[4 * i + 3], amplitude, t, 0);
        outRe[i] = t[0];
        outIm[i] = t[1];
    }

    /** Thermal neighbours on the attenuator line: θ_i with θ_{i±1}, φ_i with φ_{i±1}. */
    private static int[][] attenuatorNeighbours(int k) {
        int[][] line = PhaseShifterBank.lineNeighbours(k);
        int[] start = new int[2 * k + 1];
        int[] nbr = new int[2 * line[1].length];
        int at = 0;
        for (int i = 0; i < k; i++) {
            for (int which = 0; which < 2; which++) {
                start[2 * i + which] = at;
                for (int q = line[0][i]; q < line[0][i + 1]; q++) nbr[at++] = 2 * line[1][q] + which;
            }
        }
        start[2 * k] = at;
        return new int[][] {start, nbr};
    }

    public SvdMapping mapping() { return mapping; }

    public PhotonicNonIdealities nonIdealities() { return ni; }

    /** MZIs on the device: both meshes and the attenuator line. */
    public int mziCount() {
        return mapping.inputMesh().mziCount() + mapping.outputMesh().mziCount() + mapping.modes();
    }

    /** Phase shifters to set and hold: two per MZI, plus each mesh's output phases. */
    public int phaseShifterCount() {
        return inputMesh.phaseShifterCount() + attenuators.size + outputMesh.phaseShifterCount();
    }

    /** Sum of all held phases (rad); the thermo-optic holding power is {@code P_π/π} times this. */
    public double heldPhaseSum() {
        return inputMesh.heldPhaseSum() + attenuators.heldPhaseSum() + outputMesh.heldPhaseSum();
    }

    /** MZIs along a nominal path: {@code depth(Vᵀ) + 1 + depth(U)}. */
    public int opticalDepth() {
        return mapping.inputMesh().depth() + 1 + mapping.outputMesh().depth();
    }

    /** Amplitude transmission of a nominal path, {@code a_MZI^opticalDepth}. */
    public double nominalPathTransmission() {
        return Math.pow(amplitude, opticalDepth());
    }

    public ProgrammedMesh inputMesh() { return inputMesh; }

    public ProgrammedMesh outputMesh() { return outputMesh; }

    /**
     * One optical read: {@code y = W·x} through the device (see the class comment). {@code x} has
     * {@code cols} entries, {@code y} at least {@code rows}. Not thread-safe (scratch buffers).
     */
    public void multiply(double[] x, double[] y) {
        final int k = mapping.modes(), m = mapping.cols(), n = mapping.rows();
        System.arraycopy(x, 0, re, 0, m);
        java.util.Arrays.fill(re, m, k, 0.0);
        java.util.Arrays.fill(im, 0.0);
        final boolean perRead = ni.readPhaseSigma() > 0;
        final ContinuousSampler noise = perRead ? readNoise : null;
        inputMesh.propagate(re, im, noise);
        if (perRead) {
            double s = ni.readPhaseSigma();
            for (int i = 0; i < k; i++) {
                double th = attenuators.actual[2 * i] + s * readNoise.sample();
                double ph = attenuators.actual[2 * i + 1] + s * readNoise.sample();
                Mzi.transfer(th, ph, attCoupler[4 * i], attCoupler[4 * i + 1], attCoupler[4 * i + 2], attCoupler[4 * i + 3], amplitude, t, 0);
                double ar = re[i], ai = im[i];
                re[i] = t[0] * ar - t[1] * ai;
                im[i] = t[0] * ai + t[1] * ar;
            }
        } else {
            for (int i = 0; i < k; i++) {
                double ar = re[i], ai = im[i];
                re[i] = attRe[i] * ar - attIm[i] * ai;
                im[i] = attRe[i] * ai + attIm[i] * ar;
            }
        }
        outputMesh.propagate(re, im, noise);
        final int bits = ni.adcBits();
        final double step = bits > 0 ? fullScale / (double) (1L << (bits - 1)) : 0;
        final double maxCode = bits > 0 ? (double) ((1L << (bits - 1)) - 1) : 0;
        for (int i = 0; i < n; i++) {
            double v = re[i];
            if (detectorSigma > 0) v += detectorSigma * readNoise.sample();
            v *= outputScale;
            if (bits > 0) v = Math.max(-maxCode - 1, Math.min(maxCode, Math.rint(v / step))) * step;
            y[i] = v;
        }
    }

    /** The complex output field at every mode for input {@code x}, before detection (no per-read noise). */
    public ComplexMatrix outputField(double[] x) {
        final int k = mapping.modes();
        double[] fr = new double[k], fi = new double[k];
        System.arraycopy(x, 0, fr, 0, x.length);
        inputMesh.propagate(fr, fi, null);
        for (int i = 0; i < k; i++) {
            double ar = fr[i], ai = fi[i];
            fr[i] = attRe[i] * ar - attIm[i] * ai;
            fi[i] = attRe[i] * ai + attIm[i] * ar;
        }
        outputMesh.propagate(fr, fi, null);
        return new ComplexMatrix(k, 1, fr, fi);
    }
}
