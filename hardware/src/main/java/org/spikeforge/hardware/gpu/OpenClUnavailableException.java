package org.spikeforge.hardware.gpu;

/**
 * There is no usable OpenCL here: the system's {@code libOpenCL} cannot be loaded, or it finds no
 * platform. The message is one line and names the packages to install; it is a user error (the
 * CLI prints it and exits with code 2), not a crash.
 */
public final class OpenClUnavailableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What to install, for the end of every message. */
    static final String INSTALL_HINT = "install an OpenCL driver: on Debian/Ubuntu 'apt-get install ocl-icd-libopencl1 pocl-opencl-icd'"
            + " (PoCL runs OpenCL on the CPU), or your GPU vendor's OpenCL ICD";

    OpenClUnavailableException(String what) {
        super("gpu backend: " + what + "; " + INSTALL_HINT);
    }
}
