package org.spikeforge.simulations.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * JSON and YAML trees read and written with Jackson's streaming API, without an {@link ObjectMapper}: building
 * the first mapper of a JVM takes 60–75 ms (its configuration and type machinery), which every
 * {@code spikeforge run} paid before its scenario was read (BENCHMARKS.md, "What the fifth session changed and
 * tried"). The trees are Jackson's own {@link JsonNode}s, built as {@link ObjectMapper#readTree} builds them
 * with its default settings, and written as {@link SerializationFeature#INDENT_OUTPUT} writes them, byte for
 * byte ({@code JsonTreesTest}).
 */
public final class JsonTrees {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * The document {@code p} holds, as a tree ({@code null} if it holds none): what {@link ObjectMapper#readTree}
     * returns. Parse errors are the parser's {@link com.fasterxml.jackson.core.JsonProcessingException}s, with
     * their locations.
     */
    public static JsonNode read(JsonParser p) throws IOException {
        try (p) {
            JsonToken t = p.nextToken();
            return t == null ? null : value(p, t);
        }
    }

    /** {@link #read(JsonParser)} of JSON bytes. */
    public static JsonNode readJson(byte[] json) throws IOException {
        return read(JSON.createParser(json));
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) a.add(value(p, e));
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (p.getNumberTypeFP()) {
                    case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
                    case FLOAT32 -> NODES.numberNode(p.getFloatValue());
                    default -> NODES.numberNode(p.getDoubleValue());
                };
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                Object o = p.getEmbeddedObject();
                return o == null ? NODES.nullNode() : o instanceof byte[] b ? NODES.binaryNode(b) : NODES.pojoNode(o);
            }
            default -> throw new IllegalStateException("unexpected token " + t + " at " + p.currentLocation());
        }
    }

    /**
     * {@code value} as indented JSON, as {@code new ObjectMapper().enable(INDENT_OUTPUT).writeValueAsBytes(value)}
     * writes it. Maps, collections, arrays of primitives, JSON trees, strings, numbers, booleans, enums and
     * {@code null} are written here; a document holding anything else (a record, a bean) goes to a mapper.
     */
    public static byte[] writePretty(Object value) throws IOException {
        if (!plain(value)) return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, value);
        }
        return out.toByteArray();
    }

    private static boolean plain(Object v) {
        if (v instanceof JsonNode n) return plainNode(n);
        if (v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>
                || v instanceof double[] || v instanceof float[] || v instanceof long[] || v instanceof int[]) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) if (!(e.getKey() instanceof String) || !plain(e.getValue())) return false;
            return true;
        }
        if (v instanceof Collection<?> c) {
            for (Object e : c) if (!plain(e)) return false;
            return true;
        }
        if (v instanceof Object[] a) {
            for (Object e : a) if (!plain(e)) return false;
            return true;
        }
        return false;
    }

    private static boolean plainNode(JsonNode n) {
        if (n.isPojo()) return false;
        for (JsonNode child : n) if (!plainNode(child)) return false;
        return true;
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case JsonNode n -> writeNode(g, n);
            case CharSequence s -> g.writeString(s.toString());
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case java.math.BigInteger b -> g.writeNumber(b);
            case java.math.BigDecimal b -> g.writeNumber(b);
            case Number n -> g.writeNumber(n.toString());
            case Enum<?> e -> g.writeString(e.name());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object e : c) write(g, e);
                g.writeEndArray();
            }
            case Object[] a -> {
                g.writeStartArray();
                for (Object e : a) write(g, e);
                g.writeEndArray();
            }
            case double[] a -> g.writeArray(a, 0, a.length);
            case long[] a -> g.writeArray(a, 0, a.length);
            case int[] a -> g.writeArray(a, 0, a.length);
            case float[] a -> {
                g.writeStartArray();
                for (float x : a) g.writeNumber(x);
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("not a plain JSON value: " + v.getClass().getName());
        }
    }

    private static void writeNode(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    writeNode(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode e : n) writeNode(g, e);
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case BINARY -> g.writeBinary(n.binaryValue());
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
                }
            }
            default -> throw new IllegalArgumentException("not a plain JSON node: " + n.getNodeType());
        }
    }
}
