/*
 * BN254 base-field arithmetic and G1 bucket kernels (see podnative.h). The formulas, their special cases
 * and their order of operations are exactly those of Pod.Core's XyzzPoint and MultiScalarMultiplication,
 * so both backends give bit-identical buckets and the differential tests compare them exactly.
 */
#include "podnative.h"

typedef unsigned __int128 u128;

static const uint64_t P0 = 0x3c208c16d87cfd47ULL, P1 = 0x97816a916871ca8dULL,
                      P2 = 0xb85045b68181585dULL, P3 = 0x30644e72e131a029ULL;
static const uint64_t NEGATIVE_INVERSE = 0x87d20782e4866389ULL; /* -p^-1 mod 2^64 */
static const pod_fq ONE = {{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}};

static inline int fq_is_zero(const pod_fq *a)
{
    return (a->limb[0] | a->limb[1] | a->limb[2] | a->limb[3]) == 0;
}

/*
 * Add and subtract with carry. On x86-64 the compiler's carry intrinsics become adc/sbb chains; the
 * portable unsigned __int128 form of the same is correct everywhere but GCC spills its temporaries.
 */
#if defined(__x86_64__)
#include <x86intrin.h>
static inline uint64_t add_carry(uint64_t a, uint64_t b, unsigned char carry_in, unsigned char *carry_out)
{
    unsigned long long sum;
    *carry_out = _addcarry_u64(carry_in, a, b, &sum);
    return sum;
}
static inline uint64_t subtract_borrow(uint64_t a, uint64_t b, unsigned char borrow_in, unsigned char *borrow_out)
{
    unsigned long long difference;
    *borrow_out = _subborrow_u64(borrow_in, a, b, &difference);
    return difference;
}
#else
static inline uint64_t add_carry(uint64_t a, uint64_t b, unsigned char carry_in, unsigned char *carry_out)
{
    u128 sum = (u128)a + b + carry_in;
    *carry_out = (unsigned char)(sum >> 64);
    return (uint64_t)sum;
}
static inline uint64_t subtract_borrow(uint64_t a, uint64_t b, unsigned char borrow_in, unsigned char *borrow_out)
{
    u128 difference = (u128)a - b - borrow_in;
    *borrow_out = (unsigned char)((difference >> 64) & 1);
    return (uint64_t)difference;
}
#endif

/*
 * Branch-free on the carries, like the managed code's selects: the carries of field additions in an MSM
 * are random, and a mispredicted branch costs more than the select.
 */

/* Subtracts p once when v >= p (v < 2p). */
static inline void fq_reduce_once(pod_fq *v)
{
    unsigned char borrow;
    uint64_t r0 = subtract_borrow(v->limb[0], P0, 0, &borrow);
    uint64_t r1 = subtract_borrow(v->limb[1], P1, borrow, &borrow);
    uint64_t r2 = subtract_borrow(v->limb[2], P2, borrow, &borrow);
    uint64_t r3 = subtract_borrow(v->limb[3], P3, borrow, &borrow);
    uint64_t keep = 0 - (uint64_t)borrow; /* all ones when v < p */
    v->limb[0] = (v->limb[0] & keep) | (r0 & ~keep);
    v->limb[1] = (v->limb[1] & keep) | (r1 & ~keep);
    v->limb[2] = (v->limb[2] & keep) | (r2 & ~keep);
    v->limb[3] = (v->limb[3] & keep) | (r3 & ~keep);
}

static inline void fq_add(pod_fq *r, const pod_fq *a, const pod_fq *b)
{
    /* a, b < p < 2^254: the sum cannot carry out of 256 bits. */
    unsigned char carry;
    pod_fq t;
    t.limb[0] = add_carry(a->limb[0], b->limb[0], 0, &carry);
    t.limb[1] = add_carry(a->limb[1], b->limb[1], carry, &carry);
    t.limb[2] = add_carry(a->limb[2], b->limb[2], carry, &carry);
    t.limb[3] = add_carry(a->limb[3], b->limb[3], carry, &carry);
    fq_reduce_once(&t);
    *r = t;
}

static inline void fq_subtract(pod_fq *r, const pod_fq *a, const pod_fq *b)
{
    unsigned char borrow, carry;
    uint64_t t0 = subtract_borrow(a->limb[0], b->limb[0], 0, &borrow);
    uint64_t t1 = subtract_borrow(a->limb[1], b->limb[1], borrow, &borrow);
    uint64_t t2 = subtract_borrow(a->limb[2], b->limb[2], borrow, &borrow);
    uint64_t t3 = subtract_borrow(a->limb[3], b->limb[3], borrow, &borrow);
    uint64_t mask = 0 - (uint64_t)borrow; /* add p back when a < b */
    r->limb[0] = add_carry(t0, P0 & mask, 0, &carry);
    r->limb[1] = add_carry(t1, P1 & mask, carry, &carry);
    r->limb[2] = add_carry(t2, P2 & mask, carry, &carry);
    r->limb[3] = add_carry(t3, P3 & mask, carry, &carry);
}

static inline void fq_negate(pod_fq *r, const pod_fq *a)
{
    static const pod_fq zero = {{0, 0, 0, 0}};
    fq_subtract(r, &zero, a);
}

