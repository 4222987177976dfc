package org.spikeforge.hardware.gpu;

/**
 * One OpenCL device as {@code spikeforge devices} lists it.
 *
 * @param index              position in the list of all devices of all platforms (what {@code --device N} takes)
 * @param platform           platform name (e.g. "Portable Computing Language", "NVIDIA CUDA")
 * @param platformVersion    platform version string
 * @param name               device name
 * @param type               "GPU", "CPU", "ACCELERATOR" or "OTHER"
 * @param version            the device's OpenCL version string
 * @param globalMemoryBytes  global memory
 * @param maxAllocationBytes largest single buffer
 * @param computeUnits       compute units
 * @param maxWorkGroupSize   largest work-group
 * @param fp64               whether it computes in double precision ({@code cl_khr_fp64}), which the backend needs
 * @param int64Atomics       whether it has 64-bit atomics ({@code cl_khr_int64_base_atomics}), which atomic delivery needs
 */
public record OpenClDevice(int index, String platform, String platformVersion, String name, String type, String version,
                           long globalMemoryBytes, long maxAllocationBytes, int computeUnits, long maxWorkGroupSize,
                           boolean fp64, boolean int64Atomics) {

    public boolean isGpu() {
        return type.equals("GPU");
    }

    /**
     * How a figure measured on this device must be labelled: "GPU/&lt;name&gt;" only for a GPU;
     * a CPU running OpenCL through PoCL is "CPU/PoCL", never a GPU.
     */
    public String label() {
        if (isGpu()) return "GPU/" + name;
        boolean pocl = platform.toLowerCase(java.util.Locale.ROOT).contains("portable computing language")
                || platformVersion.toLowerCase(java.util.Locale.ROOT).contains("pocl");
        return type + "/" + (pocl ? "PoCL" : platform);
    }

    /** One line for listings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d: %s [%s] %d compute units, %s global memory (largest buffer %s), %s, fp64 %s, int64 atomics %s",
                index, name, type, computeUnits, DeviceMemoryPlan.human(globalMemoryBytes), DeviceMemoryPlan.human(maxAllocationBytes),
                version.trim(), fp64 ? "yes" : "no", int64Atomics ? "yes" : "no");
    }
}
