package org.spikeforge.synapses.device;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The shipped presets carry the figures of the device reference (IBM aihwkit presets) and cite them. */
class DevicePresetsTest {

    @Test
    void everyPresetLoadsAndCitesItsSource() {
        for (String name : DevicePresets.NAMES) {
            DevicePresets.Preset p = DevicePresets.load(name);
            assertEquals(name, p.name());
            assertFalse(p.source().isBlank(), name + " cites a source");
        }
    }

    @Test
    void reramExponentialStepPresetHasTheFittedFigures() {
        DevicePresets.Preset p = DevicePresets.load("ReRAM-ES");
        PulsedDevice d = p.device();
        StepModel.ExpStep e = assertInstanceOf(StepModel.ExpStep.class, d.step());
        assertEquals(0.00135, d.dwMin());
        assertEquals(0.259359, d.upDown());
        assertEquals(-1.0, d.wMin());
        assertEquals(1.0, d.wMax());
        assertEquals(-0.5, e.a());
        assertEquals(-0.5, e.b());
        assertEquals(5.0, e.gammaUp());
        assertEquals(5.0, e.gammaDown());
        assertEquals(-1.18445, e.aUp());
        assertEquals(-0.081404, e.aDown());
        assertEquals(0.2, d.dwMinDtod());
        assertEquals(5.0, d.dwMinStd());
        assertEquals(75.0, d.writeNoiseStd());
        assertTrue(p.source().contains("Gong"));
    }

    @Test
    void reramSoftBoundsPresetHasTheFittedFigures() {
        PulsedDevice d = DevicePresets.load("reram_sb").device();
        assertInstanceOf(StepModel.SoftBounds.class, d.step());
        assertEquals(0.002, d.dwMin());
        assertEquals(1.25, d.wMax());
        assertEquals(-0.75, d.wMin());
        assertEquals(3.75, d.dwMinStd());
        assertEquals(56.0, d.writeNoiseStd());
        assertEquals(0.01, d.upDownDtod());
        assertFalse(d.multiplicativeNoise());
    }

    @Test
    void pcmPresetCarriesItsInferenceNoiseModel() {
        DevicePresets.Preset p = DevicePresets.load("pcm");
        assertEquals(PcmNoise.DEFAULTS, p.pcm(), "g_max 25 µS, t0 20 s, t_read 250 ns");
        assertEquals(0.0, p.device().wMin(), "unidirectional");
        assertNull(DevicePresets.load("ideal").pcm());
        assertInstanceOf(StepModel.IdealStep.class, DevicePresets.load("ideal").device().step());
    }

    @Test
    void badPresetTextIsRejectedNamingFileKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevicePresets.parse("my.properties", "name=x\nsource=y\nstep=exp\ndw_min=abc\n"));
        assertEquals("my.properties: dw_min = 'abc', expected a number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DevicePresets.parse("my.properties", "name=x\nsource=y\nstep=wobbly\n"));
        assertTrue(e.getMessage().startsWith("my.properties: step = 'wobbly', expected one of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DevicePresets.parse("my.properties", "name=x\nsource=y\nstep=constant\ndw_mim=0.1\n"));
        assertTrue(e.getMessage().contains("unknown key 'dw_mim'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DevicePresets.parse("my.properties", "name=x\nsource=y\nstep=constant\nw_min=1\nw_max=0\n"));
        assertTrue(e.getMessage().startsWith("my.properties: device range needs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DevicePresets.load("flash"));
        assertTrue(e.getMessage().contains("'flash'") && e.getMessage().contains("reram_es"), e.getMessage());
    }
}
