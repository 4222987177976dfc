import java.nio.file.Path;
import java.util.*;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.simulations.scenario.*;
import org.spikeforge.synapses.CsrConnectivity;

/**
 * CUBA-100k's spike delivery replicated on one thread, wave by wave (BENCHMARKS.md, "What the eleventh session
 * measured"): the network's own rows, bounds and weights (bench/peers/scenarios/cuba-100k.yaml, seed 1), 46 excitatory
 * and 11 inhibitory random sources a step, a stand-in update streaming 4 MB between steps; 3,000 steps a variant, six
 * alternating rounds, microseconds a step. From the repository root, after the launcher has built the jar:
 * {@code java --add-modules jdk.incubator.vector -cp 'simulations/target/spikeforge-simulations.jar:simulations/target/lib/*'
 * bench/peers/DeliveryReplica.java [VARIANT ...]}. Variants: {@code whole} (one thread's delivery), {@code half0},
 * {@code half1} (a range's part of every row, as each of two threads delivers), suffixes {@code W0} (bounds wave only),
 * {@code W01} (and the rows' lines), {@code NoAdd} (decoded, not added), {@code NoTouch} (no touch waves); {@code src}
 * (a segment of the spike list decoded whole-row into per-range lists, then one range's additions: the two-phase
 * delivery tried and dropped) and {@code srcP1} (its decoding only); {@code merged}, {@code mergedHalf0},
 * {@code mergedHalf1}: whole rows and a range's part with the two projections of each source stored as one row
 * ({@link #buildMerged}; twelfth session).
 */
public class DeliveryReplica {
    static int[][] rowStart = new int[4][], bounds = new int[4][];
    static char[][] gaps = new char[4][];
    static int[][] targets = new int[4][];
    static int[] src = new int[4], tgt = new int[4], rec = new int[4], size = new int[2];
    static double[] w0 = new double[4];
    static double[][][] ring = new double[2][2][]; // pop, receptor: 2 slots x size
    static double[][] state = new double[2][];
    static long sink, T0;

