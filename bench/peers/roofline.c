/* Machine ceilings for the roofline estimate in BENCHMARKS.md, one core.
 *
 * Times are the thread's CPU time, so that a machine shared with other work still gives the ceilings of
 *   one core while it runs (cache and memory contention from other processes remain).
 *
 *   triad  a[i] = b[i] + s*c[i] over working sets from L1 to DRAM: GB/s counted as 24 bytes per
 *          element (two reads and one write of doubles; write-allocate traffic not counted)
 *   fma    peak double and float FMA throughput with 8-lane/16-lane vectors and 8 independent chains
 *   scatter a[idx[k]] += w with random idx into a working set: ns per update, the cost of one synaptic
 *          event into a state array of that size
 *   triad on 1 and 2 threads over the same 9 MiB in all (each thread its half; wall time): what a
 *          bandwidth-bound step the size of CUBA-100k's (88 bytes a neuron × 100,000 in double) can gain
 *          from a second core on this machine
 *   pingpong one flag handed back and forth between two threads on the first two CPUs this process may
 *          use (wall time, best of five rounds): the round trip of a cache line between two cores, the
 *          price of every word that two threads of a parallel step both write
 *
 * Build: gcc -O3 -march=native -pthread -o roofline roofline.c    Output: one "key value" per line.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double triad(size_t bytes) {
    size_t n = bytes / 24;
    double *a = aligned_alloc(64, n * 8 + 64), *b = aligned_alloc(64, n * 8 + 64), *c = aligned_alloc(64, n * 8 + 64);
    for (size_t i = 0; i < n; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
    double best = 1e30, s = 1.000001;
    size_t reps = (size_t)(2e9 / bytes) + 1;
    for (int trial = 0; trial < 5; trial++) {
        double t0 = now();
        for (size_t r = 0; r < reps; r++) {
            for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
            __asm__ volatile("" : : "r"(a) : "memory");
        }
        double t = (now() - t0) / reps;
        if (t < best) best = t;
    }
    double gbs = 24.0 * n / best * 1e-9;
    free(a); free(b); free(c);
    return gbs;
}

typedef double v8d __attribute__((vector_size(64)));
typedef float v16f __attribute__((vector_size(64)));

/* Eight independent FMA chains held in registers; the empty asm keeps the compiler from folding them. */
#define FMA_KERNEL(VT, LANES, NAME)                                                              \
    static double NAME(void) {                                                                   \
        VT m, add;                                                                               \
        for (int l = 0; l < LANES; l++) { m[l] = 1.0000001; add[l] = 1e-9; }                     \
        VT x0 = m, x1 = m * 2, x2 = m * 3, x3 = m * 4, x4 = m * 5, x5 = m * 6, x6 = m * 7, x7 = m * 8; \
        long iters = 50000000;                                                                   \
        double best = 1e30;                                                                      \
        for (int trial = 0; trial < 3; trial++) {                                                \
            double t0 = now();                                                                   \
            for (long i = 0; i < iters; i++) {                                                   \
                x0 = x0 * m + add; x1 = x1 * m + add; x2 = x2 * m + add; x3 = x3 * m + add;      \
                x4 = x4 * m + add; x5 = x5 * m + add; x6 = x6 * m + add; x7 = x7 * m + add;      \
                __asm__ volatile("" : "+v"(x0), "+v"(x1), "+v"(x2), "+v"(x3), "+v"(x4), "+v"(x5), "+v"(x6), "+v"(x7)); \
            }                                                                                    \
            double t = now() - t0;                                                               \
            if (t < best) best = t;                                                              \
        }                                                                                        \
        VT sum = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;                                          \
        if (sum[0] == 42) printf("#\n");                                                         \
        return iters * 8.0 * LANES * 2 / best * 1e-9;                                            \
    }

FMA_KERNEL(v8d, 8, fma_double)
FMA_KERNEL(v16f, 16, fma_float)

static double scatter(size_t bytes) {
    size_t n = bytes / 8, m = 1 << 22;
    double *a = aligned_alloc(64, n * 8 + 64);
    uint32_t *idx = malloc(m * 4);
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < n; i++) a[i] = 0;
    for (size_t k = 0; k < m; k++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; idx[k] = (uint32_t)(x % n); }
    double best = 1e30;
    for (int trial = 0; trial < 5; trial++) {
        double t0 = now();
        for (size_t k = 0; k < m; k++) a[idx[k]] += 1.62;
        __asm__ volatile("" : : "r"(a) : "memory");
        double t = now() - t0;
        if (t < best) best = t;
    }
    free(a); free(idx);
    return best / m * 1e9;
}

