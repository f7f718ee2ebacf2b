/*
 * Pod.Native's own checks, built with ASan and UBSan (CMake option POD_NATIVE_SANITIZE, as test.sh does):
 * field and group laws every kernel table must satisfy, independent of the managed code that the .NET
 * differential tests compare them with, and the MULX table against the portable one on random and edge
 * values (when the processor has BMI2 and ADX). Includes the implementation to reach its static helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../src/podnative.c"

static int failures;

#define CHECK(condition)                                                                    \
    do                                                                                      \
    {                                                                                       \
        if (!(condition))                                                                   \
        {                                                                                   \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            failures++;                                                                     \
        }                                                                                   \
    } while (0)

#define SAME(a, b) (memcmp((a), (b), sizeof(*(a))) == 0)

/* 2^256 mod r: one in the scalar field's Montgomery form (checked below: one times x is x). */
static const pod_fr FR_ONE = {{0xac96341c4ffffffbULL, 0x36fc76959f60cd29ULL, 0x666ea36f7879462eULL, 0x0e0a77c19a07df2fULL}};

static uint64_t next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int canonical(const uint64_t v[4], const modulus *m)
{
    uint64_t t[4] = {v[0], v[1], v[2], v[3]};
    reduce_once(t, m);
    return memcmp(t, v, sizeof t) == 0;
}

/* Edge values 0, 1, 2, p - 1, p - 2, one (R), limb boundaries, then pseudo-random values below p. */
#define VALUES 24
static void field_values(uint64_t values[VALUES][4], const modulus *m, const uint64_t one[4], uint64_t seed)
{
    memset(values, 0, sizeof(uint64_t) * 4 * VALUES);
    values[1][0] = 1;
    values[2][0] = 2;
    memcpy(values[3], m->p, 32);
    values[3][0] -= 1;
    memcpy(values[4], m->p, 32);
    values[4][0] -= 2;
    memcpy(values[5], one, 32);
    values[6][0] = UINT64_MAX;
    values[7][0] = UINT64_MAX, values[7][1] = UINT64_MAX, values[7][2] = UINT64_MAX;
    values[8][3] = m->p[3] - 1;
    for (int i = 9; i < VALUES; i++)
    {
        values[i][0] = next(&seed), values[i][1] = next(&seed), values[i][2] = next(&seed), values[i][3] = next(&seed) % m->p[3];
    }
}

typedef void (*multiply_fn)(const void *, const void *, void *);

/* Laws of one field's multiplication: identity, commutativity, distributivity, canonical results. */
static void check_field(multiply_fn multiply, const modulus *m, const uint64_t one[4], const char *name)
{
    uint64_t values[VALUES][4];
    field_values(values, m, one, 42);
    for (int i = 0; i < VALUES; i++)
    {
        uint64_t r[4];
        multiply(values[i], one, r);
        if (memcmp(r, values[i], 32) != 0)
        {
            fprintf(stderr, "%s: x * 1 != x at value %d\n", name, i);
            failures++;
        }
        for (int j = 0; j < VALUES; j++)
        {
            uint64_t ab[4], ba[4], sum[4], left[4], right[4], ac[4], bc[4];
            const uint64_t *c = values[(i + j + 3) % VALUES];
            multiply(values[i], values[j], ab);
            multiply(values[j], values[i], ba);
            CHECK(memcmp(ab, ba, 32) == 0);
            CHECK(canonical(ab, m));
            add_mod(sum, values[i], values[j], m);
            CHECK(canonical(sum, m));
            multiply(sum, c, left);
            multiply(values[i], c, ac);
            multiply(values[j], c, bc);
            add_mod(right, ac, bc, m);
            CHECK(memcmp(left, right, 32) == 0);
            subtract_mod(right, sum, values[j], m);
            CHECK(memcmp(right, values[i], 32) == 0);
        }
    }
}

