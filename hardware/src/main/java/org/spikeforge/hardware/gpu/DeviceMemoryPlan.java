package org.spikeforge.hardware.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The device buffers a network needs, added up before anything is allocated, so that a network
 * that does not fit is refused with a message saying how much it needs, how much the device has,
 * and where most of it goes.
 */
final class DeviceMemoryPlan {

    /** One buffer: what it holds, and its size in bytes. */
    record Buffer(String what, long bytes) {}

    private final List<Buffer> buffers = new ArrayList<>();

    /** Adds a buffer of {@code count} elements of {@code elementBytes} (at least one element: OpenCL has no empty buffers). */
    long add(String what, long count, int elementBytes) {
        long bytes = Math.multiplyExact(Math.max(1, count), (long) elementBytes);
        buffers.add(new Buffer(what, bytes));
        return bytes;
    }

    long totalBytes() {
        long t = 0;
        for (Buffer b : buffers) t = Math.addExact(t, b.bytes());
        return t;
    }

    List<Buffer> buffers() {
        return List.copyOf(buffers);
    }

    /** Throws a one-line {@link IllegalArgumentException} when the buffers do not fit {@code device}. */
    void check(OpenClDevice device) {
        long total = totalBytes();
        Buffer largest = buffers.stream().max(java.util.Comparator.comparingLong(Buffer::bytes)).orElse(new Buffer("nothing", 0));
        String dev = "device " + device.index() + " '" + device.name() + "'";
        if (total > device.globalMemoryBytes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "gpu backend: the network needs %s (%d bytes) of device memory but %s has %s (%d bytes) of global memory;"
                            + " the largest part is %s (%s); use a smaller network, shorter delays or a device with more memory",
                    human(total), total, dev, human(device.globalMemoryBytes()), device.globalMemoryBytes(),
                    largest.what(), human(largest.bytes())));
        }
        if (largest.bytes() > device.maxAllocationBytes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "gpu backend: %s needs one buffer of %s (%d bytes) but the largest buffer %s can allocate is %s (%d bytes);"
                            + " use a smaller population or projection, or a device with more memory",
                    largest.what(), human(largest.bytes()), largest.bytes(), dev, human(device.maxAllocationBytes()),
                    device.maxAllocationBytes()));
        }
    }

    /** Bytes in binary units with one decimal ("3.6 GiB"). */
    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
