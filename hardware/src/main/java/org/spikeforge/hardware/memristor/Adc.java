package org.spikeforge.hardware.memristor;

/**
 * The ADC after a crossbar column: a symmetric mid-tread quantiser with {@code bits} bits over
 * {@code [−range, +range]}. Codes run from {@code −(2^(B−1) − 1)} to {@code 2^(B−1) − 1} (the
 * most negative two's-complement code is unused, so zero is a code and the scale is symmetric):
 *
 * <pre>
 *   LSB = range / (2^(B−1) − 1),   code = clamp(rint(I / LSB), −(2^(B−1) − 1), 2^(B−1) − 1),   out = code · LSB
 * </pre>
 *
 * Inside the range the error is at most LSB/2; outside it the output clips to ±range. With
 * {@code bits = 0} the ADC is ideal: {@code out = I}.
 *
 * @param bits  resolution, 0 (ideal) or &gt;= 2
 * @param range full scale, in the unit of the currents converted (&gt; 0)
 */
public record Adc(int bits, double range) {

    public Adc {
        if (bits < 0 || bits == 1 || bits > 30) throw new IllegalArgumentException("ADC bits must be 0 (ideal) or in [2, 30], was " + bits);
        if (!(range > 0) || !Double.isFinite(range)) throw new IllegalArgumentException("ADC range must be finite and > 0, was " + range);
    }

    /** Largest code, {@code 2^(B−1) − 1}. */
    public int maxCode() {
        return bits == 0 ? Integer.MAX_VALUE : (1 << (bits - 1)) - 1;
    }

    /** Step between adjacent outputs; 0 for the ideal ADC. */
    public double lsb() {
        return bits == 0 ? 0.0 : range / maxCode();
    }

    /** The converted value of {@code current}. */
    public double convert(double current) {
        if (bits == 0) return current;
        double lsb = range / maxCode();
        double code = Math.rint(current / lsb);
        int max = maxCode();
        if (code > max) code = max;
        else if (code < -max) code = -max;
        return code * lsb;
    }

    /** Whether {@code current} lies outside what the ADC can represent (its output clips). */
    public boolean clips(double current) {
        return bits != 0 && Math.abs(Math.rint(current / (range / maxCode()))) > maxCode();
    }
}
