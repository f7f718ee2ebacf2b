/*
 * The limit for one BN254 Fr Montgomery multiplication on this machine, in C: Pod.Native's kernels (MULX and
 * portable tables, reached through the same function pointers Pod.Core calls) against ffiasm's x86-64
 * assembly (Fr_rawMMul, the field code rapidsnark is built with), in one process, rounds alternating so
 * machine noise falls on all three alike. Both use R = 2^256, so their products are compared word for word.
 *
 *   latency:    x = x * y, each product feeding the next (what a Poseidon round or an inversion chain sees)
 *   throughput: out[i] = a[i] * b[i] over 4096 independent pairs (what an FFT pass or batch inversion sees)
 *   pointwise:  Pod.Native's fr_multiply_pointwise kernel over the same pairs (a[i] *= b[i]): the loop inside the
 *               library, which is how Pod reaches native multiplication (coarse kernels, one call per batch)
 *
 * Thread CPU time (CLOCK_THREAD_CPUTIME_ID), median of the rounds. Built and run by fr-multiply.sh.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "podnative.h"

extern void Fr_rawMMul(uint64_t *r, const uint64_t *a, const uint64_t *b);

/* fr_asm.o's error path for its long-form operations, which rapidsnark supplies; never reached by Fr_rawMMul. */
void Fr_fail(void)
{
    fprintf(stderr, "ffiasm: Fr_fail\n");
    abort();
}

typedef void (*fr_multiply_fn)(const pod_fr *a, const pod_fr *b, pod_fr *r);

static void ffiasm_multiply(const pod_fr *a, const pod_fr *b, pod_fr *r)
{
    Fr_rawMMul(r->limb, a->limb, b->limb);
}

#define PAIRS 4096
#define CHAIN 2000000
#define PASSES 500

static const uint64_t R_MINUS_1[4] = {0x43e1f593f0000000ull, 0x2833e84879b97091ull, 0xb85045b68181585dull, 0x30644e72e131a029ull};

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
    return state;
}

/* A random reduced element: the top limb kept below r's so every value is below r. */
static pod_fr random_fr(void)
{
    pod_fr x;
    for (int i = 0; i < 4; i++) x.limb[i] = next();
    x.limb[3] %= R_MINUS_1[3];
    return x;
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static pod_fr a[PAIRS], b[PAIRS], out[PAIRS];
static volatile uint64_t sink;

static double latency(fr_multiply_fn multiply)
{
    pod_fr x = a[0], y = b[0];
    double start = now_ns();
    for (int i = 0; i < CHAIN; i++) multiply(&x, &y, &x);
    double ns = (now_ns() - start) / CHAIN;
    sink ^= x.limb[0];
    return ns;
}

static double throughput(fr_multiply_fn multiply)
{
    double start = now_ns();
    for (int p = 0; p < PASSES; p++)
        for (int i = 0; i < PAIRS; i++) multiply(&a[i], &b[i], &out[i]);
    double ns = (now_ns() - start) / ((double)PASSES * PAIRS);
    sink ^= out[PAIRS - 1].limb[0];
    return ns;
}

typedef void (*fr_pointwise_fn)(pod_fr *values, const pod_fr *factors, size_t n);
static pod_fr work[PAIRS];

static double pointwise(fr_pointwise_fn kernel)
{
    memcpy(work, a, sizeof work);
    double start = now_ns();
    for (int p = 0; p < PASSES; p++) kernel(work, b, PAIRS);
    double ns = (now_ns() - start) / ((double)PASSES * PAIRS);
    sink ^= work[PAIRS - 1].limb[0];
    return ns;
}

static int compare(const void *x, const void *y)
{
    double d = *(const double *)x - *(const double *)y;
    return (d > 0) - (d < 0);
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof *v, compare);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: %s LIBPODNATIVE [ROUNDS]\n", argv[0]); return 2; }
    int rounds = argc > 2 ? atoi(argv[2]) : 9;
    if (rounds < 1 || rounds > 99) { fprintf(stderr, "rounds: 1..99\n"); return 2; }
    void *library = dlopen(argv[1], RTLD_NOW);
    if (!library) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    const pod_kernel_table *(*kernels)(int32_t) = (const pod_kernel_table *(*)(int32_t))dlsym(library, "pod_native_kernels");
    int32_t (*abi)(void) = (int32_t (*)(void))dlsym(library, "pod_native_abi_version");
    if (!kernels || !abi || abi() != POD_NATIVE_ABI_VERSION) { fprintf(stderr, "not a Pod.Native library of ABI %d\n", POD_NATIVE_ABI_VERSION); return 2; }

    const char *names[3] = {"pod mulx", "pod portable", "ffiasm asm"};
    fr_multiply_fn fns[3] = {NULL, NULL, ffiasm_multiply};
    const pod_kernel_table *mulx = kernels(POD_MULTIPLY_MULX), *portable = kernels(POD_MULTIPLY_PORTABLE);
    if (!portable) { fprintf(stderr, "no portable table\n"); return 2; }
    fns[0] = mulx ? mulx->fr_multiply : NULL;
    fns[1] = portable->fr_multiply;

    for (int i = 0; i < PAIRS; i++) { a[i] = random_fr(); b[i] = random_fr(); }
    /* Edge values among the pairs: 0, 1, r - 1, r - 2 in Montgomery form are just limb patterns here. */
    memset(&a[1], 0, sizeof a[1]);
    memcpy(a[2].limb, R_MINUS_1, sizeof R_MINUS_1);
    memcpy(b[2].limb, R_MINUS_1, sizeof R_MINUS_1);
    memcpy(a[3].limb, R_MINUS_1, sizeof R_MINUS_1); a[3].limb[0]--;

    /* The same products from every kernel, before any timing. */
    for (int k = 0; k < 2; k++)
    {
        if (!fns[k]) continue;
        for (int i = 0; i < PAIRS; i++)
        {
            pod_fr mine, theirs;
            fns[k](&a[i], &b[i], &mine);
            ffiasm_multiply(&a[i], &b[i], &theirs);
            if (memcmp(&mine, &theirs, sizeof mine) != 0) { fprintf(stderr, "%s differs from ffiasm at pair %d\n", names[k], i); return 1; }
        }
    }

    fr_pointwise_fn pointwise_fns[3] = {mulx ? mulx->fr_multiply_pointwise : NULL, portable->fr_multiply_pointwise, NULL};
    double lat[3][99], thr[3][99], pw[3][99];
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < 3; k++)
            if (fns[k])
            {
                lat[k][r] = latency(fns[k]);
                thr[k][r] = throughput(fns[k]);
                if (pointwise_fns[k]) pw[k][r] = pointwise(pointwise_fns[k]);
            }

    printf("%-14s %20s %20s %20s\n", "kernel", "latency ns/mul", "throughput ns/mul", "pointwise ns/mul");
    double base_lat = median(lat[2], rounds), base_thr = median(thr[2], rounds);
    for (int k = 0; k < 3; k++)
    {
        if (!fns[k]) { printf("%-14s %20s\n", names[k], "(no BMI2/ADX)"); continue; }
        double l = median(lat[k], rounds), t = median(thr[k], rounds);
        printf("%-14s %11.2f (%.2fx) %11.2f (%.2fx)", names[k], l, l / base_lat, t, t / base_thr);
        if (pointwise_fns[k]) { double w = median(pw[k], rounds); printf(" %11.2f (%.2fx)", w, w / base_thr); }
        printf("\n");
    }
    printf("ratios are against ffiasm; medians of %d alternating rounds, thread CPU time\n", rounds);
    return 0;
}
