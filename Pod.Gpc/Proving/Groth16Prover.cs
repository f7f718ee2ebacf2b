using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Gpc.Proving;

/// <summary>
/// Groth16 proving over BN254, computed exactly as snarkjs's <c>groth16.prove</c>: the same polynomial
/// evaluations, the same domain and coset, the same assembly, so that its proofs verify in snarkjs,
/// <c>@pcd/gpc</c> and <see cref="Groth16.Verify(Groth16VerificationKey, Groth16Proof, ReadOnlySpan{Fr})"/>.
/// </summary>
/// <remarks>
/// From a witness w (element 0 the constant 1): a = A w and b = B w evaluated on the n-point domain from
/// the key's coefficients, c = a o b; each of a, b, c is interpolated (inverse FFT), multiplied by
/// omega_2n^i and evaluated again (FFT), which gives its values on the odd points of the 2n domain, where
/// h = a b - c; then the multi-scalar multiplications A' = sum w_i A_i, B1' and B2' likewise, C' over the
/// private wires, H' = sum h_i H_i, and with fresh random r, s:
/// pi_A = alpha1 + A' + r delta1, pi_B = beta2 + B2' + s delta2,
/// pi_C = C' + H' + s pi_A + r (beta1 + B1' + s delta1) - r s delta1.
/// r and s come from <see cref="RandomNumberGenerator"/>; two proofs of one witness differ.
/// </remarks>
public static class Groth16Prover
{
    /// <summary>Proves that the witness satisfies the key's circuit.</summary>
    /// <param name="key">The proving key.</param>
    /// <param name="witness">The full witness (snarkjs's <c>.wtns</c> contents), element 0 equal to 1.</param>
    /// <param name="options">Parallelism and the self-check; null for the defaults.</param>
    /// <param name="progress">Told as each phase begins; may be null.</param>
    /// <param name="cancellationToken">Cancels the work between and inside phases.</param>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    /// <exception cref="ArgumentException">The witness has the wrong length, or does not satisfy the circuit (the proof computed from it does not verify).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Groth16ProvingResult Prove(
        Groth16ProvingKey key,
        ReadOnlySpan<Fr> witness,
        Groth16ProvingOptions? options = null,
        IProgress<Groth16ProvingPhase>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= Groth16ProvingOptions.Default;
        if (witness.Length != key.WireCount)
        {
            throw new ArgumentException(
                $"The witness has {witness.Length} elements; the circuit has {key.WireCount} wires.", nameof(witness));
        }

        if (witness[0] != Fr.One)
        {
            throw new ArgumentException("The witness's element 0 must be the constant 1.", nameof(witness));
        }

