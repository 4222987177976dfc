package org.spikeforge.hardware.photonic;

import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * The {@code photonic} backend: every projection's weight matrix runs as light through MZI meshes
 * ({@link SvdMapping}, {@link OpticalMatrixMultiplier}); neurons stay electronic (the models' own
 * kernels after photodetection). Settings and non-idealities are {@code BackendOptions.extra}
 * keys, listed in {@link PhotonicOptions} and {@link PhotonicNonIdealities}; the cost estimate is
 * {@link PhotonicCostModel#estimate(PhotonicNetwork)}.
 *
 * <p>Example: {@code new BackendOptions(1, Map.of("photonic.phase_bits", "8",
 * "photonic.crosstalk", "0.02", "photonic.calibration", "false"))}.
 */
public final class PhotonicBackend implements Backend {
    @Override public String name() { return "photonic"; }

    @Override
    public String description() {
        return "photonic MZI meshes (Clements/Reck, SVD) for projections, electronic neurons; phase, loss and detector non-idealities";
    }

    @Override
    public void checkOptions(BackendOptions options) {
        PhotonicOptions.parse(options.extra());
    }

    @Override
    public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
        return new PhotonicNetwork(graph, PhotonicOptions.parse(options.extra()));
    }
}
