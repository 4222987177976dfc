package org.spikeforge.simulations.nir;

/** A directed edge of a NIR graph: the output of {@code source} feeds the input of {@code target}. */
public record NirEdge(String source, String target) {

    public NirEdge {
        if (source == null || source.isEmpty() || target == null || target.isEmpty()) {
            throw new NirFormatException("edge " + source + " -> " + target + " needs two non-empty node names");
        }
    }

    @Override public String toString() { return "'" + source + "' -> '" + target + "'"; }
}
