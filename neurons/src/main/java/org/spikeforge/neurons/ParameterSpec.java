package org.spikeforge.neurons;

/**
 * One numeric parameter of a model: its name as written in scenario files, its dimension, its
 * default value in engine units, and a one-line meaning.
 *
 * @param name         scenario name, snake_case ("tau_m")
 * @param dimension    physical dimension; the value is stored in {@link Dimension#engineUnit()}
 * @param defaultValue default in engine units
 * @param meaning      one-line description for documentation and error messages
 */
public record ParameterSpec(String name, Dimension dimension, double defaultValue, String meaning) {}
