/*
 * Pod.Native: optional C kernels for Pod's hot paths. Pod.Core loads this library at start-up, checks it
 * against the managed code on known answers, and uses it only when the check passes (docs/native.md).
 *
 * Layouts are the managed structs' layouts, so .NET passes pinned spans with no copies:
 *   pod_fq, pod_fr = Pod.Cryptography.Fields.Fq, Fr: four little-endian 64-bit limbs, Montgomery form (x * 2^256 mod p)
 *   pod_fq2        = Fq2: c0 + c1 u with u^2 = -1
 *   pod_g1_affine  = RawAffinePoint<Fq>: x then y; (0, 0) is the point at infinity (likewise pod_g2_affine over Fq2)
 *   pod_g1_xyzz    = XyzzPoint<Fq>: X, Y, ZZ, ZZZ with x = X / ZZ, y = Y / ZZZ; ZZ = 0 is the point at infinity
 *   pod_fq12       = Fq12: c0 + c1 w over Fq6 = Fq2[v] / (v^3 - xi), xi = 9 + u, with w^2 = v
 *   pod_prepared_line = PreparedLine: a prepared G2 point's affine Miller-loop line, slope lambda and mu
 *
 * The kernels come as tables, one per Montgomery multiplication: the portable C (unsigned __int128
 * products) everywhere, and MULX/ADCX/ADOX assembly on x86-64 processors with BMI2 and ADX (checked with
 * CPUID). Every kernel here is variable time, for public data only (the prover's MSMs and FFTs, the verifier's
pairing), except the
 * Poseidon permutation, whose inputs may be secret: it is constant time (no branch or memory access depends
 * on the data; docs/native.md).
 */
#ifndef PODNATIVE_H
#define PODNATIVE_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define POD_EXPORT __declspec(dllexport)
#else
#define POD_EXPORT __attribute__((visibility("default")))
#endif

/* Bumped whenever a signature, a layout or the table changes; Pod.Core refuses any other version. */
#define POD_NATIVE_ABI_VERSION 4

typedef struct { uint64_t limb[4]; } pod_fq;
typedef struct { uint64_t limb[4]; } pod_fr;
typedef struct { pod_fq c0, c1; } pod_fq2;
typedef struct { pod_fq x, y; } pod_g1_affine;
typedef struct { pod_fq x, y, zz, zzz; } pod_g1_xyzz;
typedef struct { pod_fq2 x, y; } pod_g2_affine;
typedef struct { pod_fq2 x, y, zz, zzz; } pod_g2_xyzz;
typedef struct { pod_fq2 c0, c1, c2; } pod_fq6;
typedef struct { pod_fq6 c0, c1; } pod_fq12;
typedef struct { pod_fq2 lambda, mu; } pod_prepared_line;

/* The lines of one prepared G2 point: one per step of the ate loop, one per non-zero digit, two at the end. */
#define POD_PAIRING_LINE_COUNT 88

/* The widest Poseidon state: 16 inputs and the capacity element. */
#define POD_POSEIDON_MAX_WIDTH 17

/*
 * One width's Poseidon constants in the sparse-matrix form of the Poseidon paper's appendix B, exactly as
 * Pod.Core's PoseidonOptimizedParameters derives them from circomlib's constants (the managed code derives
 * them once per width and keeps them at a fixed address; this library holds no constants of its own). All
 * elements in Montgomery form.
 */
typedef struct
{
    uint32_t width;            /* t = inputs + 1, 2..POD_POSEIDON_MAX_WIDTH */
    uint32_t half_full_rounds; /* 4: full rounds before and after the partial rounds */
    uint32_t partial_rounds;
    uint32_t reserved;                    /* 0 */
    const pod_fr *first_half_constants;   /* half_full_rounds * t, round by round */
    const pod_fr *partial_constants;      /* partial_rounds: the constant added to x[0] */
    const pod_fr *second_half_constants;  /* half_full_rounds * t */
    const pod_fr *mds;                    /* t * t, row-major: the full rounds' matrix */
    const pod_fr *pre_sparse;             /* t * t: the matrix of the last first-half full round */
    const pod_fr *sparse;                 /* partial_rounds * (2t - 1): per round q00, w'[1..t-1], v[1..t-1] */
} pod_poseidon_parameters;

/* The Montgomery multiplication a table's kernels use. */
#define POD_MULTIPLY_PORTABLE 1 /* C, unsigned __int128 products (carry intrinsics on x86-64) */
#define POD_MULTIPLY_MULX 2     /* x86-64 assembly: MULX with two carry chains (ADCX, ADOX) */

