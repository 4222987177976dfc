package org.spikeforge.simulations.har;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.encoders.io.NpyArray;

/**
 * The smartwatch loader reproduces the reference windows (shared/fixtures/ann/har_*, built with
 * NumPy) bit for bit on the copied recordings, and rejects bad input with one clear line.
 */
class SmartwatchHarTest {
    @TempDir Path tmp;

    private static void assertWindowsEqual(String part, HarWindows w) throws IOException {
        NpyArray x = HarFixtures.npy("expected_" + part + "_x.npy");
        long[] y = HarFixtures.npy("expected_" + part + "_y.npy").toLongs();
        assertArrayEquals(new int[] {y.length, 100, 6}, x.shape());
        assertEquals(y.length, w.size(), part + " window count");
        float[] want = x.toFloats();
        float[] got = w.values();
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                fail(part + " window " + i / 600 + " sample " + (i % 600) / 6 + " channel " + i % 6 + ": " + got[i] + " != " + want[i]);
            }
        }
        for (int i = 0; i < y.length; i++) assertEquals(y[i], w.label(i), part + " label of window " + i);
        List<String> meta = Files.readAllLines(HarFixtures.dir().resolve("expected_" + part + "_meta.csv"));
        for (int i = 0; i < y.length; i++) {
            String[] f = meta.get(i + 1).split(",");
            HarWindows.Info info = w.info(i);
            assertEquals(f[2], info.subject());
            assertEquals(f[4], info.source());
            assertEquals(Integer.parseInt(f[5]), info.startSample(), "start sample of window " + i);
            assertEquals(Long.parseLong(f[6]), (long) info.startMs(), "start time of window " + i);
            assertEquals(Double.parseDouble(f[9]), info.majorityFraction(), 0.005, "majority fraction of window " + i);
        }
    }

    @Test
    void windowsLabelsAndMetadataReproduceTheReferenceExactly() throws IOException {
        HarSplit s = HarFixtures.split();
        assertWindowsEqual("train", s.train());
        assertWindowsEqual("test", s.test());
        assertEquals(List.of("s01"), s.train().subjects());
        assertEquals(List.of("s17"), s.test().subjects());
    }

    @Test
    void standardisationUsesTrainStatisticsAndMatchesNumpy() throws IOException {
        HarSplit s = HarFixtures.split();
        JsonNode want = new ObjectMapper().readTree(HarFixtures.dir().resolve("expected_standardisation.json").toFile());
        for (int c = 0; c < 6; c++) {
            assertEquals(want.get("mean").get(c).asDouble(), s.standardisation().mean()[c], 1e-13 * Math.abs(want.get("mean").get(c).asDouble()) + 1e-15);
            assertEquals(want.get("std").get(c).asDouble(), s.standardisation().std()[c], 1e-13 * want.get("std").get(c).asDouble());
        }
        float[] expected = HarFixtures.npy("expected_test_x_standardised.npy").toFloats();
        float[] got = s.standardisedTest().values();
        int exact = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], Math.ulp(expected[i]), "value " + i);
            if (expected[i] == got[i]) exact++;
        }
        assertTrue(exact >= expected.length - 5, exact + " of " + expected.length + " bit-identical");
    }

    @Test
    void duplicateTimestampsAreMergedAndLabelsTakenFromTheNearestSampleEarlierOnTies() {
        // samples at 0, 10, 10, 40 ms; the two at 10 ms merge to their mean with the first one's label
        Recording r = new Recording("s", "1", "synthetic", new double[] {0, 10, 10, 40},
                new double[][] {{0, 1, 3, 8}}, new int[] {0, 1, 2, 3}, List.of("a"));
        Resampling.Resampled rs = Resampling.resample(r, 20);
        assertArrayEquals(new double[] {0, 2 + (8 - 2) * 10 / 30.0, 8}, rs.values()[0], 1e-15); // t = 0, 20, 40
        // t = 20: nearest is 10 (label 1) vs 40; t = 0 and 40 are samples themselves
        assertArrayEquals(new int[] {0, 1, 3}, rs.labels());
        Resampling.Resampled tie = Resampling.resample(new Recording("s", "1", "tie", new double[] {0, 20}, new double[][] {{0, 1}},
                new int[] {4, 2}, List.of("a")), 10);
        assertArrayEquals(new int[] {4, 4, 2}, tie.labels(), "t = 10 is as far from 0 as from 20: the earlier label wins");
    }

    @Test
    void majorityTiesGoToTheLowerClassIndex() {
        // 4 samples on a 10 ms grid, labels 1,1,0,0: a 4-sample window is a tie between classes 0 and 1
        Recording r = new Recording("s", "1", "f", new double[] {0, 10, 20, 30}, new double[][] {{1, 2, 3, 4}},
                new int[] {1, 1, 0, 0}, List.of("a"));
        HarWindows w = HarWindows.fromRecordings(List.of(r), new WindowSpec(100, 4, 2), List.of("A", "B"));
        assertEquals(1, w.size());
        assertEquals(0, w.label(0));
        assertEquals(0.5, w.info(0).majorityFraction());
    }

    @Test
    void badDataFoldersAndFilesGiveOneLineErrors() throws IOException {
        Path missing = tmp.resolve("nope");
        assertEquals("HAR data folder " + missing + " does not exist or is not a folder",
                assertThrows(IllegalArgumentException.class, () -> SmartwatchHar.dataFolder(missing)).getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String msg = assertThrows(IllegalArgumentException.class, () -> SmartwatchHar.dataFolder(empty)).getMessage();
        assertTrue(msg.startsWith("HAR data folder " + empty + ": no subject folders sNN/"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> SmartwatchHar.load(HarFixtures.dir(), List.of("s05"), WindowSpec.reference())).getMessage();
        assertTrue(msg.endsWith("subject 's05' not found; present: [s01, s17]"), msg);

        Path bad = Files.createDirectories(tmp.resolve("d/s09"));
        Files.writeString(bad.resolve("s09_01_sw.csv"), "x_acc,y_acc,z_acc,x_gyro,y_gyro,z_gyro,timestamp,label\n1,2,3,4,5,6,100,JUMPING\n");
        msg = assertThrows(IllegalArgumentException.class, () -> SmartwatchHar.load(tmp.resolve("d"), List.of("s09"), WindowSpec.reference())).getMessage();
        assertEquals(bad.resolve("s09_01_sw.csv") + ":2: field 'label': unknown activity 'JUMPING'; expected one of "
                + SmartwatchHar.CLASSES, msg);
        Files.writeString(bad.resolve("s09_01_sw.csv"), "x_acc,y_acc,z_acc,x_gyro,y_gyro,z_gyro,timestamp,label\n1,2,abc,4,5,6,100,SEATED\n");
        msg = assertThrows(IllegalArgumentException.class, () -> SmartwatchHar.load(tmp.resolve("d"), List.of("s09"), WindowSpec.reference())).getMessage();
        assertEquals(bad.resolve("s09_01_sw.csv") + ":2: field 'z_acc' must be a number, was 'abc'", msg);
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(50, 0, 50));
    }
}
