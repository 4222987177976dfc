package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.hardware.edge.EdgeDevice;
import org.spikeforge.hardware.edge.EdgeEstimate;
import org.spikeforge.hardware.edge.MemoryCheck;
import org.spikeforge.hardware.edge.InferenceWorkload;
import org.spikeforge.simulations.har.CompressionSpec;
import org.spikeforge.simulations.har.Deployment;
import org.spikeforge.simulations.har.HarModel;
import org.spikeforge.simulations.har.HarModels;
import org.spikeforge.simulations.har.HarWindows;
import org.spikeforge.simulations.har.Metrics;
import org.spikeforge.simulations.har.ProfileReport;
import org.spikeforge.simulations.har.QuantSpec;
import org.spikeforge.simulations.har.SmartwatchHar;
import org.spikeforge.simulations.io.AtomicFiles;

/**
 * {@code spikeforge profile MODEL --device NAME [--quant int8] [--prune 0.5]}: whether a HAR model
 * fits an edge device, its latency per window, energy per inference and expected accuracy, from the
 * operations the engine counts on the test windows; a comparison table over every bundled device;
 * optionally a self-contained HTML report with the compression sweep.
 */
@Command(name = "profile", description = "Does a HAR model fit an edge device, how fast, at what energy and accuracy (from operations counted on the test set).")
final class ProfileCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "model file from 'spikeforge har train'")
    Path model;

    @Option(names = "--device", paramLabel = "NAME", description = "stm32f4, stm32h7, rpi4, rpi5, loihi, or a .properties profile (default stm32f4)")
    String device = "stm32f4";

    @Option(names = "--quant", paramLabel = "SPEC", description = "int8, int4, fp8-e4m3, fp8-e5m2 [,per-tensor|,per-channel][,state=BITS] (default: float)")
    String quant;

    @Option(names = "--prune", paramLabel = "SPARSITY", description = "magnitude-prune each weight tensor to this sparsity, e.g. 0.5")
    double prune;

    @Option(names = "--data", paramLabel = "DIR", description = "HAR data folder (default: the one the model was trained on)")
    Path data;

    @Option(names = "--test-subjects", paramLabel = "LIST", description = "test subjects (default s17-s23)")
    String testSubjects = "s17-s23";

    @Option(names = "--report", paramLabel = "FILE.html", description = "write an HTML report with the comparison table, the compression sweep and plots")
    Path report;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        EdgeDevice target = EdgeDevice.load(device); // bad names fail before any simulation
        CompressionSpec cs = new CompressionSpec(quant == null ? QuantSpec.FLOAT : QuantSpec.parse(quant), prune);
        HarModel base = HarModels.load(model);
        HarWindows test = base.standardisation().apply(
                SmartwatchHar.load(HarCommand.dataFolder(data, model), HarCommand.subjects(testSubjects), base.windowSpec()));
        Deployment d = Deployment.of(base.compress(cs), test);
        Metrics mt = d.metrics();
        InferenceWorkload w = d.workload();
        o.println(d.model().description());
        o.printf(Locale.ROOT, "compression %s: model %s; expected accuracy %.2f %% (macro-F1 %.3f) on %d test windows%n", cs.label(),
                MemoryCheck.bytes(w.parameterBytes()), 100 * mt.accuracy(), mt.macroF1(), test.size());
        o.printf(Locale.ROOT, "per window (counted on the test set): %.0f synaptic events, %.0f readout accumulations, %.0f neuron updates, %.0f encoder updates, %.0f spikes, %.0f steps%n",
                w.synapticEvents(), w.readoutAccumulations(), w.neuronUpdates(), w.encoderUpdates(), w.spikes(), w.steps());
        EdgeEstimate e = d.on(target);
        o.printf(Locale.ROOT, "%s: %s%n", target.name(), e.fitSummary());
        for (MemoryCheck c : e.memory()) o.println("  " + c.describe() + " [" + c.what() + "]");
        o.printf(Locale.ROOT, "  latency %s per window, energy %s per inference%n", ProfileReport.time(e.latencyS()), ProfileReport.energy(e.energyJ()));
        List<EdgeDevice> all = new ArrayList<>(EdgeDevice.all());
        if (all.stream().noneMatch(x -> x.name().equals(target.name()))) all.add(target);
        o.println();
        o.printf("%-10s %-5s %-14s %-14s %12s %14s%n", "device", "fits", "flash/memory", "ram", "latency", "energy");
        for (EdgeDevice dev : all) {
            EdgeEstimate x = d.on(dev);
            String m1 = x.memory().isEmpty() ? "" : usage(x.memory().get(0));
            String m2 = x.memory().size() > 1 ? usage(x.memory().get(1)) : "";
            o.printf(Locale.ROOT, "%-10s %-5s %-14s %-14s %12s %14s%n", dev.name(), x.fits() ? "yes" : "NO", m1, m2,
                    ProfileReport.time(x.latencyS()), ProfileReport.energy(x.energyJ()));
        }
        for (EdgeDevice dev : all) {
            EdgeEstimate x = d.on(dev);
            if (!x.fits()) o.println(dev.name() + ": " + x.fitSummary());
        }
        if (report != null) {
            double p = prune > 0 ? prune : 0.5;
            List<ProfileReport.Variant> sweep = new ArrayList<>();
            for (double sp : new double[] {0, p}) {
                for (String q : SWEEP) {
                    CompressionSpec v = new CompressionSpec(QuantSpec.parse(q), sp);
                    sweep.add(new ProfileReport.Variant(v, Deployment.of(base.compress(v), test)));
                }
            }
            String html = ProfileReport.html(d, all, sweep, target);
            Path abs = report.toAbsolutePath();
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            AtomicFiles.writeString(report, html);
            o.println("wrote " + report);
        }
        o.flush();
        return 0;
    }

    /** Quantisations of the report's sweep: each weight format with 8-bit state, and 4-bit state for INT4. */
    static final String[] SWEEP = {"float", "int8", "int4", "int4,state=4", "fp8-e4m3", "fp8-e5m2"};

    private static String usage(MemoryCheck c) {
        return c.available() > 0 ? String.format(Locale.ROOT, "%.1f%% %s", 100.0 * c.needed() / c.available(), c.memory()) : c.memory();
    }
}