/*
 * CIOS Montgomery multiplication without the extra carry word (p's top limb is below (2^64 - 1) / 2 - 1,
 * so the running sum fits four limbs), as in Pod.Core's Montgomery.Multiply. Out of line on purpose, as
 * the managed one is: inlined into the point formulas, GCC spilled its __int128 temporaries and the
 * bucket kernel ran slower than the managed code (docs/native.md, Figures).
 */
static __attribute__((noinline)) void fq_multiply(pod_fq *r, const pod_fq *a, const pod_fq *b)
{
    const uint64_t a0 = a->limb[0], a1 = a->limb[1], a2 = a->limb[2], a3 = a->limb[3];
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (int i = 0; i < 4; i++)
    {
        const uint64_t bi = b->limb[i];
        u128 x = (u128)a0 * bi + t0;
        uint64_t carry_a = (uint64_t)(x >> 64);
        uint64_t u0 = (uint64_t)x;
        const uint64_t m = u0 * NEGATIVE_INVERSE;
        u128 y = (u128)m * P0 + u0;
        uint64_t carry_c = (uint64_t)(y >> 64);

        x = (u128)a1 * bi + t1 + carry_a;
        carry_a = (uint64_t)(x >> 64);
        y = (u128)m * P1 + (uint64_t)x + carry_c;
        carry_c = (uint64_t)(y >> 64);
        t0 = (uint64_t)y;

        x = (u128)a2 * bi + t2 + carry_a;
        carry_a = (uint64_t)(x >> 64);
        y = (u128)m * P2 + (uint64_t)x + carry_c;
        carry_c = (uint64_t)(y >> 64);
        t1 = (uint64_t)y;

        x = (u128)a3 * bi + t3 + carry_a;
        carry_a = (uint64_t)(x >> 64);
        y = (u128)m * P3 + (uint64_t)x + carry_c;
        carry_c = (uint64_t)(y >> 64);
        t2 = (uint64_t)y;

        t3 = carry_c + carry_a;
    }
    pod_fq t = {{t0, t1, t2, t3}};
    fq_reduce_once(&t);
    *r = t;
}

static inline void fq_square(pod_fq *r, const pod_fq *a)
{
    fq_multiply(r, a, a);
}

/* p = 2 (qx, qy) (mdbl-2008-s-1, a = 0). */
static void xyzz_double_affine(pod_g1_xyzz *p, const pod_fq *qx, const pod_fq *qy)
{
    pod_fq u, v, w, s, x2, m, x3, t, t2;
    fq_add(&u, qy, qy);
    fq_square(&v, &u);
    fq_multiply(&w, &u, &v);
    fq_multiply(&s, qx, &v);
    fq_square(&x2, qx);
    fq_add(&m, &x2, &x2);
    fq_add(&m, &m, &x2);
    fq_square(&x3, &m);
    fq_add(&t, &s, &s);
    fq_subtract(&x3, &x3, &t);
    fq_subtract(&t, &s, &x3);
    fq_multiply(&t, &m, &t);
    fq_multiply(&t2, &w, qy);
    fq_subtract(&p->y, &t, &t2);
    p->x = x3;
    p->zz = v;
    p->zzz = w;
}

/* p += (qx, qy) for an affine point, not infinity (madd-2008-s). */
static inline void xyzz_add_affine(pod_g1_xyzz *p, const pod_fq *qx, const pod_fq *qy)
{
    if (fq_is_zero(&p->zz))
    {
        p->x = *qx;
        p->y = *qy;
        p->zz = ONE;
        p->zzz = ONE;
        return;
    }

    pod_fq u2, s2, pd, r, pp, ppp, q, x3, t, t2;
    fq_multiply(&u2, qx, &p->zz);
    fq_multiply(&s2, qy, &p->zzz);
    fq_subtract(&pd, &u2, &p->x);
    fq_subtract(&r, &s2, &p->y);
    if (fq_is_zero(&pd))
    {
        if (fq_is_zero(&r))
        {
            xyzz_double_affine(p, qx, qy);
        }
        else
        {
            *p = (pod_g1_xyzz){0};
        }
        return;
    }

    fq_square(&pp, &pd);
    fq_multiply(&ppp, &pd, &pp);
    fq_multiply(&q, &p->x, &pp);
    fq_square(&x3, &r);
    fq_subtract(&x3, &x3, &ppp);
    fq_add(&t, &q, &q);
    fq_subtract(&x3, &x3, &t);
#ifdef POD_NATIVE_DELIBERATELY_BROKEN_BUCKETS
    fq_subtract(&t, &x3, &q); /* the sign error the self-test must catch (Pod.Tests/Core/NativeKernelsTests.cs) */
#else
    fq_subtract(&t, &q, &x3);
#endif
    fq_multiply(&t, &r, &t);
    fq_multiply(&t2, &p->y, &ppp);
    fq_subtract(&p->y, &t, &t2);
    p->x = x3;
    fq_multiply(&p->zz, &p->zz, &pp);
    fq_multiply(&p->zzz, &p->zzz, &ppp);
}

