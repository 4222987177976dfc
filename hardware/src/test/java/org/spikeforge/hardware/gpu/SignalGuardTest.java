package org.spikeforge.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM keeps its own signal handlers after the OpenCL driver starts and compiles the kernels.
 * PoCL's LLVM replaces them (see {@link SignalGuard}); without the guard this test's probe sees
 * LLVM's and PoCL's libraries hold SIGSEGV and SIGFPE, {@code 5 / 0} return 5, SIGTERM skip the
 * shutdown hook, and about one probe in three die of a SIGSEGV at its first safepoint.
 */
@EnabledOnOs(OS.LINUX) // reads /proc/self/maps to name the library that holds a handler
class SignalGuardTest {

    @Test
    @Timeout(180) // a cold PoCL kernel cache compiles for seconds
    void theJvmsSignalHandlersSurviveTheDriverAndAGpuRun(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path hook = dir.resolve("hook.txt");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), SignalGuardProbe.class.getName(), hook.toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        Map<String, String> lines = new HashMap<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.equals("ready")) break;
                int sp = line.indexOf(' ', line.startsWith("division") ? "division by zero".length() : 0);
                lines.put(line.substring(0, sp), line.substring(sp + 1));
            }
            String context = all + Files.readString(dir.resolve("stderr.txt"));
            if (!all.toString().endsWith("ready\n")) {
                boolean ended = p.waitFor(30, TimeUnit.SECONDS);
                fail("the probe died before the end (exit " + (ended ? p.exitValue() : "none after 30 s") + ")\n" + context);
            }

            String jvm = "{2=libjvm.so, 4=libjvm.so, 7=libjvm.so, 8=libjvm.so, 11=libjvm.so, 15=libjvm.so}";
            assertEquals(jvm, lines.get("before"), "the JVM's handlers at start\n" + context);
            assertEquals(jvm, lines.get("after"), "the JVM's handlers after the driver started and the kernels ran\n" + context);
            assertEquals("threw ArithmeticException", lines.get("division by zero"), context);
            if (lines.get("platform").contains("Portable Computing Language")) {
                // PoCL (CI's driver) did replace them; the guard put them back
                List<String> restored = List.of(lines.get("restored").replaceAll("[\\[\\] ]", "").split(","));
                assertTrue(restored.containsAll(List.of("8", "11", "15")), "PoCL replaced SIGFPE, SIGSEGV, SIGTERM: " + context);
            }

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ends on SIGTERM");
        }
        assertEquals("shutdown hook ran\n", Files.readString(hook), "SIGTERM ran the JVM's shutdown hooks");
    }
}
