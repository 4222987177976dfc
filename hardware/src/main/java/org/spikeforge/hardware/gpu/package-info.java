/**
 * The {@code gpu} backend: OpenCL through JOCL, on any OpenCL device (NVIDIA, AMD, Intel GPUs, or
 * the CPU through PoCL, which is how CI tests every kernel without a GPU).
 *
 * <ul>
 *   <li>{@link org.spikeforge.hardware.gpu.GpuBackend}: the backend, its options ({@code device},
 *       {@code delivery}) and the exactness guarantee of each model and delivery mode.</li>
 *   <li>{@link org.spikeforge.hardware.gpu.OpenClDevices}: the platforms and devices, the choice of
 *       one, and the listing of {@code spikeforge devices}.</li>
 *   <li>{@link org.spikeforge.hardware.gpu.Delivery}: event-driven atomic delivery, or the exact
 *       gather whose sums are the reference's bit for bit.</li>
 *   <li>{@code GpuNetwork}: device buffers, the per-step phases and what crosses the bus;
 *       {@code DeviceMemoryPlan}: the refusal of networks that do not fit.</li>
 *   <li>Kernels: {@code neurons.cl} (one kernel per model, transcribing the reference kernels of
 *       {@code neurons/}) and {@code delivery.cl}, resources beside these classes, built once per
 *       device and process ({@code GpuContext}).</li>
 * </ul>
 *
 * <p>Inputs that the exact delivery assumes, as every built-in source guarantees: a spike source
 * reports each channel at most once per step, in ascending order (the reference adds in the
 * order reported; the gather adds in ascending source order).
 */
package org.spikeforge.hardware.gpu;
