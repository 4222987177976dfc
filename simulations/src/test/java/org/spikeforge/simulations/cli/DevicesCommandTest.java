package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.spikeforge.hardware.gpu.OpenClDevice;
import org.spikeforge.hardware.gpu.OpenClDevices;

class DevicesCommandTest {

    @Test
    void listsEveryOpenClDeviceWithItsComputeUnitsAndMarksTheDefault() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new DevicesCommand());
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute());
        String text = out.toString();
        for (OpenClDevice d : OpenClDevices.all()) {
            assertTrue(text.contains(d.index() + ": " + d.name() + " [" + d.type() + "] " + d.computeUnits() + " compute units"), text);
        }
        assertTrue(text.contains("  <- default"), text);
    }
}
