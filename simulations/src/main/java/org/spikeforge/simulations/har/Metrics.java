package org.spikeforge.simulations.har;

import java.util.List;

/**
 * Classification figures: accuracy, per-class F1 and their unweighted mean over the classes that
 * occur in the labels or the predictions (scikit-learn's {@code f1_score(average="macro")}), and
 * the confusion matrix (rows true class, columns predicted).
 */
public record Metrics(double accuracy, double macroF1, double[] f1, long[][] confusion, List<String> classes) {

    public static Metrics of(int[] labels, int[] predictions, List<String> classes) {
        int k = classes.size();
        long[][] cm = new long[k][k];
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            cm[labels[i]][predictions[i]]++;
            if (labels[i] == predictions[i]) ok++;
        }
        double[] f1 = new double[k];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c], fn = 0, fp = 0;
            for (int j = 0; j < k; j++) {
                if (j == c) continue;
                fn += cm[c][j];
                fp += cm[j][c];
            }
            f1[c] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (tp + fn + fp > 0) {
                sum += f1[c];
                present++;
            }
        }
        return new Metrics(labels.length == 0 ? 0 : ok / (double) labels.length, present == 0 ? 0 : sum / present, f1, cm, classes);
    }
}
