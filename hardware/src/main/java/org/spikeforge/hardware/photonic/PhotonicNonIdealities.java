package org.spikeforge.hardware.photonic;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The imperfections of a photonic matrix unit, each switchable on its own. All zero / false is the
 * ideal device ({@link #IDEAL}).
 *
 * <table>
 *   <caption>Non-idealities and their option keys ({@code BackendOptions.extra})</caption>
 *   <tr><th>key</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>photonic.phase_bits</td><td>bits</td><td>0 (off)</td><td>each heater holds one of
 *       2^b phases in [0, 2π) (its DAC's resolution)</td></tr>
 *   <tr><td>photonic.phase_noise_static</td><td>rad</td><td>0</td><td>σ of a fixed Gaussian offset of
 *       every phase shifter (fabrication)</td></tr>
 *   <tr><td>photonic.phase_noise_read</td><td>rad</td><td>0</td><td>σ of fresh Gaussian phase noise on
 *       every shifter at every read (thermal fluctuation)</td></tr>
 *   <tr><td>photonic.crosstalk</td><td>1</td><td>0</td><td>thermal crosstalk κ: a shifter's phase
 *       gains κ times each neighbouring heater's held phase (neighbours: adjacent shifters of the
 *       same column); κ &lt; 0.5</td></tr>
 *   <tr><td>photonic.insertion_loss_db</td><td>dB</td><td>0</td><td>loss per MZI (both outputs),
 *       so loss grows with mesh depth</td></tr>
 *   <tr><td>photonic.splitter_sigma</td><td>1</td><td>0</td><td>σ of each directional coupler's
 *       power splitting ratio around 0.5 (beam-splitter imbalance, fixed per coupler)</td></tr>
 *   <tr><td>photonic.detector_noise</td><td>bool</td><td>false</td><td>shot and thermal noise of the
 *       coherent receivers ({@link Receiver})</td></tr>
 *   <tr><td>photonic.adc_bits</td><td>bits</td><td>0 (off)</td><td>resolution of the ADC after each
 *       receiver, over ± the projection's full scale</td></tr>
 *   <tr><td>photonic.calibration</td><td>bool</td><td>true</td><td>program phases against the
 *       measured static offsets and crosstalk (hardware calibration); splitter imbalance, per-read
 *       noise and quantisation are not calibrated out</td></tr>
 * </table>
 */
public record PhotonicNonIdealities(int phaseBits, double staticPhaseSigma, double readPhaseSigma, double crosstalk,
                                    double insertionLossDb, double splitterSigma, boolean detectorNoise, int adcBits,
                                    boolean calibration) {

    public static final PhotonicNonIdealities IDEAL =
            new PhotonicNonIdealities(0, 0, 0, 0, 0, 0, false, 0, true);

    public static final String PHASE_BITS = "photonic.phase_bits";
    public static final String PHASE_NOISE_STATIC = "photonic.phase_noise_static";
    public static final String PHASE_NOISE_READ = "photonic.phase_noise_read";
    public static final String CROSSTALK = "photonic.crosstalk";
    public static final String INSERTION_LOSS_DB = "photonic.insertion_loss_db";
    public static final String SPLITTER_SIGMA = "photonic.splitter_sigma";
    public static final String DETECTOR_NOISE = "photonic.detector_noise";
    public static final String ADC_BITS = "photonic.adc_bits";
    public static final String CALIBRATION = "photonic.calibration";

    public PhotonicNonIdealities {
        if (phaseBits < 0 || phaseBits > 30) throw bad(PHASE_BITS, phaseBits, "an integer in [0, 30] (0 = continuous)");
        if (!(staticPhaseSigma >= 0) || !Double.isFinite(staticPhaseSigma)) throw bad(PHASE_NOISE_STATIC, staticPhaseSigma, "a standard deviation >= 0 rad");
        if (!(readPhaseSigma >= 0) || !Double.isFinite(readPhaseSigma)) throw bad(PHASE_NOISE_READ, readPhaseSigma, "a standard deviation >= 0 rad");
        if (!(crosstalk >= 0 && crosstalk < 0.5)) throw bad(CROSSTALK, crosstalk, "a coupling coefficient in [0, 0.5)");
        if (!(insertionLossDb >= 0) || !Double.isFinite(insertionLossDb)) throw bad(INSERTION_LOSS_DB, insertionLossDb, "a loss >= 0 dB per MZI");
        if (!(splitterSigma >= 0 && splitterSigma < 0.5)) throw bad(SPLITTER_SIGMA, splitterSigma, "a standard deviation of the splitting ratio in [0, 0.5)");
        if (adcBits < 0 || adcBits > 30) throw bad(ADC_BITS, adcBits, "an integer in [0, 30] (0 = ideal)");
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException(key + ": expected " + expected + ", was " + value);
    }

    /** Amplitude transmission of one MZI, {@code 10^(−IL/20)}. */
    public double mziAmplitudeTransmission() {
        return Math.pow(10.0, -insertionLossDb / 20.0);
    }

    /** The non-idealities set in {@code options} (keys above); keys not given keep their ideal value. */
    public static PhotonicNonIdealities fromOptions(Map<String, String> options) {
        return new PhotonicNonIdealities(
                intOption(options, PHASE_BITS, 0),
                doubleOption(options, PHASE_NOISE_STATIC, 0),
                doubleOption(options, PHASE_NOISE_READ, 0),
                doubleOption(options, CROSSTALK, 0),
                doubleOption(options, INSERTION_LOSS_DB, 0),
                doubleOption(options, SPLITTER_SIGMA, 0),
                boolOption(options, DETECTOR_NOISE, false),
                intOption(options, ADC_BITS, 0),
                boolOption(options, CALIBRATION, true));
    }

    /** These settings as option key/value pairs (the inverse of {@link #fromOptions}). */
    public Map<String, String> asOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PHASE_BITS, Integer.toString(phaseBits));
        m.put(PHASE_NOISE_STATIC, Double.toString(staticPhaseSigma));
        m.put(PHASE_NOISE_READ, Double.toString(readPhaseSigma));
        m.put(CROSSTALK, Double.toString(crosstalk));
        m.put(INSERTION_LOSS_DB, Double.toString(insertionLossDb));
        m.put(SPLITTER_SIGMA, Double.toString(splitterSigma));
        m.put(DETECTOR_NOISE, Boolean.toString(detectorNoise));
        m.put(ADC_BITS, Integer.toString(adcBits));
        m.put(CALIBRATION, Boolean.toString(calibration));
        return m;
    }

    static int intOption(Map<String, String> o, String key, int dflt) {
        String s = o.get(key);
        if (s == null) return dflt;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer, was '" + s + "'");
        }
    }

    static double doubleOption(Map<String, String> o, String key, double dflt) {
        String s = o.get(key);
        if (s == null) return dflt;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number, was '" + s + "'");
        }
    }

    static boolean boolOption(Map<String, String> o, String key, boolean dflt) {
        String s = o.get(key);
        if (s == null) return dflt;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true or false, was '" + s + "'");
        };
    }
}