/* The MULX multiplication against the portable one, bit for bit, on edge values and a million random pairs. */
static void check_mulx_against_portable(const pod_kernel_table *mulx, const pod_kernel_table *portable)
{
    uint64_t fq[VALUES][4], fr[VALUES][4];
    field_values(fq, &FQ_MODULUS, FQ_ONE.limb, 7);
    field_values(fr, &FR_MODULUS, FR_ONE.limb, 8);
    for (int i = 0; i < VALUES; i++)
    {
        for (int j = 0; j < VALUES; j++)
        {
            pod_fq a, b;
            mulx->fq_multiply((const pod_fq *)fq[i], (const pod_fq *)fq[j], &a);
            portable->fq_multiply((const pod_fq *)fq[i], (const pod_fq *)fq[j], &b);
            CHECK(SAME(&a, &b));
            pod_fr c, d;
            mulx->fr_multiply((const pod_fr *)fr[i], (const pod_fr *)fr[j], &c);
            portable->fr_multiply((const pod_fr *)fr[i], (const pod_fr *)fr[j], &d);
            CHECK(SAME(&c, &d));
        }
    }

    uint64_t state = 99;
    int differences = 0;
    for (int k = 0; k < 1000000; k++)
    {
        pod_fq x = {{next(&state), next(&state), next(&state), next(&state) % FQ_MODULUS.p[3]}}, y = {{next(&state), next(&state), next(&state), next(&state) % FQ_MODULUS.p[3]}};
        pod_fq a, b;
        mulx->fq_multiply(&x, &y, &a);
        portable->fq_multiply(&x, &y, &b);
        differences += !SAME(&a, &b);
        pod_fr u = {{x.limb[0], x.limb[1], x.limb[2], x.limb[3] % FR_MODULUS.p[3]}}, v = {{y.limb[0], y.limb[1], y.limb[2], y.limb[3] % FR_MODULUS.p[3]}};
        pod_fr c, d;
        mulx->fr_multiply(&u, &v, &c);
        portable->fr_multiply(&u, &v, &d);
        differences += !SAME(&c, &d);
    }
    CHECK(differences == 0);
}

