/*
 * BN254 field arithmetic and the kernel tables (see podnative.h). The point formulas, their special cases
 * and their order of operations are exactly those of Pod.Core's XyzzPoint and MultiScalarMultiplication,
 * so both backends give bit-identical buckets and the differential tests compare them exactly; field
 * elements are always fully reduced, so any correct multiplication gives the same bits.
 *
 * The kernels are written once (kernels.inc, curve.inc) and compiled once per Montgomery multiplication,
 * so the multiplication is a direct call inside each kernel and the choice costs nothing per operation.
 */
#include "podnative.h"

typedef unsigned __int128 u128;

/* A modulus p < 2^254 with -p^-1 mod 2^64; the CIOS multiplication below needs p's top limb below 2^62. */
typedef struct
{
    uint64_t p[4];
    uint64_t negative_inverse;
} modulus;

static const modulus FQ_MODULUS = {{0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL}, 0x87d20782e4866389ULL};
static const modulus FR_MODULUS = {{0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL}, 0xc2e1f593efffffffULL};

/* 2^256 mod p: one in Montgomery form. */
static const pod_fq FQ_ONE = {{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}};

static inline int limbs_are_zero(const uint64_t a[4])
{
    return (a[0] | a[1] | a[2] | a[3]) == 0;
}

/*
 * Add and subtract with carry. On x86-64 the compiler's carry intrinsics become adc/sbb chains; the
 * portable unsigned __int128 form of the same is correct everywhere but GCC spills its temporaries.
 */
#if defined(__x86_64__)
#include <cpuid.h>
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
static inline __attribute__((always_inline)) void reduce_once(uint64_t v[4], const modulus *m)
{
    unsigned char borrow;
    uint64_t r0 = subtract_borrow(v[0], m->p[0], 0, &borrow);
    uint64_t r1 = subtract_borrow(v[1], m->p[1], borrow, &borrow);
    uint64_t r2 = subtract_borrow(v[2], m->p[2], borrow, &borrow);
    uint64_t r3 = subtract_borrow(v[3], m->p[3], borrow, &borrow);
    uint64_t keep = 0 - (uint64_t)borrow; /* all ones when v < p */
    v[0] = (v[0] & keep) | (r0 & ~keep);
    v[1] = (v[1] & keep) | (r1 & ~keep);
    v[2] = (v[2] & keep) | (r2 & ~keep);
    v[3] = (v[3] & keep) | (r3 & ~keep);
}

/*
 * The same subtraction behind a branch, for public data only: it is taken rarely after a Montgomery product
 * (below 2p, seldom above p), so the prediction is nearly always right and the result leaves the dependency
 * chain four subtractions and a select earlier than reduce_once's. Fr_rawMMul in ffiasm does the same.
 */
static inline __attribute__((always_inline)) void reduce_once_vartime(uint64_t v[4], const modulus *m)
{
    if (v[3] > m->p[3] || (v[3] == m->p[3] && (v[2] > m->p[2] || (v[2] == m->p[2] && (v[1] > m->p[1] || (v[1] == m->p[1] && v[0] >= m->p[0]))))))
    {
        unsigned char borrow;
        v[0] = subtract_borrow(v[0], m->p[0], 0, &borrow);
        v[1] = subtract_borrow(v[1], m->p[1], borrow, &borrow);
        v[2] = subtract_borrow(v[2], m->p[2], borrow, &borrow);
        v[3] = subtract_borrow(v[3], m->p[3], borrow, &borrow);
    }
}

static inline __attribute__((always_inline)) void add_mod(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const modulus *m)
{
    /* a, b < p < 2^254: the sum cannot carry out of 256 bits. */
    unsigned char carry;
    uint64_t t[4];
    t[0] = add_carry(a[0], b[0], 0, &carry);
    t[1] = add_carry(a[1], b[1], carry, &carry);
    t[2] = add_carry(a[2], b[2], carry, &carry);
    t[3] = add_carry(a[3], b[3], carry, &carry);
    reduce_once(t, m);
    r[0] = t[0], r[1] = t[1], r[2] = t[2], r[3] = t[3];
}

