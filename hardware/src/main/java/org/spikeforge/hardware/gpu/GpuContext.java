package org.spikeforge.hardware.gpu;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * An OpenCL context on one device with the backend's program built for it. Building is slow (PoCL
 * compiles for seconds), so it happens once per device and process: every network compiled on the
 * device shares the context and program, and owns only its queue, buffers and kernel objects.
 */
final class GpuContext {
    /** The kernel sources, resources beside this class, concatenated in this order. */
    static final String[] SOURCES = {"neurons.cl", "delivery.cl"};

    private static final Map<Integer, GpuContext> CACHE = new HashMap<>();

    final OpenClDevice device;
    final cl_device_id deviceId;
    final cl_context context;
    final cl_program program;

    private GpuContext(OpenClDevice device) {
        this.device = device;
        OpenClDevices.Handle h = OpenClDevices.handle(device);
        this.deviceId = h.device();
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, h.platform());
        this.context = clCreateContext(props, 1, new cl_device_id[] {deviceId}, null, null, null);
        String[] src = new String[SOURCES.length];
        for (int k = 0; k < src.length; k++) src[k] = resource(SOURCES[k]);
        this.program = clCreateProgramWithSource(context, src.length, src, null, null);
        // No fast-math or mad options: exactness needs IEEE operations, one rounding each.
        String options = device.int64Atomics() ? "-D SPIKEFORGE_INT64_ATOMICS" : "";
        try {
            clBuildProgram(program, 1, new cl_device_id[] {deviceId}, options, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("gpu backend: the OpenCL kernels failed to build on device " + device.index()
                    + " '" + device.name() + "':\n" + buildLog(), e);
        }
    }

    /** The context of {@code device}, created and its program built on first use. */
    static synchronized GpuContext forDevice(OpenClDevice device) {
        if (!device.fp64()) {
            throw new IllegalArgumentException("gpu backend: device " + device.index() + " '" + device.name()
                    + "' has no double precision (cl_khr_fp64), which SpikeForge's state needs; choose another device (see 'spikeforge devices')");
        }
        // Building runs the driver's compiler (LLVM in PoCL), which may install signal handlers of its own.
        return CACHE.computeIfAbsent(device.index(), k -> SignalGuard.around(() -> new GpuContext(device)));
    }

    private String buildLog() {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, deviceId, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, deviceId, CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
        return new String(b, StandardCharsets.UTF_8).trim();
    }

    static String resource(String name) {
        try (InputStream in = GpuContext.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("kernel source " + name + " missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kernel source " + name, e);
        }
    }
}