/* Curve checks over G1 and G2 through the table's bucket kernels alone. */
static void check_buckets(const pod_kernel_table *t)
{
    /* G = (1, 2) in Montgomery form, and multiples of it from single-bucket accumulations. */
    pod_g1_affine g = {FQ_ONE, FQ_ONE};
    fq_add(&g.y, &FQ_ONE, &FQ_ONE);
    pod_g1_affine none = {{{0, 0, 0, 0}}, {{0, 0, 0, 0}}};
    pod_g1_affine bases[4] = {g, g, g, none};
    int16_t ones[4] = {1, 1, 1, 1};

    pod_g1_xyzz two_g[1] = {{{{0}}}}, three_g[1] = {{{{0}}}}, zero[1] = {{{{0}}}}, refilled[1] = {{{{0}}}}, reduced, six_g;
    CHECK(t->g1_accumulate_buckets(bases, ones, 2, two_g, 1) == 0);
    CHECK(t->g1_accumulate_buckets(bases, ones, 4, three_g, 1) == 0); /* the base at infinity is skipped */

    /* 3G again from the reduction of buckets (G, G) = 1 G + 2 G: the same point (compared by cross-multiplying). */
    pod_g1_xyzz buckets[2] = {{{{0}}}};
    int16_t spread[4] = {1, 2, 0, -2};
    CHECK(t->g1_accumulate_buckets(bases, spread, 2, buckets, 2) == 0);
    t->g1_reduce_buckets(buckets, 2, &reduced);
    pod_fq a, b;
    t->fq_multiply(&reduced.x, &three_g[0].zz, &a);
    t->fq_multiply(&three_g[0].x, &reduced.zz, &b);
    CHECK(SAME(&a, &b) && !fq_is_zero(&reduced.zz));
    t->fq_multiply(&reduced.y, &three_g[0].zzz, &a);
    t->fq_multiply(&three_g[0].y, &reduced.zzz, &b);
    CHECK(SAME(&a, &b));

    /* Y^2 = X^3 + 3 ZZZ^2 for 2G (the curve equation in XYZZ). */
    pod_fq y2, x3, zzz2, rhs, three;
    t->fq_multiply(&two_g[0].y, &two_g[0].y, &y2);
    t->fq_multiply(&two_g[0].x, &two_g[0].x, &x3);
    t->fq_multiply(&x3, &two_g[0].x, &x3);
    t->fq_multiply(&two_g[0].zzz, &two_g[0].zzz, &zzz2);
    fq_add(&three, &FQ_ONE, &FQ_ONE);
    fq_add(&three, &three, &FQ_ONE);
    t->fq_multiply(&three, &zzz2, &rhs);
    fq_add(&rhs, &rhs, &x3);
    CHECK(SAME(&y2, &rhs));

    /* G - G is infinity (opposite points cancel); + G refills the bucket to G exactly (ZZ = ZZZ = 1). */
    int16_t cancel[4] = {1, -1, 1, 1};
    CHECK(t->g1_accumulate_buckets(bases, cancel, 2, zero, 1) == 0);
    CHECK(fq_is_zero(&zero[0].zz));
    CHECK(t->g1_accumulate_buckets(bases, cancel, 3, refilled, 1) == 0);
    pod_g1_xyzz one_g = {g.x, g.y, FQ_ONE, FQ_ONE};
    CHECK(SAME(&refilled[0], &one_g));

    /* Fed again, all four: (2G, 2G), as the zero digit and the base at infinity change nothing: 6 G = 2 (3 G). */
    CHECK(t->g1_accumulate_buckets(bases, spread, 4, buckets, 2) == 0);
    t->g1_reduce_buckets(buckets, 2, &reduced);
    pod_g1_xyzz pair[2] = {{{{0}}}, three_g[0]}; /* 1 * 0 + 2 * 3G */
    t->g1_reduce_buckets(pair, 2, &six_g);
    t->fq_multiply(&reduced.x, &six_g.zz, &a);
    t->fq_multiply(&six_g.x, &reduced.zz, &b);
    CHECK(SAME(&a, &b));

    /* A digit beyond the buckets is refused before anything changes. */
    pod_g1_xyzz untouched[1] = {{{{0}}}};
    int16_t too_big[2] = {1, -2};
    CHECK(t->g1_accumulate_buckets(bases, too_big, 2, untouched, 1) == -1);
    CHECK(fq_is_zero(&untouched[0].zz));

    /*
     * G2's formulas over Fq2 never use the curve constant, so G1's G embedded in Fq2 must give G1's
     * results in the c0 parts with zero c1 parts; and a point with both parts set must satisfy the
     * group law 2P + P = P + 2P through the kernels.
     */
    pod_fq2 zero2 = {{{0}}, {{0}}};
    pod_g2_affine h = {{g.x, zero2.c0}, {g.y, zero2.c0}};
    pod_g2_affine hbases[4] = {h, h, h, {zero2, zero2}};
    pod_g2_xyzz hbuckets[2] = {{{{{0}}}}};
    CHECK(t->g2_accumulate_buckets(hbases, spread, 4, hbuckets, 2) == 0);
    pod_g2_xyzz hreduced;
    t->g2_reduce_buckets(hbuckets, 2, &hreduced);
    pod_g1_xyzz fresh[2] = {{{{0}}}};
    CHECK(t->g1_accumulate_buckets(bases, spread, 4, fresh, 2) == 0);
    t->g1_reduce_buckets(fresh, 2, &reduced);
    CHECK(SAME(&hreduced.x.c0, &reduced.x) && SAME(&hreduced.zz.c0, &reduced.zz) && SAME(&hreduced.y.c0, &reduced.y));
    CHECK(fq_is_zero(&hreduced.x.c1) && fq_is_zero(&hreduced.zzz.c1));
    CHECK(t->g2_accumulate_buckets(hbases, too_big, 2, hbuckets, 1) == -1);

    uint64_t state = 5;
    pod_fq2 px = (pod_fq2){{{next(&state), next(&state), next(&state), next(&state) % FQ_MODULUS.p[3]}}, {{next(&state), 1, 2, 3}}};
    pod_fq2 py = (pod_fq2){{{next(&state), 4, 5, 6}}, {{next(&state), next(&state), next(&state), next(&state) % FQ_MODULUS.p[3]}}};
    pod_g2_affine p = {px, py};
    pod_g2_affine ps[3] = {p, p, p};
    int16_t two_then_one[3] = {1, 1, 2};
    pod_g2_xyzz pb[2] = {{{{{0}}}}}, left, right;
    CHECK(t->g2_accumulate_buckets(ps, two_then_one, 3, pb, 2) == 0); /* buckets (2P, P): 1 * 2P + 2 * P = 4P */
    t->g2_reduce_buckets(pb, 2, &left);
    pod_g2_xyzz pc[1] = {{{{{0}}}}};
    pod_g2_affine four[4] = {p, p, p, p};
    int16_t all_one[4] = {1, 1, 1, 1};
    CHECK(t->g2_accumulate_buckets(four, all_one, 4, pc, 1) == 0);
    right = pc[0];
    pod_fq2 l2, r2;
    t->fq2_multiply(&left.x, &right.zz, &l2);
    t->fq2_multiply(&right.x, &left.zz, &r2);
    CHECK(SAME(&l2, &r2) && !fq2_is_zero(&left.zz));
    t->fq2_multiply(&left.y, &right.zzz, &l2);
    t->fq2_multiply(&right.y, &left.zzz, &r2);
    CHECK(SAME(&l2, &r2));
}

/* base^exponent in Fr (Montgomery form), exponent as four limbs. */
static pod_fr fr_pow(const pod_kernel_table *t, pod_fr base, const uint64_t exponent[4])
{
    pod_fr result = FR_ONE;
    for (int bit = 255; bit >= 0; bit--)
    {
        t->fr_multiply(&result, &result, &result);
        if ((exponent[bit / 64] >> (bit % 64)) & 1)
        {
            t->fr_multiply(&result, &base, &result);
        }
    }
    return result;
}