static inline __attribute__((always_inline)) void subtract_mod(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const modulus *m)
{
    unsigned char borrow, carry;
    uint64_t t0 = subtract_borrow(a[0], b[0], 0, &borrow);
    uint64_t t1 = subtract_borrow(a[1], b[1], borrow, &borrow);
    uint64_t t2 = subtract_borrow(a[2], b[2], borrow, &borrow);
    uint64_t t3 = subtract_borrow(a[3], b[3], borrow, &borrow);
    uint64_t mask = 0 - (uint64_t)borrow; /* add p back when a < b */
    r[0] = add_carry(t0, m->p[0] & mask, 0, &carry);
    r[1] = add_carry(t1, m->p[1] & mask, carry, &carry);
    r[2] = add_carry(t2, m->p[2] & mask, carry, &carry);
    r[3] = add_carry(t3, m->p[3] & mask, carry, &carry);
}

/*
 * CIOS Montgomery multiplication without the extra carry word (p's top limb is below (2^64 - 1) / 2 - 1,
 * so the running sum fits four limbs), as in Pod.Core's Montgomery.Multiply.
 */
static inline __attribute__((always_inline)) void multiply_portable(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const modulus *m,
    int constant_time)
{
    const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (int i = 0; i < 4; i++)
    {
        const uint64_t bi = b[i];
        u128 x = (u128)a0 * bi + t0;
        uint64_t carry_a = (uint64_t)(x >> 64);
        uint64_t u0 = (uint64_t)x;
        const uint64_t q = u0 * m->negative_inverse;
        u128 y = (u128)q * m->p[0] + u0;
        uint64_t carry_c = (uint64_t)(y >> 64);

        x = (u128)a1 * bi + t1 + carry_a;
        carry_a = (uint64_t)(x >> 64);
        y = (u128)q * m->p[1] + (uint64_t)x + carry_c;
        carry_c = (uint64_t)(y >> 64);
        t0 = (uint64_t)y;

        x = (u128)a2 * bi + t2 + carry_a;
        carry_a = (uint64_t)(x >> 64);
        y = (u128)q * m->p[2] + (uint64_t)x + carry_c;
        carry_c = (uint64_t)(y >> 64);
        t1 = (uint64_t)y;

        x = (u128)a3 * bi + t3 + carry_a;
        carry_a = (uint64_t)(x >> 64);
        y = (u128)q * m->p[3] + (uint64_t)x + carry_c;
        carry_c = (uint64_t)(y >> 64);
        t2 = (uint64_t)y;

        t3 = carry_c + carry_a;
    }
    uint64_t t[4] = {t0, t1, t2, t3};
    if (constant_time)
    {
        reduce_once(t, m);
    }
    else
    {
        reduce_once_vartime(t, m);
    }
    r[0] = t[0], r[1] = t[1], r[2] = t[2], r[3] = t[3];
}

/*
 * Out of line on purpose, as the managed one is: inlined into the point formulas, GCC spilled the
 * __int128 temporaries and the bucket kernel ran slower than the managed code (docs/native.md).
 */
static __attribute__((noinline)) void fq_multiply_portable(pod_fq *r, const pod_fq *a, const pod_fq *b)
{
    multiply_portable(r->limb, a->limb, b->limb, &FQ_MODULUS, 0);
}

static __attribute__((noinline)) void fr_multiply_portable(pod_fr *r, const pod_fr *a, const pod_fr *b)
{
    multiply_portable(r->limb, a->limb, b->limb, &FR_MODULUS, 0);
}

/* Poseidon's: its inputs may be secret. */
static __attribute__((noinline)) void fr_multiply_portable_constant_time(pod_fr *r, const pod_fr *a, const pod_fr *b)
{
    multiply_portable(r->limb, a->limb, b->limb, &FR_MODULUS, 1);
}

#if defined(__x86_64__)
/*
 * The same CIOS multiplication with MULX (flags untouched) and two independent carry chains, ADOX for the
 * low halves of the products and ADCX for the high halves, so the additions of a row run side by side.
 * One row: t += a * b_i (t4 the new top word), then q = t0 * -p^-1 and t += q * p, which zeroes t0; the
 * next row reads t1..t4 as its t0..t3, so the five registers rotate instead of moving.
 *
 * Operands: %[a0]..%[a3] and %[bi] in memory, %[p0]..%[p3] and %[inv] the modulus in memory; rdx is
 * MULX's implicit multiplicand; z is a zero register, xor-ed to clear CF and OF at each chain's start.
 */