typedef struct
{
    /* POD_MULTIPLY_PORTABLE or POD_MULTIPLY_MULX. */
    int32_t multiply_kind;
    /* sizeof pod_fq, pod_fr, pod_fq2, pod_g1_affine, pod_g1_xyzz, pod_g2_affine, pod_g2_xyzz, pod_poseidon_parameters,
       pod_fq12, pod_prepared_line: the caller compares them with its own. */
    int32_t sizes[10];

    /* r = a * b * 2^-256 mod p (base field) or mod r (scalar field), for a, b reduced. r may alias a or b. */
    void (*fq_multiply)(const pod_fq *a, const pod_fq *b, pod_fq *r);
    void (*fr_multiply)(const pod_fr *a, const pod_fr *b, pod_fr *r);
    void (*fq2_multiply)(const pod_fq2 *a, const pod_fq2 *b, pod_fq2 *r);

    /*
     * One window of Pippenger's bucket method: for each i < n with digits[i] != 0 and bases[i] not at
     * infinity, buckets[|d| - 1] += sign(d) * bases[i]. The buckets are read and updated in place (so a
     * window may be fed in chunks). Returns 0, or -1 (nothing changed) when a digit's magnitude exceeds
     * bucket_count.
     */
    int32_t (*g1_accumulate_buckets)(const pod_g1_affine *bases, const int16_t *digits, size_t n, pod_g1_xyzz *buckets, size_t bucket_count);
    /* *result = sum over k of (k + 1) * buckets[k], by running sums (2 * count additions). */
    void (*g1_reduce_buckets)(const pod_g1_xyzz *buckets, size_t count, pod_g1_xyzz *result);
    int32_t (*g2_accumulate_buckets)(const pod_g2_affine *bases, const int16_t *digits, size_t n, pod_g2_xyzz *buckets, size_t bucket_count);
    void (*g2_reduce_buckets)(const pod_g2_xyzz *buckets, size_t count, pod_g2_xyzz *result);

    /*
     * In place over 2^log2_size values: values[i] = sum_j values[j] w^(ij), then times *scale when scale
     * is not NULL. twiddles[k] = w^k for k < 2^(log2_size - 1) (w a primitive 2^log2_size-th root of unity).
     */
    void (*fr_fft)(pod_fr *values, uint32_t log2_size, const pod_fr *twiddles, const pod_fr *scale);
    /* values[i] *= factors[i] for i < n. */
    void (*fr_multiply_pointwise)(pod_fr *values, const pod_fr *factors, size_t n);
    /* out[i] = a[i] * b[i] - c[i] out of Montgomery form (a plain integer below r), for i < n. */
    void (*fr_quotient)(const pod_fr *a, const pod_fr *b, const pod_fr *c, size_t n, pod_fr *out);

    /*
     * count independent Poseidon hashes of width t = parameters->width: outputs[h] = Poseidon(inputs[h (t - 1)],
     * ..., inputs[h (t - 1) + t - 2]) for h < count, the inputs reduced (below r). A LeanIMT level is one call
     * with t = 3 over the level's nodes. Returns 0, or -1 (nothing written) when the width is out of range.
     * Constant time in the inputs (the work depends only on the width and the count).
     */
    int32_t (*poseidon_hash)(const pod_poseidon_parameters *parameters, const pod_fr *inputs, size_t count, pod_fr *outputs);

    /*
     * The BN254 optimal ate pairing, as Pod.Core's Pairing (variable time: for public data, e.g. Groth16
     * verification). *result = the product of the Miller loops of the n plain pairs (ps[i], qs[i]) and of
     * the m prepared pairs (prepared_ps[j], the G2 point whose line_count lines start at prepared_lines[j]),
     * then raised to the final exponent when final_exponentiation is non-zero: bit for bit Pairing.MillerLoop
     * and Pairing.FinalExponentiation. A pair with a point at infinity ((0, 0), or prepared_lines[j] NULL)
     * contributes one. Points must be in their groups (the caller checks). Returns 0; -1 (nothing written)
     * when line_count is not POD_PAIRING_LINE_COUNT; -2 (nothing written) when a prepared pair's yP or the
     * value to exponentiate is zero (no inverse; only points outside the groups reach it).
     */
    int32_t (*bn254_miller_loop)(const pod_g1_affine *ps, const pod_g2_affine *qs, size_t n, const pod_g1_affine *prepared_ps,
                                 const pod_prepared_line *const *prepared_lines, size_t m, size_t line_count,
                                 int32_t final_exponentiation, pod_fq12 *result);
    /* *result = f^((p^12 - 1) / r times the managed code's fixed factor), as Pairing.FinalExponentiation. Returns 0, or -2 (nothing written) for f = 0. */
    int32_t (*bn254_final_exponentiation)(const pod_fq12 *f, pod_fq12 *result);

    /*
     * Groth16 verification's public-input sum in one call: *result = sum over k < count of s_k B_k, for
     * scalars (reduced, Montgomery form) and fixed bases given by their precomputed multiples
     * table[64 k + j] = 2^(4 j) B_k, j < 64 ((0, 0) for infinity). Signed digits of window_bits bits (4, 8,
     * 12 or 16; 0 chooses from the scalars), scalars above (r - 1) / 2 taken as -(r - s), one Pippenger
     * window over all the (scalar, multiple) pairs, its buckets summed with batch-affine additions. Returns
     * 0, -1 (nothing written) for another window size or a count too large to address, -2 (nothing
     * written) when the scratch space (malloc) is not available.
     */
    int32_t (*g1_fixed_base_msm)(const pod_g1_affine *table, size_t count, const pod_fr *scalars, uint32_t window_bits, pod_g1_xyzz *result);
} pod_kernel_table;

/* POD_NATIVE_ABI_VERSION. */
POD_EXPORT int32_t pod_native_abi_version(void);

/* The table of a multiplication kind, or NULL when this build or this processor cannot run it. */
POD_EXPORT const pod_kernel_table *pod_native_kernels(int32_t multiply_kind);

#endif
