/*
 * Pod.Native's own checks, built with ASan and UBSan (CMake option POD_NATIVE_SANITIZE, as test.sh does):
 * field and group laws the kernels must satisfy, independent of the managed code that the .NET
 * differential tests compare them with. Includes the implementation to reach its static helpers.
 */
#include <stdio.h>
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

static int fq_equal(const pod_fq *a, const pod_fq *b)
{
    return memcmp(a, b, sizeof(pod_fq)) == 0;
}

static int fq_canonical(const pod_fq *a)
{
    pod_fq t = *a;
    fq_reduce_once(&t);
    return fq_equal(&t, a);
}

/* The same point: X1 ZZ2 = X2 ZZ1 and Y1 ZZZ2 = Y2 ZZZ1, or both at infinity. */
static int xyzz_same(const pod_g1_xyzz *p, const pod_g1_xyzz *q)
{
    if (fq_is_zero(&p->zz) || fq_is_zero(&q->zz))
    {
        return fq_is_zero(&p->zz) && fq_is_zero(&q->zz);
    }
    pod_fq a, b;
    fq_multiply(&a, &p->x, &q->zz);
    fq_multiply(&b, &q->x, &p->zz);
    if (!fq_equal(&a, &b))
    {
        return 0;
    }
    fq_multiply(&a, &p->y, &q->zzz);
    fq_multiply(&b, &q->y, &p->zzz);
    return fq_equal(&a, &b);
}

/* y^2 = x^3 + 3 with x = X / ZZ, y = Y / ZZZ and ZZ^3 = ZZZ^2 reads Y^2 = X^3 + 3 ZZZ^2. */
static int xyzz_on_curve(const pod_g1_xyzz *p)
{
    pod_fq y2, x3, zzz2, three, rhs;
    fq_square(&y2, &p->y);
    fq_square(&x3, &p->x);
    fq_multiply(&x3, &x3, &p->x);
    fq_square(&zzz2, &p->zzz);
    fq_add(&three, &ONE, &ONE);
    fq_add(&three, &three, &ONE);
    fq_multiply(&rhs, &three, &zzz2);
    fq_add(&rhs, &rhs, &x3);
    return fq_equal(&y2, &rhs);
}

static uint64_t next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void test_field(void)
{
    const pod_fq p_minus_1 = {{P0 - 1, P1, P2, P3}}, p_minus_2 = {{P0 - 2, P1, P2, P3}};
    pod_fq values[16] = {{{0, 0, 0, 0}}, {{1, 0, 0, 0}}, ONE, p_minus_1, p_minus_2};
    uint64_t state = 42;
    for (int i = 5; i < 16; i++)
    {
        values[i] = (pod_fq){{next(&state), next(&state), next(&state), next(&state) % P3}};
    }

    for (int i = 0; i < 16; i++)
    {
        pod_fq r;
        pod_fq_multiply(&values[i], &ONE, &r); /* one is R in Montgomery form */
        CHECK(fq_equal(&r, &values[i]));
        for (int j = 0; j < 16; j++)
        {
            pod_fq ab, ba, sum, left, right, ac, bc;
            const pod_fq *c = &values[(i + j + 3) % 16];
            pod_fq_multiply(&values[i], &values[j], &ab);
            pod_fq_multiply(&values[j], &values[i], &ba);
            CHECK(fq_equal(&ab, &ba));
            CHECK(fq_canonical(&ab));
            fq_add(&sum, &values[i], &values[j]);
            CHECK(fq_canonical(&sum));
            fq_multiply(&left, &sum, c);
            fq_multiply(&ac, &values[i], c);
            fq_multiply(&bc, &values[j], c);
            fq_add(&right, &ac, &bc);
            CHECK(fq_equal(&left, &right));
            fq_subtract(&right, &sum, &values[j]);
            CHECK(fq_equal(&right, &values[i]));
        }
    }
}

static void test_buckets(void)
{
    /* G = (1, 2) in Montgomery form, and multiples of it from single-bucket accumulations. */
    pod_g1_affine g = {ONE, ONE};
    fq_add(&g.y, &ONE, &ONE);
    pod_g1_affine none = {{{0, 0, 0, 0}}, {{0, 0, 0, 0}}};

    pod_g1_xyzz two_g[1] = {0}, three_g[1] = {0}, zero[1] = {0};
    pod_g1_affine bases[4] = {g, g, g, none};
    int16_t digits[4] = {1, 1, 1, 1};
    CHECK(pod_g1_accumulate_buckets(bases, digits, 2, two_g, 1) == 0);
    CHECK(pod_g1_accumulate_buckets(bases, digits, 4, three_g, 1) == 0); /* the base at infinity is skipped */
    CHECK(xyzz_on_curve(&two_g[0]) && xyzz_on_curve(&three_g[0]));
    CHECK(!xyzz_same(&two_g[0], &three_g[0]));

    /* G - G is infinity (opposite points cancel); + G refills the bucket to G. */
    int16_t cancel[4] = {1, -1, 1, 1};
    CHECK(pod_g1_accumulate_buckets(bases, cancel, 2, zero, 1) == 0);
    CHECK(fq_is_zero(&zero[0].zz));
    pod_g1_xyzz refilled[1] = {0};
    CHECK(pod_g1_accumulate_buckets(bases, cancel, 3, refilled, 1) == 0);
    pod_g1_xyzz one_g = {g.x, g.y, ONE, ONE};
    CHECK(xyzz_same(&refilled[0], &one_g));

    /* Buckets (G, G) reduce to 1 G + 2 G = 3 G. */
    pod_g1_xyzz buckets[2] = {0}, reduced;
    int16_t spread[4] = {1, 2, 0, -2};
    CHECK(pod_g1_accumulate_buckets(bases, spread, 2, buckets, 2) == 0);
    pod_g1_reduce_buckets(buckets, 2, &reduced);
    CHECK(xyzz_same(&reduced, &three_g[0]));

    /* Fed again, all four: (2G, 2G), as the zero digit and the base at infinity change nothing; 6 G. */
    CHECK(pod_g1_accumulate_buckets(bases, spread, 4, buckets, 2) == 0);
    pod_g1_reduce_buckets(buckets, 2, &reduced);
    pod_g1_xyzz six_g = three_g[0];
    xyzz_double(&six_g);
    CHECK(xyzz_same(&reduced, &six_g) && xyzz_on_curve(&reduced));

    /* A digit beyond the buckets is refused before anything changes. */
    pod_g1_xyzz untouched[1] = {0};
    int16_t too_big[2] = {1, -2};
    CHECK(pod_g1_accumulate_buckets(bases, too_big, 2, untouched, 1) == -1);
    CHECK(fq_is_zero(&untouched[0].zz));

    CHECK(pod_native_abi_version() == POD_NATIVE_ABI_VERSION);
    CHECK(pod_native_layout() == 128 * 65536 + 64 * 256 + 32);
}

int main(void)
{
    test_field();
    test_buckets();
    if (failures != 0)
    {
        fprintf(stderr, "%d checks failed\n", failures);
        return 1;
    }
    puts("podnative_tests: all checks passed");
    return 0;
}
