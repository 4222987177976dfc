package org.spikeforge.encoders.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spikeforge.encoders.NdArray;

/**
 * An n-dimensional array as stored in an NPY file: a {@link NpyDType}, a shape and the raw
 * element bytes in C order (row-major, last index fastest). Scalar arrays convert to and from
 * Java primitive arrays; structured arrays (records of named fields, as event streams are
 * stored) expose each field as a column.
 *
 * <p>Instances are immutable: the factories copy their input and the accessors copy out.
 */
public final class NpyArray {
    private final NpyDType dtype;
    private final int[] shape;
    private final int size;
    private final ByteBuffer data; // read-only view, position 0, limit size * itemSize

    /**
     * @param dtype element type
     * @param shape dimensions (empty for a 0-d scalar)
     * @param data  exactly {@code product(shape) * dtype.itemSize()} bytes, C order
     */
    public NpyArray(NpyDType dtype, int[] shape, ByteBuffer data) {
        this(dtype, shape, copyOf(data), true);
    }

    /** Takes ownership of {@code data} without copying (for readers and factories that built it). */
    NpyArray(NpyDType dtype, int[] shape, ByteBuffer data, boolean owned) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = sizeOf(this.shape);
        long bytes = (long) size * dtype.itemSize();
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException("NPY data holds " + data.remaining() + " bytes, shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
        }
        this.data = data.slice().asReadOnlyBuffer();
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    static int sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " is too large (over 2^31 elements)");
        }
        return (int) n;
    }

    // ---------------------------------------------------------------- factories

    public static NpyArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 4, shape);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDType.FLOAT32, shape, b, true);
    }

    public static NpyArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 8, shape);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDType.FLOAT64, shape, b, true);
    }

    public static NpyArray ofInts(int[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 4, shape);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyDType.INT32, shape, b, true);
    }

    public static NpyArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 8, shape);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyDType.INT64, shape, b, true);
    }

    /** An unsigned 8-bit array; each value must be in [0, 255]. */
    public static NpyArray ofUint8(int[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 1, shape);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 255) throw new IllegalArgumentException("uint8 value " + values[i] + " at index " + i + " is outside [0, 255]");
            b.put(i, (byte) values[i]);
        }
        return new NpyArray(NpyDType.UINT8, shape, b, true);
    }

    public static NpyArray ofBooleans(boolean[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 1, shape);
        for (int i = 0; i < values.length; i++) b.put(i, (byte) (values[i] ? 1 : 0));
        return new NpyArray(NpyDType.BOOL, shape, b, true);
    }

    /**
     * An array of scalar type {@code dtype} holding {@code values}, each converted as NumPy's
     * {@code astype} would for in-range values. Integer and boolean targets reject values that are
     * not whole numbers in range, rather than wrap them silently.
     */
    public static NpyArray of(NpyDType dtype, double[] values, int... shape) {
        if (dtype.isStructured()) throw new IllegalArgumentException("use structured(...) for a structured dtype");
        ByteBuffer b = allocate(values.length, dtype.itemSize(), shape).order(dtype.order());
        for (int i = 0; i < values.length; i++) put(b, i * dtype.itemSize(), dtype, values[i], "value at index " + i);
        return new NpyArray(dtype, shape, b, true);
    }

    /** {@code a} stored as {@code dtype}, same shape. */
    public static NpyArray of(NdArray a, NpyDType dtype) {
        return of(dtype, a.data(), a.shape());
    }

    /**
     * A 1-d structured array with one record per row: field {@code names[f]} of type
     * {@code types[f]} holds {@code columns[f][row]}.
     */
    public static NpyArray structured(List<String> names, List<NpyDType> types, List<double[]> columns) {
        NpyDType dt = NpyDType.structured(names, types);
        if (columns.size() != names.size()) throw new IllegalArgumentException("one column per field is needed");
        int n = columns.isEmpty() ? 0 : columns.get(0).length;
        for (int f = 0; f < columns.size(); f++) {
            if (columns.get(f).length != n) {
                throw new IllegalArgumentException("field '" + names.get(f) + "' has " + columns.get(f).length + " values, expected " + n);
            }
        }
        ByteBuffer b = allocate(n, dt.itemSize(), new int[] {n});
        for (int f = 0; f < columns.size(); f++) {
            NpyDType.Field field = dt.fields().get(f);
            ByteBuffer ob = b.duplicate().order(field.type().order());
            double[] col = columns.get(f);
            for (int r = 0; r < n; r++) {
                put(ob, r * dt.itemSize() + field.offset(), field.type(), col[r], "field '" + field.name() + "' row " + r);
            }
        }
        return new NpyArray(dt, new int[] {n}, b, true);
    }

    private static ByteBuffer allocate(int n, int itemSize, int[] shape) {
        int expected = sizeOf(shape);
        if (expected != n) throw new IllegalArgumentException(n + " values do not fill shape " + Arrays.toString(shape) + " (" + expected + " elements)");
        return ByteBuffer.allocate(n * itemSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put(ByteBuffer b, int at, NpyDType t, double v, String what) {
        switch (t.kind()) {
            case 'f' -> {
                switch (t.itemSize()) {
                    case 2 -> b.putShort(at, Float.floatToFloat16((float) v));
                    case 4 -> b.putFloat(at, (float) v);
                    default -> b.putDouble(at, v);
                }
            }
            case 'b' -> {
                if (v != 0 && v != 1) throw new IllegalArgumentException(what + " = " + v + " is not a boolean (0 or 1)");
                b.put(at, (byte) v);
            }
            case 'i', 'u' -> {
                if (v != Math.rint(v)) throw new IllegalArgumentException(what + " = " + v + " is not a whole number for dtype " + t);
                double lo = t.kind() == 'u' ? 0 : -Math.pow(2, 8 * t.itemSize() - 1);
                double hi = t.kind() == 'u' ? Math.pow(2, 8 * t.itemSize()) - 1 : Math.pow(2, 8 * t.itemSize() - 1) - 1;
                if (v < lo || v > hi) throw new IllegalArgumentException(what + " = " + v + " is outside the range of dtype " + t);
                // uint64 above 2^63: store the two's-complement bit pattern
                long l = v >= 0x1p63 ? (long) (v - 0x1p63) ^ Long.MIN_VALUE : (long) v;
                switch (t.itemSize()) {
                    case 1 -> b.put(at, (byte) l);
                    case 2 -> b.putShort(at, (short) l);
                    case 4 -> b.putInt(at, (int) l);
                    default -> b.putLong(at, l);
                }
            }
            default -> throw new IllegalArgumentException("cannot store numbers in dtype " + t);
        }
    }

    // ---------------------------------------------------------------- accessors

    public NpyDType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Length of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (records for a structured array). */
    public int size() {
        return size;
    }

    /** A read-only view of the raw element bytes, C order, in the dtype's byte order. */
    public ByteBuffer rawData() {
        return data.duplicate().order(dtype.order());
    }

    /** Element {@code index} (flat, C order) of a scalar array, as a double. */
    public double getDouble(int index) {
        requireScalar();
        return read(rawData(), index * dtype.itemSize(), dtype);
    }

    public double[] toDoubles() {
        requireScalar();
        double[] out = new double[size];
        if (dtype.kind() == 'f' && dtype.itemSize() == 8) {
            rawData().asDoubleBuffer().get(out);
        } else {
            ByteBuffer o = rawData();
            for (int i = 0; i < size; i++) out[i] = read(o, i * dtype.itemSize(), dtype);
        }
        return out;
    }

    public float[] toFloats() {
        requireScalar();
        float[] out = new float[size];
        if (dtype.kind() == 'f' && dtype.itemSize() == 4) {
            rawData().asFloatBuffer().get(out);
        } else {
            ByteBuffer o = rawData();
            for (int i = 0; i < size; i++) out[i] = (float) read(o, i * dtype.itemSize(), dtype);
        }
        return out;
    }

    /** The elements as longs; float arrays must hold whole numbers. uint64 above 2^63 is rejected. */
    public long[] toLongs() {
        requireScalar();
        long[] out = new long[size];
        ByteBuffer o = rawData();
        for (int i = 0; i < size; i++) out[i] = readLong(o, i * dtype.itemSize(), dtype, "element " + i);
        return out;
    }

    /** The elements as ints; each must be a whole number within the int range. */
    public int[] toInts() {
        long[] l = toLongs();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != (int) l[i]) throw new IllegalArgumentException("element " + i + " = " + l[i] + " does not fit in an int");
            out[i] = (int) l[i];
        }
        return out;
    }

    /** The elements as booleans (non-zero is true). */
    public boolean[] toBooleans() {
        double[] d = toDoubles();
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) out[i] = d[i] != 0;
        return out;
    }

    /** This scalar array as a numeric {@link NdArray} of the same shape. */
    public NdArray toNdArray() {
        return new NdArray(toDoubles(), shape);
    }

    /** Names of the fields of a structured array, padding excluded. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (NpyDType.Field f : dtype.fields()) if (f.type().kind() != 'V') names.add(f.name());
        return names;
    }

    public boolean hasField(String name) {
        NpyDType.Field f = dtype.field(name);
        return f != null && f.type().kind() != 'V';
    }

    /** Column {@code name} of a structured array, one value per record. */
    public double[] fieldDoubles(String name) {
        NpyDType.Field f = requireField(name);
        double[] out = new double[size];
        ByteBuffer o = data.duplicate().order(f.type().order());
        for (int r = 0; r < size; r++) out[r] = read(o, r * dtype.itemSize() + f.offset(), f.type());
        return out;
    }

    /** Column {@code name} of a structured array as longs (float fields must hold whole numbers). */
    public long[] fieldLongs(String name) {
        NpyDType.Field f = requireField(name);
        long[] out = new long[size];
        ByteBuffer o = data.duplicate().order(f.type().order());
        for (int r = 0; r < size; r++) out[r] = readLong(o, r * dtype.itemSize() + f.offset(), f.type(), "field '" + name + "' row " + r);
        return out;
    }

    private NpyDType.Field requireField(String name) {
        if (!dtype.isStructured()) throw new IllegalArgumentException("array of dtype " + dtype + " has no fields (not a structured array)");
        NpyDType.Field f = dtype.field(name);
        if (f == null || f.type().kind() == 'V') throw new IllegalArgumentException("structured array has no field '" + name + "'; fields: " + fieldNames());
        return f;
    }

    private void requireScalar() {
        if (dtype.isStructured()) {
            throw new IllegalArgumentException("structured array (fields " + fieldNames() + ") has no scalar values; read a field instead");
        }
        if (dtype.kind() == 'V') throw new IllegalArgumentException("void dtype " + dtype + " holds no numbers");
    }

    /** Reads one value at byte {@code at} of {@code o}, which must already be in {@code t}'s byte order. */
    private static double read(ByteBuffer o, int at, NpyDType t) {
        return switch (t.kind()) {
            case 'f' -> switch (t.itemSize()) {
                case 2 -> Float.float16ToFloat(o.getShort(at));
                case 4 -> o.getFloat(at);
                default -> o.getDouble(at);
            };
            case 'b' -> o.get(at) != 0 ? 1 : 0;
            case 'i' -> switch (t.itemSize()) {
                case 1 -> o.get(at);
                case 2 -> o.getShort(at);
                case 4 -> o.getInt(at);
                default -> o.getLong(at);
            };
            case 'u' -> switch (t.itemSize()) {
                case 1 -> Byte.toUnsignedInt(o.get(at));
                case 2 -> Short.toUnsignedInt(o.getShort(at));
                case 4 -> Integer.toUnsignedLong(o.getInt(at));
                default -> {
                    long l = o.getLong(at);
                    yield l >= 0 ? l : (double) (l >>> 1) * 2.0 + (l & 1);
                }
            };
            default -> throw new IllegalArgumentException("dtype " + t + " holds no numbers");
        };
    }

    private static long readLong(ByteBuffer b, int at, NpyDType t, String what) {
        if (t.kind() == 'f') {
            double v = read(b, at, t);
            if (v != Math.rint(v) || Math.abs(v) > 0x1p63) throw new IllegalArgumentException(what + " = " + v + " is not a whole number");
            return (long) v;
        }
        if (t.kind() == 'u' && t.itemSize() == 8) {
            long l = b.getLong(at);
            if (l < 0) throw new IllegalArgumentException(what + " = " + Long.toUnsignedString(l) + " does not fit in a signed 64-bit integer");
            return l;
        }
        return (long) read(b, at, t);
    }

    @Override
    public String toString() {
        return "NpyArray(" + dtype + ", shape " + Arrays.toString(shape) + ")";
    }
}