/* The transform against the definition on 16 points, forward then inverse back, and the quotient step. */
static void check_fft(const pod_kernel_table *t)
{
    enum { LOG2 = 4, N = 1 << LOG2 };
    /* w = 5^((r - 1) / 16), as ffjavascript's roots: (r - 1) >> 4, limb by limb. */
    uint64_t e[4] = {FR_MODULUS.p[0] - 1, FR_MODULUS.p[1], FR_MODULUS.p[2], FR_MODULUS.p[3]};
    for (int i = 0; i < 4; i++)
    {
        e[i] = (e[i] >> LOG2) | (i < 3 ? e[i + 1] << (64 - LOG2) : 0);
    }
    pod_fr five = FR_ONE;
    for (int i = 0; i < 4; i++)
    {
        fr_add(&five, &five, &FR_ONE);
    }
    pod_fr w = fr_pow(t, five, e);
    uint64_t half[4] = {N / 2, 0, 0, 0}, minus_one_exponent[4] = {N - 1, 0, 0, 0};
    pod_fr w_half = fr_pow(t, w, half), minus_one;
    fr_subtract(&minus_one, &(pod_fr){{0}}, &FR_ONE);
    CHECK(SAME(&w_half, &minus_one)); /* primitive */

    pod_fr twiddles[N / 2], inverse_twiddles[N / 2], w_inverse = fr_pow(t, w, minus_one_exponent);
    twiddles[0] = FR_ONE, inverse_twiddles[0] = FR_ONE;
    for (int i = 1; i < N / 2; i++)
    {
        t->fr_multiply(&twiddles[i - 1], &w, &twiddles[i]);
        t->fr_multiply(&inverse_twiddles[i - 1], &w_inverse, &inverse_twiddles[i]);
    }

    uint64_t state = 11;
    pod_fr values[N], original[N], expected[N];
    for (int i = 0; i < N; i++)
    {
        values[i] = (pod_fr){{next(&state), next(&state), next(&state), next(&state) % FR_MODULUS.p[3]}};
        original[i] = values[i];
    }
    for (int i = 0; i < N; i++)
    {
        uint64_t ij[4] = {(uint64_t)(i), 0, 0, 0};
        pod_fr wi = fr_pow(t, w, ij), power = FR_ONE, sum = {{0}};
        for (int j = 0; j < N; j++)
        {
            pod_fr term;
            t->fr_multiply(&original[j], &power, &term);
            fr_add(&sum, &sum, &term);
            t->fr_multiply(&power, &wi, &power);
        }
        expected[i] = sum;
    }
    t->fr_fft(values, LOG2, twiddles, NULL);
    CHECK(memcmp(values, expected, sizeof values) == 0);

    /* 1 / 16 = 16^(r - 2). */
    pod_fr sixteen = {{0}};
    for (int i = 0; i < N; i++)
    {
        fr_add(&sixteen, &sixteen, &FR_ONE);
    }
    uint64_t r_minus_2[4] = {FR_MODULUS.p[0] - 2, FR_MODULUS.p[1], FR_MODULUS.p[2], FR_MODULUS.p[3]};
    pod_fr n_inverse = fr_pow(t, sixteen, r_minus_2);
    t->fr_fft(values, LOG2, inverse_twiddles, &n_inverse);
    CHECK(memcmp(values, original, sizeof values) == 0);

    /* Pointwise: x * 1 = x; the quotient a * b - c out of Montgomery form, with b = 1 and c = 0, is a's plain value. */
    pod_fr ones[N], zeros[N] = {{{0}}}, plain[N];
    for (int i = 0; i < N; i++)
    {
        ones[i] = FR_ONE;
    }
    t->fr_multiply_pointwise(values, ones, N);
    CHECK(memcmp(values, original, sizeof values) == 0);
    t->fr_quotient(values, ones, zeros, N, plain);
    for (int i = 0; i < N; i++)
    {
        /* Montgomery multiplication by a plain 1 is x R / R = x, the plain value. */
        pod_fr back;
        static const pod_fr plain_one = {{1, 0, 0, 0}};
        t->fr_multiply(&original[i], &plain_one, &back);
        CHECK(SAME(&back, &plain[i]) && canonical(plain[i].limb, &FR_MODULUS));
    }
    t->fr_quotient(values, values, values, N, plain); /* x^2 - x */
    for (int i = 0; i < N; i++)
    {
        pod_fr square, difference, back;
        static const pod_fr plain_one = {{1, 0, 0, 0}};
        t->fr_multiply(&original[i], &original[i], &square);
        fr_subtract(&difference, &square, &original[i]);
        t->fr_multiply(&difference, &plain_one, &back);
        CHECK(SAME(&back, &plain[i]));
    }
}

/* x^5 with the table's multiplication. */
static void reference_sbox(const pod_kernel_table *t, pod_fr *x)
{
    pod_fr x2, x4;
    t->fr_multiply(x, x, &x2);
    t->fr_multiply(&x2, &x2, &x4);
    t->fr_multiply(&x4, x, x);
}