#define POD_MULX_ROW(B, T0, T1, T2, T3, T4)                                  \
    "movq " B ", %%rdx\n\t"                                                  \
    "xorl %k[z], %k[z]\n\t"                                                  \
    "movq $0, %[" T4 "]\n\t"                                                 \
    "mulxq %[a0], %[lo], %[hi]\n\t"                                          \
    "adoxq %[lo], %[" T0 "]\n\t"                                             \
    "adcxq %[hi], %[" T1 "]\n\t"                                             \
    "mulxq %[a1], %[lo], %[hi]\n\t"                                          \
    "adoxq %[lo], %[" T1 "]\n\t"                                             \
    "adcxq %[hi], %[" T2 "]\n\t"                                             \
    "mulxq %[a2], %[lo], %[hi]\n\t"                                          \
    "adoxq %[lo], %[" T2 "]\n\t"                                             \
    "adcxq %[hi], %[" T3 "]\n\t"                                             \
    "mulxq %[a3], %[lo], %[hi]\n\t"                                          \
    "adoxq %[lo], %[" T3 "]\n\t"                                             \
    "adcxq %[hi], %[" T4 "]\n\t"                                             \
    "adoxq %[z], %[" T4 "]\n\t"                                              \
    "movq %[" T0 "], %%rdx\n\t"                                              \
    "imulq %[inv], %%rdx\n\t"                                                \
    "xorl %k[z], %k[z]\n\t"                                                  \
    "mulxq %[p0], %[lo], %[hi]\n\t"                                          \
    "adcxq %[" T0 "], %[lo]\n\t"                                             \
    "adoxq %[hi], %[" T1 "]\n\t"                                             \
    "mulxq %[p1], %[lo], %[hi]\n\t"                                          \
    "adcxq %[lo], %[" T1 "]\n\t"                                             \
    "adoxq %[hi], %[" T2 "]\n\t"                                             \
    "mulxq %[p2], %[lo], %[hi]\n\t"                                          \
    "adcxq %[lo], %[" T2 "]\n\t"                                             \
    "adoxq %[hi], %[" T3 "]\n\t"                                             \
    "mulxq %[p3], %[lo], %[hi]\n\t"                                          \
    "adcxq %[lo], %[" T3 "]\n\t"                                             \
    "adoxq %[hi], %[" T4 "]\n\t"                                             \
    "adcxq %[z], %[" T4 "]\n\t"

static inline __attribute__((always_inline)) void multiply_mulx(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const modulus *m,
    int constant_time)
{
    uint64_t r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4, lo, hi, z;
    __asm__(
        POD_MULX_ROW("%[b0]", "r0", "r1", "r2", "r3", "r4")
        POD_MULX_ROW("%[b1]", "r1", "r2", "r3", "r4", "r0")
        POD_MULX_ROW("%[b2]", "r2", "r3", "r4", "r0", "r1")
        POD_MULX_ROW("%[b3]", "r3", "r4", "r0", "r1", "r2")
        : [r0] "+&r"(r0), [r1] "+&r"(r1), [r2] "+&r"(r2), [r3] "+&r"(r3), [r4] "=&r"(r4),
          [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
        : [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3]),
          [b0] "m"(b[0]), [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3]),
          [p0] "m"(m->p[0]), [p1] "m"(m->p[1]), [p2] "m"(m->p[2]), [p3] "m"(m->p[3]), [inv] "m"(m->negative_inverse)
        : "rdx", "cc");
    /* After four rows the value is in r4, r0, r1, r2 (below 2p). */
    uint64_t t[4] = {r4, r0, r1, r2};
    if (constant_time)
    {
        reduce_once(t, m);
    }
    else
    {
        reduce_once_vartime(t, m);
    }
    r[0] = t[0], r[1] = t[1], r[2] = t[2], r[3] = t[3];
}

static __attribute__((noinline)) void fq_multiply_mulx(pod_fq *r, const pod_fq *a, const pod_fq *b)
{
    multiply_mulx(r->limb, a->limb, b->limb, &FQ_MODULUS, 0);
}

