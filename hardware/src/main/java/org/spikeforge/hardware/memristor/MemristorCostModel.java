package org.spikeforge.hardware.memristor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cost.CostReport;
import org.spikeforge.hardware.cost.DeviceProfile;

/**
 * Energy, latency and area of a run on the memristor backend, from its operation counts
 * ({@link MemristorNetwork}) and a technology profile ({@code rram_22nm_neurosim} by default).
 *
 * <p>Symbols: {@code V} = read.voltage_v, {@code t_p} = read.pulse_s, {@code G_on = 1/cell.r_on_ohm},
 * {@code G_off = G_on/cell.on_off_ratio}; a normalised conductance {@code g ∈ [0, 1]} is costed as
 * {@code G_off + g·(G_on − G_off)}. {@code R×C} is the tile size, {@code B} the ADC bits (the
 * profile's adc.bits when the simulation's ADC is ideal), {@code N_ADC = max(1, ⌊C/adc.columns_per_adc⌋)}
 * ADCs per tile, and {@code t_tile = t_p + ⌈(weight columns per tile × slices)/N_ADC⌉·B·adc.cycle_s}
 * the time of one tile read (read pulse, then each ADC converts its share of the columns, one
 * cycle per bit). Read windows are the read steps when tiles run in parallel, the tile
 * activations when they run one after another.
 *
 * <table>
 *   <caption>Components</caption>
 *   <tr><th>component</th><th>energy</th><th>latency (critical path)</th><th>area</th></tr>
 *   <tr><td>crossbar_array</td><td>V²·t_p·(cell_reads·G_off + (G_on − G_off)·Σg read)</td><td>–</td>
 *       <td>tiles·R·C·cell.area_f2·F²</td></tr>
 *   <tr><td>row_drivers</td><td>dac_conversions·C·row.drive_energy_per_cell_j</td><td>read windows·t_p</td><td>–</td></tr>
 *   <tr><td>adc</td><td>adc_conversions·adc.walden_fom_j·2^B</td>
 *       <td>read windows·(t_tile − t_p)</td><td>tiles·N_ADC·adc.area_mm2·2^(B − adc.area_bits)</td></tr>
 *   <tr><td>digital_accumulate</td><td>digital_accumulates·accumulate.energy_j</td>
 *       <td>accumulate_depth·accumulate.latency_s</td><td>–</td></tr>
 *   <tr><td>data_movement</td><td>bytes_moved·buffer.energy_per_byte_j</td><td>–</td><td>–</td></tr>
 *   <tr><td>digital_neurons</td><td>neuron updates·neuron.energy_per_update_j</td><td>steps·neuron.latency_per_step_s</td><td>–</td></tr>
 *   <tr><td>tile_periphery</td><td>–</td><td>–</td><td>tiles·periphery.area_per_tile_mm2</td></tr>
 * </table>
 */
public final class MemristorCostModel {
    private MemristorCostModel() {}

