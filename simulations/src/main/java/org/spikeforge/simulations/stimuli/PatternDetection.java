package org.spikeforge.simulations.stimuli;

/**
 * How well a neuron detects the pattern of a {@link RepeatedPattern} input, from its spike steps,
 * the measures of Masquelier et al. (2008): a spike in a pattern window, or within
 * {@link #SLACK_MS} after it, is a hit; any other spike is a false alarm.
 *
 * <ul>
 *   <li><b>hit rate</b>: the fraction of pattern presentations with at least one hit;</li>
 *   <li><b>false-alarm rate</b>: false alarms per second of time outside the (slack-extended)
 *       pattern windows;</li>
 *   <li><b>time to learn</b>: the start of the first {@link #BIN_MS} bin from which every bin to
 *       the end of the run has a hit rate of at least {@link #HIT_CRITERION} and at most
 *       {@link #FALSE_ALARM_CRITERION_HZ} false alarms per second; NaN if the neuron never gets
 *       there (it has not learned).</li>
 * </ul>
 *
 * @param timeToLearnS  time to learn in s, NaN if not learned
 * @param hitRate       hit rate over the final quarter of the run
 * @param falseAlarmHz  false-alarm rate over the final quarter of the run
 * @param presentations pattern presentations in the run
 * @param spikes        spikes of the neuron in the run
 */
public record PatternDetection(double timeToLearnS, double hitRate, double falseAlarmHz, int presentations, int spikes) {

    /** Spikes up to this long after a pattern window still answer it. */
    public static final double SLACK_MS = 10;
    /** Length of the bins that decide the time to learn. */
    public static final double BIN_MS = 2000;
    public static final double HIT_CRITERION = 0.9;
    public static final double FALSE_ALARM_CRITERION_HZ = 1.0;

    /**
     * Scores the spikes (steps, ascending) of one neuron over a run of {@code steps} steps of an input
     * with pattern windows {@code p}.
     */
    public static PatternDetection score(RepeatedPattern p, int[] spikeSteps, long steps) {
        int len = p.patternSteps();
        int windows = (int) ((steps + len - 1) / len);
        boolean[] pattern = p.patternWindows(windows + 1);
        int slack = (int) Math.round(SLACK_MS / p.dtMs());
        // covered[s]: step s lies in a pattern window or its slack; answered[k]: window k got a hit
        boolean[] answered = new boolean[windows];
        boolean[] falseAlarm = new boolean[spikeSteps.length];
        for (int i = 0; i < spikeSteps.length; i++) {
            int s = spikeSteps[i];
            int k = s / len;
            if (k < windows && pattern[k]) {
                answered[k] = true;
            } else if (k > 0 && pattern[k - 1] && s - k * len < slack) {
                answered[k - 1] = true;
            } else {
                falseAlarm[i] = true;
            }
        }
        int bin = (int) Math.max(len, Math.round(BIN_MS / p.dtMs()) / len * len);
        int bins = (int) ((steps + bin - 1) / bin);
        double learnedAt = Double.NaN;
        for (int b = bins - 1; b >= 0; b--) {
            long from = (long) b * bin, to = Math.min(steps, from + bin);
            if (!meets(p, pattern, answered, falseAlarm, spikeSteps, from, to, slack)) break;
            learnedAt = from * p.dtMs() * 1e-3;
        }
        long q = Math.max(len, steps - steps / 4) / len * len;
        double[] last = measure(pattern, answered, falseAlarm, spikeSteps, q, steps, len, slack, p.dtMs());
        int presentations = 0;
        for (int k = 0; k < windows; k++) if (pattern[k]) presentations++;
        return new PatternDetection(learnedAt, last[0], last[1], presentations, spikeSteps.length);
    }

    private static boolean meets(RepeatedPattern p, boolean[] pattern, boolean[] answered, boolean[] falseAlarm, int[] spikes,
                                 long from, long to, int slack) {
        double[] m = measure(pattern, answered, falseAlarm, spikes, from, to, p.patternSteps(), slack, p.dtMs());
        return !(m[0] < HIT_CRITERION) && m[1] <= FALSE_ALARM_CRITERION_HZ;
    }

    /** {hit rate, false alarms per second} over steps [from, to); windows count if they start there. */
    private static double[] measure(boolean[] pattern, boolean[] answered, boolean[] falseAlarm, int[] spikes, long from, long to,
                                    int len, int slack, double dtMs) {
        int shown = 0, hit = 0;
        long covered = 0;
        for (long k = (from + len - 1) / len; k * len < to && k < answered.length; k++) {
            if (!pattern[(int) k]) continue;
            shown++;
            if (answered[(int) k]) hit++;
        }
        for (long s = from; s < to; s++) {
            int k = (int) (s / len);
            if (pattern[k] || (k > 0 && pattern[k - 1] && s - (long) k * len < slack)) covered++;
        }
        int alarms = 0;
        for (int i = 0; i < spikes.length; i++) if (falseAlarm[i] && spikes[i] >= from && spikes[i] < to) alarms++;
        double outsideS = (to - from - covered) * dtMs * 1e-3;
        return new double[] {shown == 0 ? Double.NaN : (double) hit / shown, outsideS <= 0 ? 0 : alarms / outsideS};
    }
}