/* state = matrix * state, dense, t x t row-major. */
static void reference_dense(const pod_kernel_table *t, const pod_fr *matrix, pod_fr *state, size_t width)
{
    pod_fr result[POD_POSEIDON_MAX_WIDTH];
    for (size_t i = 0; i < width; i++)
    {
        pod_fr sum = {{0}};
        for (size_t j = 0; j < width; j++)
        {
            pod_fr product;
            t->fr_multiply(&matrix[i * width + j], &state[j], &product);
            fr_add(&sum, &sum, &product);
        }
        result[i] = sum;
    }
    memcpy(state, result, width * sizeof(pod_fr));
}

/*
 * The permutation the kernel must compute, written the plain way: every round a dense matrix, the sparse
 * matrices expanded to [[q00, w'], [v, I]] and the last round computing all of M * x. This checks the
 * kernel's reading of the parameter layout and its order of rounds on any constants (Poseidon's own
 * constants and their sparse form are checked by Pod.Tests against the managed code and poseidon-lite).
 */
static pod_fr reference_poseidon(const pod_kernel_table *t, const pod_poseidon_parameters *p, const pod_fr *inputs)
{
    const size_t w = p->width, half = p->half_full_rounds;
    pod_fr state[POD_POSEIDON_MAX_WIDTH] = {{{0}}}, dense[POD_POSEIDON_MAX_WIDTH * POD_POSEIDON_MAX_WIDTH];
    memcpy(state + 1, inputs, (w - 1) * sizeof(pod_fr));
    for (size_t round = 0; round < 2 * half + p->partial_rounds; round++)
    {
        int full = round < half || round >= half + p->partial_rounds;
        const pod_fr *matrix = p->mds;
        if (full)
        {
            const pod_fr *c = round < half ? p->first_half_constants + round * w : p->second_half_constants + (round - half - p->partial_rounds) * w;
            for (size_t i = 0; i < w; i++)
            {
                fr_add(&state[i], &state[i], &c[i]);
                reference_sbox(t, &state[i]);
            }
            matrix = round == half - 1 ? p->pre_sparse : p->mds;
        }
        else
        {
            const pod_fr *s = p->sparse + (round - half) * (2 * w - 1);
            fr_add(&state[0], &state[0], &p->partial_constants[round - half]);
            reference_sbox(t, &state[0]);
            memset(dense, 0, w * w * sizeof(pod_fr));
            dense[0] = s[0];
            for (size_t j = 1; j < w; j++)
            {
                dense[j] = s[j];
                dense[j * w] = s[w - 1 + j];
                dense[j * w + j] = FR_ONE;
            }
            matrix = dense;
        }
        reference_dense(t, matrix, state, w);
    }
    return state[0];
}

/* A pseudo-random element below r, or one of the edge values 0, 1, r - 1, r - 2 one time in three. */
static pod_fr random_fr(uint64_t *seed)
{
    uint64_t pick = next(seed) % 6;
    pod_fr x = {{0}};
    switch (pick)
    {
    case 0:
        break;
    case 1:
        x = FR_ONE;
        break;
    case 2:
    case 3:
        memcpy(x.limb, FR_MODULUS.p, 32);
        x.limb[0] -= pick - 1;
        break;
    default:
        x = (pod_fr){{next(seed), next(seed), next(seed), next(seed) % FR_MODULUS.p[3]}};
    }
    return x;
}

/* Exactly sized heap arrays, so that AddressSanitizer sees any read past a parameter array. */
static pod_fr *random_array(size_t n, uint64_t *seed)
{
    pod_fr *a = malloc((n > 0 ? n : 1) * sizeof(pod_fr));
    for (size_t i = 0; i < n; i++)
    {
        a[i] = random_fr(seed);
    }
    return a;
}

/* The matrix rows' lazily reduced sums of products against one reduction per product, at the bound (all r - 1) and on edges. */
static void check_dot(const pod_kernel_table *t)
{
    uint64_t seed = 0xd07;
    pod_fr a[POD_POSEIDON_MAX_WIDTH], b[POD_POSEIDON_MAX_WIDTH];
    for (int trial = 0; trial < 200; trial++)
    {
        for (size_t j = 0; j < POD_POSEIDON_MAX_WIDTH; j++)
        {
            a[j] = random_fr(&seed), b[j] = random_fr(&seed);
            if (trial == 0)
            {
                memcpy(a[j].limb, FR_MODULUS.p, 32), a[j].limb[0] -= 1, b[j] = a[j];
            }
        }
        for (size_t n = 1; n <= POD_POSEIDON_MAX_WIDTH; n++)
        {
            pod_fr expected = {{0}}, actual;
            for (size_t j = 0; j < n; j++)
            {
                pod_fr product;
                t->fr_multiply(&a[j], &b[j], &product);
                fr_add(&expected, &expected, &product);
            }
            fr_dot(&actual, a, b, n);
            CHECK(SAME(&actual, &expected));
        }
    }
}

