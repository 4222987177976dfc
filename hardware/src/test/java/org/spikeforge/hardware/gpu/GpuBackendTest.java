package org.spikeforge.hardware.gpu;

import static org.junit.jupiter.api.Assertions.*;
import static org.spikeforge.hardware.gpu.Runs.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;

/** The gpu backend's behaviour around the kernels: devices, options, memory, transfers, errors, and statistics of a chaotic network. */
class GpuBackendTest {

    @Test
    void isFoundByNameAmongTheBackends() {
        assertNotNull(Backends.byName("gpu"), "gpu is listed in META-INF/services");
        assertInstanceOf(GpuBackend.class, Backends.byName("gpu"));
    }

    @Test
    void defaultDeviceIsTheFirstGpuElseTheFirstDevice() {
        List<OpenClDevice> all = OpenClDevices.all();
        assertFalse(all.isEmpty());
        OpenClDevice expected = all.stream().filter(d -> d.type().equals("GPU")).findFirst().orElse(all.get(0));
        assertEquals(expected, OpenClDevices.select(null));
        assertEquals(expected, OpenClDevices.select(" "));
    }

    @Test
    void deviceIsChosenByIndexOrByPartOfItsName() {
        OpenClDevice first = OpenClDevices.all().get(0);
        assertEquals(first, OpenClDevices.select("0"));
        String part = first.name().substring(0, Math.min(6, first.name().length())).toUpperCase(java.util.Locale.ROOT);
        assertEquals(first.name(), OpenClDevices.select(part).name(), "name match ignores case");
    }

    @Test
    void unknownDeviceIsRejectedWithTheListOfDevices() {
        var e = assertThrows(IllegalArgumentException.class, () -> OpenClDevices.select("no-such-device-xyz"));
        assertTrue(e.getMessage().contains("no-such-device-xyz"), e.getMessage());
        assertTrue(e.getMessage().contains(OpenClDevices.all().get(0).name()), "lists the devices: " + e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> OpenClDevices.select("999"));
        assertTrue(e2.getMessage().contains("device 999 does not exist"), e2.getMessage());
    }

    @Test
    void listingShowsEveryPlatformAndDeviceWithMemoryAndComputeUnits() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        OpenClDevices.list(new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        for (OpenClDevice d : OpenClDevices.all()) {
            assertTrue(out.contains("Platform: " + d.platform()), out);
            assertTrue(out.contains(d.index() + ": " + d.name()), out);
            assertTrue(out.contains(d.computeUnits() + " compute units"), out);
            assertTrue(out.contains(DeviceMemoryPlan.human(d.globalMemoryBytes()) + " global memory"), out);
        }
        assertEquals(1, out.split("<- default", -1).length - 1, "exactly one default: " + out);
    }

    @Test
    void aCpuDeviceIsNeverLabelledAsAGpu() {
        for (OpenClDevice d : OpenClDevices.all()) {
            if (d.type().equals("GPU")) assertTrue(d.label().startsWith("GPU/"), d.label());
            else assertFalse(d.label().contains("GPU"), d.label());
            if (d.platform().contains("Portable Computing Language")) assertEquals(d.type() + "/PoCL", d.label());
        }
    }

    @Test
    void kernelsAreBuiltOncePerDeviceAndSharedByEveryNetwork() {
        OpenClDevice d = OpenClDevices.select(null);
        GpuContext first = GpuContext.forDevice(d);
        try (CompiledNetwork a = GPU.compile(tiny(), BackendOptions.defaults());
             CompiledNetwork b = GPU.compile(tiny(), gpu("exact"))) {
            assertNotSame(a, b);
            assertSame(first, GpuContext.forDevice(d));
            assertSame(first.program, GpuContext.forDevice(d).program);
        }
    }

    @Test
    void unknownDeliveryModeIsRejectedWithTheValidValues() {
        NetworkGraph g = tiny();
        var e = assertThrows(IllegalArgumentException.class, () -> GPU.compile(g, gpu("fastest")));
        assertEquals("gpu backend: option 'delivery': value 'fastest': expected 'atomic' or 'exact'", e.getMessage());
    }