static __attribute__((noinline)) void fr_multiply_mulx(pod_fr *r, const pod_fr *a, const pod_fr *b)
{
    multiply_mulx(r->limb, a->limb, b->limb, &FR_MODULUS, 0);
}

static __attribute__((noinline)) void fr_multiply_mulx_constant_time(pod_fr *r, const pod_fr *a, const pod_fr *b)
{
    multiply_mulx(r->limb, a->limb, b->limb, &FR_MODULUS, 1);
}

/* CPUID leaf 7: EBX bit 8 is BMI2 (MULX), bit 19 is ADX (ADCX, ADOX). */
static int processor_has_mulx(void)
{
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
    {
        return 0;
    }
    return (ebx & (1u << 8)) != 0 && (ebx & (1u << 19)) != 0;
}
#endif

/*
 * Sums of products with one Montgomery reduction (Poseidon's matrix rows): acc += a * b as a plain 512-bit
 * product, then REDC once. For a, b < r the sum of up to POD_LAZY_PRODUCTS products stays below
 * r * 2^256 (r < 0.19 * 2^256, so 5 r^2 < 0.95 r 2^256) and REDC leaves it below 2r, one subtraction from
 * canonical, so the results are those of reducing every product. Branch-free, like the multiplications.
 */
#define POD_LAZY_PRODUCTS 5

static inline __attribute__((always_inline)) void wide_multiply_add(uint64_t acc[8], const uint64_t a[4], const uint64_t b[4])
{
    unsigned char carry;
    for (int i = 0; i < 4; i++)
    {
        /* row = a * b[i] (five limbs), added at limb i. */
        uint64_t row[5];
        u128 x = 0;
        for (int j = 0; j < 4; j++)
        {
            x = (u128)a[j] * b[i] + (uint64_t)(x >> 64);
            row[j] = (uint64_t)x;
        }
        row[4] = (uint64_t)(x >> 64);
        carry = 0;
        for (int j = 0; j < 5; j++)
        {
            acc[i + j] = add_carry(acc[i + j], row[j], carry, &carry);
        }
        for (int j = i + 5; j < 8; j++)
        {
            acc[j] = add_carry(acc[j], 0, carry, &carry);
        }
    }
}

/* r = acc * 2^-256 mod m, for acc < m 2^256; acc is consumed. */
static inline __attribute__((always_inline)) void wide_reduce(uint64_t r[4], uint64_t acc[8], const modulus *m)
{
    unsigned char carry;
    for (int i = 0; i < 4; i++)
    {
        const uint64_t q = acc[i] * m->negative_inverse;
        u128 x = 0;
        carry = 0;
        for (int j = 0; j < 4; j++)
        {
            x = (u128)q * m->p[j] + (uint64_t)(x >> 64);
            acc[i + j] = add_carry(acc[i + j], (uint64_t)x, carry, &carry);
        }
        acc[i + 4] = add_carry(acc[i + 4], (uint64_t)(x >> 64), carry, &carry);
        for (int j = i + 5; j < 8; j++)
        {
            acc[j] = add_carry(acc[j], 0, carry, &carry);
        }
    }
    uint64_t t[4] = {acc[4], acc[5], acc[6], acc[7]};
    reduce_once(t, m);
    r[0] = t[0], r[1] = t[1], r[2] = t[2], r[3] = t[3];
}

/* sum over j < n of a[j] * b[j] * 2^-256 mod r: a Poseidon matrix row times the state. */
static void fr_dot(pod_fr *result, const pod_fr *a, const pod_fr *b, size_t n)
{
    pod_fr sum = {{0, 0, 0, 0}};
    for (size_t start = 0; start < n; start += POD_LAZY_PRODUCTS)
    {
        uint64_t acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        const size_t end = start + POD_LAZY_PRODUCTS < n ? start + POD_LAZY_PRODUCTS : n;
        for (size_t j = start; j < end; j++)
        {
            wide_multiply_add(acc, a[j].limb, b[j].limb);
        }
        pod_fr part;
        wide_reduce(part.limb, acc, &FR_MODULUS);
        add_mod(sum.limb, sum.limb, part.limb, &FR_MODULUS);
    }
    *result = sum;
}

