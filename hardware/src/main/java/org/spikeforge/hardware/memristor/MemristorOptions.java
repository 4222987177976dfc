package org.spikeforge.hardware.memristor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikeforge.hardware.cost.DeviceProfile;

/**
 * The memristor backend's settings, read from {@code BackendOptions.extra} (on the command line:
 * {@code --backend-option memristor.adc_bits=6}). Every non-ideality is off by default, so the
 * defaults give the ideal crossbar, whose spikes equal the scalar backend's.
 *
 * <table>
 *   <caption>Mapping and execution</caption>
 *   <tr><th>key</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>memristor.tile_size</td><td>cells</td><td>128</td><td>crossbar size, {@code N} (N×N) or
 *       {@code RxC}: R rows (one per source neuron) by C physical columns</td></tr>
 *   <tr><td>memristor.weight_bits</td><td>bits</td><td>0 (unlimited)</td><td>resolution of |w|: each weight
 *       becomes an integer {@code q = round(|w|/w_max·(2^W − 1))}</td></tr>
 *   <tr><td>memristor.bits_per_cell</td><td>bits</td><td>0 (continuous)</td><td>a cell holds one of
 *       {@code 2^b} conductance levels in [0, g_max] (finite levels); with weight_bits, q is sliced
 *       into {@code ⌈W/b⌉} digits, one cell pair per digit (bit slicing)</td></tr>
 *   <tr><td>memristor.adc_bits</td><td>bits</td><td>0 (ideal)</td><td>ADC resolution, &gt;= 2: a
 *       symmetric mid-tread quantiser with codes {@code −(2^(B−1)−1) … 2^(B−1)−1} over ± range</td></tr>
 *   <tr><td>memristor.adc_range</td><td>g_max·V_read</td><td>auto</td><td>ADC full scale, in currents of
 *       one fully-on cell; {@code auto}: each tile's largest possible column current (every row
 *       driven), so that an ideal tile never clips</td></tr>
 *   <tr><td>memristor.parallel_tiles</td><td>bool</td><td>true</td><td>tiles read in parallel (latency
 *       per step of one tile) or one after another</td></tr>
 *   <tr><td>memristor.profile</td><td>—</td><td>rram_22nm_neurosim</td><td>technology profile of the cost
 *       model: a bundled name or the path of a {@code .properties} file ({@link DeviceProfile})</td></tr>
 *   <tr><td>memristor.seed</td><td>—</td><td>1</td><td>seed of the device draws (faults, programming
 *       noise, drift exponents) and of the read noise; each projection derives its own streams</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Non-idealities (conductance model: the PCM inference model of {@code synapses.device.PcmNoise})</caption>
 *   <tr><th>key</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>memristor.programming_noise</td><td>× nominal</td><td>0 (off)</td><td>scale of the
 *       programming noise σ_prog(g_T) of {@code PcmNoise} (1 = the published PCM figure)</td></tr>
 *   <tr><td>memristor.read_noise</td><td>× nominal</td><td>0 (off)</td><td>scale of the 1/f read noise,
 *       redrawn for every cell on every read</td></tr>
 *   <tr><td>memristor.drift</td><td>bool</td><td>false</td><td>conductances drift as
 *       {@code (t/t0)^(−ν)} to the time {@code t_inference}</td></tr>
 *   <tr><td>memristor.t_inference</td><td>time</td><td>1 s</td><td>time since programming at which the
 *       network runs (drift and read noise depend on it): a number of seconds or a number with
 *       s, min, h, day, week, month (30 days) or year (365 days)</td></tr>
 *   <tr><td>memristor.drift_compensation</td><td>bool</td><td>false</td><td>global drift compensation:
 *       each tile's outputs are scaled by Σ|I| at programming time / Σ|I| now, for the calibration
 *       input "every row driven"</td></tr>
 *   <tr><td>memristor.stuck_on_rate</td><td>1</td><td>0</td><td>probability that a cell is stuck at g_max</td></tr>
 *   <tr><td>memristor.stuck_off_rate</td><td>1</td><td>0</td><td>probability that a cell is stuck at 0</td></tr>
 *   <tr><td>memristor.wire_resistance_ohm</td><td>Ω</td><td>0 (off)</td><td>wire resistance per cell
 *       segment, for the first-order IR drop ({@link CrossbarTile#irDropFactor})</td></tr>
 * </table>
 * Unknown keys starting with {@code memristor.} are rejected with the list of valid ones.
 */