    public static void main(String[] a) {
        Scenario sc = ScenarioLoader.load(Path.of("bench/peers/scenarios/cuba-100k.yaml"), new ScenarioLoader.Overrides(1L, null, "scalar", 1, Map.of()));
        NetworkGraph g = sc.network().graph();
        for (int p = 0; p < 2; p++) {
            size[p] = g.populations().get(p).size();
            for (int r = 0; r < 2; r++) ring[p][r] = new double[2 * size[p]];
            state[p] = new double[3 * size[p]];
        }
        for (int k = 0; k < 4; k++) {
            NetworkGraph.Projection pr = g.projections().get(k);
            CsrConnectivity c = pr.connectivity();
            rowStart[k] = c.rowStart(); gaps[k] = c.gaps(); src[k] = pr.sourceNode(); tgt[k] = pr.target(); rec[k] = pr.receptor(); w0[k] = pr.weights()[0];
            int n = c.sources(), mid = (size[tgt[k]] / 2 + 63) / 64 * 64;
            if (gaps[k] == null) targets[k] = c.targets();
            int st = gaps[k] != null ? 6 : 3;
            int[] b = new int[n * st];
            for (int s = 0; s < n; s++) {
                b[s * st] = rowStart[k][s]; b[s * st + 2] = rowStart[k][s + 1]; b[s * st + 1] = c.lowerBound(s, mid);
                if (st == 6) for (int w = 0; w < 2; w++) b[s * 6 + 3 + w] = c.targetBefore(s, b[s * 6 + w]);
            }
            bounds[k] = b;
            System.out.println("projection " + pr.name() + " src " + src[k] + " tgt " + tgt[k] + " rec " + rec[k] + " w0 " + w0[k] + " synapses " + c.synapses());
        }
        buildMerged(g);
        Random rnd = new Random(1);
        int STEPS = 1000;
        int[][][] spikes = new int[STEPS][2][];
        for (int t = 0; t < STEPS; t++) {
            spikes[t][0] = rnd.ints(46, 0, size[0]).sorted().distinct().toArray();
            spikes[t][1] = rnd.ints(11, 0, size[1]).sorted().distinct().toArray();
        }
        String[] variants = a.length > 0 ? a : new String[]{"whole", "half0", "half1", "wholeNoTouch", "halfNoTouch", "wholeNoAdd", "halfNoAdd"};
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder("round " + round + ":");
            for (String v : variants) {
                long dt = 0; int step = 0;
                for (int t = 0; t < 3000; t++, step++) {
                    int slot = t & 1;
                    update(slot ^ 1);
                    long t0 = System.nanoTime();
                    deliver(v, spikes[t % STEPS], slot);
                    dt += System.nanoTime() - (v.startsWith("src") ? T0 : t0);
                }
                sb.append(String.format(" %s %.1f", v, dt / 1e3 / 3000));
            }
            System.out.println(sb + " (us/step)  sink " + (sink & 1));
        }
    }

    /** A stand-in for the update: streams the state and reads and clears the other slot. */
    static void update(int slot) {
        for (int p = 0; p < 2; p++) {
            double[] s = state[p], re = ring[p][0], ri = ring[p][1];
            int n = size[p], base = slot * n;
            for (int i = 0; i < n; i++) {
                double v = s[3 * i], ie = s[3 * i + 1] * 0.98 + re[base + i], ii = s[3 * i + 2] * 0.99 + ri[base + i];
                re[base + i] = 0; ri[base + i] = 0;
                v = v * 0.995 + 0.001 * (ie + ii);
                s[3 * i] = v; s[3 * i + 1] = ie; s[3 * i + 2] = ii;
            }
        }
    }

    static int[][][] LA = new int[4][2][1 << 16], LB = new int[4][2][1 << 16];
    static int[][] NA = new int[4][2], NB = new int[4][2];

    /** Phase 1 of a source-partitioned delivery: spikes [q0, q1) of each projection, whole rows, decoded into per-range lists. */
    static void phase1(int[][] sp, boolean firstHalf, int[][][] L, int[][] N) {
        long h = 0;
        for (int wave = 0; wave < 3; wave++) {
            for (int k = 0; k < 4; k++) {
                int[] spiking = sp[src[k]];
                int n = spiking.length, q0 = firstHalf ? 0 : n / 2, q1 = firstHalf ? n / 2 : n;
                int[] idx = rowStart[k];
                char[] gp = gaps[k];
                int[] tg = targets[k];
                if (wave == 0) { for (int q = q0; q < q1; q++) h += idx[spiking[q]]; continue; }
                if (wave == 1) {
                    for (int q = q0; q < q1; q++) { int lo = idx[spiking[q]], hi = idx[spiking[q] + 1];
                        if (gp != null) { for (int j = lo; j < hi; j += 32) h += gp[j]; if (lo < hi) h += gp[hi - 1]; }
                        else { for (int j = lo; j < hi; j += 16) h += tg[j]; if (lo < hi) h += tg[hi - 1]; } }
                    continue;
                }
                int mid = (size[tgt[k]] / 2 + 63) / 64 * 64;
                int[] l0 = L[k][0], l1 = L[k][1];
                int n0 = 0, n1 = 0;
                for (int q = q0; q < q1; q++) {
                    int lo = idx[spiking[q]], hi = idx[spiking[q] + 1];
                    if (gp != null) {
                        int t = -1;
                        for (int j = lo; j < hi; j++) { t += gp[j]; if (t < mid) l0[n0++] = t; else l1[n1++] = t; }
                    } else {
                        for (int j = lo; j < hi; j++) { int t = tg[j]; if (t < mid) l0[n0++] = t; else l1[n1++] = t; }
                    }
                }
                N[k][0] = n0; N[k][1] = n1;
            }
        }
        sink += h;
    }

    static void phase2(int w, int slot) {
        for (int k = 0; k < 4; k++) {
            double[] r = ring[tgt[k]][rec[k]];
            int base = slot * size[tgt[k]];
            double ww = w0[k];
            int[] a = LA[k][w]; int na = NA[k][w];
            for (int i = 0; i < na; i++) r[base + a[i]] += ww;
            int[] b = LB[k][w]; int nb = NB[k][w];
            for (int i = 0; i < nb; i++) r[base + b[i]] += ww;
        }
    }

    /**
     * The merged layout of the variants {@code merged*}: per source population, one row per source holding the gaps
     * of its projection onto the excitatory population and then those onto the inhibitory one; {@code midx} the
     * rows' start and the second projection's start, {@code mbounds} a range's part of each projection's row.
     */
    static void buildMerged(NetworkGraph g) {
        for (int P = 0; P < 2; P++) {
            int kA = -1, kB = -1;
            for (int k = 0; k < 4; k++) if (src[k] == P) { if (tgt[k] == 0) kA = k; else kB = k; }
            mA[P] = kA; mB[P] = kB;
            int n = size[P];
            long tot = (long) rowStart[kA][n] + rowStart[kB][n];
            char[] mg = new char[(int) tot];
            for (int k : new int[]{kA, kB}) if (gaps[k] == null) { // gap-code int rows for the merged layout
                char[] gg = new char[targets[k].length];
                for (int s = 0; s < n; s++) { int prev = -1; for (int j = rowStart[k][s]; j < rowStart[k][s + 1]; j++) { gg[j] = (char) (targets[k][j] - prev); prev = targets[k][j]; } }
                gapsM[k] = gg; } else gapsM[k] = gaps[k];
            int[] mi = new int[2 * n + 2];
            int[] mb = new int[n * 10]; // half bounds: per source: startA, splitA, endA(=startB), splitB, endB, entryA0, entryA1, entryB0, entryB1, pad
            int at = 0;
            int midA = (size[0] / 2 + 63) / 64 * 64, midB = (size[1] / 2 + 63) / 64 * 64;
            CsrConnectivity cA = g.projections().get(kA).connectivity(), cB = g.projections().get(kB).connectivity();
            for (int s = 0; s < n; s++) {
                mi[2 * s] = at;
                int a0 = rowStart[kA][s], a1 = rowStart[kA][s + 1];
                int sa = at;
                for (int j = a0; j < a1; j++) mg[at++] = gapsM[kA][j];
                mi[2 * s + 1] = at;
                int sb = at;
                int b0 = rowStart[kB][s], b1 = rowStart[kB][s + 1];
                for (int j = b0; j < b1; j++) mg[at++] = gapsM[kB][j];
                int la = cA.lowerBound(s, midA), lb = cB.lowerBound(s, midB);
                mb[s * 10] = sa; mb[s * 10 + 1] = sa + (la - a0); mb[s * 10 + 2] = sb; mb[s * 10 + 3] = sb + (lb - b0); mb[s * 10 + 4] = at;
                mb[s * 10 + 5] = -1; mb[s * 10 + 6] = cA.targetBefore(s, la); mb[s * 10 + 7] = -1; mb[s * 10 + 8] = cB.targetBefore(s, lb);
            }
            mi[2 * n] = at; mi[2 * n + 1] = at;
            mgaps[P] = mg; midx[P] = mi; mbounds[P] = mb;
        }
    }

    static char[][] gapsM = new char[4][];
    static int[] mA = new int[2], mB = new int[2];
    static char[][] mgaps = new char[2][];
    static int[][] midx = new int[2][], mbounds = new int[2][];

    static void deliverMerged(String v, int[][] sp, int slot) {
        boolean whole = v.equals("merged");
        int w = v.endsWith("1") ? 1 : 0;
        long h = 0;
        for (int wave = 0; wave < 3; wave++) {
            for (int P = 0; P < 2; P++) {
                int[] spiking = sp[P];
                int n = spiking.length;
                char[] gp = mgaps[P];
                if (whole) {
                    int[] idx = midx[P];
                    if (wave == 0) { for (int q = 0; q < n; q++) h += idx[2 * spiking[q]]; continue; }
                    if (wave == 1) { for (int q = 0; q < n; q++) { int lo = idx[2 * spiking[q]], hi = idx[2 * spiking[q] + 2];
                        for (int j = lo; j < hi; j += 32) h += gp[j]; if (lo < hi) h += gp[hi - 1]; } continue; }
                    double[] rA = ring[0][rec[mA[P]]], rB = ring[1][rec[mB[P]]];
                    int baseA = slot * size[0] - 1, baseB = slot * size[1] - 1;
                    double wA = w0[mA[P]], wB = w0[mB[P]];
                    for (int q = 0; q < n; q++) {
                        int s = spiking[q], lo = idx[2 * s], mid = idx[2 * s + 1], hi = idx[2 * s + 2];
                        int t = baseA;
                        for (int j = lo; j < mid; j++) rA[t += gp[j]] += wA;
                        t = baseB;
                        for (int j = mid; j < hi; j++) rB[t += gp[j]] += wB;
                    }
                } else {
                    int[] b = mbounds[P];
                    if (wave == 0) { for (int q = 0; q < n; q++) h += b[10 * spiking[q]]; continue; }
                    if (wave == 1) { for (int q = 0; q < n; q++) { int at = 10 * spiking[q];
                        int lo = b[at + w], hi = b[at + w + 1]; for (int j = lo; j < hi; j += 32) h += gp[j]; if (lo < hi) h += gp[hi - 1];
                        lo = b[at + 2 + w]; hi = b[at + 3 + w]; for (int j = lo; j < hi; j += 32) h += gp[j]; if (lo < hi) h += gp[hi - 1]; } continue; }
                    double[] rA = ring[0][rec[mA[P]]], rB = ring[1][rec[mB[P]]];
                    int baseA = slot * size[0], baseB = slot * size[1];
                    double wA = w0[mA[P]], wB = w0[mB[P]];
                    for (int q = 0; q < n; q++) {
                        int at = 10 * spiking[q];
                        int t = baseA + b[at + 5 + w];
                        for (int j = b[at + w], e = b[at + w + 1]; j < e; j++) rA[t += gp[j]] += wA;
                        t = baseB + b[at + 7 + w];
                        for (int j = b[at + 2 + w], e = b[at + 3 + w]; j < e; j++) rB[t += gp[j]] += wB;
                    }
                }
            }
        }
        sink += h;
    }

    static void deliver(String v, int[][] sp, int slot) {
        if (v.startsWith("merged")) { deliverMerged(v, sp, slot); return; }
        if (v.startsWith("src")) {
            phase1(sp, false, LB, NB); // the other thread's half, untimed in a real run: here it is timed too unless "srcOwn"
            T0 = System.nanoTime();
            phase1(sp, true, LA, NA);
            if (!v.contains("P1")) phase2(0, slot);
            return;
        }
        boolean whole = v.startsWith("whole");
        int w = v.endsWith("1") ? 1 : 0;
        boolean touch = !v.contains("NoTouch"), add = !v.contains("NoAdd");
        int last = v.contains("W01") ? 2 : v.contains("W0") ? 1 : 3;
        long h = 0;
        for (int wave = touch ? 0 : 2; wave < last; wave++) {
            for (int k = 0; k < 4; k++) {
                int[] spiking = sp[src[k]];
                int n = spiking.length;
                int[] idx = whole ? rowStart[k] : bounds[k];
                char[] gp = gaps[k];
                int[] tg = targets[k];
                int stride = whole ? 1 : (gp != null ? 6 : 3), off = whole ? 0 : w, entry = whole ? -1 : 3;
                double[] r = ring[tgt[k]][rec[k]];
                int base = slot * size[tgt[k]];
                if (wave == 0) { for (int q = 0; q < n; q++) h += idx[spiking[q] * stride + off]; continue; }
                if (wave == 1) {
                    for (int q = 0; q < n; q++) { int at = spiking[q] * stride + off, lo = idx[at], hi = idx[at + 1];
                        if (gp != null) { for (int j = lo; j < hi; j += 32) h += gp[j]; if (lo < hi) h += gp[hi - 1]; }
                        else { for (int j = lo; j < hi; j += 16) h += tg[j]; if (lo < hi) h += tg[hi - 1]; } }
                    continue;
                }
                double ww = w0[k];
                if (gp == null) {
                    for (int q = 0; q < n; q++) {
                        int at = spiking[q] * stride + off, lo = idx[at], hi = idx[at + 1];
                        if (add) { for (int j = lo; j < hi; j++) r[base + tg[j]] += ww; }
                        else { for (int j = lo; j < hi; j++) h += tg[j]; }
                    }
                    continue;
                }
                for (int q = 0; q < n; q++) {
                    int at = spiking[q] * stride + off, lo = idx[at], hi = idx[at + 1];
                    int t = base + (entry < 0 ? -1 : idx[at + entry + off]);
                    if (add) { for (int j = lo; j < hi; j++) r[t += gp[j]] += ww; }
                    else { for (int j = lo; j < hi; j++) t += gp[j]; h += t; }
                }
            }
        }
        sink += h;
    }
}
