package org.spikeforge.simulations.har;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed-length windows of multichannel inertial data with one activity label each, as a model
 * consumes them. Values are float32, window-major, then time, then channel:
 * {@code x[(w·length + t)·channels + c]} (the layout of a NumPy {@code (N, length, channels)} array).
 */
public final class HarWindows {

    /**
     * Where a window came from.
     *
     * @param subject          subject id
     * @param session          execution or segment id
     * @param source           file name
     * @param startSample      first sample on the resampled grid
     * @param startMs          time of the first sample, ms
     * @param majorityFraction share of the window's samples that carry its label
     */
    public record Info(String subject, String session, String source, int startSample, double startMs, double majorityFraction) {}

    private final float[] x;
    private final int[] labels;
    private final Info[] info;
    private final int length;
    private final List<String> channels;
    private final List<String> classes;

    public HarWindows(float[] x, int[] labels, Info[] info, int length, List<String> channels, List<String> classes) {
        this.channels = List.copyOf(channels);
        this.classes = List.copyOf(classes);
        if (length < 1) throw new IllegalArgumentException("window length must be >= 1");
        if (x.length != (long) labels.length * length * channels.size()) {
            throw new IllegalArgumentException(x.length + " values do not make " + labels.length + " windows of " + length + " x " + channels.size());
        }
        if (info.length != labels.length) throw new IllegalArgumentException(info.length + " window infos for " + labels.length + " windows");
        for (int l : labels) {
            if (l < 0 || l >= classes.size()) throw new IllegalArgumentException("label " + l + " outside the " + classes.size() + " classes " + classes);
        }
        this.x = x;
        this.labels = labels;
        this.info = info;
        this.length = length;
    }

    /**
     * Cuts every recording into windows: resampled to {@code spec.rateHz()}, windows of
     * {@code spec.length()} samples starting at 0, stride, 2·stride … that fit completely (never
     * crossing recordings), labelled by the majority of their sample labels (ties to the lower class
     * index). Recordings too short for one window contribute none.
     */
    public static HarWindows fromRecordings(List<Recording> recordings, WindowSpec spec, List<String> classes) {
        if (recordings.isEmpty()) throw new IllegalArgumentException("no recordings to cut into windows");
        List<String> channels = recordings.getFirst().channels();
        int nc = channels.size(), len = spec.length();
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        List<Info> infos = new ArrayList<>();
        int[] votes = new int[classes.size()];
        for (Recording r : recordings) {
            if (!r.channels().equals(channels)) {
                throw new IllegalArgumentException(r.source() + ": channels " + r.channels() + " differ from " + channels);
            }
            Resampling.Resampled rs = Resampling.resample(r, spec.periodMs());
            for (int start = 0; start + len <= rs.samples(); start += spec.stride()) {
                float[] w = new float[len * nc];
                Arrays.fill(votes, 0);
                for (int t = 0; t < len; t++) {
                    for (int c = 0; c < nc; c++) w[t * nc + c] = (float) rs.values()[c][start + t];
                    votes[rs.labels()[start + t]]++;
                }
                int best = 0;
                for (int k = 1; k < votes.length; k++) if (votes[k] > votes[best]) best = k;
                xs.add(w);
                ys.add(best);
                infos.add(new Info(r.subject(), r.session(), r.source(), start, rs.startMs() + start * rs.periodMs(),
                        votes[best] / (double) len));
            }
        }
        float[] x = new float[xs.size() * len * nc];
        for (int i = 0; i < xs.size(); i++) System.arraycopy(xs.get(i), 0, x, i * len * nc, len * nc);
        return new HarWindows(x, ys.stream().mapToInt(Integer::intValue).toArray(), infos.toArray(Info[]::new), len, channels, classes);
    }

    public int size() { return labels.length; }

    /** Samples per window. */
    public int length() { return length; }

    public int channelCount() { return channels.size(); }

    public List<String> channels() { return channels; }

    public List<String> classes() { return classes; }

    /** All values (not a copy), window-major. */
    public float[] values() { return x; }

    /** Value of channel {@code c} at sample {@code t} of window {@code w}. */
    public float value(int w, int t, int c) {
        return x[(w * length + t) * channels.size() + c];
    }

    /** Label of each window (not a copy). */
    public int[] labels() { return labels; }

    public int label(int w) { return labels[w]; }

    public Info info(int w) { return info[w]; }

    /** Windows per class, in class order. */
    public int[] classCounts() {
        int[] n = new int[classes.size()];
        for (int l : labels) n[l]++;
        return n;
    }

    /** Distinct subjects in window order. */
    public List<String> subjects() {
        Map<String, Boolean> s = new LinkedHashMap<>();
        for (Info i : info) s.put(i.subject(), true);
        return List.copyOf(s.keySet());
    }

    /** The windows {@code indices}, in that order. */
    public HarWindows subset(int[] indices) {
        int block = length * channels.size();
        float[] nx = new float[indices.length * block];
        int[] ny = new int[indices.length];
        Info[] ni = new Info[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(x, indices[k] * block, nx, k * block, block);
            ny[k] = labels[indices[k]];
            ni[k] = info[indices[k]];
        }
        return new HarWindows(nx, ny, ni, length, channels, classes);
    }

    /** The windows of the given subjects, in their original order. */
    public HarWindows ofSubjects(List<String> subjects) {
        return subset(java.util.stream.IntStream.range(0, size()).filter(w -> subjects.contains(info[w].subject())).toArray());
    }

    /** The same windows with values replaced (same layout and length). */
    public HarWindows withValues(float[] values) {
        return new HarWindows(values, labels, info, length, channels, classes);
    }
}
