package org.spikeforge.simulations.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.spikeforge.hardware.gpu.OpenClDevices;

/**
 * {@code spikeforge devices}: the OpenCL platforms and devices the {@code gpu} backend can use,
 * with memory and compute units; the default device is marked. Without OpenCL it fails with the
 * backend's one-line message naming the packages to install (exit code 2).
 */
@Command(name = "devices", description = "List the OpenCL platforms and devices for --backend gpu, with memory and compute units.")
final class DevicesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (String line : OpenClDevices.listing()) out.println(line);
        out.flush();
        return 0;
    }
}