    @Test
    void networkLargerThanTheDeviceMemoryIsRefusedSayingWhatItNeedsAndWhatThereIs() {
        // 1000 neurons with a delay of 10^8 steps need 1000 × (10^8 + 1) × 8 bytes ≈ 745 GiB of ring buffer.
        OpenClDevice device = OpenClDevices.select(null);
        int n = 1000;
        int delay = 100_000_000;
        var model = new Lif(10, -65, -65, -50, 0.1, 2, ResetMode.TO_VALUE);
        var pop = population("big", n, model, rng(1), -65, -60);
        var one = new ConnectivityRule.OneToOne().build(n, n, true, rng(1));
        var proj = new NetworkGraph.Projection("slow", 0, 0, 0, 0, one, new float[] {1f}, delay);
        NetworkGraph g = new NetworkGraph(0.1, List.of(pop), List.of(), List.of(proj), List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> GPU.compile(g, BackendOptions.defaults()));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        Matcher needed = Pattern.compile("needs [0-9.]+ \\S+ \\((\\d+) bytes\\) of device memory").matcher(m);
        assertTrue(needed.find(), m);
        long ringBytes = (long) n * (delay + 1L) * 8;
        long bytes = Long.parseLong(needed.group(1));
        assertTrue(bytes >= ringBytes && bytes < ringBytes + (1 << 20), "needed " + bytes + " vs ring alone " + ringBytes);
        assertTrue(m.contains("(" + device.globalMemoryBytes() + " bytes) of global memory"), m);
        assertTrue(m.contains("ring buffers of population 'big'"), "names the largest part: " + m);
    }

