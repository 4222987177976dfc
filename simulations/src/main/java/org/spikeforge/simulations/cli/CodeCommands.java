package org.spikeforge.simulations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikeforge.encoders.CodeSpec;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.simulations.io.SignalFiles;
import org.spikeforge.simulations.scenario.CodeParameters;

/** What {@code spikeforge encode} and {@code spikeforge decode} share: parameters, input, output. */
final class CodeCommands {
    private CodeCommands() {}

    /** {@code --param k=v} values converted to the code's engine units (quantities carry units: {@code dt=0.5ms}). */
    static Map<String, Object> parameters(CodeSpec<?> spec, Map<String, String> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            var p = CodeParameters.parameter(spec, e.getKey());
            try {
                out.put(e.getKey(), CodeParameters.convert(p, e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new UserError("--param " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage() + " (" + p.describe() + ")");
            }
        }
        return out;
    }

    /** The input array: an .npy file or a .csv table (rows, columns). */
    static NdArray read(Path in) {
        return SignalFiles.read(in).data();
    }

    static void write(Path out, NpyArray a) {
        try {
            Npy.write(out, a);
        } catch (IOException e) {
            throw new UserError(out + ": cannot write (" + e.getMessage() + ")");
        }
    }

    static String list(Iterable<String> names, java.util.function.Function<String, CodeSpec<?>> spec) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) sb.append(spec.apply(n).help()).append('\n');
        return sb.toString();
    }
}
