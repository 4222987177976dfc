package org.spikeforge.hardware.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfileTest {

    @Test
    void bundledPhotonicProfileCitesASourceForEveryFigure() {
        DeviceProfile p = DeviceProfile.load("photonic_silicon_thermo");
        assertEquals("photonic_silicon_thermo", p.name());
        assertTrue(p.keys().size() >= 20);
        for (String key : p.keys()) assertFalse(p.source(key).isBlank(), key);
        // figures quoted from their sources
        assertEquals(24.77e-3, p.get("phase_shifter.p_pi_w"));
        assertTrue(p.source("phase_shifter.p_pi_w").contains("Harris"));
        assertEquals(0.9e-15, p.get("modulator.energy_per_use_j"));
        assertTrue(p.source("modulator.energy_per_use_j").contains("Timurdogan"));
    }

    @Test
    void rejectsAFigureWithoutASource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceProfile.parse("test", new StringReader("name = x\nadc.bits = 8\n")));
        assertEquals("test: figure 'adc.bits' has no 'adc.bits.source = ...' line citing where it comes from", e.getMessage());
    }

    @Test
    void rejectsMalformedLinesAndNonNumbersWithTheirPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceProfile.parse("f.properties", new StringReader("name = x\n\njust words\n")));
        assertEquals("f.properties:3: expected 'key = value', got 'just words'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeviceProfile.parse("f", new StringReader("name = x\na_w = lots\na_w.source = me\n")));
        assertEquals("f: figure 'a_w' must be a number, was 'lots'", e.getMessage());
    }

    @Test
    void missingFigureNamesProfileAndKey() throws IOException {
        DeviceProfile p = DeviceProfile.parse("f", new StringReader("name = mine\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.get("adc.bits"));
        assertEquals("device profile mine (f): missing figure 'adc.bits'", e.getMessage());
    }

    @Test
    void readsAUsersProfileFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.properties");
        Files.writeString(f, "# my fab\nname = mine\nmzi.length_um = 120\nmzi.length_um.source = our PDK\n");
        DeviceProfile p = DeviceProfile.read(f);
        assertEquals(120.0, p.get("mzi.length_um"));
        assertEquals("our PDK", p.source("mzi.length_um"));
    }
}
