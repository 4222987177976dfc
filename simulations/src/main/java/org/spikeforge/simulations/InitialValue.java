package org.spikeforge.simulations;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Initial value of a state variable across a population, in engine units. */
public sealed interface InitialValue {

    void fill(double[] dst, UniformRandomProvider rng);

    static InitialValue constant(double v) { return new Constant(v); }

    static InitialValue uniform(double a, double b) { return new Uniform(a, b); }

    static InitialValue normal(double mean, double sd) { return new Normal(mean, sd); }

    /** One given value per neuron. */
    static InitialValue values(double... values) { return new Explicit(values); }

    record Constant(double value) implements InitialValue {
        @Override public void fill(double[] dst, UniformRandomProvider rng) { java.util.Arrays.fill(dst, value); }
    }

    record Uniform(double low, double high) implements InitialValue {
        public Uniform {
            if (!(high >= low)) throw new IllegalArgumentException("uniform(a, b) needs a <= b, got " + low + ", " + high);
        }
        @Override public void fill(double[] dst, UniformRandomProvider rng) {
            for (int i = 0; i < dst.length; i++) dst[i] = low + (high - low) * rng.nextDouble();
        }
    }

    /** One value per neuron, in neuron order (copied). */
    record Explicit(double[] values) implements InitialValue {
        public Explicit { values = values.clone(); }
        @Override public void fill(double[] dst, UniformRandomProvider rng) {
            if (dst.length != values.length) {
                throw new IllegalArgumentException("explicit initial values: " + values.length + " values for " + dst.length + " neurons");
            }
            System.arraycopy(values, 0, dst, 0, dst.length);
        }
    }

    record Normal(double mean, double sd) implements InitialValue {
        public Normal {
            if (!(sd >= 0)) throw new IllegalArgumentException("normal(mean, sd) needs sd >= 0, got " + sd);
        }
        @Override public void fill(double[] dst, UniformRandomProvider rng) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < dst.length; i++) dst[i] = mean + sd * g.sample();
        }
    }
}
