package org.spikeforge.simulations.scenario;

/**
 * A user error in a scenario: names the file, the field path, the offending value and what was
 * expected. Its message is one line, meant to be shown as is.
 */
public final class ScenarioException extends RuntimeException {
    private final String file;
    private final String path;

    public ScenarioException(String file, String path, String value, String expected) {
        super(format(file, path, value, expected));
        this.file = file;
        this.path = path;
    }

    private static String format(String file, String path, String value, String expected) {
        StringBuilder b = new StringBuilder(file);
        if (path != null && !path.isEmpty()) b.append(": field '").append(path).append('\'');
        if (value != null) b.append(": value '").append(value).append('\'');
        b.append(": ").append(expected);
        return b.toString();
    }

    public String file() { return file; }

    public String path() { return path; }
}