/* Every width on random constants and edge inputs: batches of 0, 1 and 5 hashes against the reference. */
static void check_poseidon(const pod_kernel_table *t)
{
    uint64_t seed = 0x5eed;
    for (uint32_t w = 2; w <= POD_POSEIDON_MAX_WIDTH; w++)
    {
        const uint32_t half = 4, partial = 3 + w % 5;
        pod_poseidon_parameters p = {w, half, partial, 0, NULL, NULL, NULL, NULL, NULL, NULL};
        pod_fr *first = random_array(half * w, &seed), *pc = random_array(partial, &seed), *second = random_array(half * w, &seed);
        pod_fr *mds = random_array(w * w, &seed), *pre = random_array(w * w, &seed), *sparse = random_array(partial * (2 * w - 1), &seed);
        p.first_half_constants = first, p.partial_constants = pc, p.second_half_constants = second;
        p.mds = mds, p.pre_sparse = pre, p.sparse = sparse;

        enum { COUNT = 5 };
        pod_fr *inputs = random_array(COUNT * (w - 1), &seed), *outputs = random_array(COUNT, &seed);
        CHECK(t->poseidon_hash(&p, inputs, COUNT, outputs) == 0);
        for (size_t h = 0; h < COUNT; h++)
        {
            pod_fr expected = reference_poseidon(t, &p, inputs + h * (w - 1)), one;
            CHECK(SAME(&outputs[h], &expected) && canonical(outputs[h].limb, &FR_MODULUS));
            CHECK(t->poseidon_hash(&p, inputs + h * (w - 1), 1, &one) == 0 && SAME(&one, &expected));
        }

        /* An empty batch writes nothing; a width out of range is refused and writes nothing. */
        pod_fr before = outputs[0];
        CHECK(t->poseidon_hash(&p, inputs, 0, outputs) == 0 && SAME(&outputs[0], &before));
        for (uint32_t bad = 0; bad < 2; bad++)
        {
            p.width = bad == 0 ? 1 : POD_POSEIDON_MAX_WIDTH + 1;
            CHECK(t->poseidon_hash(&p, inputs, 1, outputs) == -1 && SAME(&outputs[0], &before));
        }

        free(first), free(pc), free(second), free(mds), free(pre), free(sparse), free(inputs), free(outputs);
    }
}

#include "pairing_tests.inc"

/*
 * The fixed-base MSM of Groth16 verification (g1_fixed_base_msm) against double-and-add, scalar by scalar,
 * on the plain bits of each scalar (no digits, no negation, no buckets): edge scalars 0, 1, 2, (r - 1) / 2,
 * (r + 1) / 2, r - 2, r - 1, random ones, duplicates of a base, a base at infinity, a scalar and its
 * negation on one base (the sum cancels), every window size, and enough scalars for the batched tree levels.
 */
static const pod_fr FR_R2 = {{0x1bb8e645ae216da7ULL, 0x53fe3ab1e35c59e3ULL, 0x8c49833d53bb8085ULL, 0x0216d0b17f4e44a5ULL}};

static pod_g1_affine to_affine(const pod_g1_xyzz *p)
{
    pod_g1_affine a = {{{0}}, {{0}}};
    if (fq_is_zero(&p->zz))
    {
        return a;
    }
    pod_fq zz_inverse, zzz_inverse;
    fq_inverse_portable(&zz_inverse, &p->zz);
    fq_inverse_portable(&zzz_inverse, &p->zzz);
    fq_multiply_portable(&a.x, &p->x, &zz_inverse);
    fq_multiply_portable(&a.y, &p->y, &zzz_inverse);
    return a;
}

/* plain * B by double-and-add over the 256 bits of a plain integer. */
static pod_g1_xyzz reference_multiple(const pod_g1_affine *b, const uint64_t plain[4])
{
    pod_g1_xyzz acc = {0};
    if (fq_is_zero(&b->x) && fq_is_zero(&b->y))
    {
        return acc;
    }
    for (int bit = 255; bit >= 0; bit--)
    {
        g1_double_portable(&acc);
        if ((plain[bit / 64] >> (bit % 64)) & 1)
        {
            g1_add_affine_portable(&acc, &b->x, &b->y);
        }
    }
    return acc;
}

/* table[64 k + j] = 2^(4 j) B_k, as Pod.Core's G1FixedBaseMsm precomputes it. */
static pod_g1_affine *fixed_base_table(const pod_g1_affine *bases, size_t count)
{
    pod_g1_affine *table = malloc((count > 0 ? count : 1) * 64 * sizeof(pod_g1_affine));
    for (size_t k = 0; k < count; k++)
    {
        pod_g1_xyzz p = {0};
        if (!(fq_is_zero(&bases[k].x) && fq_is_zero(&bases[k].y)))
        {
            p = (pod_g1_xyzz){bases[k].x, bases[k].y, FQ_ONE, FQ_ONE};
        }
        for (int j = 0; j < 64; j++)
        {
            table[k * 64 + j] = to_affine(&p);
            for (int d = 0; d < 4; d++)
            {
                g1_double_portable(&p);
            }
        }
    }
    return table;
}

