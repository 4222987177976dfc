package org.spikeforge.simulations.nir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;
import org.spikeforge.encoders.io.NpyDType;

/**
 * NumPy {@code .npy}/{@code .npz} input and output for NIR runs, as a thin adapter over the
 * project's one NPY implementation, {@link Npy}: arrays come back as doubles in C order, and
 * problems raise {@link NirFormatException} (exit code 2 in the CLI) with {@link Npy}'s one-line
 * message naming the file.
 *
 * <p>What {@link Npy} reads: format versions 1.0, 2.0 and 3.0, C or Fortran order (Fortran data
 * is reordered to C order), floats, signed and unsigned integers and booleans in either byte
 * order, stored or deflated {@code .npz} archives. {@link #writeFloat32} writes little-endian
 * {@code <f4}, atomically.
 */
public final class NirNpy {

    private NirNpy() {}

    /** An array read from a {@code .npy} file: NumPy element type ({@code descr}), shape and values in C order. */
    public record Array(String descr, int[] shape, double[] data) {
        public Array {
            shape = shape.clone();
            if (NirTensor.product(shape) != data.length) {
                throw new NirFormatException("array shape " + Arrays.toString(shape) + " does not match " + data.length + " values");
            }
        }

        @Override public int[] shape() { return shape.clone(); }

        public int size() { return data.length; }
    }

    /** Reads a {@code .npy} file. */
    public static Array read(Path file) {
        try {
            return of(Npy.read(file), file.toString());
        } catch (IllegalArgumentException e) {
            throw new NirFormatException(e.getMessage(), e);
        } catch (IOException e) {
            throw new NirFormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads every array of a {@code .npz} archive, keyed by name without the {@code .npy} suffix. */
    public static Map<String, Array> readNpz(Path file) {
        try {
            Map<String, Array> out = new LinkedHashMap<>();
            for (Map.Entry<String, NpyArray> e : Npy.readNpz(file).entrySet()) {
                out.put(e.getKey(), of(e.getValue(), file + "[" + e.getKey() + "]"));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new NirFormatException(e.getMessage(), e);
        } catch (IOException e) {
            throw new NirFormatException(file + ": not a readable .npz archive (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the bytes of a {@code .npy} file; {@code name} is used in messages. */
    public static Array parse(byte[] bytes, String name) {
        try {
            return of(Npy.read(new ByteArrayInputStream(bytes), name), name);
        } catch (IllegalArgumentException e) {
            throw new NirFormatException(e.getMessage(), e);
        } catch (IOException e) {
            throw new NirFormatException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code data} (C order) as a little-endian float32 {@code .npy} file, atomically. */
    public static void writeFloat32(Path file, int[] shape, float[] data) {
        if (NirTensor.product(shape) != data.length) {
            throw new NirFormatException(file + ": shape " + Arrays.toString(shape) + " does not match " + data.length + " values");
        }
        try {
            Npy.write(file, NpyArray.ofFloats(data, shape));
        } catch (IOException e) {
            throw new NirFormatException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static Array of(NpyArray a, String name) {
        NpyDType t = a.dtype();
        if (t.isStructured()) {
            throw new NirFormatException(name + ": a structured array (fields " + a.fieldNames() + ") is not a numeric array");
        }
        return new Array(t.descr().replace("'", ""), a.shape(), a.toDoubles());
    }
}
