package org.spikeforge.simulations.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.simulations.sweep.Sweep;
import org.spikeforge.simulations.sweep.SweepSpec;

/**
 * The cluster secret, enforced: without the token a member does not join, a client does not
 * connect, and a client that learnt the cluster name from the wire gets nothing run.
 */
class ClusterSecurityTest {
    @TempDir Path dir;

    static final String SCENARIO = """
            dt: 0.1 ms
            duration: 20 ms
            seed: 3
            populations:
              exc: {size: 10, model: lif, params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -65 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}}
            inputs:
              noise: {type: poisson, size: 20, rate: 200 Hz}
            projections:
              in: {source: noise, target: exc, connect: {rule: all_to_all}, weight: 2 mV, delay: 1 ms}
            """;

    SweepSpec sweep() throws Exception {
        Files.writeString(dir.resolve("tiny.yaml"), SCENARIO);
        return SweepSpec.load(Files.writeString(dir.resolve("sweep.yaml"), """
                scenario: tiny.yaml
                parameters:
                  seed: [1, 2]
                metrics: [rate_error]
                """));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withoutTheTokenNoMemberJoinsNoClientConnectsAndNoForgedTaskRuns() throws Exception {
        SweepSpec spec = sweep();
        ClusterSecret secret = ClusterSecret.of("lab", "the-right-token-0123456789");
        int p = ClusterSweepTest.freePort(), q = ClusterSweepTest.freePort();
        List<String> both = List.of("127.0.0.1:" + p, "127.0.0.1:" + q);
        try (SweepWorker worker = SweepWorker.start(secret, both, "127.0.0.1", p, 1, dir.resolve("w"), 10, null)) {
            assertEquals("127.0.0.1:" + p, worker.address(), "listens on loopback, at the port asked for");

            // a member with another token asks to join: Hazelcast refuses it (the cluster names differ)
            ClusterSecret other = ClusterSecret.of("lab", "a-wrong-token-0123456789");
            try (SweepWorker intruder = SweepWorker.start(other, both, "127.0.0.1", q, 1, dir.resolve("x"), 10, null)) {
                assertEquals(1, intruder.members(), "the intruder stays alone");
                assertEquals(1, worker.members(), "the cluster did not admit it");
            }

            // a client with another token is refused at authentication
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HazelcastPointExecutor.connect(other, List.of("127.0.0.1:" + p), 3_000));
            assertTrue(e.getMessage().contains("secret"), e.getMessage());

            // a client that sniffed the derived cluster name connects, but its tasks are not sealed
            // with the token: the worker refuses them and runs nothing
            var spy = HazelcastClient.newHazelcastClient(ClusterConfigs.client(secret, List.of("127.0.0.1:" + p), 10_000));
            try (var forger = new HazelcastPointExecutor(spy, other, true, SweepJob.DEFAULT_MAX_TRAVEL_BYTES)) {
                Sweep.Outcome o = Sweep.run(spec, dir.resolve("forged"), forger, Sweep.Progress.NONE);
                assertEquals(2, o.failed());
                assertEquals(0, o.ran());
                String log = Files.readString(dir.resolve("forged/failures.log"));
                assertTrue(log.contains("refused by worker") && log.contains("not sealed with this cluster's secret"), log);
            }
            assertEquals(0, worker.pointsRun(), "nothing forged ran");

            // the same worker runs the same sweep for the holder of the token
            try (var honest = HazelcastPointExecutor.connect(secret, List.of("127.0.0.1:" + p), 10_000)) {
                Sweep.Outcome o = Sweep.run(spec, dir.resolve("honest"), honest, Sweep.Progress.NONE);
                assertEquals(2, o.ran());
                assertEquals(0, o.failed());
            }
            assertEquals(2, worker.pointsRun());
        }
    }
}