static void check_fixed_base(const pod_kernel_table *t)
{
    uint64_t seed = 1234;

    /* The inversion the batched levels use: a * a^-1 = 1, for edge and random a. */
    uint64_t values[VALUES][4];
    field_values(values, &FQ_MODULUS, FQ_ONE.limb, 7);
    for (int i = 1; i < VALUES; i++)
    {
        pod_fq a, inverse, product;
        memcpy(a.limb, values[i], 32);
        fq_inverse_portable(&inverse, &a);
        t->fq_multiply(&a, &inverse, &product);
        CHECK(SAME(&product, &FQ_ONE));
    }

    /* Bases: multiples of G = (1, 2), one of them repeated, one at infinity. */
    enum { BASES = 150 };
    pod_g1_affine g = {FQ_ONE, FQ_ONE};
    fq_add(&g.y, &FQ_ONE, &FQ_ONE);
    pod_g1_affine *bases = malloc(BASES * sizeof(pod_g1_affine));
    for (size_t k = 0; k < BASES; k++)
    {
        uint64_t small[4] = {next(&seed) % 1000 + 1, 0, 0, 0};
        pod_g1_xyzz m = reference_multiple(&g, small);
        bases[k] = to_affine(&m);
    }
    bases[7] = bases[3];
    bases[11] = (pod_g1_affine){{{0}}, {{0}}};
    pod_g1_affine *table = fixed_base_table(bases, BASES);

    /* Plain scalars: edges first, then random below r; bases 3 and 7 (equal) get s and r - s, which cancel. */
    uint64_t (*plain)[4] = malloc(BASES * sizeof *plain);
    const uint64_t *r = FR_MODULUS.p;
    uint64_t half[4] = {(r[0] >> 1) | (r[1] << 63), (r[1] >> 1) | (r[2] << 63), (r[2] >> 1) | (r[3] << 63), r[3] >> 1};
    uint64_t edges[7][4] = {{0}, {1}, {2}, {half[0], half[1], half[2], half[3]}, {half[0] + 1, half[1], half[2], half[3]}, {r[0] - 2, r[1], r[2], r[3]}, {r[0] - 1, r[1], r[2], r[3]}};
    for (size_t k = 0; k < BASES; k++)
    {
        if (k < 7)
        {
            memcpy(plain[k], edges[k], 32);
        }
        else
        {
            uint64_t v[4] = {next(&seed), next(&seed), next(&seed), next(&seed) % r[3]};
            memcpy(plain[k], v, 32);
        }
    }
    plain[3][0] = 12345, plain[3][1] = plain[3][2] = plain[3][3] = 0;
    memcpy(plain[7], r, 32);
    plain[7][0] -= 12345;

    /* Montgomery form: plain * R^2 * R^-1. */
    pod_fr *scalars = malloc(BASES * sizeof(pod_fr));
    for (size_t k = 0; k < BASES; k++)
    {
        pod_fr x;
        memcpy(x.limb, plain[k], 32);
        t->fr_multiply(&x, &FR_R2, &scalars[k]);
    }

    /* Prefixes of the scalars: a single one (each edge alone), a few (no batched level), all (batched levels). */
    size_t counts[] = {0, 1, 2, 3, 4, 5, 6, 7, 12, 40, BASES};
    uint32_t windows[] = {0, 4, 8, 12, 16};
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++)
    {
        size_t count = counts[c];
        pod_g1_xyzz expected = {0};
        for (size_t k = 0; k < count; k++)
        {
            pod_g1_xyzz term = reference_multiple(&bases[k], plain[k]);
            g1_add_portable(&expected, &term);
        }
        pod_g1_affine expected_affine = to_affine(&expected);
        for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++)
        {
            pod_g1_xyzz actual;
            CHECK(t->g1_fixed_base_msm(table, count, scalars, windows[w], &actual) == 0);
            pod_g1_affine actual_affine = to_affine(&actual);
            if (!SAME(&actual_affine, &expected_affine))
            {
                fprintf(stderr, "fixed-base MSM of %zu scalars, window %u, differs from double-and-add\n", count, windows[w]);
                failures++;
            }
        }

        /* Each scalar alone (the edges), at the automatic window. */
        if (count > 0 && count <= 7)
        {
            pod_g1_xyzz single;
            CHECK(t->g1_fixed_base_msm(table + (count - 1) * 64, 1, scalars + count - 1, 0, &single) == 0);
            pod_g1_xyzz reference = reference_multiple(&bases[count - 1], plain[count - 1]);
            pod_g1_affine a = to_affine(&single), b = to_affine(&reference);
            CHECK(SAME(&a, &b));
        }
    }

    /* The cancelling pair alone is infinity; every scalar on one base (1000 points in few buckets: deep tree levels). */
    pod_g1_xyzz cancelled;
    pod_g1_affine pair_table[128];
    memcpy(pair_table, table + 3 * 64, 64 * sizeof(pod_g1_affine));
    memcpy(pair_table + 64, table + 7 * 64, 64 * sizeof(pod_g1_affine));
    pod_fr pair_scalars[2] = {scalars[3], scalars[7]};
    CHECK(t->g1_fixed_base_msm(pair_table, 2, pair_scalars, 8, &cancelled) == 0);
    CHECK(fq_is_zero(&cancelled.zz));

    enum { SAME_BASE = 1000 };
    pod_g1_affine *repeated = malloc(SAME_BASE * 64 * sizeof(pod_g1_affine));
    pod_fr *ones = malloc(SAME_BASE * sizeof(pod_fr));
    pod_fr one_mont;
    pod_fr one_plain = {{1, 0, 0, 0}};
    t->fr_multiply(&one_plain, &FR_R2, &one_mont);
    for (size_t k = 0; k < SAME_BASE; k++)
    {
        memcpy(repeated + k * 64, table + 64, 64 * sizeof(pod_g1_affine)); /* base 1 */
        ones[k] = k % 2 == 0 ? one_mont : scalars[k % BASES];
    }
    pod_g1_xyzz many, many_expected = {0};
    for (size_t k = 0; k < SAME_BASE; k++)
    {
        pod_fr back;
        pod_fr plain_one = {{1, 0, 0, 0}};
        t->fr_multiply(&ones[k], &plain_one, &back);
        pod_g1_xyzz term = reference_multiple(&bases[1], back.limb);
        g1_add_portable(&many_expected, &term);
    }
    CHECK(t->g1_fixed_base_msm(repeated, SAME_BASE, ones, 0, &many) == 0);
    pod_g1_affine many_affine = to_affine(&many), many_expected_affine = to_affine(&many_expected);
    CHECK(SAME(&many_affine, &many_expected_affine));

    /* Window sizes other than 0, 4, 8, 12, 16 are refused, the result untouched. */
    pod_g1_xyzz untouched = {0};
    CHECK(t->g1_fixed_base_msm(table, 2, scalars, 6, &untouched) == -1);
    CHECK(t->g1_fixed_base_msm(table, 2, scalars, 20, &untouched) == -1);
    CHECK(fq_is_zero(&untouched.zz) && fq_is_zero(&untouched.x));

    free(bases), free(table), free(plain), free(scalars), free(repeated), free(ones);
}

