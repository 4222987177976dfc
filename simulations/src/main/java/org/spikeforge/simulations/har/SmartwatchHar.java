package org.spikeforge.simulations.har;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reader of the smartwatch recordings of the GeoTecINIT sp-sw-har dataset (Matey-Sanz, Casteleyn and
 * Granell 2023, Data in Brief 109809, CC BY 4.0): 23 subjects, one CSV per execution
 * {@code DATA/sXX/sXX_YY_sw.csv} with the header
 * {@code x_acc,y_acc,z_acc,x_gyro,y_gyro,z_gyro,timestamp,label} (m/s², rad/s, epoch ms, one of five
 * activities). The watch samples at about 104 Hz with duplicate timestamps and jitter; windows are
 * made by {@link HarWindows#fromRecordings} after {@link Resampling}.
 *
 * <p>With {@link WindowSpec#reference()} and the subjects of {@link #TRAIN_SUBJECTS} and
 * {@link #TEST_SUBJECTS}, {@link #split} reproduces {@code shared/fixtures/ann/har_{train,test}_{x,y}.npy}
 * exactly (1505 and 681 windows).
 */
public final class SmartwatchHar {
    private SmartwatchHar() {}

    /** Activity classes, alphabetical: index = class. */
    public static final List<String> CLASSES = List.of("SEATED", "SITTING_DOWN", "STANDING_UP", "TURNING", "WALKING");

    public static final List<String> CHANNELS = List.of("x_acc", "y_acc", "z_acc", "x_gyro", "y_gyro", "z_gyro");

    public static final List<String> TRAIN_SUBJECTS = subjects(1, 16);

    public static final List<String> TEST_SUBJECTS = subjects(17, 23);

    private static final String HEADER = "x_acc,y_acc,z_acc,x_gyro,y_gyro,z_gyro,timestamp,label";

    /** {@code "sFF" … "sTT"}. */
    public static List<String> subjects(int from, int to) {
        List<String> s = new ArrayList<>();
        for (int i = from; i <= to; i++) s.add(String.format("s%02d", i));
        return List.copyOf(s);
    }

    /**
     * The folder that holds the subject folders: {@code dir} itself, {@code dir/DATA} or
     * {@code dir/geotecinit-sp-sw-har/DATA}.
     *
     * @throws IllegalArgumentException naming {@code dir} and what was expected when none of them does
     */
    public static Path dataFolder(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("HAR data folder " + dir + " does not exist or is not a folder");
        for (Path p : List.of(dir, dir.resolve("DATA"), dir.resolve("geotecinit-sp-sw-har").resolve("DATA"))) {
            if (Files.isDirectory(p) && !subjectsIn(p).isEmpty()) return p;
        }
        throw new IllegalArgumentException("HAR data folder " + dir + ": no subject folders sNN/ holding sNN_MM_sw.csv files"
                + " (expected the DATA folder of the GeoTecINIT sp-sw-har dataset, or a folder containing it)");
    }

    /** Subject folders ({@code sNN} with at least one {@code sNN_*_sw.csv}) under {@code data}, sorted. */
    public static List<String> subjectsIn(Path data) {
        try (Stream<Path> s = Files.list(data)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.matches("s\\d+"))
                    .filter(n -> !files(data.resolve(n), n).isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("HAR data folder " + data + ": cannot list (" + e.getMessage() + ")");
        }
    }

    private static List<Path> files(Path subjectDir, String subject) {
        try (Stream<Path> s = Files.list(subjectDir)) {
            return s.filter(p -> p.getFileName().toString().matches(subject + "_\\d+_sw\\.csv")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("HAR subject folder " + subjectDir + ": cannot list (" + e.getMessage() + ")");
        }
    }

    /** Reads one {@code sXX_YY_sw.csv}. */
    public static Recording read(Path file) {
        String name = file.getFileName().toString();
        String[] parts = name.split("_");
        String subject = parts[0], session = parts.length > 1 ? parts[1] : "";
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IllegalArgumentException(file + ":1: header must be '" + HEADER + "', was '" + (header == null ? "" : header.strip()) + "'");
            }
            String line;
            int no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != 8) throw new IllegalArgumentException(file + ":" + no + ": expected 8 comma-separated fields, got " + f.length);
                double[] row = new double[7];
                for (int c = 0; c < 7; c++) {
                    try {
                        row[c] = c == 6 ? Long.parseLong(f[c].strip()) : Double.parseDouble(f[c].strip());
                    } catch (NumberFormatException e) {
                        String col = HEADER.split(",")[c];
                        throw new IllegalArgumentException(file + ":" + no + ": field '" + col + "' must be " + (c == 6 ? "an integer (epoch ms)" : "a number") + ", was '" + f[c] + "'");
                    }
                    if (!Double.isFinite(row[c])) throw new IllegalArgumentException(file + ":" + no + ": field '" + HEADER.split(",")[c] + "' is not finite");
                }
                int label = CLASSES.indexOf(f[7].strip());
                if (label < 0) throw new IllegalArgumentException(file + ":" + no + ": field 'label': unknown activity '" + f[7].strip() + "'; expected one of " + CLASSES);
                rows.add(row);
                labels.add(label);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(file + ": no samples after the header");
        int n = rows.size();
        double[] t = new double[n];
        double[][] v = new double[6][n];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            double[] row = rows.get(k);
            for (int c = 0; c < 6; c++) v[c][k] = row[c];
            t[k] = row[6];
            y[k] = labels.get(k);
        }
        return new Recording(subject, session, name, t, v, y, CHANNELS);
    }

    /** Every recording of {@code subjects} under {@code dir} (see {@link #dataFolder}), in subject then file order. */
    public static List<Recording> recordings(Path dir, List<String> subjects) {
        Path data = dataFolder(dir);
        List<String> present = subjectsIn(data);
        List<Recording> out = new ArrayList<>();
        for (String s : subjects) {
            if (!present.contains(s)) {
                throw new IllegalArgumentException("HAR data folder " + data + ": subject '" + s + "' not found; present: " + present);
            }
            for (Path f : files(data.resolve(s), s)) out.add(read(f));
        }
        return out;
    }

    /** Windows of {@code subjects}. */
    public static HarWindows load(Path dir, List<String> subjects, WindowSpec spec) {
        return HarWindows.fromRecordings(recordings(dir, subjects), spec, CLASSES);
    }

    /** Train and test windows by subject, with the standardisation fitted on the train windows. */
    public static HarSplit split(Path dir, List<String> trainSubjects, List<String> testSubjects, WindowSpec spec) {
        for (String s : trainSubjects) {
            if (testSubjects.contains(s)) throw new IllegalArgumentException("subject " + s + " is in both the train and the test split");
        }
        HarWindows train = load(dir, trainSubjects, spec);
        HarWindows test = load(dir, testSubjects, spec);
        return new HarSplit(train, test, Standardisation.fit(train));
    }

    /** The reference split: s01–s16 train, s17–s23 test, 50 Hz, 100-sample windows, stride 50. */
    public static HarSplit split(Path dir) {
        return split(dir, TRAIN_SUBJECTS, TEST_SUBJECTS, WindowSpec.reference());
    }
}
