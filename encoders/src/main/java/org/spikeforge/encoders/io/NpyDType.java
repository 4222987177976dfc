package org.spikeforge.encoders.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A NumPy data type as written in an NPY header: a scalar ({@code '<f4'}, {@code '|b1'}, ...) or a
 * structured record of named fields ({@code [('t', '<i8'), ('x', '<i2'), ...]}).
 *
 * <p>Scalar kinds: {@code 'f'} float (2, 4 or 8 bytes), {@code 'i'} signed integer (1, 2, 4, 8),
 * {@code 'u'} unsigned integer (1, 2, 4, 8), {@code 'b'} boolean (1), {@code 'V'} void padding
 * (any size, only inside structured types). Structured types have kind {@code 'S'} here (our
 * label, not NumPy's) and their {@link #fields()}.
 *
 * @param kind     type letter as above
 * @param itemSize bytes per element
 * @param order    byte order of multi-byte values
 * @param fields   the fields of a structured type, in memory order; empty for a scalar type
 */
public record NpyDType(char kind, int itemSize, ByteOrder order, List<Field> fields) {

    /** A named field of a structured type at byte {@code offset} of each record. */
    public record Field(String name, NpyDType type, int offset) {}

    public static final NpyDType FLOAT32 = scalar('f', 4);
    public static final NpyDType FLOAT64 = scalar('f', 8);
    public static final NpyDType INT8 = scalar('i', 1);
    public static final NpyDType INT16 = scalar('i', 2);
    public static final NpyDType INT32 = scalar('i', 4);
    public static final NpyDType INT64 = scalar('i', 8);
    public static final NpyDType UINT8 = scalar('u', 1);
    public static final NpyDType BOOL = scalar('b', 1);

    public NpyDType {
        fields = List.copyOf(fields);
        if (kind == 'S') {
            if (fields.isEmpty()) throw new IllegalArgumentException("structured dtype needs at least one field");
        } else {
            boolean ok = switch (kind) {
                case 'f' -> itemSize == 2 || itemSize == 4 || itemSize == 8;
                case 'i', 'u' -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
                case 'b' -> itemSize == 1;
                case 'V' -> itemSize >= 0;
                default -> false;
            };
            if (!ok) throw new IllegalArgumentException("unsupported NPY dtype: kind '" + kind + "' with " + itemSize + " bytes");
        }
    }

    /** A little-endian scalar type. */
    public static NpyDType scalar(char kind, int itemSize) {
        return new NpyDType(kind, itemSize, ByteOrder.LITTLE_ENDIAN, List.of());
    }

    /** A packed structured type of the given fields, little-endian, laid out in order. */
    public static NpyDType structured(List<String> names, List<NpyDType> types) {
        if (names.size() != types.size()) throw new IllegalArgumentException("one type per field name is needed");
        List<Field> f = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            NpyDType t = types.get(i);
            if (t.isStructured()) throw new IllegalArgumentException("nested structured fields are not supported");
            f.add(new Field(names.get(i), t, offset));
            offset += t.itemSize();
        }
        return new NpyDType('S', offset, ByteOrder.LITTLE_ENDIAN, f);
    }

    public boolean isStructured() {
        return kind == 'S';
    }

    /** The field called {@code name}, or null. */
    public Field field(String name) {
        for (Field f : fields) if (f.name().equals(name)) return f;
        return null;
    }

    /**
     * Parses a scalar descriptor such as {@code '<f4'}, {@code '|u1'} or {@code '>i8'}. The
     * order character {@code '='} means native order, which NumPy writers resolve to {@code '<'}
     * on every platform we read from.
     */
    public static NpyDType parse(String descr) {
        if (descr.length() < 3) throw new IllegalArgumentException("bad NPY dtype descriptor '" + descr + "'");
        char o = descr.charAt(0);
        ByteOrder order = switch (o) {
            case '<', '|', '=' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException("bad byte order '" + o + "' in NPY dtype '" + descr
                    + "' (expected '<', '>', '|' or '=')");
        };
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad item size in NPY dtype '" + descr + "'");
        }
        if ("fiubV".indexOf(kind) < 0) {
            throw new IllegalArgumentException("unsupported NPY dtype '" + descr
                    + "' (supported: float f2/f4/f8, int i1-i8, uint u1-u8, bool b1)");
        }
        return new NpyDType(kind, size, order, List.of());
    }

    /** The NPY header form: {@code '<f4'} or a list of {@code ('name', '<f4')} tuples. */
    public String descr() {
        if (!isStructured()) return "'" + scalarDescr() + "'";
        StringBuilder sb = new StringBuilder("[");
        int offset = 0;
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.offset() > offset) sb.append("('', '|V").append(f.offset() - offset).append("'), ");
            sb.append("('").append(f.name()).append("', '").append(f.type().scalarDescr()).append("')");
            offset = f.offset() + f.type().itemSize();
            if (i < fields.size() - 1) sb.append(", ");
        }
        if (itemSize > offset) sb.append(", ('', '|V").append(itemSize - offset).append("')");
        return sb.append("]").toString();
    }

    private String scalarDescr() {
        char o = itemSize == 1 || kind == 'V' ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + o + kind + itemSize;
    }

    @Override
    public String toString() {
        return descr();
    }
}
