package org.spikeforge.simulations.har;

/**
 * The two 8-bit floating-point formats of the OCP specification ("OCP 8-bit Floating Point
 * Specification (OFP8)", Open Compute Project, rev. 1.0, 2023; Micikevicius et al. 2022,
 * arXiv:2209.05433):
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th></th><th>E4M3</th><th>E5M2</th></tr>
 *   <tr><td>exponent / mantissa bits, bias</td><td>4 / 3, 7</td><td>5 / 2, 15</td></tr>
 *   <tr><td>infinities</td><td>none</td><td>S.11111.00</td></tr>
 *   <tr><td>NaN</td><td>S.1111.111</td><td>S.11111.{01, 10, 11}</td></tr>
 *   <tr><td>max normal</td><td>S.1111.110 = 1.75·2⁸ = 448</td><td>S.11110.11 = 1.75·2¹⁵ = 57344</td></tr>
 *   <tr><td>min normal</td><td>S.0001.000 = 2⁻⁶</td><td>S.00001.00 = 2⁻¹⁴</td></tr>
 *   <tr><td>min subnormal</td><td>S.0000.001 = 2⁻⁹</td><td>S.00000.01 = 2⁻¹⁶</td></tr>
 * </table>
 *
 * Conversion rounds to nearest, ties to even. A finite value whose rounded magnitude exceeds max
 * normal becomes ±max normal in saturating mode; otherwise NaN (E4M3, which has no infinity) or
 * ±infinity (E5M2). NaN converts to NaN; infinities convert like overflow.
 */
public enum Fp8Format implements NumberFormat {
    E4M3(4, 3, 7),
    E5M2(5, 2, 15);

    private final int exponentBits;
    private final int mantissaBits;
    private final int bias;

    Fp8Format(int exponentBits, int mantissaBits, int bias) {
        this.exponentBits = exponentBits;
        this.mantissaBits = mantissaBits;
        this.bias = bias;
    }

    @Override public String id() { return this == E4M3 ? "fp8-e4m3" : "fp8-e5m2"; }

    @Override public int bits() { return 8; }

    @Override public boolean integer() { return false; }

    @Override public String toString() { return id(); }

    /** Largest finite value: 448 (E4M3) or 57344 (E5M2). */
    @Override
    public double maxValue() {
        return decode(this == E4M3 ? 0x7E : 0x7B);
    }

    /** Smallest positive normal value. */
    public double minNormal() {
        return Math.scalb(1.0, 1 - bias);
    }

    /** Smallest positive subnormal value. */
    public double minSubnormal() {
        return Math.scalb(1.0, 1 - bias - mantissaBits);
    }

    /** The canonical NaN code (positive sign, all exponent and mantissa bits set). */
    public int nanCode() {
        return 0x7F;
    }

    /** The value of an 8-bit code (0 … 255). */
    public double decode(int code) {
        if (code < 0 || code > 255) throw new IllegalArgumentException("FP8 code must be in [0, 255], was " + code);
        double sign = (code & 0x80) != 0 ? -1 : 1;
        int e = (code >> mantissaBits) & ((1 << exponentBits) - 1);
        int m = code & ((1 << mantissaBits) - 1);
        int eMax = (1 << exponentBits) - 1;
        if (this == E4M3 && e == eMax && m == (1 << mantissaBits) - 1) return Double.NaN;
        if (this == E5M2 && e == eMax) return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        if (e == 0) return sign * Math.scalb((double) m, 1 - bias - mantissaBits);
        return sign * Math.scalb((double) ((1 << mantissaBits) | m), e - bias - mantissaBits);
    }

    /** The code of {@code x}, rounded to nearest even; out-of-range values saturate or overflow (see class doc). */
    public int encode(double x, boolean saturate) {
        if (Double.isNaN(x)) return nanCode();
        int sign = (Double.doubleToRawLongBits(x) < 0) ? 0x80 : 0;
        double a = Math.abs(x);
        int overflow = saturate ? (this == E4M3 ? 0x7E : 0x7B) : (this == E4M3 ? 0x7F : 0x7C);
        if (Double.isInfinite(a)) return sign | overflow;
        int eMin = 1 - bias;
        int code;
        if (a < minNormal()) {
            // subnormal quantum 2^(eMin − m); k = 2^m rounds up into the smallest normal, whose code is k
            code = (int) Math.rint(Math.scalb(a, -(eMin - mantissaBits)));
        } else {
            int e = Math.getExponent(a);
            long k = (long) Math.rint(Math.scalb(a, -(e - mantissaBits))); // in [2^m, 2^(m+1)]
            if (k == 1L << (mantissaBits + 1)) {
                e++;
                k = 1L << mantissaBits;
            }
            int field = e + bias;
            int mant = (int) (k - (1L << mantissaBits));
            int eMax = (1 << exponentBits) - 1;
            boolean tooBig = this == E4M3 ? field > eMax || (field == eMax && mant == (1 << mantissaBits) - 1) : field >= eMax;
            if (tooBig) return sign | overflow;
            code = (field << mantissaBits) | mant;
        }
        return sign | code;
    }

    /** Saturating round trip: {@code decode(encode(x, true))}. */
    @Override
    public double round(double x) {
        return decode(encode(x, true));
    }
}
