package org.spikeforge.synapses;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * How a per-synapse value (weight or delay) is initialised, in engine units. Random values draw
 * from the projection's own stream, one draw per synapse in CSR order.
 */
public sealed interface SynapseValue {

    /** Fills {@code n} values. */
    double[] sample(int n, UniformRandomProvider rng);

    /** Smallest value this initialiser can produce (for validation, e.g. of delays). */
    double min();

    record Constant(double value) implements SynapseValue {
        @Override public double[] sample(int n, UniformRandomProvider rng) {
            double[] a = new double[n];
            java.util.Arrays.fill(a, value);
            return a;
        }
        @Override public double min() { return value; }
    }

    record Uniform(double low, double high) implements SynapseValue {
        public Uniform {
            if (!(high >= low)) throw new IllegalArgumentException("uniform(a, b) needs a <= b, got " + low + ", " + high);
        }
        @Override public double[] sample(int n, UniformRandomProvider rng) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = low + (high - low) * rng.nextDouble();
            return a;
        }
        @Override public double min() { return low; }
    }

    /** Normal(mean, sd), optionally clipped below at {@code floor} (use -inf for none). */
    record Normal(double mean, double sd, double floor) implements SynapseValue {
        public Normal {
            if (!(sd >= 0)) throw new IllegalArgumentException("normal(mean, sd) needs sd >= 0, got " + sd);
        }
        @Override public double[] sample(int n, UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) a[i] = Math.max(floor, mean + sd * g.sample());
            return a;
        }
        @Override public double min() { return Double.isInfinite(floor) ? Double.NEGATIVE_INFINITY : floor; }
    }

    /** Explicit values, one per synapse, in the order the connections were listed. */
    record Explicit(double[] values) implements SynapseValue {
        @Override public double[] sample(int n, UniformRandomProvider rng) {
            if (n != values.length) {
                throw new IllegalArgumentException("expected " + n + " explicit values, got " + values.length);
            }
            return values.clone();
        }
        @Override public double min() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : values) m = Math.min(m, v);
            return m;
        }
    }
}
