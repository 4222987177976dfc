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
import org.spikeforge.encoders.Decoder;
import org.spikeforge.encoders.Decoders;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.io.NpyArray;

/**
 * {@code spikeforge decode --decoder NAME [--param k=v]... IN --out OUT.npy}: turns a time-first
 * spike raster (or membrane trace) back into values, written as float64 (NaN where a decoder has
 * no answer, such as a channel that never fired).
 */
@Command(name = "decode", description = "Decode a time-first spike raster or trace (.npy or .csv) into values (.npy, float64).")
final class DecodeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IN", description = "input raster (steps, ...), .npy or .csv")
    Path in;

    @Option(names = "--decoder", paramLabel = "NAME", description = "decoder (see --list)")
    String decoder;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "decoder parameter, with a unit where it has one: dt=1ms")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "OUT.npy", description = "output file")
    Path out;

    @Option(names = "--list", description = "list the decoders and their parameters")
    boolean list;

    @Override
    public Integer call() {
        var pw = spec.commandLine().getOut();
        if (list) {
            pw.print(CodeCommands.list(Decoders.names(), Decoders::spec));
            pw.flush();
            return 0;
        }
        if (decoder == null || in == null || out == null) {
            throw new UserError("decode: expected --decoder NAME, an input file and --out FILE (see 'spikeforge decode --help', 'spikeforge decode --list')");
        }
        CodeSpec<Decoder> code = Decoders.spec(decoder);
        Decoder d = code.create(CodeCommands.parameters(code, params));
        NdArray input = CodeCommands.read(in);
        NdArray values = d.decode(input);
        CodeCommands.write(out, NpyArray.ofDoubles(values.data(), values.shape()));
        pw.printf("decoded %s %s with %s: values %s -> %s%n", in.getFileName(), Arrays.toString(input.shape()), decoder,
                Arrays.toString(values.shape()), out);
        pw.flush();
        return 0;
    }
}
