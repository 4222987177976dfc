package org.spikeforge.simulations.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value stored in a NIR file outside the fixed node fields: a numeric array ({@link NirTensor}),
 * a string ({@link Text}) or a nested group ({@link Tree}). Metadata maps and Conv's
 * {@code padding} (an integer array or the string {@code "same"}/{@code "valid"}) use it.
 */
public sealed interface NirValue permits NirTensor, NirValue.Text, NirValue.Tree {

    /** A string dataset. */
    record Text(String value) implements NirValue {
        public Text {
            if (value == null) throw new NirFormatException("a NIR text value must not be null");
        }

        @Override public String toString() { return '"' + value + '"'; }
    }

    /** A group of named values (nested metadata). Keeps insertion order. */
    record Tree(Map<String, NirValue> entries) implements NirValue {
        public Tree {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override public String toString() { return entries.toString(); }
    }
}
