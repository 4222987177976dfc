package org.spikeforge.simulations.har;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A human-activity-recognition model that runs in SpikeForge's engine: it classifies standardised
 * windows and reports what the engine counted while doing so, which is what the edge cost model
 * needs. Models are immutable; {@link #compress} returns a compressed copy that is simulated the
 * same way (with the fixed-point neuron where its state is quantised).
 */
public interface HarModel {

    /** Short kind name ("lsm"). */
    String kind();

    /** One line describing the architecture. */
    String description();

    /** Class names, index = class. */
    List<String> classes();

    /** How raw windows are standardised before {@link #evaluate} (fitted on the training windows). */
    Standardisation standardisation();

    /** The windowing the model was trained on. */
    WindowSpec windowSpec();

    /** Classifies every window of {@code standardised} and counts the operations it took. */
    Evaluation evaluate(HarWindows standardised);

    /** The compression applied to this model ({@link CompressionSpec#NONE} for the trained one). */
    CompressionSpec compression();

    /** A copy pruned and quantised per {@code spec}, from this model's float weights. */
    HarModel compress(CompressionSpec spec);

    /** Memory the model needs on a device. */
    Footprint footprint();

    /** Writes the (uncompressed) model. */
    void save(Path file) throws IOException;
}
