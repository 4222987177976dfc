package org.spikeforge.hardware.edge;

/**
 * Whether one memory of a device holds what a model needs there.
 *
 * @param memory    which memory ("flash", "sram", "memory", "synaptic_memory", "neurons")
 * @param needed    what the model needs, in {@code unit}
 * @param available what the device has, in {@code unit}
 * @param unit      "bytes" or "neurons"
 * @param what      what the need is made of, e.g. "weights 12.3 KiB + runtime 32.0 KiB"
 */
public record MemoryCheck(String memory, long needed, long available, String unit, String what) {

    public boolean fits() {
        return needed <= available;
    }

    /** How much is missing (0 when it fits). */
    public long shortfall() {
        return Math.max(0, needed - available);
    }

    /** One line, e.g. "flash: needs 40.1 KiB of 512.0 KiB (7.8 %)" or "... exceeds it by 1.2 MiB (240 %)". */
    public String describe() {
        String pct = available > 0 ? String.format(java.util.Locale.ROOT, " (%.1f %%)", 100.0 * needed / available) : "";
        if (fits()) return memory + ": needs " + format(needed) + " of " + format(available) + pct;
        return memory + ": needs " + format(needed) + ", has " + format(available) + ": over by " + format(shortfall()) + pct;
    }

    private String format(long n) {
        return unit.equals("bytes") ? bytes(n) : n + " " + unit;
    }

    /** Bytes in B, KiB, MiB or GiB. */
    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024L * 1024) return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        return String.format(java.util.Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }
}
