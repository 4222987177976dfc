package org.spikeforge.simulations.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.simulations.sweep.SweepSpec;

/** What travels with a sweep to the workers, and how a worker lays it out. */
class SweepJobTest {
    @TempDir Path dir;

    /** A worker's file source that copies from the submitter's disk (the cluster map in between is ClusterSweepTest's business). */
    static SweepJob.FileSource from(Path root) {
        return ref -> root.resolve(ref.path());
    }

    @Test
    void theMnistSweepTakesItsScenarioModelAndDataLaidOutAsOnTheSubmitter() throws IOException {
        SweepSpec spec = SweepSpec.load(Path.of("examples/crossbar_mnist_sweep.yaml"));
        SweepJob job = SweepJob.of(spec, SweepJob.DEFAULT_MAX_TRAVEL_BYTES);
        assertEquals("examples/crossbar_mnist_sweep.yaml", job.sweepPath(), "the job folder mirrors the module folder");
        Map<String, SweepJob.FileRef> byPath = job.files().stream().collect(Collectors.toMap(SweepJob.FileRef::path, f -> f));
        assertEquals(java.util.Set.of("examples/mnist_mlp.yaml", "src/test/resources/fixtures/ann/M1_dynbatch.onnx",
                "src/test/resources/fixtures/ann/mnist_train_x_first1000.npy", "src/test/resources/fixtures/ann/mnist_test_x.npy",
                "src/test/resources/fixtures/ann/mnist_test_y.npy"), byPath.keySet());
        // sha256sum src/test/resources/fixtures/ann/M1_dynbatch.onnx
        assertEquals("5bd33ca685034db4022ae16a3a942d5ed763a69303887ea8a532ca781627789c",
                byPath.get("src/test/resources/fixtures/ann/M1_dynbatch.onnx").sha256());
        assertTrue(job.files().stream().allMatch(SweepJob.FileRef::travels), "all small: they travel");
        assertEquals(job, SweepJob.fromJson(job.toJson()), "survives the trip as JSON");

        Path sweep = job.materialise(dir.resolve("jobs"), from(SweepJob.localRoot(spec, job)));
        assertEquals(dir.resolve("jobs").resolve(job.id()).resolve("examples/crossbar_mnist_sweep.yaml"), sweep);
        SweepSpec there = SweepSpec.parse(sweep, job.sweepText());
        assertEquals(sweep.getParent().resolve("mnist_mlp.yaml"), there.scenario(), "the scenario resolves inside the job folder");
        for (SweepJob.FileRef f : job.files()) {
            assertArrayEquals(Files.readAllBytes(Path.of(f.path())), Files.readAllBytes(sweep.getParent().getParent().resolve(f.path())), f.path());
        }
        assertEquals(sweep, job.materialise(dir.resolve("jobs"), ref -> {
            throw new AssertionError("laid out once; not fetched again");
        }));
    }

    private SweepSpec write(String scenario, String sweep) throws IOException {
        Files.createDirectories(dir.resolve("exp"));
        Files.writeString(dir.resolve("exp/scenario.yaml"), scenario);
        return SweepSpec.load(Files.writeString(dir.resolve("exp/sweep.yaml"), sweep));
    }

    @Test
    void aLargeOrAbsoluteFileIsReadFromTheSharedPathAndCheckedByHash() throws IOException {
        Path shared = Files.write(dir.resolve("shared.bin"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("exp/data"));
        Files.write(dir.resolve("exp/data/big.bin"), new byte[100]);
        Files.write(dir.resolve("exp/data/small.bin"), new byte[10]);
        SweepSpec spec = write("data: data/big.bin\nother: data/small.bin\nabsolute: " + shared + "\n",
                "scenario: scenario.yaml\nparameters:\n  seed: [1]\nmetrics: [rate_error]\n");
        SweepJob job = SweepJob.of(spec, 50);
        Map<String, SweepJob.FileRef> refs = job.files().stream().collect(Collectors.toMap(f -> String.valueOf(f.path()), f -> f));
        assertTrue(refs.get("data/small.bin").travels());
        assertEquals(dir.resolve("exp/data/big.bin").toString(), refs.get("data/big.bin").shared(), "over the limit: read from its path");
        assertNull(refs.get("null").path(), "named by an absolute path: no place in the job folder");
        assertEquals(shared.toString(), refs.get("null").shared());

        Path sweep = job.materialise(dir.resolve("jobs"), from(dir.resolve("exp")));
        assertTrue(Files.isSymbolicLink(sweep.resolveSibling("data/big.bin")), "linked in at its relative place");
        assertArrayEquals(new byte[100], Files.readAllBytes(sweep.resolveSibling("data/big.bin")));

        Files.write(shared, new byte[] {1, 2, 4}); // the shared copy changed after submission
        IOException e = assertThrows(IOException.class, () -> job.materialise(dir.resolve("jobs2"), from(dir.resolve("exp"))));
        assertTrue(e.getMessage().contains(shared.toString()) && e.getMessage().contains("differs"), e.getMessage());
    }

    @Test
    void theJobIdFollowsTheContentOfEveryFile() throws IOException {
        Files.write(dir.resolve("data.bin"), new byte[] {1});
        SweepSpec spec = write("data: ../data.bin\n", "scenario: scenario.yaml\nparameters:\n  seed: [1]\nmetrics: [rate_error]\n");
        String before = SweepJob.of(spec, 1000).id();
        assertEquals(before, SweepJob.of(spec, 1000).id());
        Files.write(dir.resolve("data.bin"), new byte[] {2});
        assertNotEquals(before, SweepJob.of(spec, 1000).id(), "same names, new data: another job");
        var tampered = SweepJob.of(spec, 1000);
        String json = tampered.toJson().replace("seed: [1]", "seed: [2]");
        assertNotEquals(tampered.toJson(), json);
        assertThrows(IllegalArgumentException.class, () -> SweepJob.fromJson(json), "content no longer matches its id");
    }

    @Test
    void aBackendOptionFileMustBeNamedByAnAbsolutePath() throws IOException {
        Path profile = Files.writeString(dir.resolve("device.properties"), "x=1\n");
        Path rel = Path.of("").toAbsolutePath().relativize(profile); // the backend reads it from the working folder
        SweepSpec relSpec = write("seed: 1\n", "scenario: scenario.yaml\nfixed:\n  backend_options.photonic.profile: " + rel
                + "\nparameters:\n  seed: [1]\nmetrics: [rate_error]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepJob.of(relSpec, 1000));
        assertTrue(e.getMessage().contains("backend_options.photonic.profile") && e.getMessage().contains("absolute path"), e.getMessage());

        SweepSpec absSpec = write("seed: 1\n", "scenario: scenario.yaml\nfixed:\n  backend_options.photonic.profile: " + profile
                + "\nparameters:\n  seed: [1]\nmetrics: [rate_error]\n");
        assertTrue(SweepJob.of(absSpec, 1000).files().stream().anyMatch(f -> profile.toString().equals(f.shared()) && f.path() == null),
                "read by every worker from that path, checked by hash");
    }
}
