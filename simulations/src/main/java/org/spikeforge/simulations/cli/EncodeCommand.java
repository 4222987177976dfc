package org.spikeforge.simulations.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.spikeforge.encoders.CodeSpec;
import org.spikeforge.encoders.CurrentRaster;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.Encoders;
import org.spikeforge.encoders.Encoding;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.encoders.events.EventStream;
import org.spikeforge.encoders.io.NpyArray;

/**
 * {@code spikeforge encode --encoder NAME [--param k=v]... IN --out OUT.npy}: encodes an array
 * without building a network. Spikes are written as a float32 raster (steps, shape...) (+1 on,
 * −1 off for on/off codes), currents as float32 pA (steps, shape...), camera events as the
 * structured array (t µs, x, y, p) that event readers take.
 */
@Command(name = "encode", description = "Encode an array (.npy, or .csv as rows x columns) into spikes, currents or events (.npy).")
final class EncodeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IN", description = "input array, .npy or .csv")
    Path in;

    @Option(names = "--encoder", paramLabel = "NAME", description = "encoder (see --list)")
    String encoder;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "encoder parameter, with a unit where it has one: dt=0.5ms, gain=200Hz")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "OUT.npy", description = "output file")
    Path out;

    @Option(names = "--list", description = "list the encoders and their parameters")
    boolean list;

    @Override
    public Integer call() {
        var pw = spec.commandLine().getOut();
        if (list) {
            pw.print(CodeCommands.list(Encoders.names(), Encoders::spec));
            pw.flush();
            return 0;
        }
        if (encoder == null || in == null || out == null) {
            throw new UserError("encode: expected --encoder NAME, an input file and --out FILE (see 'spikeforge encode --help', 'spikeforge encode --list')");
        }
        CodeSpec<Encoder> code = Encoders.spec(encoder);
        Encoder e = code.create(CodeCommands.parameters(code, params));
        NdArray input = CodeCommands.read(in);
        Encoding enc = e.encode(input);
        NpyArray result;
        String what;
        switch (enc) {
            case SpikeTrain t -> {
                NdArray a = t.toArray();
                result = NpyArray.ofFloats(a.toFloats(), a.shape());
                what = t.spikeCount() + " spikes, array " + Arrays.toString(a.shape()) + " at dt " + t.dtMs() + " ms";
            }
            case CurrentRaster r -> {
                NdArray a = r.toArray();
                result = NpyArray.ofFloats(a.toFloats(), a.shape());
                what = "currents in pA, array " + Arrays.toString(a.shape()) + " at dt " + r.dtMs() + " ms";
            }
            case EventStream s -> {
                result = s.toNpy();
                what = s.size() + " events (t in µs, x, y, p) of a " + s.width() + " x " + s.height() + " sensor";
            }
            default -> throw new IllegalStateException("unknown encoding " + enc.getClass());
        }
        CodeCommands.write(out, result);
        pw.printf("encoded %s %s with %s: %s -> %s%n", in.getFileName(), Arrays.toString(input.shape()), encoder, what, out);
        pw.flush();
        return 0;
    }
}
