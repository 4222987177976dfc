package org.spikeforge.hardware.photonic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.DeviceProfile;

/**
 * Energy, latency and area of a run on the photonic backend, from its operation counts and the
 * device profile ({@code photonic_silicon_thermo} by default).
 *
 * <table>
 *   <caption>Components</caption>
 *   <tr><th>component</th><th>energy</th><th>latency (critical path)</th><th>area</th></tr>
 *   <tr><td>electronic_neurons</td><td>updates × neuron.energy_per_update_j</td>
 *       <td>steps × neuron.latency_per_step_s</td><td>–</td></tr>
 *   <tr><td>modulator</td><td>uses × modulator.energy_per_use_j</td><td>read steps × modulator.latency_s</td><td>–</td></tr>
 *   <tr><td>optical_path</td><td>–</td><td>read steps × max over units of depth × mzi.length_um × n_g / c</td><td>–</td></tr>
 *   <tr><td>laser</td><td>Σ_units reads × inputs × P_ch / wall-plug efficiency × (1/B)</td><td>–</td><td>–</td></tr>
 *   <tr><td>receiver</td><td>reads × receiver.energy_per_read_j</td><td>read steps × 1/B</td><td>–</td></tr>
 *   <tr><td>adc</td><td>conversions × adc.walden_fom_j × 2^bits</td><td>read steps × adc.latency_s</td><td>–</td></tr>
 *   <tr><td>phase_setting</td><td>Σ held phase/π × P_π × phase_shifter.settle_time_s</td><td>settle time (once, in parallel)</td><td>–</td></tr>
 *   <tr><td>phase_shifter_hold</td><td>Σ held phase/π × P_π × hold time</td><td>–</td><td>–</td></tr>
 *   <tr><td>mzi_mesh</td><td>–</td><td>–</td><td>MZIs × mzi.length_um × mzi.pitch_um</td></tr>
 * </table>
 * {@code P_ch} is the laser power per input channel: {@code photonic.laser_power_mw} if given,
 * else the power that gives {@code laser.target_snr_db} at the receivers,
 * {@code P_ch = SNR·σ_E² / (η_coupling · T_MZI^depth)} ({@link Receiver#laserPowerForSnr}), with the
 * simulated insertion loss if set, else the profile's. A thermo-optic heater holding phase
 * {@code ϕ ∈ [0, 2π)} dissipates {@code P_π·ϕ/π}. The hold time defaults to the run's time on the
 * hardware (all other latencies summed: the accelerated mode); for a network run in biological
 * real time pass {@code steps × dt} to {@link #estimate(PhotonicNetwork, double)}.
 */
public final class PhotonicCostModel {
    /** Speed of light in vacuum, m/s. */
    public static final double C = 299_792_458.0;

    private PhotonicCostModel() {}

    public static CostReport estimate(PhotonicNetwork net) {
        return estimate(net, Double.NaN);
    }