static double wall(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct part { size_t n, reps; double *a, *b, *c; };

static void *triad_part(void *p) {
    struct part *q = p;
    double s = 1.000001;
    for (size_t r = 0; r < q->reps; r++) {
        for (size_t i = 0; i < q->n; i++) q->a[i] = q->b[i] + s * q->c[i];
        __asm__ volatile("" : : "r"(q->a) : "memory");
    }
    return NULL;
}

/* Triad over `bytes` in all, split evenly over `threads` threads, each on its own arrays; wall time. */
static double triad_threads(size_t bytes, int threads) {
    struct part parts[2];
    pthread_t tid[2];
    size_t n = bytes / 24 / threads, reps = (size_t)(4e9 / bytes) + 1;
    for (int t = 0; t < threads; t++) {
        parts[t] = (struct part){n, reps, aligned_alloc(64, n * 8 + 64), aligned_alloc(64, n * 8 + 64), aligned_alloc(64, n * 8 + 64)};
        for (size_t i = 0; i < n; i++) { parts[t].a[i] = 0; parts[t].b[i] = 1; parts[t].c[i] = 2; }
    }
    double best = 1e30;
    for (int trial = 0; trial < 5; trial++) {
        double t0 = wall();
        for (int t = 1; t < threads; t++) pthread_create(&tid[t], NULL, triad_part, &parts[t]);
        triad_part(&parts[0]);
        for (int t = 1; t < threads; t++) pthread_join(tid[t], NULL);
        double t = wall() - t0;
        if (t < best) best = t;
    }
    for (int t = 0; t < threads; t++) { free(parts[t].a); free(parts[t].b); free(parts[t].c); }
    return 24.0 * n * threads * reps / best * 1e-9;
}

static _Alignas(128) atomic_long flag;
#define PINGS 200000

/* The first two CPUs this process may run on (read before any thread is pinned); -1 when there are fewer. */
static int cpu_of[2] = {-1, -1};

static void find_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return;
    for (int c = 0, k = 0; c < CPU_SETSIZE && k < 2; c++)
        if (CPU_ISSET(c, &set)) cpu_of[k++] = c;
}

static void pin_nth(int nth) {
    if (cpu_of[nth] < 0) return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu_of[nth], &one);
    pthread_setaffinity_np(pthread_self(), sizeof one, &one);
}

static void *pong(void *unused) {
    (void)unused;
    pin_nth(1);
    for (long i = 0; i < PINGS; i++) {
        while (atomic_load_explicit(&flag, memory_order_acquire) != 2 * i + 1) {}
        atomic_store_explicit(&flag, 2 * i + 2, memory_order_release);
    }
    return NULL;
}

/* Round trip of one cache line between two cores, ns (best of five rounds of PINGS). */
static double pingpong(void) {
    double best = 1e30;
    find_cpus();
    if (cpu_of[1] < 0) return -1; /* one CPU: two spinning threads would only take turns */
    cpu_set_t before;
    sched_getaffinity(0, sizeof before, &before);
    pin_nth(0);
    for (int round = 0; round < 5; round++) {
        pthread_t t;
        atomic_store(&flag, 0);
        pthread_create(&t, NULL, pong, NULL);
        double t0 = wall();
        for (long i = 0; i < PINGS; i++) {
            atomic_store_explicit(&flag, 2 * i + 1, memory_order_release);
            while (atomic_load_explicit(&flag, memory_order_acquire) != 2 * i + 2) {}
        }
        double dt = wall() - t0;
        pthread_join(t, NULL);
        if (dt < best) best = dt;
    }
    sched_setaffinity(0, sizeof before, &before);
    return best / PINGS * 1e9;
}

int main(void) {
    size_t sizes[] = {24u << 10, 384u << 10, 6u << 20, 768u << 20};
    const char *names[] = {"L1_24KiB", "L2_384KiB", "L3_6MiB", "DRAM_768MiB"};
    for (int i = 0; i < 4; i++) printf("triad_GBs_%s %.2f\n", names[i], triad(sizes[i]));
    printf("fma_GFLOPs_double %.2f\n", fma_double());
    printf("fma_GFLOPs_float %.2f\n", fma_float());
    size_t ss[] = {32u << 10, 256u << 10, 4u << 20, 64u << 20};
    const char *sn[] = {"32KiB", "256KiB", "4MiB", "64MiB"};
    for (int i = 0; i < 4; i++) printf("scatter_ns_%s %.3f\n", sn[i], scatter(ss[i]));
    printf("triad_GBs_9MiB_1thread_wall %.2f\n", triad_threads(9u << 20, 1));
    printf("triad_GBs_9MiB_2threads_wall %.2f\n", triad_threads(9u << 20, 2));
    double rt = pingpong(); /* none on one CPU */
    if (rt > 0) printf("core_to_core_roundtrip_ns %.1f\n", rt);
    return 0;
}
