package org.spikeforge.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.Backends;
import org.spikeforge.neurons.NeuronModels;
import org.spikeforge.neurons.ParameterSpec;

/** {@code spikeforge list}: the backends and neuron models available, with their parameters. */
@Command(name = "list", description = "List backends and neuron models with their parameters and units.")
final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("Backends:");
        for (Backend b : Backends.all()) out.printf("  %-12s %s%n", b.name(), b.description());
        out.println("Neuron models (parameter: engine unit, default):");
        for (String k : NeuronModels.kinds()) {
            StringBuilder sb = new StringBuilder();
            for (ParameterSpec p : NeuronModels.get(k).parameters()) {
                sb.append(String.format(" %s=%s %s", p.name(), trim(p.defaultValue()), p.dimension().engineUnit()));
            }
            java.util.List<String> methods = NeuronModels.methods(k); // the scenario key `method`, the default first
            if (!methods.isEmpty()) sb.append("; method=").append(String.join("|", methods));
            out.printf("  %-12s%s%n", k, sb);
        }
        return 0;
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
