package org.spikeforge.simulations.nir;

/**
 * A NIR file, graph, input array or run option that cannot be used, with a one-line message that
 * names the file, node, edge, field or value at fault and what was expected.
 *
 * <p>The CLI maps it to exit code 2 (bad input). Messages never contain line breaks, so they can
 * be printed as they are.
 */
public final class NirFormatException extends RuntimeException {

    public NirFormatException(String message) {
        super(oneLine(message));
    }

    public NirFormatException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        if (message == null) return "invalid NIR input";
        // One line, printable: names read from a corrupt file may hold control characters.
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("[\\p{Cntrl}\\uFFFD]", "?");
    }
}
