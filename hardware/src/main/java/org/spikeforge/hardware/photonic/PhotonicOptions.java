package org.spikeforge.hardware.photonic;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikeforge.hardware.cost.DeviceProfile;

/**
 * The photonic backend's settings, read from {@code BackendOptions.extra}. Besides the
 * non-idealities ({@link PhotonicNonIdealities}, whose keys it shares):
 *
 * <table>
 *   <caption>Backend keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>photonic.mesh</td><td>clements</td><td>{@code clements} (rectangular, depth N) or
 *       {@code reck} (triangular, depth 2N − 3)</td></tr>
 *   <tr><td>photonic.profile</td><td>photonic_silicon_thermo</td><td>device profile: a bundled
 *       name or the path of a {@code .properties} file ({@link DeviceProfile})</td></tr>
 *   <tr><td>photonic.seed</td><td>1</td><td>seed of the device's fixed errors and the per-read
 *       noise (each projection derives its own streams from it)</td></tr>
 *   <tr><td>photonic.laser_power_mw</td><td>from target SNR</td><td>optical power per input channel
 *       at the laser, mW; by default the power that gives the profile's
 *       {@code laser.target_snr_db} at the receivers after coupling and mesh losses</td></tr>
 *   <tr><td>photonic.max_modes</td><td>1024</td><td>largest mesh a projection may need
 *       ({@code max(sources, targets)}); larger matrices would have to be tiled, which is not
 *       modelled</td></tr>
 * </table>
 * Unknown keys starting with {@code photonic.} are rejected with the list of valid ones.
 */
public record PhotonicOptions(PhotonicNonIdealities nonIdealities, MziMesh.Layout layout, DeviceProfile profile, long seed,
                              double laserPowerW, int maxModes, boolean insertionLossSimulated) {

    public static final String MESH = "photonic.mesh";
    public static final String PROFILE = "photonic.profile";
    public static final String SEED = "photonic.seed";
    public static final String LASER_POWER_MW = "photonic.laser_power_mw";
    public static final String MAX_MODES = "photonic.max_modes";
    public static final String DEFAULT_PROFILE = "photonic_silicon_thermo";

    public static final List<String> KEYS = List.of(MESH, PROFILE, SEED, LASER_POWER_MW, MAX_MODES,
            PhotonicNonIdealities.PHASE_BITS, PhotonicNonIdealities.PHASE_NOISE_STATIC, PhotonicNonIdealities.PHASE_NOISE_READ,
            PhotonicNonIdealities.CROSSTALK, PhotonicNonIdealities.INSERTION_LOSS_DB, PhotonicNonIdealities.SPLITTER_SIGMA,
            PhotonicNonIdealities.DETECTOR_NOISE, PhotonicNonIdealities.ADC_BITS, PhotonicNonIdealities.CALIBRATION);

    /** Whether {@link #laserPowerW()} was given (otherwise it is NaN and derived from the target SNR). */
    public boolean laserPowerGiven() {
        return !Double.isNaN(laserPowerW);
    }

    public static PhotonicOptions parse(Map<String, String> extra) {
        for (String key : extra.keySet()) {
            if (key.startsWith("photonic.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown photonic backend option '" + key + "'; valid keys: " + String.join(", ", KEYS));
            }
        }
        PhotonicNonIdealities ni = PhotonicNonIdealities.fromOptions(extra);
        String mesh = extra.getOrDefault(MESH, "clements").trim().toLowerCase(Locale.ROOT);
        MziMesh.Layout layout = switch (mesh) {
            case "clements", "rectangular" -> MziMesh.Layout.CLEMENTS;
            case "reck", "triangular" -> MziMesh.Layout.RECK;
            default -> throw new IllegalArgumentException(MESH + ": expected clements or reck, was '" + extra.get(MESH) + "'");
        };
        String profileName = extra.getOrDefault(PROFILE, DEFAULT_PROFILE).trim();
        DeviceProfile profile = profileName.endsWith(".properties") || profileName.contains("/")
                ? DeviceProfile.read(Path.of(profileName)) : DeviceProfile.load(profileName);
        long seed;
        try {
            seed = Long.parseLong(extra.getOrDefault(SEED, "1").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED + ": expected an integer, was '" + extra.get(SEED) + "'");
        }
        double laserMw = PhotonicNonIdealities.doubleOption(extra, LASER_POWER_MW, Double.NaN);
        if (extra.containsKey(LASER_POWER_MW) && !(laserMw > 0 && Double.isFinite(laserMw))) {
            throw new IllegalArgumentException(LASER_POWER_MW + ": expected a power > 0 mW, was " + extra.get(LASER_POWER_MW));
        }
        int maxModes = PhotonicNonIdealities.intOption(extra, MAX_MODES, 1024);
        if (maxModes < 1) throw new IllegalArgumentException(MAX_MODES + ": expected an integer >= 1, was " + maxModes);
        return new PhotonicOptions(ni, layout, profile, seed, laserMw * 1e-3, maxModes,
                extra.containsKey(PhotonicNonIdealities.INSERTION_LOSS_DB));
    }

    /** The receiver described by the profile. */
    public Receiver receiver() {
        return new Receiver(profile.positive("receiver.responsivity_a_per_w"), profile.positive("receiver.bandwidth_hz"),
                profile.get("receiver.temperature_k"), profile.positive("receiver.load_ohm"),
                profile.positive("receiver.local_oscillator_w"));
    }

    /** Power transmission of the input coupler, {@code 10^(−coupling.loss_db/10)}. */
    public double couplingTransmission() {
        return Math.pow(10, -profile.get("coupling.loss_db") / 10);
    }

    /** Target receiver SNR, linear. */
    public double targetSnr() {
        return Math.pow(10, profile.get("laser.target_snr_db") / 10);
    }

    /**
     * MZI insertion loss the cost model assumes: the simulated one when
     * {@code photonic.insertion_loss_db} is set, else the profile's {@code mzi.insertion_loss_db}
     * (the device has its loss whether or not the simulation models it).
     */
    public double costInsertionLossDb() {
        return insertionLossSimulated ? nonIdealities.insertionLossDb() : profile.get("mzi.insertion_loss_db");
    }
}
