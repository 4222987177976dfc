package org.spikeforge.neurons;

import java.util.List;

/**
 * A neuron model: <em>what</em> the dynamics are. Implementations are immutable parameter records
 * whose Javadoc carries the equations, a parameter table and references. How a model runs on a
 * given substrate is each backend's business; {@link #kernel(double)} gives the reference scalar
 * update every backend is tested against.
 */
public interface NeuronModel {

    /** The model's name in scenario files and reports ("lif", "cuba_lif", ...). */
    String kind();

    /** Names of the state variables, membrane potential {@code v} first. */
    List<String> stateVariables();

    /** Names of the input ports (receptors) that projections can target. */
    List<String> receptors();

    /** Dimension of the weight a projection onto {@code receptor} carries. */
    Dimension receptorDimension(int receptor);

    /** Dimension of each state variable, in the order of {@link #stateVariables()}. */
    List<Dimension> stateDimensions();

    /** The default initial value of each state variable, in engine units. */
    double[] restingState();

    /** Refractory period in ms. */
    double refractoryMs();

    /** The reference update, with propagators precomputed for a time step of {@code dtMs}. */
    NeuronKernel kernel(double dtMs);

    /**
     * The precision this implementation computes in. Two implementations of the same model share
     * {@link #kind()} and differ here; {@link NeuronModels#get(String, Precision)} selects one.
     */
    default Precision precision() {
        return Precision.FLOAT64;
    }

    /** Number of clamped-plus-one steps of the refractory period, {@code round(t_ref/dt)}. */
    default int refractorySteps(double dtMs) {
        return (int) Math.round(refractoryMs() / dtMs);
    }

    /**
     * Checks that this model can run a population of {@code size} neurons; models with one
     * parameter value per neuron fit only their own count. Throws IllegalArgumentException otherwise.
     */
    default void checkPopulationSize(int size) {}

    /**
     * The integration methods this model offers (scenario key {@code method}), its default first; empty when
     * it has one fixed scheme (exact propagators for the linear models).
     */
    default List<String> methods() {
        return List.of();
    }

    /** This model integrated by {@code method}, one of {@link #methods()}; IllegalArgumentException otherwise. */
    default NeuronModel withMethod(String method) {
        throw new IllegalArgumentException("method: model " + kind() + " has one integration method, was " + method);
    }

    /** Index of a state variable by name, or -1. */
    default int stateIndex(String name) {
        return stateVariables().indexOf(name);
    }

    /** Index of a receptor by name, or -1. */
    default int receptorIndex(String name) {
        return receptors().indexOf(name);
    }
}
