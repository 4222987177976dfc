package org.spikeforge.hardware.gpu;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * Run by {@link SignalGuardTest} in a fresh JVM, where nothing has touched OpenCL yet. Runs a
 * small network on the gpu backend, then prints, one per line: which library handles each signal
 * the JVM relies on, before and after; which signals the guard put back. Then it starts threads
 * that run compiled loops and asks for safepoints (at which several threads fault at once), and
 * prints whether an integer division by zero still throws. Last it prints {@code ready} and waits
 * to be terminated; its shutdown hook writes the file named by its argument.
 */
public final class SignalGuardProbe {
    static final int[] SIGNALS = {2, 4, 7, 8, 11, 15}; // SIGINT, SIGILL, SIGBUS, SIGFPE, SIGSEGV, SIGTERM
    static volatile long sink;

    static int divide(int a, int b) {
        return a / b;
    }

    public static void main(String[] args) throws Throwable {
        Path hookFile = Path.of(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(hookFile, "shutdown hook ran\n");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }));
        System.out.println("before " + owners());
        for (int i = 0; i < 200_000; i++) sink += divide(i, 7); // compiled, with the JVM's implicit zero check
        Runs.run(GpuBackendTest.tiny(), Runs.GPU, Runs.gpu("exact"), 20, false);
        System.out.println("after " + owners());
        System.out.println("platform " + OpenClDevices.select(null).platform());
        System.out.println("restored " + SignalGuard.restored());
        for (int t = 0; t < 4; t++) {
            Thread spin = new Thread(() -> {
                long s = 0;
                while (true) {
                    for (int j = 0; j < 100_000; j++) s += j ^ (s >>> 3);
                    sink = s;
                }
            });
            spin.setDaemon(true);
            spin.start();
        }
        Thread.sleep(200);
        for (int i = 0; i < 20; i++) System.gc(); // safepoints: the spinning threads fault on their polling pages together
        String div;
        try {
            div = "returned " + divide(5, 0);
        } catch (ArithmeticException e) {
            div = "threw ArithmeticException";
        }
        System.out.println("division by zero " + div);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }

    /** Signal number → the file name of the library that holds its handler (or SIG_DFL / SIG_IGN). */
    @SuppressWarnings("restricted")
    static TreeMap<Integer, String> owners() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle sigaction = linker.downcallHandle(linker.defaultLookup().find("sigaction").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        TreeMap<Integer, String> out = new TreeMap<>();
        try (Arena arena = Arena.ofConfined()) {
            for (int sig : SIGNALS) {
                MemorySegment old = arena.allocate(256, 16);
                int rc = (int) sigaction.invokeExact(sig, MemorySegment.NULL, old);
                if (rc != 0) throw new IllegalStateException("sigaction " + sig);
                long handler = old.get(ValueLayout.JAVA_LONG, 0);
                out.put(sig, handler == 0 ? "SIG_DFL" : handler == 1 ? "SIG_IGN" : library(maps, handler));
            }
        }
        return out;
    }

    private static String library(List<String> maps, long address) {
        for (String line : maps) {
            String[] f = line.trim().split("\\s+");
            String[] range = f[0].split("-");
            long lo = Long.parseUnsignedLong(range[0], 16), hi = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(address, lo) >= 0 && Long.compareUnsigned(address, hi) < 0) {
                return f.length > 5 ? Path.of(f[5]).getFileName().toString() : "anonymous";
            }
        }
        return "unmapped";
    }
}
