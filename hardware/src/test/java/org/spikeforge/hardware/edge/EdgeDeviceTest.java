package org.spikeforge.hardware.edge;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Bundled edge device profiles: they load, cite a source for every figure, and bad names fail clearly. */
class EdgeDeviceTest {

    @Test
    void everyBundledDeviceLoadsWithEveryFigureOfItsKindSourced() {
        assertEquals(5, EdgeDevice.all().size());
        for (EdgeDevice d : EdgeDevice.all()) {
            for (String key : d.kind().required()) {
                assertFalse(d.profile().source(key).isBlank(), d.name() + "." + key);
            }
        }
        assertEquals(EdgeDevice.Kind.CPU, EdgeDevice.load("rpi5").kind());
        assertEquals(4, EdgeDevice.load("rpi4").get("cores"));
        assertTrue(EdgeDevice.load("stm32h7").get("clock_hz") > EdgeDevice.load("stm32f4").get("clock_hz"));
        assertEquals(23.6e-12, EdgeDevice.load("loihi").get("synop_energy_j"));
    }

    @Test
    void unknownDeviceNameListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeDevice.load("esp32"));
        assertEquals("unknown device 'esp32'; available: stm32f4, stm32h7, rpi4, rpi5, loihi (or a path to a .properties profile)", e.getMessage());
    }

    @Test
    void profileWithoutKindOrWithUnsourcedFigureIsRejected() {
        IllegalArgumentException noKind = assertThrows(IllegalArgumentException.class,
                () -> EdgeDevice.parse("x.properties", "name = x\nclock_hz = 1\nclock_hz.source = s\n"));
        assertEquals("x.properties: missing 'kind = mcu | cpu | neuromorphic'", noKind.getMessage());
        IllegalArgumentException badKind = assertThrows(IllegalArgumentException.class,
                () -> EdgeDevice.parse("x.properties", "kind = gpu\nname = x\n"));
        assertEquals("x.properties: 'kind' must be mcu, cpu or neuromorphic, was 'gpu'", badKind.getMessage());
        IllegalArgumentException unsourced = assertThrows(IllegalArgumentException.class,
                () -> EdgeDevice.parse("x.properties", "kind = mcu\nname = x\nclock_hz = 1\n"));
        assertTrue(unsourced.getMessage().contains("figure 'clock_hz' has no 'clock_hz.source = ...' line"), unsourced.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EdgeDevice.parse("x.properties", "kind = mcu\nname = x\nclock_hz = 1\nclock_hz.source = s\n"));
        assertTrue(missing.getMessage().contains("a mcu profile needs figure 'flash_bytes'"), missing.getMessage());
    }
}
