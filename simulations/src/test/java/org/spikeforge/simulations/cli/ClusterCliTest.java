package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spikeforge worker} and {@code spikeforge sweep --cluster}: bad input is refused before anything listens or connects. */
class ClusterCliTest {
    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path sweep() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), "dt: 0.1 ms\nduration: 1 ms\npopulations:\n  a: {size: 1, model: lif}\n");
        return Files.writeString(dir.resolve("sweep.yaml"), "scenario: s.yaml\nparameters:\n  seed: [1, 2]\nmetrics: [rate_error]\n");
    }

    private static void oneLine(Result r, String... parts) {
        assertEquals(2, r.code(), r.out() + r.err());
        String msg = r.err().strip();
        assertEquals(1, msg.lines().count(), msg);
        for (String p : parts) assertTrue(msg.contains(p), "contains '" + p + "': " + msg);
    }

    @Test
    void workerWithoutAReadableTokenExitsWithCodeTwo() throws IOException {
        oneLine(cli("worker", "--token-file", dir.resolve("missing").toString()), "--token-file", "file not found");
        Path shortToken = Files.writeString(dir.resolve("token"), "abc\n");
        oneLine(cli("worker", "--token-file", shortToken.toString()), "at least 16 characters");
        oneLine(cli("worker", "--threads", "0"), "--threads", ">= 1");
    }

    @Test
    void sweepOnAClusterNeedsTheSecretAndLeavesThreadsToTheWorkers() throws IOException {
        Path s = sweep();
        oneLine(cli("sweep", s.toString(), "--cluster", "127.0.0.1:5701", "--token-file", dir.resolve("missing").toString()), "file not found");
        oneLine(cli("sweep", s.toString(), "--cluster", "127.0.0.1:5701", "--threads", "2"), "--threads", "spikeforge worker --threads");
        oneLine(cli("sweep", s.toString(), "--point-timeout", "10min"), "--point-timeout", "only with --cluster");
        oneLine(cli("sweep", s.toString(), "--cluster", "127.0.0.1:5701", "--point-timeout", "ten"), "--point-timeout", "'ten'", "time with unit");
        oneLine(cli("sweep", s.toString(), "--cluster", "127.0.0.1:notaport", "--token-file", Files.writeString(dir.resolve("t"), "0123456789abcdef").toString()),
                "127.0.0.1:notaport", "host:port");
        assertTrue(!Files.exists(dir.resolve("out")), "nothing ran");
    }
}
