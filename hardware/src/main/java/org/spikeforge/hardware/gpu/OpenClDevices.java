package org.spikeforge.hardware.gpu;

import static org.jocl.CL.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL platforms and devices of this machine, found once per process, and the choice of one
 * of them by {@code --device} (an index into {@link #all()} or part of a device or platform name).
 *
 * <p>Without an OpenCL library, or with one that finds no platform, every method throws
 * {@link OpenClUnavailableException}, whose one-line message names the packages to install.
 */
public final class OpenClDevices {
    private OpenClDevices() {}

    /** The JOCL handles of a device, for the backend's own use. */
    record Handle(cl_platform_id platform, cl_device_id device) {}

    private static List<OpenClDevice> devices;
    private static List<Handle> handles;

    /** All devices of all platforms, in platform order then device order. */
    public static synchronized List<OpenClDevice> all() {
        // The driver may replace the JVM's signal handlers as it starts; SignalGuard puts them back.
        if (devices == null) SignalGuard.around(OpenClDevices::discover);
        return devices;
    }

    static synchronized Handle handle(OpenClDevice d) {
        all();
        return handles.get(d.index());
    }

    /**
     * The device named by {@code spec}: null or blank picks the first GPU, else the first device;
     * a number picks that index; anything else picks the first device whose name or platform name
     * contains it (ignoring case).
     */
    public static OpenClDevice select(String spec) {
        List<OpenClDevice> all = all();
        if (spec == null || spec.isBlank()) {
            return all.stream().filter(OpenClDevice::isGpu).findFirst().orElse(all.getFirst());
        }
        String s = spec.trim();
        if (s.chars().allMatch(Character::isDigit)) {
            int k = Integer.parseInt(s);
            if (k < all.size()) return all.get(k);
            throw new IllegalArgumentException("gpu backend: device " + k + " does not exist; devices are " + summary(all));
        }
        String needle = s.toLowerCase(Locale.ROOT);
        for (OpenClDevice d : all) {
            if (d.name().toLowerCase(Locale.ROOT).contains(needle) || d.platform().toLowerCase(Locale.ROOT).contains(needle)) return d;
        }
        throw new IllegalArgumentException("gpu backend: no OpenCL device matches '" + s + "'; devices are " + summary(all));
    }

    private static String summary(List<OpenClDevice> all) {
        StringBuilder sb = new StringBuilder();
        for (OpenClDevice d : all) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(d.index()).append(" '").append(d.name()).append("' (").append(d.type()).append(')');
        }
        return sb.toString();
    }

    /** Prints every platform and its devices, with memory and compute units ({@code spikeforge devices}). */
    public static void list(PrintStream out) {
        for (String line : listing()) out.println(line);
    }

    /** The lines of {@link #list}: a "Platform:" line, then one indented line per device, the default marked. */
    public static List<String> listing() {
        List<OpenClDevice> all = all();
        OpenClDevice chosen = select(null);
        List<String> lines = new ArrayList<>();
        String platform = null;
        for (OpenClDevice d : all) {
            if (!d.platform().equals(platform)) {
                platform = d.platform();
                lines.add("Platform: " + d.platform() + " (" + d.platformVersion().trim() + ")");
            }
            lines.add("  " + d.describe() + (d == chosen ? "  <- default" : ""));
        }
        return lines;
    }

    /** The devices as a JSON array (for bench/gpu/run.sh). */
    public static String json() {
        StringBuilder sb = new StringBuilder("[");
        for (OpenClDevice d : all()) {
            if (sb.length() > 1) sb.append(',');
            sb.append(json(d));
        }
        return sb.append(']').toString();
    }

    /** One device as a JSON object. */
    public static String json(OpenClDevice d) {
        return String.format(Locale.ROOT,
                "{\"index\":%d,\"platform\":\"%s\",\"name\":\"%s\",\"type\":\"%s\",\"label\":\"%s\",\"version\":\"%s\","
                        + "\"global_memory_bytes\":%d,\"compute_units\":%d,\"fp64\":%b,\"int64_atomics\":%b}",
                d.index(), esc(d.platform()), esc(d.name()), d.type(), esc(d.label()), esc(d.version().trim()),
                d.globalMemoryBytes(), d.computeUnits(), d.fp64(), d.int64Atomics());
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Lists the devices: no argument prints the listing, {@code --json} a JSON array,
     * {@code --default-json} the default device alone. Without OpenCL it prints one line and exits with 2.
     */
    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals("--json")) {
                System.out.println(json());
            } else if (args.length > 0 && args[0].equals("--default-json")) {
                System.out.println(json(select(args.length > 1 ? args[1] : null)));
            } else {
                list(System.out);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("spikeforge: error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void discover() {
        List<OpenClDevice> found = new ArrayList<>();
        List<Handle> hs = new ArrayList<>();
        cl_platform_id[] platforms;
        String missing = missingLibrary();
        if (missing != null) throw new OpenClUnavailableException("the OpenCL library could not be loaded (" + missing + ")");
        try {
            CL.setExceptionsEnabled(true);
            int[] n = new int[1];
            clGetPlatformIDs(0, null, n);
            if (n[0] == 0) throw new OpenClUnavailableException("no OpenCL platform found");
            platforms = new cl_platform_id[n[0]];
            clGetPlatformIDs(n[0], platforms, null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new OpenClUnavailableException("the OpenCL library (libOpenCL) could not be loaded (" + firstLine(e.getMessage()) + ")");
        } catch (CLException e) {
            // CL_PLATFORM_NOT_FOUND_KHR (-1001): the ICD loader is there but no driver is registered
            throw new OpenClUnavailableException("no OpenCL platform found (" + firstLine(e.getMessage()) + ")");
        }
        for (cl_platform_id p : platforms) {
            String pName = platformString(p, CL_PLATFORM_NAME);
            String pVersion = platformString(p, CL_PLATFORM_VERSION);
            int[] nd = new int[1];
            try {
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND: a platform without devices
            }
            cl_device_id[] ds = new cl_device_id[nd[0]];
            clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, nd[0], ds, null);
            for (cl_device_id d : ds) {
                long type = deviceLong(d, CL_DEVICE_TYPE);
                String ext = deviceString(d, CL_DEVICE_EXTENSIONS);
                boolean fp64 = ext.contains("cl_khr_fp64") || deviceLong(d, CL_DEVICE_DOUBLE_FP_CONFIG) != 0;
                found.add(new OpenClDevice(found.size(), pName, pVersion, deviceString(d, CL_DEVICE_NAME).trim(), typeName(type),
                        deviceString(d, CL_DEVICE_VERSION), deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE),
                        deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE), deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS),
                        deviceSize(d, CL_DEVICE_MAX_WORK_GROUP_SIZE), fp64, ext.contains("cl_khr_int64_base_atomics")));
                hs.add(new Handle(p, d));
            }
        }
        if (found.isEmpty()) throw new OpenClUnavailableException("OpenCL platforms found, but no device");
        devices = List.copyOf(found);
        handles = List.copyOf(hs);
    }

    /**
     * On Linux, why {@code libOpenCL} cannot be loaded, or null when it can. Checked before JOCL
     * touches it, because JOCL's native code prints its own lines when the load fails.
     */
    @SuppressWarnings("restricted") // the launcher and tests pass --enable-native-access=ALL-UNNAMED
    private static String missingLibrary() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return null;
        String why = null;
        for (String lib : new String[] {"libOpenCL.so.1", "libOpenCL.so"}) {
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.SymbolLookup.libraryLookup(lib, arena);
                return null;
            } catch (IllegalArgumentException | IllegalCallerException e) {
                if (why == null) why = firstLine(e.getMessage());
            }
        }
        return why;
    }

    private static String firstLine(String s) {
        if (s == null) return "no detail";
        int k = s.indexOf('\n');
        return (k < 0 ? s : s.substring(0, k)).trim();
    }

    private static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) return "GPU";
        if ((type & CL_DEVICE_TYPE_CPU) != 0) return "CPU";
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) return "ACCELERATOR";
        return "OTHER";
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, b.length, Pointer.to(b), null);
        return cString(b);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, b.length, Pointer.to(b), null);
        return cString(b);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    private static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceSize(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }
}
