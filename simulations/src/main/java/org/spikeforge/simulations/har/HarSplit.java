package org.spikeforge.simulations.har;

/**
 * A subject-wise split: raw train and test windows and the standardisation fitted on the train
 * windows only.
 */
public record HarSplit(HarWindows train, HarWindows test, Standardisation standardisation) {

    public HarWindows standardisedTrain() {
        return standardisation.apply(train);
    }

    public HarWindows standardisedTest() {
        return standardisation.apply(test);
    }
}