    /** @param holdTimeS how long the phases are held, s; NaN for the hardware run time */
    public static CostReport estimate(PhotonicNetwork net, double holdTimeS) {
        PhotonicOptions o = net.options();
        DeviceProfile p = o.profile();
        OperationCounts c = net.counts();
        long steps = c.steps;
        long readSteps = c.extra.getOrDefault("optical_read_steps", 0L);
        long modUses = c.extra.getOrDefault("modulator_uses", 0L);
        long detReads = c.extra.getOrDefault("detector_reads", 0L);
        long adcConv = c.extra.getOrDefault("adc_conversions", 0L);
        long settings = c.extra.getOrDefault("mzi_phase_settings", 0L);
        double readTime = 1.0 / p.positive("receiver.bandwidth_hz");
        double pPi = p.get("phase_shifter.p_pi_w");
        List<CostReport.Component> parts = new ArrayList<>();

        double eNeuron = p.get("neuron.energy_per_update_j");
        parts.add(new CostReport.Component("electronic_neurons", "neuron updates", c.neuronUpdates, c.neuronUpdates * eNeuron,
                steps * p.get("neuron.latency_per_step_s"), 0,
                fmt("%.3g J per update (neuron.energy_per_update_j), %.3g s per step", eNeuron, p.get("neuron.latency_per_step_s"))));

        double eMod = p.get("modulator.energy_per_use_j");
        parts.add(new CostReport.Component("modulator", "modulator uses", modUses, modUses * eMod,
                readSteps * p.get("modulator.latency_s"), 0, fmt("%.3g J per use (modulator.energy_per_use_j)", eMod)));

        double pathS = 0;
        long mzis = 0, shifters = 0;
        double heldSum = 0, laserJ = 0;
        double wpe = p.positive("laser.wall_plug_efficiency");
        double pMax = p.has("laser.max_power_per_channel_w") ? p.positive("laser.max_power_per_channel_w") : Double.POSITIVE_INFINITY;
        List<String> warnings = new ArrayList<>();
        for (PhotonicNetwork.Unit u : net.units()) {
            OpticalMatrixMultiplier op = u.optics();
            if (u.laserPowerW() > pMax) warnings.add(infeasible(u, op, o, p, pMax));
            pathS = Math.max(pathS, op.opticalDepth() * p.get("mzi.length_um") * 1e-6 * p.get("waveguide.group_index") / C);
            mzis += op.mziCount();
            shifters += op.phaseShifterCount();
            heldSum += op.heldPhaseSum();
            laserJ += u.reads() * op.mapping().cols() * u.laserPowerW() / wpe * readTime;
        }
        parts.add(new CostReport.Component("optical_path", "read steps", readSteps, 0, readSteps * pathS, 0,
                fmt("%.3g s through the deepest unit (depth × mzi.length_um × waveguide.group_index / c)", pathS)));
        parts.add(new CostReport.Component("laser", "channel reads", modUses, laserJ, 0, 0,
                o.laserPowerGiven() ? fmt("%.3g W per channel (photonic.laser_power_mw), wall-plug %.2f, %.3g s per read", o.laserPowerW(), wpe, readTime)
                        : fmt("power per channel for %.1f dB SNR after %.2f dB coupling and %.3f dB per MZI, wall-plug %.2f, %.3g s per read",
                                p.get("laser.target_snr_db"), p.get("coupling.loss_db"), o.costInsertionLossDb(), wpe, readTime)));

        double eRx = p.get("receiver.energy_per_read_j");
        parts.add(new CostReport.Component("receiver", "detector reads", detReads, detReads * eRx, readSteps * readTime, 0,
                fmt("%.3g J per read (receiver.energy_per_read_j), 1/B = %.3g s", eRx, readTime)));

        int bits = o.nonIdealities().adcBits() > 0 ? o.nonIdealities().adcBits() : (int) p.get("adc.bits");
        double eAdc = p.get("adc.walden_fom_j") * Math.pow(2, bits);
        parts.add(new CostReport.Component("adc", "conversions", adcConv, adcConv * eAdc, readSteps * p.get("adc.latency_s"), 0,
                fmt("%d bits × Walden FOM %.3g J = %.3g J per conversion", bits, p.get("adc.walden_fom_j"), eAdc)));

        double settle = p.get("phase_shifter.settle_time_s");
        parts.add(new CostReport.Component("phase_setting", "phase shifters set", settings, heldSum / Math.PI * pPi * settle,
                settings > 0 ? settle : 0, 0, fmt("P_pi %.3g W × held phase/π × settle time %.3g s", pPi, settle)));

        double runS = 0;
        for (CostReport.Component part : parts) runS += part.latencyS();
        double hold = Double.isNaN(holdTimeS) ? runS : holdTimeS;
        if (!(hold >= 0)) throw new IllegalArgumentException("hold time must be >= 0 s, was " + holdTimeS);
        parts.add(new CostReport.Component("phase_shifter_hold", "phase shifters held", shifters, heldSum / Math.PI * pPi * hold, 0, 0,
                fmt("%.3g W in total (P_pi %.3g W × Σ held phase/π) for %.3g s", heldSum / Math.PI * pPi, pPi, hold)));

        double mziArea = p.get("mzi.length_um") * p.get("mzi.pitch_um") * 1e-6;
        parts.add(new CostReport.Component("mzi_mesh", "MZIs", mzis, 0, 0, mzis * mziArea,
                fmt("%.3g mm² per MZI (mzi.length_um × mzi.pitch_um)", mziArea)));

        return CostReport.of("photonic", p.name(), c.asMap(), parts, warnings);
    }

    /**
     * Why unit {@code u} cannot be built as one mesh: the laser power per channel that the target SNR
     * needs after the mesh's loss exceeds what a channel can carry, and the largest mesh that would fit.
     * The loss grows with the optical depth (about 2N + 1 MZIs for an N-mode SVD mapping), so the laser
     * power grows exponentially with N; the largest feasible depth is
     * {@code D_max = log10(P_max / P_ch(0)) · 10 / IL_MZI}, with {@code P_ch(0)} the power needed without
     * mesh loss, and the tile size scales with it.
     */
    private static String infeasible(PhotonicNetwork.Unit u, OpticalMatrixMultiplier op, PhotonicOptions o, DeviceProfile p, double pMax) {
        int depth = op.opticalDepth();
        double ilDb = o.costInsertionLossDb();
        double meshDb = depth * ilDb;
        String fix;
        if (o.laserPowerGiven() || !(ilDb > 0)) {
            fix = "lower photonic.laser_power_mw";
        } else {
            double p0 = u.laserPowerW() * Math.pow(10, -meshDb / 10); // the power the channel would need without the mesh loss
            double dMax = 10 * Math.log10(pMax / p0) / ilDb;
            int n = Math.max(op.mapping().rows(), op.mapping().cols());
            int tile = (int) Math.floor(n * dMax / depth);
            fix = tile >= 2
                    ? fmt("tile it into meshes of at most %d modes (optical depth %.0f at %.3f dB per MZI)", tile, dMax, ilDb)
                    : "even a 2-mode mesh exceeds it: lower laser.target_snr_db or the insertion loss";
        }
        return fmt("%s: a %d×%d mesh of optical depth %d loses %.1f dB (%.3f dB per MZI) and needs %.3g W per channel for %.1f dB SNR, "
                        + "above laser.max_power_per_channel_w = %.3g W; %s",
                u.name(), op.mapping().rows(), op.mapping().cols(), depth, meshDb, ilDb, u.laserPowerW(), p.get("laser.target_snr_db"),
                pMax, fix);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