/* Addition, subtraction and negation are the same for every multiplication kind. */
static inline void fq_add(pod_fq *r, const pod_fq *a, const pod_fq *b) { add_mod(r->limb, a->limb, b->limb, &FQ_MODULUS); }
static inline void fq_subtract(pod_fq *r, const pod_fq *a, const pod_fq *b) { subtract_mod(r->limb, a->limb, b->limb, &FQ_MODULUS); }
static inline int fq_is_zero(const pod_fq *a) { return limbs_are_zero(a->limb); }
static inline void fq_negate(pod_fq *r, const pod_fq *a)
{
    static const pod_fq zero = {{0, 0, 0, 0}};
    fq_subtract(r, &zero, a);
}
static inline void fr_add(pod_fr *r, const pod_fr *a, const pod_fr *b) { add_mod(r->limb, a->limb, b->limb, &FR_MODULUS); }
static inline void fr_subtract(pod_fr *r, const pod_fr *a, const pod_fr *b) { subtract_mod(r->limb, a->limb, b->limb, &FR_MODULUS); }

static inline void fq2_add(pod_fq2 *r, const pod_fq2 *a, const pod_fq2 *b)
{
    fq_add(&r->c0, &a->c0, &b->c0);
    fq_add(&r->c1, &a->c1, &b->c1);
}
static inline void fq2_subtract(pod_fq2 *r, const pod_fq2 *a, const pod_fq2 *b)
{
    fq_subtract(&r->c0, &a->c0, &b->c0);
    fq_subtract(&r->c1, &a->c1, &b->c1);
}
static inline void fq2_negate(pod_fq2 *r, const pod_fq2 *a)
{
    fq_negate(&r->c0, &a->c0);
    fq_negate(&r->c1, &a->c1);
}
static inline int fq2_is_zero(const pod_fq2 *a) { return fq_is_zero(&a->c0) && fq_is_zero(&a->c1); }
static const pod_fq2 FQ2_ONE = {{{0xd35d438dc58f0d9dULL, 0x0a78eb28f5c70b3dULL, 0x666ea36f7879462cULL, 0x0e0a77c19a07df2fULL}}, {{0, 0, 0, 0}}};

/* The i-th bit-reversed index of a log2_size-bit range. */
static inline size_t bit_reverse(size_t i, uint32_t bits)
{
    size_t r = 0;
    for (uint32_t k = 0; k < bits; k++)
    {
        r = (r << 1) | ((i >> k) & 1);
    }
    return r;
}

#define POD_CAT2(a, b) a##_##b
#define POD_CAT(a, b) POD_CAT2(a, b)

#define KIND portable
#define KIND_ID POD_MULTIPLY_PORTABLE
#define FQ_MULTIPLY fq_multiply_portable
#define FR_MULTIPLY fr_multiply_portable
#define FR_MULTIPLY_CONSTANT_TIME fr_multiply_portable_constant_time
#include "kernels.inc"
#undef KIND
#undef KIND_ID
#undef FQ_MULTIPLY
#undef FR_MULTIPLY
#undef FR_MULTIPLY_CONSTANT_TIME

#if defined(__x86_64__)
#define KIND mulx
#define KIND_ID POD_MULTIPLY_MULX
#define FQ_MULTIPLY fq_multiply_mulx
#define FR_MULTIPLY fr_multiply_mulx
#define FR_MULTIPLY_CONSTANT_TIME fr_multiply_mulx_constant_time
#include "kernels.inc"
#undef KIND
#undef KIND_ID
#undef FQ_MULTIPLY
#undef FR_MULTIPLY
#undef FR_MULTIPLY_CONSTANT_TIME
#endif

POD_EXPORT int32_t pod_native_abi_version(void)
{
    return POD_NATIVE_ABI_VERSION;
}

POD_EXPORT const pod_kernel_table *pod_native_kernels(int32_t multiply_kind)
{
    switch (multiply_kind)
    {
    case POD_MULTIPLY_PORTABLE:
        return &kernels_portable;
#if defined(__x86_64__)
    case POD_MULTIPLY_MULX:
        return processor_has_mulx() ? &kernels_mulx : NULL;
#endif
    default:
        return NULL;
    }
}
