package org.spikeforge.synapses.plasticity;

/**
 * Hard bounds on a plastic weight, in the engine units of the projection's receptor: after every
 * update {@code w ← min(max(w, w_min), w_max)}. Infinite bounds are allowed (no clipping).
 *
 * @param wMin lower bound
 * @param wMax upper bound, {@code >= wMin}
 */
public record WeightBounds(double wMin, double wMax) {

    /** No bounds. */
    public static final WeightBounds UNBOUNDED = new WeightBounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public WeightBounds {
        if (Double.isNaN(wMin) || Double.isNaN(wMax) || !(wMin <= wMax)) {
            throw new IllegalArgumentException("weight bounds need w_min <= w_max, got w_min = " + wMin + ", w_max = " + wMax);
        }
    }

    /** {@code w} clipped to the bounds. */
    public double clip(double w) {
        return w < wMin ? wMin : (w > wMax ? wMax : w);
    }

    /** Whether {@code w} lies within the bounds. */
    public boolean contains(double w) {
        return w >= wMin && w <= wMax;
    }

    /** Throws a one-line error if either bound is infinite (rules whose updates scale with the distance to a bound). */
    void requireFinite(String rule) {
        if (Double.isInfinite(wMin) || Double.isInfinite(wMax)) {
            throw new IllegalArgumentException(rule + " needs finite weight bounds, got [" + wMin + ", " + wMax + "]");
        }
    }
}
