package org.spikeforge.simulations.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph: named nodes and the edges between them. A graph is itself a node ({@code NIRGraph}),
 * so graphs nest; {@link NirFlatGraph} inlines nested graphs for shape inference and execution.
 *
 * <p>Edge semantics (NIR): the signals of all edges entering a node are summed into its input.
 * An edge that closes a cycle carries the previous time step's value (see {@link NirExecutor}).
 *
 * <p>The constructor checks that every edge names nodes of this graph; shapes are checked by
 * {@link NirFlatGraph#of(NirGraph)}.
 */
public record NirGraph(Map<String, NirNode> nodes, List<NirEdge> edges, Map<String, NirValue> metadata)
        implements NirNode {

    public NirGraph {
        if (nodes == null || nodes.isEmpty()) throw new NirFormatException("a NIR graph needs at least one node");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges == null ? List.of() : edges);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (Map.Entry<String, NirNode> e : nodes.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) throw new NirFormatException("a NIR node needs a non-empty name");
            if (e.getValue() == null) throw new NirFormatException("node '" + e.getKey() + "' is null");
        }
        for (NirEdge e : edges) {
            for (String end : new String[] {e.source(), e.target()}) {
                if (!nodes.containsKey(end)) {
                    throw new NirFormatException("edge " + e + " names unknown node '" + end + "' (nodes: "
                            + String.join(", ", nodes.keySet()) + ")");
                }
            }
        }
    }

    @Override public String type() { return "NIRGraph"; }

    /** Nodes and edges are not plain values; the writer stores them as the groups {@code nodes} and {@code edges}. */
    @Override public Map<String, NirValue> fields() { return Map.of(); }

    /** The node called {@code name}, or an error naming the known nodes. */
    public NirNode node(String name) {
        NirNode n = nodes.get(name);
        if (n == null) {
            throw new NirFormatException("no node '" + name + "' in graph (nodes: " + String.join(", ", nodes.keySet()) + ")");
        }
        return n;
    }

    /** Starts an empty graph; add nodes, then edges. */
    public static Builder builder() { return new Builder(); }

    /** Collects nodes and edges in order. */
    public static final class Builder {
        private final Map<String, NirNode> nodes = new LinkedHashMap<>();
        private final List<NirEdge> edges = new ArrayList<>();
        private final Map<String, NirValue> metadata = new LinkedHashMap<>();

        public Builder node(String name, NirNode node) {
            if (nodes.putIfAbsent(name, node) != null) throw new NirFormatException("duplicate node name '" + name + "'");
            return this;
        }

        public Builder edge(String source, String target) {
            edges.add(new NirEdge(source, target));
            return this;
        }

        /** Adds edges {@code names[0] -> names[1] -> …}. */
        public Builder chain(String... names) {
            for (int i = 0; i + 1 < names.length; i++) edge(names[i], names[i + 1]);
            return this;
        }

        public Builder metadata(String key, NirValue value) {
            metadata.put(key, value);
            return this;
        }

        public NirGraph build() { return new NirGraph(nodes, edges, metadata); }
    }
}