public record MemristorOptions(int tileRows, int tileCols, int weightBits, int bitsPerCell, int adcBits, double adcRange,
                               boolean parallelTiles, DeviceProfile profile, long seed, double programmingNoise,
                               double readNoise, boolean drift, double tInferenceS, boolean driftCompensation,
                               double stuckOnRate, double stuckOffRate, double wireResistanceOhm) {

    public static final String TILE_SIZE = "memristor.tile_size";
    public static final String WEIGHT_BITS = "memristor.weight_bits";
    public static final String BITS_PER_CELL = "memristor.bits_per_cell";
    public static final String ADC_BITS = "memristor.adc_bits";
    public static final String ADC_RANGE = "memristor.adc_range";
    public static final String PARALLEL_TILES = "memristor.parallel_tiles";
    public static final String PROFILE = "memristor.profile";
    public static final String SEED = "memristor.seed";
    public static final String PROGRAMMING_NOISE = "memristor.programming_noise";
    public static final String READ_NOISE = "memristor.read_noise";
    public static final String DRIFT = "memristor.drift";
    public static final String T_INFERENCE = "memristor.t_inference";
    public static final String DRIFT_COMPENSATION = "memristor.drift_compensation";
    public static final String STUCK_ON_RATE = "memristor.stuck_on_rate";
    public static final String STUCK_OFF_RATE = "memristor.stuck_off_rate";
    public static final String WIRE_RESISTANCE_OHM = "memristor.wire_resistance_ohm";
    public static final String DEFAULT_PROFILE = "rram_22nm_neurosim";

    public static final List<String> KEYS = List.of(TILE_SIZE, WEIGHT_BITS, BITS_PER_CELL, ADC_BITS, ADC_RANGE, PARALLEL_TILES,
            PROFILE, SEED, PROGRAMMING_NOISE, READ_NOISE, DRIFT, T_INFERENCE, DRIFT_COMPENSATION, STUCK_ON_RATE,
            STUCK_OFF_RATE, WIRE_RESISTANCE_OHM);

    private static final Pattern TIME = Pattern.compile("\\s*([0-9.eE+-]+)\\s*([a-z]*)\\s*");

    public MemristorOptions {
        if (tileRows < 1 || tileCols < 2) throw bad(TILE_SIZE, tileRows + "x" + tileCols, "at least 1 row and 2 columns (one differential pair)");
        if (weightBits < 0 || weightBits > 30) throw bad(WEIGHT_BITS, weightBits, "an integer in [0, 30] (0 = unlimited)");
        if (bitsPerCell < 0 || bitsPerCell > 16) throw bad(BITS_PER_CELL, bitsPerCell, "an integer in [0, 16] (0 = continuous)");
        if (adcBits < 0 || adcBits == 1 || adcBits > 30) throw bad(ADC_BITS, adcBits, "0 (ideal) or an integer in [2, 30]");
        if (!Double.isNaN(adcRange) && !(adcRange > 0 && Double.isFinite(adcRange))) {
            throw bad(ADC_RANGE, adcRange, "'auto' or a full scale > 0 in units of one fully-on cell's current");
        }
        if (tileCols < 2 * slices(weightBits, bitsPerCell)) {
            throw bad(TILE_SIZE, tileRows + "x" + tileCols, "at least " + 2 * slices(weightBits, bitsPerCell)
                    + " columns to hold one weight (" + slices(weightBits, bitsPerCell) + " slices × a differential pair)");
        }
        if (profile == null) throw new IllegalArgumentException(PROFILE + ": a technology profile is needed");
        if (!(programmingNoise >= 0) || !Double.isFinite(programmingNoise)) throw bad(PROGRAMMING_NOISE, programmingNoise, "a scale >= 0 (1 = nominal PCM noise)");
        if (!(readNoise >= 0) || !Double.isFinite(readNoise)) throw bad(READ_NOISE, readNoise, "a scale >= 0 (1 = nominal PCM noise)");
        if (!(tInferenceS > 0) || !Double.isFinite(tInferenceS)) throw bad(T_INFERENCE, tInferenceS + " s", "a time > 0 such as '1 h'");
        if (!(stuckOnRate >= 0 && stuckOffRate >= 0 && stuckOnRate + stuckOffRate <= 1)) {
            throw bad(STUCK_ON_RATE + " + " + STUCK_OFF_RATE, stuckOnRate + " + " + stuckOffRate, "probabilities >= 0 with a sum <= 1");
        }
        if (!(wireResistanceOhm >= 0) || !Double.isFinite(wireResistanceOhm)) throw bad(WIRE_RESISTANCE_OHM, wireResistanceOhm, "a resistance >= 0 Ω per cell");
    }

    /** All defaults: an ideal 128×128 crossbar costed with the bundled profile. */
    public static MemristorOptions defaults() {
        return parse(Map.of());
    }

    /** Cells (differential pairs) per weight: {@code ⌈W/b⌉} when both are set, else 1. */
    public int slices() {
        return slices(weightBits, bitsPerCell);
    }

    static int slices(int weightBits, int bitsPerCell) {
        return weightBits > 0 && bitsPerCell > 0 ? (weightBits + bitsPerCell - 1) / bitsPerCell : 1;
    }

    /** Logical (weight) columns per tile: {@code ⌊C / (2·slices)⌋}. */
    public int weightColumnsPerTile() {
        return tileCols / (2 * slices());
    }

    /** Whether the ADC range is chosen per tile ({@code auto}). */
    public boolean autoAdcRange() {
        return Double.isNaN(adcRange);
    }

    /** Whether every setting that changes a result is off: the crossbar computes exactly. */
    public boolean ideal() {
        return weightBits == 0 && bitsPerCell == 0 && adcBits == 0 && programmingNoise == 0 && readNoise == 0 && !drift
                && stuckOnRate == 0 && stuckOffRate == 0 && wireResistanceOhm == 0;
    }

    /** The non-idealities and precisions in force, as option key → value (for reports). */
    public Map<String, Object> nonIdealities() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight_bits", weightBits);
        m.put("bits_per_cell", bitsPerCell);
        m.put("adc_bits", adcBits);
        m.put("adc_range", autoAdcRange() ? "auto" : adcRange);
        m.put("programming_noise", programmingNoise);
        m.put("read_noise", readNoise);
        m.put("drift", drift);
        m.put("t_inference_s", tInferenceS);
        m.put("drift_compensation", driftCompensation);
        m.put("stuck_on_rate", stuckOnRate);
        m.put("stuck_off_rate", stuckOffRate);
        m.put("wire_resistance_ohm", wireResistanceOhm);
        return m;
    }

    public static MemristorOptions parse(Map<String, String> extra) {
        List<String> unknown = new ArrayList<>();
        for (String key : extra.keySet()) if (key.startsWith("memristor.") && !KEYS.contains(key)) unknown.add(key);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown memristor backend option '" + unknown.getFirst() + "'; valid keys: " + String.join(", ", KEYS));
        }
        int[] tile = tileSize(extra.getOrDefault(TILE_SIZE, "128"));
        String range = extra.getOrDefault(ADC_RANGE, "auto").trim();
        double adcRange = range.equalsIgnoreCase("auto") ? Double.NaN : number(ADC_RANGE, range);
        if (!range.equalsIgnoreCase("auto") && !(adcRange > 0)) throw bad(ADC_RANGE, range, "'auto' or a full scale > 0 in units of one fully-on cell's current");
        String profileName = extra.getOrDefault(PROFILE, DEFAULT_PROFILE).trim();
        DeviceProfile profile = profileName.endsWith(".properties") || profileName.contains("/")
                ? DeviceProfile.read(Path.of(profileName)) : DeviceProfile.load(profileName);
        long seed;
        try {
            seed = Long.parseLong(extra.getOrDefault(SEED, "1").trim());
        } catch (NumberFormatException e) {
            throw bad(SEED, "'" + extra.get(SEED) + "'", "an integer");
        }
        return new MemristorOptions(tile[0], tile[1], integer(extra, WEIGHT_BITS), integer(extra, BITS_PER_CELL),
                integer(extra, ADC_BITS), adcRange, bool(extra, PARALLEL_TILES, true), profile, seed,
                number(extra, PROGRAMMING_NOISE), number(extra, READ_NOISE), bool(extra, DRIFT, false),
                seconds(extra.getOrDefault(T_INFERENCE, "1 s")), bool(extra, DRIFT_COMPENSATION, false),
                number(extra, STUCK_ON_RATE), number(extra, STUCK_OFF_RATE), number(extra, WIRE_RESISTANCE_OHM));
    }

    /** A time after programming in seconds: {@code 3600}, {@code 20 s}, {@code 1 h}, {@code 1 day}, {@code 1 month}. */
    public static double seconds(String text) {
        Matcher m = TIME.matcher(text.toLowerCase(Locale.ROOT));
        String expected = "a time > 0 such as '3600', '20 s', '1 h', '1 day' or '1 month'";
        if (!m.matches()) throw bad(T_INFERENCE, "'" + text + "'", expected);
        double v;
        try {
            v = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw bad(T_INFERENCE, "'" + text + "'", expected);
        }
        double unit = switch (m.group(2)) {
            case "", "s" -> 1;
            case "ms" -> 1e-3;
            case "min" -> 60;
            case "h" -> 3600;
            case "d", "day", "days" -> 86_400;
            case "week", "weeks" -> 7 * 86_400;
            case "month", "months" -> 30 * 86_400;
            case "y", "year", "years" -> 365 * 86_400;
            default -> throw bad(T_INFERENCE, "'" + text + "'", expected);
        };
        if (!(v > 0) || !Double.isFinite(v)) throw bad(T_INFERENCE, "'" + text + "'", expected);
        return v * unit;
    }

    private static int[] tileSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace('×', 'x');
        try {
            if (t.contains("x")) {
                String[] p = t.split("x", 2);
                return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
            }
            int n = Integer.parseInt(t);
            return new int[] {n, n};
        } catch (NumberFormatException e) {
            throw bad(TILE_SIZE, "'" + s + "'", "N (an N×N tile) or RxC, such as 128 or 256x128");
        }
    }

    private static int integer(Map<String, String> o, String key) {
        String s = o.get(key);
        if (s == null) return 0;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw bad(key, "'" + s + "'", "an integer");
        }
    }

    private static double number(Map<String, String> o, String key) {
        String s = o.get(key);
        return s == null ? 0.0 : number(key, s);
    }

    private static double number(String key, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw bad(key, "'" + s + "'", "a number");
        }
    }

    private static boolean bool(Map<String, String> o, String key, boolean dflt) {
        String s = o.get(key);
        if (s == null) return dflt;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw bad(key, "'" + s + "'", "true or false");
        };
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException(key + ": expected " + expected + ", was " + value);
    }
}
