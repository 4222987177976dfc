/**
 * The fully event-driven mode: a priority queue of spike arrivals, neurons updated analytically
 * only when an event reaches them, exact off-grid spike times and exact delays
 * ({@link org.spikeforge.hardware.event.EventBackend}, {@link org.spikeforge.hardware.event.EventNetwork}),
 * and {@link org.spikeforge.hardware.event.ModeSelector}, which picks between stepping and events
 * from the network's expected activity.
 */
package org.spikeforge.hardware.event;
