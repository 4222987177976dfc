package org.spikeforge.simulations.har;

import java.util.List;

/**
 * A model's predictions on a set of windows, with the true labels, the windows (for subject-wise
 * figures) and the operations counted.
 */
public record Evaluation(int[] predictions, HarWindows windows, OperationTotals operations) {

    public Evaluation {
        if (predictions.length != windows.size()) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + windows.size() + " windows");
        }
    }

    public Metrics metrics() {
        return Metrics.of(windows.labels(), predictions, windows.classes());
    }

    /** Accuracy of each subject's windows, in subject order. */
    public java.util.Map<String, Double> accuracyBySubject() {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String s : windows.subjects()) {
            int n = 0, ok = 0;
            for (int w = 0; w < windows.size(); w++) {
                if (!windows.info(w).subject().equals(s)) continue;
                n++;
                if (predictions[w] == windows.label(w)) ok++;
            }
            out.put(s, ok / (double) n);
        }
        return out;
    }

    public List<String> classes() {
        return windows.classes();
    }
}
