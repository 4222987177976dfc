package org.spikeforge.synapses.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Device presets as data files that cite their source: {@code presets/<name>.properties} beside
 * this class ({@code ideal}, {@code reram_es}, {@code reram_sb}, {@code pcm}). A file sets
 * {@code name}, {@code source}, {@code step} and any of the keys below; keys it leaves out take
 * aihwkit's {@link PulsedDevice#defaults} (and {@link StepModel.ExpStep#DEFAULTS}, pow γ = 1 with
 * spread 0.1, linear γ = 0). A file with {@code pcm.*} keys also carries a {@link PcmNoise} model.
 *
 * <pre>
 *   step = ideal | constant | linear | soft_bounds | exp | pow
 *   dw_min, dw_min_dtod, dw_min_std, up_down, up_down_dtod, w_min, w_max, w_min_dtod, w_max_dtod,
 *   mult_noise (true/false), write_noise_std, levels, stuck_on_rate, stuck_off_rate,
 *   gamma_up, gamma_down, gamma_dtod                                      (linear)
 *   exp_a, exp_b, exp_A_up, exp_A_down, exp_gamma_up, exp_gamma_down     (exp)
 *   pow_gamma, pow_gamma_dtod                                            (pow)
 *   pcm.g_max_us, pcm.t0_s, pcm.t_read_s                                 (PCM inference noise)
 * </pre>
 */
public final class DevicePresets {

    /** A loaded preset: the pulsed device, its citation, and its PCM noise model or null. */
    public record Preset(String name, String source, PulsedDevice device, PcmNoise pcm) {}

    /** The presets shipped with SpikeForge. */
    public static final List<String> NAMES = List.of("ideal", "reram_es", "reram_sb", "pcm");

    private static final Set<String> KEYS = Set.of("name", "source", "step", "dw_min", "dw_min_dtod", "dw_min_std",
            "up_down", "up_down_dtod", "w_min", "w_max", "w_min_dtod", "w_max_dtod", "mult_noise", "write_noise_std",
            "levels", "stuck_on_rate", "stuck_off_rate", "gamma_up", "gamma_down", "gamma_dtod", "exp_a", "exp_b",
            "exp_A_up", "exp_A_down", "exp_gamma_up", "exp_gamma_down", "pow_gamma", "pow_gamma_dtod",
            "pcm.g_max_us", "pcm.t0_s", "pcm.t_read_s");

    private DevicePresets() {}

    /** Loads the shipped preset {@code name}; throws a one-line error listing the valid names. */
    public static Preset load(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String file = "presets/" + key + ".properties";
        try (InputStream in = DevicePresets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalArgumentException("unknown device preset '" + name + "', expected one of " + NAMES);
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read device preset " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses preset text; {@code file} names it in error messages. */
    public static Preset parse(String file, String text) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": unknown key '" + unknown.iterator().next()
                    + "', expected one of " + new TreeSet<>(KEYS));
        }
        String name = p.getProperty("name");
        String source = p.getProperty("source");
        if (name == null || source == null) {
            throw new IllegalArgumentException(file + ": a preset must give 'name' and 'source' (its citation)");
        }
        String stepName = p.getProperty("step");
        if (stepName == null) throw new IllegalArgumentException(file + ": missing 'step', expected one of ideal, constant, linear, soft_bounds, exp, pow");
        PulsedDevice d0 = PulsedDevice.defaults(new StepModel.ConstantStep());
        StepModel.ExpStep e0 = StepModel.ExpStep.DEFAULTS;
        try {
            StepModel step = switch (stepName.trim()) {
                case "ideal" -> new StepModel.IdealStep();
                case "constant" -> new StepModel.ConstantStep();
                case "linear" -> new StepModel.LinearStep(num(p, file, "gamma_up", 0), num(p, file, "gamma_down", 0),
                        num(p, file, "gamma_dtod", 0));
                case "soft_bounds" -> new StepModel.SoftBounds();
                case "exp" -> new StepModel.ExpStep(num(p, file, "exp_a", e0.a()), num(p, file, "exp_b", e0.b()),
                        num(p, file, "exp_A_up", e0.aUp()), num(p, file, "exp_A_down", e0.aDown()),
                        num(p, file, "exp_gamma_up", e0.gammaUp()), num(p, file, "exp_gamma_down", e0.gammaDown()));
                case "pow" -> new StepModel.PowStep(num(p, file, "pow_gamma", 1.0), num(p, file, "pow_gamma_dtod", 0.1));
                default -> throw new IllegalArgumentException(file + ": step = '" + stepName
                        + "', expected one of ideal, constant, linear, soft_bounds, exp, pow");
            };
            String mult = p.getProperty("mult_noise", "true").trim();
            if (!mult.equals("true") && !mult.equals("false")) {
                throw new IllegalArgumentException(file + ": mult_noise = '" + mult + "', expected true or false");
            }
            double levels = num(p, file, "levels", 0);
            if (levels != Math.rint(levels)) throw new IllegalArgumentException(file + ": levels = " + levels + ", expected an integer");
            PulsedDevice device = new PulsedDevice(step, num(p, file, "dw_min", d0.dwMin()),
                    num(p, file, "dw_min_dtod", d0.dwMinDtod()), num(p, file, "dw_min_std", d0.dwMinStd()),
                    num(p, file, "up_down", d0.upDown()), num(p, file, "up_down_dtod", d0.upDownDtod()),
                    num(p, file, "w_min", d0.wMin()), num(p, file, "w_max", d0.wMax()),
                    num(p, file, "w_min_dtod", d0.wMinDtod()), num(p, file, "w_max_dtod", d0.wMaxDtod()),
                    mult.equals("true"), num(p, file, "write_noise_std", 0), (int) levels,
                    num(p, file, "stuck_on_rate", 0), num(p, file, "stuck_off_rate", 0));
            PcmNoise pcm = null;
            if (p.containsKey("pcm.g_max_us") || p.containsKey("pcm.t0_s") || p.containsKey("pcm.t_read_s")) {
                PcmNoise d = PcmNoise.DEFAULTS;
                pcm = new PcmNoise(num(p, file, "pcm.g_max_us", d.gMaxMicroS()), num(p, file, "pcm.t0_s", d.t0Seconds()),
                        num(p, file, "pcm.t_read_s", d.tReadSeconds()));
            }
            return new Preset(name.trim(), source.trim(), device, pcm);
        } catch (IllegalArgumentException ex) {
            if (ex.getMessage() != null && ex.getMessage().startsWith(file)) throw ex;
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    private static double num(Properties p, String file, String key, double dflt) {
        String v = p.getProperty(key);
        if (v == null) return dflt;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " = '" + v.trim() + "', expected a number");
        }
    }
}
