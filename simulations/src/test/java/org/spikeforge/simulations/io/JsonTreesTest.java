package org.spikeforge.simulations.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming reader and writer against Jackson's {@link ObjectMapper} with its default settings, the oracle. */
class JsonTreesTest {

    private static final String YAML_DOC = """
            name: cuba
            dt: 0.1 ms
            seed: 1
            big: 12345678901
            huge: 123456789012345678901234567890
            small: -7
            ratio: 0.02
            exp: 1.5e-3
            yes: true
            no: false
            none: null
            empty: ''
            list: [1, 2.5, three, null, {a: 1}]
            nested:
              inner:
                - x: 1
                  y: [true, false]
                - 'quoted: text'
            anchor: &base {tau: 20 ms, v: -60}
            alias: *base
            multi: |
              line one
              line two
            """;

    @Test
    void yamlTreesEqualObjectMappersReadTree() throws Exception {
        YAMLFactory f = new YAMLFactory();
        JsonNode expected = new ObjectMapper(f).readTree(YAML_DOC);
        JsonNode actual = JsonTrees.read(f.createParser(YAML_DOC));
        assertEquals(expected, actual);
        // node types too, not only values: equals compares IntNode and LongNode as different
        assertTrue(actual.get("seed").isInt() && actual.get("big").isLong() && actual.get("huge").isBigInteger());
        assertTrue(actual.get("ratio").isDouble() && actual.get("none").isNull());
    }

    @Test
    void jsonTreesEqualObjectMappersReadTree() throws Exception {
        String json = "{\"a\": [1, -2, 3000000000, 1.25, 1e300, \"s\\u00e9\\n\", true, null, {}, []], \"b\": {\"c\": {\"d\": 0}}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(new ObjectMapper().readTree(bytes), JsonTrees.readJson(bytes));
    }

    @Test
    void anEmptyDocumentIsNoTree() throws Exception {
        assertNull(JsonTrees.read(new YAMLFactory().createParser("")));
        assertNull(JsonTrees.readJson(new byte[0]));
    }

    @Test
    void aDuplicateKeyIsAnErrorWithItsLocationWhenTheParserIsStrict() throws Exception {
        JsonFactory strict = new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JsonTrees.read(strict.createParser("a: 1\nb: 2\na: 3\n")));
        assertTrue(e.getOriginalMessage().contains("Duplicate field 'a'"), e.getOriginalMessage());
        assertEquals(3, e.getLocation().getLineNr());
        // without the feature the last value wins, as with ObjectMapper
        JsonNode lax = JsonTrees.read(new YAMLFactory().createParser("a: 1\nb: 2\na: 3\n"));
        assertEquals(new ObjectMapper(new YAMLFactory()).readTree("a: 1\nb: 2\na: 3\n"), lax);
        assertEquals(3, lax.get("a").asInt());
    }

    @Test
    void malformedJsonFailsWithTheParsersError() {
        assertThrows(JsonProcessingException.class, () -> JsonTrees.readJson("{\"a\": [1, 2}".getBytes(StandardCharsets.UTF_8)));
    }

    enum Colour { RED }

    @Test
    void writtenBytesEqualObjectMappersIndentedOutput() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", "cuba \"quoted\" é\t");
        m.put("seed", 1L);
        m.put("neurons", 4000);
        m.put("rate_hz", 5.582);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("f", 0.1f);
        m.put("short", (short) 3);
        m.put("completed", true);
        m.put("error", null);
        m.put("colour", Colour.RED);
        m.put("doubles", new double[] {1.0, -2.5e-12});
        m.put("ints", new int[] {1, 2});
        m.put("longs", new long[] {1L << 40});
        m.put("floats", new float[] {0.5f});
        m.put("empty_map", Map.of());
        m.put("empty_list", List.of());
        List<Object> list = new ArrayList<>();
        list.add(Map.of("k", 1));
        list.add(List.of("a", 2));
        list.add(null);
        m.put("list", list);
        ObjectNode tree = JsonTrees.object();
        tree.put("x", 1).put("y", 2.5).put("z", "s").putNull("n");
        tree.putArray("arr").add(1).add(12345678901L).add(true).addObject().put("deep", 0.25f);
        m.put("tree", tree);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("populations", Map.of("exc", Map.of("spikes", 17847)));
        m.put("nested", nested);
        ObjectMapper oracle = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] mine = JsonTrees.writePretty(m);
        assertArrayEquals(oracle.writeValueAsBytes(m), mine, () -> new String(mine, StandardCharsets.UTF_8));
        assertArrayEquals(oracle.writeValueAsBytes(tree), JsonTrees.writePretty(tree));
    }

    record Point(double x, String label) {}

    @Test
    void aDocumentWithARecordGoesToAMapper() throws Exception {
        ObjectMapper oracle = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> m = Map.of("p", new Point(1.5, "a"));
        assertArrayEquals(oracle.writeValueAsBytes(m), JsonTrees.writePretty(m));
        ObjectNode tree = JsonTrees.object();
        tree.putArray("a").addPOJO(new Point(2, "b"));
        assertArrayEquals(oracle.writeValueAsBytes(tree), JsonTrees.writePretty(tree));
    }
}
