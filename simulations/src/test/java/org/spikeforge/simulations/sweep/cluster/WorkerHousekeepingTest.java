package org.spikeforge.simulations.sweep.cluster;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker housekeeping. A live worker that runs a point past its job's point timeout (hung, or far slower than asked) loses
 * its claim, so that the point runs again elsewhere; without a timeout, and before it, the claim stays.
 * The cache of job folders and fetched files loses what was not used for the given number of days.
 */
class WorkerHousekeepingTest {
    @TempDir Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void claimsOfALiveWorkerAreReleasedOnlyPastTheirJobsPointTimeout() throws Exception {
        ClusterSecret secret = ClusterSecret.of("timeouts", "a-token-for-this-test-0123456789");
        int port = ClusterSweepTest.freePort();
        try (SweepWorker w = SweepWorker.start(secret, List.of("127.0.0.1:" + port), "127.0.0.1", port, 1, dir.resolve("w"), 10, null)) {
            ClusterMaps maps = new ClusterMaps(w.instance());
            String timed = SweepJob.id("a.yaml", "a", List.of()), untimed = SweepJob.id("b.yaml", "b", List.of());
            maps.jobs.set(timed, secret.seal(timed, new SweepJob(timed, "a.yaml", "a", List.of(), 60_000).toJson()));
            maps.jobs.set(untimed, secret.seal(untimed, new SweepJob(untimed, "b.yaml", "b", List.of(), 0).toJson()));
            long now = System.currentTimeMillis();
            String me = w.uuid() + " test-thread ";
            maps.claims.set(timed + "/old", me + (now - 120_000));   // 2 min on a point of a 1-min job: released
            maps.claims.set(timed + "/young", me + (now - 1_000));   // 1 s: kept
            maps.claims.set(untimed + "/old", me + (now - 3_600_000)); // 1 h, but the job has no timeout: kept

            w.releaseClaimsOfLostMembers();

            assertNull(maps.claims.get(timed + "/old"), "past the timeout: released");
            assertNotNull(maps.claims.get(timed + "/young"), "within the timeout: kept");
            assertNotNull(maps.claims.get(untimed + "/old"), "no timeout: kept");
        }
    }

    @Test
    void pruningTheCacheDeletesOnlyWhatWasNotUsedForTheGivenDays() throws Exception {
        Path work = dir.resolve("cache");
        Path oldJob = java.nio.file.Files.createDirectories(work.resolve("jobs/0123456789abcdef/data"));
        java.nio.file.Files.writeString(oldJob.resolve("x.npy"), "12345");
        Path newJob = java.nio.file.Files.createDirectories(work.resolve("jobs/fedcba9876543210"));
        java.nio.file.Files.writeString(newJob.resolve("sweep.yaml"), "s");
        Path oldBlob = java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(work.resolve("blobs")).resolve("aa"), "1234567");
        Path newBlob = java.nio.file.Files.writeString(work.resolve("blobs/bb"), "1");
        var tenDaysAgo = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10 * 86_400_000L);
        java.nio.file.Files.setLastModifiedTime(work.resolve("jobs/0123456789abcdef"), tenDaysAgo);
        java.nio.file.Files.setLastModifiedTime(oldBlob, tenDaysAgo);

        assertEquals(0, SweepWorker.pruneCache(work, 0, null), "0 days keeps everything");
        assertTrue(java.nio.file.Files.exists(oldBlob));
        long freed = SweepWorker.pruneCache(work, 7, null);
        assertEquals(5 + 7, freed, "the old job's file and the old blob");
        assertFalse(java.nio.file.Files.exists(work.resolve("jobs/0123456789abcdef")));
        assertFalse(java.nio.file.Files.exists(oldBlob));
        assertTrue(java.nio.file.Files.exists(newJob.resolve("sweep.yaml")));
        assertTrue(java.nio.file.Files.exists(newBlob));
    }

    @Test
    void aJobCarriesItsTimeoutThroughJsonAndKeepsItsId() {
        SweepJob j = new SweepJob(SweepJob.id("s.yaml", "x", List.of()), "s.yaml", "x", List.of(), 0);
        SweepJob t = j.withPointTimeout(90_000);
        assertEquals(j.id(), t.id());
        assertTrue(t.consistent());
        assertEquals(90_000, SweepJob.fromJson(t.toJson()).pointTimeoutMs());
        assertThrows(IllegalArgumentException.class, () -> j.withPointTimeout(-1));
    }
}
