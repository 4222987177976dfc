package org.spikeforge.simulations.har;

import java.util.Locale;

/**
 * Post-training compression of a model: magnitude pruning of every weight tensor to
 * {@code sparsity}, then quantisation of the surviving weights and of the neuron state.
 *
 * @param quant    quantisation
 * @param sparsity share of each weight tensor removed, in [0, 1)
 */
public record CompressionSpec(QuantSpec quant, double sparsity) {

    public static final CompressionSpec NONE = new CompressionSpec(QuantSpec.FLOAT, 0);

    public CompressionSpec {
        if (quant == null) quant = QuantSpec.FLOAT;
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("pruning sparsity must be in [0, 1) (the share of weights removed, e.g. 0.5), was " + sparsity);
        }
    }

    public boolean isNone() {
        return quant.isFloat() && sparsity == 0;
    }

    /** e.g. "int8/ch s16", "float, 50 % pruned". */
    public String label() {
        return quant.label() + (sparsity > 0 ? String.format(Locale.ROOT, ", %.0f %% pruned", sparsity * 100) : "");
    }
}
