package org.spikeforge.simulations.cli;

/** An error caused by user input; shown as one line, exit code 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