    @Test
    void modelWithoutAKernelIsRejectedNamingTheModelsItRuns() {
        NeuronModel custom = new NeuronModel() {
            public String kind() { return "custom"; }
            public List<String> stateVariables() { return List.of("v"); }
            public List<String> receptors() { return List.of("v"); }
            public Dimension receptorDimension(int r) { return Dimension.VOLTAGE; }
            public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE); }
            public double[] restingState() { return new double[] {0}; }
            public double refractoryMs() { return 0; }
            public NeuronKernel kernel(double dt) { return (s, slot, from, to, spikes, count) -> count; }
        };
        var pop = population("c", 2, custom, rng(1), 0, 0);
        NetworkGraph g = new NetworkGraph(0.1, List.of(pop), List.of(), List.of(), List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> GPU.compile(g, BackendOptions.defaults()));
        assertEquals("gpu backend: no kernel for neuron model 'custom'; it runs Lif, CubaLif, CobaLif, IntegrateAndFire, "
                + "NirLif, NirIf, NirCubaLif, NirLi, NirI, NirCubaLi", e.getMessage());
    }

    @Test
    void readStateOfScatteredNeuronsMatchesScalarAndMovesOnlyThoseValues() {
        // two copies: a spike source is stateful and each network must advance its own
        NetworkGraph g = tiny(), copy = tiny();
        int[] picked = {7, 2, 31, 2};
        double[] ref = new double[picked.length];
        double[] got = new double[picked.length];
        try (CompiledNetwork s = SCALAR.compile(g, BackendOptions.defaults()); CompiledNetwork d = GPU.compile(copy, gpu("exact"))) {
            for (int step = 0; step < 50; step++) {
                for (CompiledNetwork net : List.of(s, d)) {
                    net.applyInputs(step);
                    net.updateNeurons(step);
                    net.propagate(step);
                }
            }
            long before = d.counts().asMap().get("bytes_from_device");
            for (int var = 0; var < 3; var++) {
                s.readState(0, var, picked, ref);
                d.readState(0, var, picked, got);
                assertArrayEquals(ref, got, "variable " + var);
            }
            assertEquals(s.spikeCount(1), d.spikeCount(1), "same input in the last step");
            long after = d.counts().asMap().get("bytes_from_device");
            // 3 reads of 4 doubles; counts() itself reads the 4-byte event counter once more (the second call)
            assertEquals(3 * picked.length * 8 + 4, after - before);
        }
    }

    @Test
    void countsReportNeuronUpdatesSpikesEventsAndBytesMoved() {
        NetworkGraph g = tiny();
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 200, false);
        Recording gpu = run(g, GPU, gpu("atomic"), 200, false);
        for (String k : List.of("steps", "neuron_updates", "spikes", "input_spikes", "synaptic_events")) {
            assertEquals(ref.counts().get(k), gpu.counts().get(k), k);
        }
        assertTrue(gpu.counts().get("synaptic_events") > 0);
        long moved = gpu.counts().get("bytes_moved");
        assertEquals(gpu.counts().get("bytes_to_device") + gpu.counts().get("bytes_from_device"), moved);
        // at least the per-step counter read: (1 population + 1 event counter) × 4 bytes × 200 steps
        assertTrue(gpu.counts().get("bytes_from_device") >= 200 * 8, gpu.counts().toString());
        assertTrue(gpu.counts().get("device_memory_bytes") > 0);
    }

    @Test
    void withoutAnOpenClPlatformTheBackendSaysSoInOneLineNamingThePackages(@TempDir Path emptyVendors) throws Exception {
        // ocl-icd reads its drivers from OCL_ICD_VENDORS; an empty folder means no platform at all.
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                OpenClDevices.class.getName());
        pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
        Path err = Files.createTempFile(emptyVendors.getParent(), "stderr", ".txt");
        pb.redirectError(err.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finishes");
        String text = Files.readString(err).strip();
        Files.deleteIfExists(err);
        assertEquals(2, p.exitValue(), text);
        assertEquals(1, text.lines().count(), "one line, no stack trace: " + text);
        assertTrue(text.contains("no OpenCL platform found"), text);
        assertTrue(text.contains("apt-get install ocl-icd-libopencl1 pocl-opencl-icd"), text);
    }

    @Test
    void chaoticCubaNetworkAgreesInRateAndCvWithAtomicDeliveryAndExactlyWithExactDelivery() {
        // CUBA (Vogels & Abbott 2005, Brette et al. 2007 benchmark 2) with 4000 neurons, for 0.3 s.
        NetworkGraph g = cuba(4000, 1);
        int steps = 3000;
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), steps, false);
        Recording exact = run(g, GPU, gpu("exact"), steps, false);
        assertSameSpikes(ref, exact, "cuba exact");
        Recording atomic = run(g, GPU, gpu("atomic"), steps, false);
        double[] r = rateAndCv(ref, 4000, steps);
        double[] a = rateAndCv(atomic, 4000, steps);
        assertTrue(r[0] > 5 && r[0] < 60, "CUBA fires irregularly at some Hz, got " + r[0] + " Hz");
        assertEquals(r[0], a[0], 0.1 * r[0], "mean rate (Hz)");
        assertEquals(r[1], a[1], 0.1, "mean CV of inter-spike intervals");
    }

    /** CUBA as in simulations/examples/cuba.yaml: 80 % excitatory, p = 0.02, 1.62 pA and −9 pA, delay one step. */
    static NetworkGraph cuba(int n, long seed) {
        UniformRandomProvider rng = rng(seed);
        int ne = n * 4 / 5, ni = n - ne;
        var model = new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE);
        var exc = population("exc", ne, model, rng, -60, -50);
        var inh = population("inh", ni, model, rng, -60, -50);
        List<NetworkGraph.Projection> ps = List.of(
                random("ee", 0, ne, 0, ne, 0, 0.02, 1.62f, 1, rng),
                random("ei", 0, ne, 1, ni, 0, 0.02, 1.62f, 1, rng),
                random("ie", 1, ni, 0, ne, 1, 0.02, -9f, 1, rng),
                random("ii", 1, ni, 1, ni, 1, 0.02, -9f, 1, rng));
        return new NetworkGraph(0.1, List.of(exc, inh), List.of(), ps, List.of());
    }

    /** Mean rate in Hz over all neurons, and mean CV of the inter-spike intervals of neurons with at least 3 spikes. */
    static double[] rateAndCv(Recording rec, int n, int steps) {
        long[] s = rec.spikes();
        int ne = n * 4 / 5;
        java.util.List<java.util.List<Long>> times = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) times.add(new java.util.ArrayList<>());
        for (int k = 0; k < s.length; k += 3) times.get((int) (s[k + 1] == 0 ? s[k + 2] : ne + s[k + 2])).add(s[k]);
        double cvSum = 0;
        int cvN = 0;
        for (var t : times) {
            if (t.size() < 3) continue;
            double m = 0, m2 = 0;
            for (int k = 1; k < t.size(); k++) m += t.get(k) - t.get(k - 1);
            m /= t.size() - 1;
            for (int k = 1; k < t.size(); k++) m2 += Math.pow(t.get(k) - t.get(k - 1) - m, 2);
            cvSum += Math.sqrt(m2 / (t.size() - 2)) / m;
            cvN++;
        }
        return new double[] {rec.spikeCount() / (n * steps * 1e-4), cvSum / Math.max(1, cvN)};
    }

    /** 40 cuba_lif neurons driven by Poisson input. */
    static NetworkGraph tiny() {
        UniformRandomProvider rng = rng(5);
        var model = new CubaLif(10, 2, 5, -65, -65, -50, 0.04, 2.0, ResetMode.TO_VALUE);
        var pop = population("p", 40, model, rng, -65, -52);
        var noise = poisson("noise", 20, 200.0, 0.1, 9);
        CsrConnectivity all = new ConnectivityRule.AllToAll(true).build(20, 40, false, rng);
        var in = new NetworkGraph.Projection("in", 0, 1, 0, 0, all, new float[] {40f}, 2);
        return new NetworkGraph(0.1, List.of(pop), List.of(noise), List.of(in), List.of());
    }
}
