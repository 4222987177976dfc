package org.spikeforge.simulations.har;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WISDM raw format, on sample files written here in that format with its known quirks. */
class WisdmReaderTest {
    @TempDir Path tmp;

    /** Subject 33 walking at 20 Hz (50 ms, in ns) with x = sample index, then jogging; quirks included. */
    private Path sample() throws IOException {
        StringBuilder sb = new StringBuilder();
        long t0 = 49_105_962_326_000L;
        for (int k = 0; k < 10; k++) {
            sb.append("33,Walking,").append(t0 + k * 50_000_000L).append(',').append(k).append(".0,").append(9.8).append(",-0.5;");
            if (k % 3 != 2) sb.append('\n'); // every third record shares a line with the next
        }
        sb.append("33,Walking,0,1.0,1.0,1.0;\n");          // timestamp 0: dropped
        sb.append("\n");
        for (int k = 0; k < 6; k++) sb.append("33,Jogging,").append(t0 + (20 + k) * 50_000_000L).append(",1.5,2.5,3.5,;\n"); // trailing comma
        sb.append("34,Walking,").append(t0).append(",7,7,7");                                     // no final ';'
        Path f = tmp.resolve("WISDM_sample_raw.txt");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void readsRecordsIntoOneRecordingPerSubjectAndActivityRun() throws IOException {
        WisdmReader.Wisdm w = WisdmReader.read(sample());
        assertEquals(List.of("Jogging", "Walking"), w.classes());
        assertEquals(3, w.recordings().size());
        Recording walk = w.recordings().get(0);
        assertEquals("33", walk.subject());
        assertEquals(10, walk.samples(), "the zero-timestamp record is dropped");
        assertEquals(1, walk.labels()[0]);
        assertEquals(50.0, walk.timesMs()[1] - walk.timesMs()[0], 1e-6, "ns converted to ms");
        assertEquals(9.0, walk.values()[0][9]);
        assertEquals(6, w.recordings().get(1).samples());
        assertEquals(3.5, w.recordings().get(1).values()[2][0]);
        assertEquals("34", w.recordings().get(2).subject());
    }

    @Test
    void windowsFollowTheSamePipelineAsTheSmartwatchData() throws IOException {
        HarWindows w = WisdmReader.read(sample()).windows(new WindowSpec(20, 4, 2));
        // walking: 10 samples on the native 50 ms grid -> windows at 0, 2, 4, 6; jogging: 6 -> 0, 2
        assertEquals(6, w.size());
        assertEquals(3, w.channelCount());
        assertEquals(4.0f, w.value(2, 0, 0), "third walking window starts at sample 4, x = 4");
        assertEquals(9.0f, w.value(3, 3, 0), "fourth window starts at sample 6");
        assertEquals(1, w.label(0));
        assertEquals(0, w.label(5));
        // at 40 Hz the grid falls between samples: linear interpolation, x(t) = t / 50 ms
        HarWindows fine = WisdmReader.read(sample()).windows(new WindowSpec(40, 3, 3));
        assertEquals(0.5f, fine.value(0, 1, 0), 1e-6f);
    }

    @Test
    void malformedRecordsNameFileLineAndField() throws IOException {
        Path f = tmp.resolve("bad.txt");
        Files.writeString(f, "33,Walking,100,1,2,3;\n33,Walking,200,1,2;\n");
        assertEquals(f + ":2: expected 'subject,activity,timestamp,x,y,z', got 5 fields in '33,Walking,200,1,2'",
                assertThrows(IllegalArgumentException.class, () -> WisdmReader.read(f)).getMessage());
        Files.writeString(f, "33,Walking,100,1,2,3;\n33,Walking,200,1,2,NaN;\n");
        assertEquals(f + ":2: field 'z' must be a finite number, was 'NaN'",
                assertThrows(IllegalArgumentException.class, () -> WisdmReader.read(f)).getMessage());
        Path none = tmp.resolve("none.txt");
        assertEquals("WISDM file " + none + " not found", assertThrows(IllegalArgumentException.class, () -> WisdmReader.read(none)).getMessage());
    }
}