        // The proof's working arrays (a, b, c then h, the witness as plain scalars: 7 MB for the largest GPC
        // circuit) are rented from the shared pool and returned cleared: successive proofs reuse them instead of
        // each leaving large-object garbage that lives until a full collection, and the witness-derived values
        // do not linger in freed memory.
        int n = key.DomainSize;
        U256[] aBuffer = ArrayPool<U256>.Shared.Rent(n);
        U256[] bBuffer = ArrayPool<U256>.Shared.Rent(n);
        U256[] cThenH = ArrayPool<U256>.Shared.Rent(n);
        U256[] scalars = ArrayPool<U256>.Shared.Rent(witness.Length);
        try
        {
            return ProveCore(key, witness, options, progress, cancellationToken, aBuffer, bBuffer, cThenH, scalars);
        }
        finally
        {
            ArrayPool<U256>.Shared.Return(aBuffer, clearArray: true);
            ArrayPool<U256>.Shared.Return(bBuffer, clearArray: true);
            ArrayPool<U256>.Shared.Return(cThenH, clearArray: true);
            ArrayPool<U256>.Shared.Return(scalars, clearArray: true);
        }
    }

    private static Groth16ProvingResult ProveCore(
        Groth16ProvingKey key,
        ReadOnlySpan<Fr> witness,
        Groth16ProvingOptions options,
        IProgress<Groth16ProvingPhase>? progress,
        CancellationToken cancellationToken,
        U256[] aBuffer,
        U256[] bBuffer,
        U256[] cThenH,
        U256[] scalarBuffer)
    {
        int parallelism = options.MaxDegreeOfParallelism;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

        progress?.Report(Groth16ProvingPhase.Polynomials);
        int n = key.DomainSize;
        Span<Fr> a = AsFr(aBuffer, n), b = AsFr(bBuffer, n), c = AsFr(cThenH, n);
        a.Clear();
        b.Clear();
        foreach (Groth16Coefficient coefficient in key.Coefficients)
        {
            Span<Fr> target = coefficient.Matrix == 0 ? a : b;
            target[coefficient.Constraint] += coefficient.Value * witness[coefficient.Wire];
        }

        for (int i = 0; i < n; i++)
        {
            c[i] = a[i] * b[i];
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(Groth16ProvingPhase.QuotientEvaluations);
        QuotientEvaluations(key, aBuffer, bBuffer, cThenH, parallel);
        ReadOnlyMemory<U256> h = cThenH.AsMemory(0, n);

        Memory<U256> scalars = scalarBuffer.AsMemory(0, witness.Length);
        for (int i = 0; i < witness.Length; i++)
        {
            scalars.Span[i] = witness[i].ToCanonicalLimbs();
        }

        // A, B1, B2 run over the whole witness and C over its private part: one set of digits for all four.
        NativeLibraryKernels? native = NativeKernels.Active;
        JacobianPoint<Fq> aPrime, b1Prime, cPrime;
        JacobianPoint<Fq2> b2Prime;
        using (MsmDigits digits = MsmDigits.Compute(scalars, parallelism, cancellationToken))
        {
            progress?.Report(Groth16ProvingPhase.MultiExpA);
            aPrime = MultiScalarMultiplication<Fq>.Compute(key.A, digits, 0, parallelism, cancellationToken, native);
            progress?.Report(Groth16ProvingPhase.MultiExpB1);
            b1Prime = MultiScalarMultiplication<Fq>.Compute(key.B1, digits, 0, parallelism, cancellationToken, native);
            progress?.Report(Groth16ProvingPhase.MultiExpB2);
            b2Prime = MultiScalarMultiplication<Fq2>.Compute(key.B2, digits, 0, parallelism, cancellationToken, native);
            progress?.Report(Groth16ProvingPhase.MultiExpC);
            cPrime = MultiScalarMultiplication<Fq>.Compute(key.C, digits, key.PublicSignalCount + 1, parallelism, cancellationToken, native);
        }

        progress?.Report(Groth16ProvingPhase.MultiExpH);
        JacobianPoint<Fq> hPrime = MultiScalarMultiplication<Fq>.Compute(key.H, h, parallelism, cancellationToken);

        progress?.Report(Groth16ProvingPhase.Assembly);
        BigInteger r = RandomScalar();
        BigInteger s = RandomScalar();
        JacobianPoint<Fq> delta1 = key.Delta1.ToJacobian();

        JacobianPoint<Fq> piA = JacobianPoint<Fq>.Add(JacobianPoint<Fq>.AddAffine(aPrime, key.Alpha1), JacobianPoint<Fq>.Multiply(delta1, r));
        JacobianPoint<Fq2> piB = JacobianPoint<Fq2>.Add(
            JacobianPoint<Fq2>.AddAffine(b2Prime, key.Beta2), JacobianPoint<Fq2>.Multiply(key.Delta2.ToJacobian(), s));
        JacobianPoint<Fq> b1 = JacobianPoint<Fq>.Add(JacobianPoint<Fq>.AddAffine(b1Prime, key.Beta1), JacobianPoint<Fq>.Multiply(delta1, s));
        JacobianPoint<Fq> piC = JacobianPoint<Fq>.Add(cPrime, hPrime);
        piC = JacobianPoint<Fq>.Add(piC, JacobianPoint<Fq>.Multiply(piA, s));
        piC = JacobianPoint<Fq>.Add(piC, JacobianPoint<Fq>.Multiply(b1, r));
        piC = JacobianPoint<Fq>.Add(piC, JacobianPoint<Fq>.Multiply(delta1, (r * s) % Fr.Modulus).Negate());

        var proof = new Groth16Proof(piA.ToAffine(), piB.ToAffine(), piC.ToAffine());
        Fr[] publicSignals = witness.Slice(1, key.PublicSignalCount).ToArray();
        if (options.VerifyBeforeReturning)
        {
            // vk_x by one small MSM over the IC points and the witness's public part: Groth16.Verify would build
            // the key's fixed-base tables (64 KB per IC point, 12 MB for a GPC circuit with 182 signals) for a
            // single use.
            progress?.Report(Groth16ProvingPhase.SelfCheck);
            CurvePoint<Fq> publicInput = MultiScalarMultiplication<Fq>.Compute(
                key.Ic, scalars[..(key.PublicSignalCount + 1)], parallelism, cancellationToken).ToAffine();
            if (!Groth16.Verify(key.VerificationKey, proof, publicInput))
            {
                throw new ArgumentException(
                    "The witness does not satisfy the circuit's constraints: the proof computed from it does not verify.",
                    nameof(witness));
            }
        }

        return new Groth16ProvingResult(proof, publicSignals);
    }

    /// <summary>
    /// h = a b - c on the odd points of the 2n domain, as plain integers for the H multi-exponentiation, written
    /// over c's array. a, b, c (evaluations on the n domain) are overwritten.
    /// </summary>
    private static void QuotientEvaluations(Groth16ProvingKey key, U256[] a, U256[] b, U256[] cThenH, ParallelOptions parallel)
    {
        (FrDomain domain, Fr[] shifts) = key.QuotientDomain();

        // The three polynomials are independent: one per thread, each transform sequential.
        Parallel.For(0, 3, parallel, k =>
        {
            Span<Fr> values = AsFr(k switch { 0 => a, 1 => b, _ => cThenH }, domain.Size);
            domain.InverseFft(values);
            FrDomain.MultiplyPointwise(values, shifts);
            domain.Fft(values);
        });

        Span<U256> h = cThenH.AsSpan(0, domain.Size);
        FrDomain.Quotient(AsFr(a, domain.Size), AsFr(b, domain.Size), MemoryMarshal.Cast<U256, Fr>(h), h);
    }

    /// <summary>The first n elements of a pooled buffer as field elements (Fr is a U256 in Montgomery form).</summary>
    private static Span<Fr> AsFr(U256[] buffer, int n) => MemoryMarshal.Cast<U256, Fr>(buffer.AsSpan(0, n));

    /// <summary>A uniform scalar in [1, r): 64 random bytes reduced mod r (bias below 2^-250), zero redrawn.</summary>
    private static BigInteger RandomScalar()
    {
        Span<byte> bytes = stackalloc byte[64];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            Fr value = Fr.FromBytesReduced(bytes);
            CryptographicOperations.ZeroMemory(bytes);
            if (!value.IsZero)
            {
                return value.ToBigInteger();
            }
        }
    }
}
