using System.Numerics;
using System.Security.Cryptography;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;

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

        int parallelism = options.MaxDegreeOfParallelism;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

        progress?.Report(Groth16ProvingPhase.Polynomials);
        int n = key.DomainSize;
        var a = new Fr[n];
        var b = new Fr[n];
        var c = new Fr[n];
        foreach (Groth16Coefficient coefficient in key.Coefficients)
        {
            Fr[] target = coefficient.Matrix == 0 ? a : b;
            target[coefficient.Constraint] += coefficient.Value * witness[coefficient.Wire];
        }

        for (int i = 0; i < n; i++)
        {
            c[i] = a[i] * b[i];
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(Groth16ProvingPhase.QuotientEvaluations);
        U256[] h = QuotientEvaluations(key, a, b, c, parallel);

        var scalars = new U256[witness.Length];
        for (int i = 0; i < scalars.Length; i++)
        {
            scalars[i] = witness[i].ToCanonicalLimbs();
        }

        progress?.Report(Groth16ProvingPhase.MultiExpA);
        JacobianPoint<Fq> aPrime = MultiScalarMultiplication<Fq>.Compute(key.A, scalars, parallelism, cancellationToken);
        progress?.Report(Groth16ProvingPhase.MultiExpB1);
        JacobianPoint<Fq> b1Prime = MultiScalarMultiplication<Fq>.Compute(key.B1, scalars, parallelism, cancellationToken);
        progress?.Report(Groth16ProvingPhase.MultiExpB2);
        JacobianPoint<Fq2> b2Prime = MultiScalarMultiplication<Fq2>.Compute(key.B2, scalars, parallelism, cancellationToken);
        progress?.Report(Groth16ProvingPhase.MultiExpC);
        JacobianPoint<Fq> cPrime = MultiScalarMultiplication<Fq>.Compute(
            key.C, scalars.AsMemory(key.PublicSignalCount + 1), parallelism, cancellationToken);
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
            progress?.Report(Groth16ProvingPhase.SelfCheck);
            if (!Groth16.Verify(key.VerificationKey, proof, publicSignals))
            {
                throw new ArgumentException(
                    "The witness does not satisfy the circuit's constraints: the proof computed from it does not verify.",
                    nameof(witness));
            }
        }

        return new Groth16ProvingResult(proof, publicSignals);
    }

    /// <summary>
    /// h = a b - c on the odd points of the 2n domain, as plain integers for the H multi-exponentiation.
    /// a, b, c (evaluations on the n domain) are overwritten.
    /// </summary>
    private static U256[] QuotientEvaluations(Groth16ProvingKey key, Fr[] a, Fr[] b, Fr[] c, ParallelOptions parallel)
    {
        (FrDomain domain, Fr[] shifts) = key.QuotientDomain();
        int n = domain.Size;

        // The three polynomials are independent: one per thread, each transform sequential.
        Parallel.For(0, 3, parallel, k =>
        {
            Fr[] values = k switch { 0 => a, 1 => b, _ => c };
            domain.InverseFft(values);
            FrDomain.MultiplyPointwise(values, shifts);
            domain.Fft(values);
        });

        var h = new U256[n];
        FrDomain.Quotient(a, b, c, h);
        return h;
    }

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
