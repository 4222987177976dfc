package org.spikeforge.simulations.nir;

/**
 * A NIR graph as read from or written to a {@code .nir} file, with the file's format version
 * string ({@code "0.1.1"}, {@code "0.2.0"}, {@code "1.0.7"}, …; {@code "unknown"} if absent).
 */
public record NirFile(String version, NirGraph graph) {
    public NirFile {
        if (version == null) version = "unknown";
        if (graph == null) throw new NirFormatException("a NIR file needs a graph");
    }
}