static const pod_kernel_table *current;
static void fq_multiply_current(const void *a, const void *b, void *r) { current->fq_multiply(a, b, r); }
static void fr_multiply_current(const void *a, const void *b, void *r) { current->fr_multiply(a, b, r); }

static void check_table(const pod_kernel_table *t, const char *name)
{
    current = t;
    CHECK(t->sizes[0] == 32 && t->sizes[1] == 32 && t->sizes[2] == 64 && t->sizes[3] == 64 && t->sizes[4] == 128 && t->sizes[5] == 128 && t->sizes[6] == 256 && t->sizes[7] == 64);
    CHECK(t->sizes[8] == 384 && t->sizes[9] == 128);
    check_field(fq_multiply_current, &FQ_MODULUS, FQ_ONE.limb, name);
    check_field(fr_multiply_current, &FR_MODULUS, FR_ONE.limb, name);
    check_buckets(t);
    check_fft(t);
    check_dot(t);
    check_poseidon(t);
    check_pairing_table(t);

    check_fixed_base(t);
}

int main(void)
{
    CHECK(pod_native_abi_version() == POD_NATIVE_ABI_VERSION);
    const pod_kernel_table *portable = pod_native_kernels(POD_MULTIPLY_PORTABLE);
    CHECK(portable != NULL && portable->multiply_kind == POD_MULTIPLY_PORTABLE);
    CHECK(pod_native_kernels(0) == NULL && pod_native_kernels(3) == NULL);
    check_table(portable, "portable");
    const pod_kernel_table *mulx = pod_native_kernels(POD_MULTIPLY_MULX);
    if (mulx != NULL)
    {
        CHECK(mulx->multiply_kind == POD_MULTIPLY_MULX);
        check_table(mulx, "mulx");
        check_mulx_against_portable(mulx, portable);
    }
    if (failures != 0)
    {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    printf("podnative_tests: all checks passed (portable%s)\n", mulx != NULL ? " and mulx" : "; no BMI2/ADX, mulx not run");
    return 0;
}
