package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.encoders.Encoders;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** {@code spikeforge encode} and {@code spikeforge decode}: a code tried without a network. */
class CodeCliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A 1 Hz sine sampled at 100 Hz for 2 s: it changes by at most 2π/100 < 0.1 per sample. */
    private static double[] slowSine() {
        double[] x = new double[200];
        for (int k = 0; k < x.length; k++) x[k] = Math.sin(2 * Math.PI * k / 100.0);
        return x;
    }

    @Test
    void encodeWritesTheEncodersRasterAndDecodeRebuildsTheSignalWithinTheThreshold() throws IOException {
        Path in = dir.resolve("x.npy");
        Npy.write(in, NpyArray.ofDoubles(slowSine(), 200, 1));
        Path spikes = dir.resolve("spikes.npy");
        Result e = cli("encode", "--encoder", "delta", "--param", "threshold=0.1", "--param", "off_spike=true",
                "--param", "reference=reconstruction", "--param", "sample_rate=100Hz", in.toString(), "--out", spikes.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("spikes"), e.out());
        NpyArray raster = Npy.read(spikes);
        NdArray expected = Encoders.create("delta", Map.of("threshold", 0.1, "off_spike", true, "reference", "reconstruction",
                "sample_rate", 100.0)).encode(new NdArray(slowSine(), 200, 1)).toArray();
        assertArrayEquals(expected.shape(), raster.shape());
        assertArrayEquals(expected.data(), raster.toDoubles());

        Path values = dir.resolve("values.npy");
        Result d = cli("decode", "--decoder", "delta", "--param", "threshold=0.1", spikes.toString(), "--out", values.toString());
        assertEquals(0, d.code(), d.err());
        double[] rebuilt = Npy.read(values).toDoubles();
        double[] x = slowSine();
        assertEquals(x.length, rebuilt.length);
        // send-on-delta against the reconstruction: error below the threshold while |Δx| <= θ per sample
        for (int k = 0; k < x.length; k++) assertTrue(Math.abs(x[k] - rebuilt[k]) < 0.1 + 1e-9, "sample " + k);
    }

    @Test
    void csvInputIsReadAsRowsByColumns() throws IOException {
        Path in = dir.resolve("x.csv");
        Files.writeString(in, "a,b\n0.2,0.9\n");
        Path out = dir.resolve("lat.npy");
        Result r = cli("encode", "--encoder", "latency", "--param", "num_steps=20", "--param", "linear=true", in.toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        NpyArray a = Npy.read(out);
        assertArrayEquals(new int[] {20, 1, 2}, a.shape());
        double[] d = a.toDoubles();
        int first0 = -1, first1 = -1;
        for (int s = 0; s < 20; s++) {
            if (first0 < 0 && d[s * 2] != 0) first0 = s;
            if (first1 < 0 && d[s * 2 + 1] != 0) first1 = s;
        }
        assertTrue(first1 >= 0 && first0 > first1, "the larger value fires first: " + first0 + " vs " + first1);
    }

    @Test
    void badParametersExitWithCodeTwoAndOneLine() throws IOException {
        Path in = dir.resolve("x.npy");
        Npy.write(in, NpyArray.ofDoubles(slowSine(), 200, 1));
        String[][] cases = {
                {"encode", "--encoder", "delta", "--param", "sample_rate=100", in.toString(), "--out", dir.resolve("o.npy").toString()},
                {"encode", "--encoder", "delta", "--param", "threshold=-1", in.toString(), "--out", dir.resolve("o.npy").toString()},
                {"encode", "--encoder", "nope", in.toString(), "--out", dir.resolve("o.npy").toString()},
                {"encode", "--encoder", "delta", "--param", "speed=2", in.toString(), "--out", dir.resolve("o.npy").toString()},
                {"decode", "--decoder", "count", dir.resolve("absent.npy").toString(), "--out", dir.resolve("o.npy").toString()},
                {"decode", "--decoder", "rate", "--param", "dt=1", in.toString(), "--out", dir.resolve("o.npy").toString()},
        };
        String[] mustSay = {"missing unit", "threshold must be > 0", "unknown encoder 'nope'", "unknown parameter", "file not found", "missing unit"};
        for (int k = 0; k < cases.length; k++) {
            Result r = cli(cases[k]);
            assertEquals(2, r.code(), String.join(" ", cases[k]) + ": " + r.err());
            String msg = r.err().strip();
            assertEquals(1, msg.lines().count(), msg);
            assertTrue(msg.contains(mustSay[k]), msg);
            assertFalse(msg.contains("Exception"), msg);
        }
        assertFalse(Files.exists(dir.resolve("o.npy")));
    }

    @Test
    void listShowsEveryEncoderWithItsParameterUnits() {
        Result r = cli("encode", "--list");
        assertEquals(0, r.code(), r.err());
        for (String name : Encoders.names()) assertTrue(r.out().contains(name + ": "), name);
        assertTrue(r.out().contains("refractory (number, ms, default 0.0)"), r.out());
    }
}
