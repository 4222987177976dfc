package org.spikeforge.simulations.har;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** Reads HAR model files: NPZ archives whose {@code kind} array names the model. */
public final class HarModels {
    private HarModels() {}

    /** Loads the model in {@code file}; a missing or foreign file gives a one-line error naming it. */
    public static HarModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("model file " + file + " not found (train one with 'spikeforge har train')");
        Map<String, NpyArray> a = Npy.readNpz(file);
        if (!a.containsKey("kind")) throw new IllegalArgumentException("model file " + file + ": not a SpikeForge HAR model (no 'kind' array)");
        String kind = LsmModel.text(a, "kind", file.toString());
        return switch (kind) {
            case "lsm" -> LsmModel.load(a, file.toString());
            default -> throw new IllegalArgumentException("model file " + file + ": unknown model kind '" + kind + "'; known: lsm");
        };
    }
}
