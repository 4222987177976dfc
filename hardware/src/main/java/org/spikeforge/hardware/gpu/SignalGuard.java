package org.spikeforge.hardware.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Keeps the JVM's own signal handlers installed across calls into an OpenCL driver.
 *
 * <p>PoCL, the CPU OpenCL driver CI installs and a common one on workstations, replaces
 * process-wide signal handlers when it initialises (measured with PoCL 3.1 and LLVM 15, Debian 12):
 * its LLVM installs one-shot ({@code SA_RESETHAND}) handlers for SIGSEGV, SIGBUS, SIGILL, SIGINT,
 * SIGTERM and others, and PoCL one for SIGFPE that steps over any faulting integer division. The JVM
 * uses SIGSEGV for safepoint polls and implicit null checks and SIGFPE for division by zero, so
 * after PoCL has started, and until the JVM's handlers are back:
 * <ul>
 *   <li>two threads that take a SIGSEGV at the same time kill the process: the first resets the
 *       disposition to the default before LLVM puts the JVM's handler back, and the second dies with
 *       "Segmentation fault" and no hs_err file (a sweep on two threads after a gpu run did this in
 *       CI);</li>
 *   <li>{@code x / 0} in compiled Java code returns the dividend instead of throwing
 *       {@link ArithmeticException};</li>
 *   <li>Ctrl-C or SIGTERM ends the process without running its shutdown hooks, so a recording is
 *       not flushed.</li>
 * </ul>
 * The guard records every catchable signal's disposition before the call and puts back each one
 * the call changed. (Preloading the JDK's {@code libjsig} would also keep the JVM first, but needs
 * {@code LD_PRELOAD} in every launcher, test runner and embedding application.) The kernels do no
 * integer division, so PoCL's SIGFPE handler is not needed by them.
 */
final class SignalGuard {
    private SignalGuard() {}

    /** Bytes kept per signal: at least {@code sizeof(struct sigaction)} (152 on Linux x86-64 and AArch64). */
    private static final int SIGACTION_BYTES = 256;
    /** Signals 1 to 31; SIGKILL and SIGSTOP cannot be caught and are skipped. */
    private static final int LAST_SIGNAL = 31, SIGKILL = 9, SIGSTOP = 19;

    /** Linux's {@code struct sigaction} (glibc and musl, 64-bit): handler at 0, {@code sa_mask} at 8 (the kernel's 64 bits first), {@code sa_flags} at 136. */
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    private static final MethodHandle SIGACTION = sigaction();
    private static final List<Integer> restored = new ArrayList<>();

    /** Runs {@code call}, then reinstalls every signal handler it replaced; returns its result. */
    static synchronized <T> T around(Supplier<T> call) {
        if (SIGACTION == null) return call.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] before = new MemorySegment[LAST_SIGNAL + 1];
            for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
                if (catchable(sig)) before[sig] = query(arena, sig);
            }
            try {
                return call.get();
            } finally {
                for (int sig = 1; sig <= LAST_SIGNAL; sig++) {
                    if (before[sig] == null) continue;
                    if (changed(before[sig], query(arena, sig))) {
                        install(sig, before[sig]);
                        restored.add(sig);
                    }
                }
            }
        }
    }

    static void around(Runnable call) {
        around(() -> {
            call.run();
            return null;
        });
    }

    /** The signals whose handlers a guarded call replaced and the guard reinstalled, in order, since the process began. */
    static synchronized List<Integer> restored() {
        return List.copyOf(restored);
    }

    /**
     * Whether the handler, or on Linux its flags or blocked signals, differ. Not a comparison of the whole struct:
     * glibc copies its full 128-byte {@code sa_mask} from a kernel struct of which the kernel fills 8 bytes, so the
     * rest differs from one call to the next.
     */
    private static boolean changed(MemorySegment before, MemorySegment now) {
        if (before.get(ValueLayout.JAVA_LONG, 0) != now.get(ValueLayout.JAVA_LONG, 0)) return true;
        return LINUX && (before.get(ValueLayout.JAVA_LONG, 8) != now.get(ValueLayout.JAVA_LONG, 8)
                || before.get(ValueLayout.JAVA_INT, 136) != now.get(ValueLayout.JAVA_INT, 136));
    }

    private static boolean catchable(int sig) {
        return sig != SIGKILL && sig != SIGSTOP;
    }

    private static MemorySegment query(Arena arena, int sig) {
        MemorySegment s = arena.allocate(SIGACTION_BYTES, 16);
        call(sig, MemorySegment.NULL, s);
        return s;
    }

    private static void install(int sig, MemorySegment action) {
        call(sig, action, MemorySegment.NULL);
    }

    private static void call(int sig, MemorySegment act, MemorySegment old) {
        int rc;
        try {
            rc = (int) SIGACTION.invokeExact(sig, act, old);
        } catch (Throwable t) {
            throw new IllegalStateException("sigaction(" + sig + ") failed", t);
        }
        if (rc != 0) throw new IllegalStateException("sigaction(" + sig + ") returned " + rc);
    }

    /** libc's {@code sigaction}, or null where there is none (Windows) or native access is refused. */
    @SuppressWarnings("restricted") // the launcher and tests pass --enable-native-access=ALL-UNNAMED
    private static MethodHandle sigaction() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) return null;
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("sigaction")
                    .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (IllegalCallerException | UnsupportedOperationException e) {
            return null;
        }
    }
}
