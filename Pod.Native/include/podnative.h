/*
 * Pod.Native: optional C kernels for Pod's hot paths. Pod.Core loads this library at start-up, checks it
 * against the managed code on known answers, and uses it only when the check passes (docs/native.md).
 *
 * Layouts are the managed structs' layouts, so .NET passes pinned spans with no copies:
 *   pod_fq        = Pod.Cryptography.Fields.Fq: four little-endian 64-bit limbs, Montgomery form (x * 2^256 mod p)
 *   pod_g1_affine = RawAffinePoint<Fq>: x then y; (0, 0) is the point at infinity
 *   pod_g1_xyzz   = XyzzPoint<Fq>: X, Y, ZZ, ZZZ with x = X / ZZ, y = Y / ZZZ; ZZ = 0 is the point at infinity
 *
 * Every kernel here is variable time: for public data only (the prover's multi-scalar multiplication).
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

/* Bumped whenever a signature or a layout changes; Pod.Core refuses any other version. */
#define POD_NATIVE_ABI_VERSION 1

typedef struct { uint64_t limb[4]; } pod_fq;
typedef struct { pod_fq x, y; } pod_g1_affine;
typedef struct { pod_fq x, y, zz, zzz; } pod_g1_xyzz;

/* POD_NATIVE_ABI_VERSION. */
POD_EXPORT int32_t pod_native_abi_version(void);

/* sizeof(pod_g1_xyzz) * 65536 + sizeof(pod_g1_affine) * 256 + sizeof(pod_fq): the caller compares it with its own sizes. */
POD_EXPORT int32_t pod_native_layout(void);

/* Which Fq multiplication runs: 0, the C code (unsigned __int128 products, carry intrinsics on x86-64), so far the only one. */
POD_EXPORT int32_t pod_native_fq_multiply_kind(void);

/* r = a * b * 2^-256 mod p, for a, b < p (BN254 base field). r may alias a or b. */
POD_EXPORT void pod_fq_multiply(const pod_fq *a, const pod_fq *b, pod_fq *r);

/*
 * One window of Pippenger's bucket method: for each i < n with digits[i] != 0 and bases[i] not at
 * infinity, buckets[|d| - 1] += sign(d) * bases[i]. The buckets are read and updated in place (so a
 * window may be fed in chunks). Returns 0, or -1 (nothing changed) when a digit's magnitude exceeds
 * bucket_count.
 */
POD_EXPORT int32_t pod_g1_accumulate_buckets(
    const pod_g1_affine *bases, const int16_t *digits, size_t n, pod_g1_xyzz *buckets, size_t bucket_count);

/* *result = sum over k of (k + 1) * buckets[k], by running sums (2 * count additions). */
POD_EXPORT void pod_g1_reduce_buckets(const pod_g1_xyzz *buckets, size_t count, pod_g1_xyzz *result);

#endif
