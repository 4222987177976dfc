package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spikeforge run --backend memristor}: summary.json gets a cost block, the run prints it. */
class CostSummaryCliTest {
    @TempDir Path dir;

    private static final String SCENARIO = """
            dt: 0.1 ms
            duration: 50 ms
            seed: 3
            populations:
              exc:
                size: 20
                model: lif
                params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}
                initial: {v: "uniform(-65 mV, -50 mV)"}
            inputs:
              noise: {type: poisson, size: 50, rate: 200 Hz}
            projections:
              in: {source: noise, target: exc, connect: {rule: fixed_probability, p: 0.3}, weight: 3 mV, delay: 1 ms}
            """;

    private String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void memristorRunWritesAndPrintsItsCost() throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SCENARIO);
        String printed = run("run", f.toString(), "--out", dir.resolve("m").toString(), "--backend", "memristor", "--no-record",
                "--backend-option", "memristor.tile_size=32");
        run("run", f.toString(), "--out", dir.resolve("s").toString(), "--no-record");
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(dir.resolve("m/summary.json").toFile()), s = json.readTree(dir.resolve("s/summary.json").toFile());
        assertEquals(s.get("spikes").asLong(), m.get("spikes").asLong(), "the ideal crossbar spikes as the scalar backend");
        JsonNode cost = m.get("cost");
        assertEquals("memristor", cost.get("backend").asText());
        double sum = 0;
        for (JsonNode part : cost.get("breakdown")) sum += part.get("energy_j").asDouble();
        assertEquals(cost.get("energy_j").asDouble(), sum, 1e-12 * sum);
        assertTrue(cost.get("energy_j").asDouble() > 0);
        assertEquals(m.get("counts").get("adc_conversions").asLong(), cost.get("counts").get("adc_conversions").asLong());
        // 50 inputs on 32-row tiles: 2 row blocks; 20 targets on tiles of 16 differential pairs: 2 column blocks
        assertEquals(4, m.get("hardware").get("tiles").asInt());
        assertTrue(printed.contains("cost ") && printed.contains("crossbar_array"), printed);
        assertFalse(s.has("cost"), "the scalar backend has no cost model");
    }
}