    public static CostReport estimate(MemristorNetwork net) {
        MemristorOptions o = net.options();
        DeviceProfile p = o.profile();
        OperationCounts c = net.counts();
        long activations = c.extra.getOrDefault("tile_activations", 0L);
        long cellReads = c.extra.getOrDefault("cell_reads", 0L);
        long drives = c.extra.getOrDefault("dac_conversions", 0L);
        long conversions = c.extra.getOrDefault("adc_conversions", 0L);
        long accumulates = c.extra.getOrDefault("digital_accumulates", 0L);
        long bytes = c.extra.getOrDefault("bytes_moved", 0L);
        long readSteps = c.extra.getOrDefault("read_steps", 0L);
        long depth = c.extra.getOrDefault("accumulate_depth", 0L);
        long tiles = net.tileCount();
        int rows = o.tileRows(), cols = o.tileCols();

        double v = p.positive("read.voltage_v"), tp = p.positive("read.pulse_s");
        double gOn = 1.0 / p.positive("cell.r_on_ohm"), gOff = gOn / p.positive("cell.on_off_ratio");
        int bits = o.adcBits() > 0 ? o.adcBits() : (int) p.positive("adc.bits");
        int adcs = Math.max(1, cols / (int) p.positive("adc.columns_per_adc"));
        int perAdc = (o.weightColumnsPerTile() * o.slices() + adcs - 1) / adcs;
        double tConvert = perAdc * bits * p.positive("adc.cycle_s");
        long windows = o.parallelTiles() ? readSteps : activations;
        double f = p.positive("feature_size_nm") * 1e-6; // mm
        List<CostReport.Component> parts = new ArrayList<>();

        double eArray = v * v * tp * (cellReads * gOff + (gOn - gOff) * net.conductanceRead());
        double cellArea = p.positive("cell.area_f2") * f * f;
        parts.add(new CostReport.Component("crossbar_array", "cell reads", cellReads, eArray, 0, tiles * rows * cols * cellArea,
                fmt("V²·t_p·G per cell read: %.3g V, %.3g s, G_on %.3g S, G_off %.3g S; %.3g mm² per cell (%.0f F² at %.0f nm)",
                        v, tp, gOn, gOff, cellArea, p.get("cell.area_f2"), p.get("feature_size_nm"))));

        double eDrive = cols * p.get("row.drive_energy_per_cell_j");
        parts.add(new CostReport.Component("row_drivers", "row drives (1-bit DAC)", drives, drives * eDrive, windows * tp, 0,
                fmt("%.3g J per drive (%d columns × row.drive_energy_per_cell_j); %d read windows × %.3g s pulse (%s tiles)",
                        eDrive, cols, windows, tp, o.parallelTiles() ? "parallel" : "sequential")));

        double eAdc = p.get("adc.walden_fom_j") * Math.pow(2, bits);
        double adcArea = p.get("adc.area_mm2") * Math.pow(2, bits - p.get("adc.area_bits"));
        parts.add(new CostReport.Component("adc", "conversions", conversions, conversions * eAdc, windows * tConvert, tiles * adcs * adcArea,
                fmt("%d bits × Walden FOM %.3g J = %.3g J per conversion; %d ADCs per tile, %d conversions each per read × %d cycles of %.3g s; %.3g mm² per ADC",
                        bits, p.get("adc.walden_fom_j"), eAdc, adcs, perAdc, bits, p.get("adc.cycle_s"), adcArea)));

        double eAdd = p.get("accumulate.energy_j");
        parts.add(new CostReport.Component("digital_accumulate", "shift-and-adds", accumulates, accumulates * eAdd,
                depth * p.get("accumulate.latency_s"), 0,
                fmt("%.3g J per add (accumulate.energy_j); accumulate depth %d × %.3g s", eAdd, depth, p.get("accumulate.latency_s"))));

        double eByte = p.get("buffer.energy_per_byte_j");
        parts.add(new CostReport.Component("data_movement", "bytes moved", bytes, bytes * eByte, 0, 0,
                fmt("%.3g J per byte (buffer.energy_per_byte_j)", eByte)));

        double eNeuron = p.get("neuron.energy_per_update_j");
        parts.add(new CostReport.Component("digital_neurons", "neuron updates", c.neuronUpdates, c.neuronUpdates * eNeuron,
                c.steps * p.get("neuron.latency_per_step_s"), 0,
                fmt("%.3g J per update (neuron.energy_per_update_j), %.3g s per step", eNeuron, p.get("neuron.latency_per_step_s"))));

        parts.add(new CostReport.Component("tile_periphery", "tiles", tiles, 0, 0, tiles * p.get("periphery.area_per_tile_mm2"),
                fmt("%.3g mm² per tile (periphery.area_per_tile_mm2)", p.get("periphery.area_per_tile_mm2"))));
        return CostReport.of("memristor", p.name(), c.asMap(), parts);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