/* p = 2 p (dbl-2008-s-1, a = 0). */
static void xyzz_double(pod_g1_xyzz *p)
{
    if (fq_is_zero(&p->zz))
    {
        return;
    }

    pod_fq u, v, w, s, x2, m, x3, t, t2;
    fq_add(&u, &p->y, &p->y);
    fq_square(&v, &u);
    fq_multiply(&w, &u, &v);
    fq_multiply(&s, &p->x, &v);
    fq_square(&x2, &p->x);
    fq_add(&m, &x2, &x2);
    fq_add(&m, &m, &x2);
    fq_square(&x3, &m);
    fq_add(&t, &s, &s);
    fq_subtract(&x3, &x3, &t);
    fq_subtract(&t, &s, &x3);
    fq_multiply(&t, &m, &t);
    fq_multiply(&t2, &w, &p->y);
    fq_subtract(&p->y, &t, &t2);
    p->x = x3;
    fq_multiply(&p->zz, &v, &p->zz);
    fq_multiply(&p->zzz, &w, &p->zzz);
}

/* p += q (add-2008-s). */
static void xyzz_add(pod_g1_xyzz *p, const pod_g1_xyzz *q)
{
    if (fq_is_zero(&q->zz))
    {
        return;
    }
    if (fq_is_zero(&p->zz))
    {
        *p = *q;
        return;
    }

    pod_fq u1, u2, s1, s2, pd, r, pp, ppp, qq, x3, t, t2;
    fq_multiply(&u1, &p->x, &q->zz);
    fq_multiply(&u2, &q->x, &p->zz);
    fq_multiply(&s1, &p->y, &q->zzz);
    fq_multiply(&s2, &q->y, &p->zzz);
    fq_subtract(&pd, &u2, &u1);
    fq_subtract(&r, &s2, &s1);
    if (fq_is_zero(&pd))
    {
        if (fq_is_zero(&r))
        {
            xyzz_double(p);
        }
        else
        {
            *p = (pod_g1_xyzz){0};
        }
        return;
    }

    fq_square(&pp, &pd);
    fq_multiply(&ppp, &pd, &pp);
    fq_multiply(&qq, &u1, &pp);
    fq_square(&x3, &r);
    fq_subtract(&x3, &x3, &ppp);
    fq_add(&t, &qq, &qq);
    fq_subtract(&x3, &x3, &t);
    fq_subtract(&t, &qq, &x3);
    fq_multiply(&t, &r, &t);
    fq_multiply(&t2, &s1, &ppp);
    fq_subtract(&p->y, &t, &t2);
    p->x = x3;
    fq_multiply(&t, &p->zz, &q->zz);
    fq_multiply(&p->zz, &t, &pp);
    fq_multiply(&t, &p->zzz, &q->zzz);
    fq_multiply(&p->zzz, &t, &ppp);
}

POD_EXPORT int32_t pod_native_abi_version(void)
{
    return POD_NATIVE_ABI_VERSION;
}

POD_EXPORT int32_t pod_native_layout(void)
{
    return (int32_t)(sizeof(pod_g1_xyzz) * 65536 + sizeof(pod_g1_affine) * 256 + sizeof(pod_fq));
}

POD_EXPORT int32_t pod_native_fq_multiply_kind(void)
{
    return 0;
}

POD_EXPORT void pod_fq_multiply(const pod_fq *a, const pod_fq *b, pod_fq *r)
{
    fq_multiply(r, a, b);
}

POD_EXPORT int32_t pod_g1_accumulate_buckets(
    const pod_g1_affine *bases, const int16_t *digits, size_t n, pod_g1_xyzz *buckets, size_t bucket_count)
{
    for (size_t i = 0; i < n; i++)
    {
        int32_t d = digits[i];
        if ((size_t)(d < 0 ? -d : d) > bucket_count)
        {
            return -1;
        }
    }

    for (size_t i = 0; i < n; i++)
    {
        /* Bucket access is random over up to a few MB: fetch the next point's bucket while this one adds. */
        if (i + 1 < n && digits[i + 1] != 0)
        {
            int32_t next = digits[i + 1];
            __builtin_prefetch(&buckets[(next < 0 ? -next : next) - 1], 1);
        }

        int32_t d = digits[i];
        const pod_g1_affine *q = &bases[i];
        if (d == 0 || (fq_is_zero(&q->x) && fq_is_zero(&q->y)))
        {
            continue;
        }

        if (d > 0)
        {
            xyzz_add_affine(&buckets[d - 1], &q->x, &q->y);
        }
        else
        {
            pod_fq negated;
            fq_negate(&negated, &q->y);
            xyzz_add_affine(&buckets[-d - 1], &q->x, &negated);
        }
    }
    return 0;
}

POD_EXPORT void pod_g1_reduce_buckets(const pod_g1_xyzz *buckets, size_t count, pod_g1_xyzz *result)
{
    pod_g1_xyzz running = {0}, sum = {0};
    for (size_t k = count; k-- > 0;)
    {
        xyzz_add(&running, &buckets[k]);
        xyzz_add(&sum, &running);
    }
    *result = sum;
}
