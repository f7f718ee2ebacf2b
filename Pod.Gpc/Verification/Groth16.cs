using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Native;

namespace Pod.Gpc;

/// <summary>
/// Groth16 verification over BN254, as snarkjs's <c>groth16.verify</c>: with vk_x = IC_0 + sum s_i IC_i,
/// a proof is valid when e(A, B) = e(alpha, beta) * e(vk_x, gamma) * e(C, delta), checked as one Miller
/// loop over three pairs (gamma's and delta's lines prepared with the key) and a single final
/// exponentiation compared with the key's e(alpha, beta)^-1.
/// </summary>
public static class Groth16
{
    /// <summary>
    /// True when the proof is valid for the public signals under the key; false (never an exception) for a
    /// wrong proof or a signal count that does not match the key.
    /// </summary>
    /// <exception cref="ArgumentNullException">The key or proof is null.</exception>
    public static bool Verify(Groth16VerificationKey key, Groth16Proof proof, ReadOnlySpan<Fr> publicSignals)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(proof);
        if (publicSignals.Length != key.PublicSignalCount)
        {
            return false;
        }

        return Verify(key, proof, PublicInputPoint(key, publicSignals));
    }

    /// <summary>
    /// The pairing check with vk_x given (the prover's self-check computes it from the witness by one MSM):
    /// e(-A, B) e(vk_x, gamma) e(C, delta) = e(alpha, beta)^-1, gamma's and delta's lines and the right side
    /// prepared with the key.
    /// </summary>
    internal static bool Verify(Groth16VerificationKey key, Groth16Proof proof, in CurvePoint<Fq> publicInputPoint)
    {
        Groth16VerificationKey.PreparedKey prepared = key.Prepared;
        // One native call (Miller loop and final exponentiation) when Pod.Native runs.
        return Pairing.Product([proof.A.Negate()], [proof.B], [publicInputPoint, proof.C], [prepared.Gamma, prepared.Delta]) == prepared.AlphaBetaInverse;
    }

    /// <summary>
    /// Verifies a proof and public signals as snarkjs hands them over: the proof's JSON and the signals as
    /// decimal strings. False, never an exception, for a malformed proof, a signal that is not a canonical
    /// decimal below r, a signal count that does not match the key, or a wrong proof.
    /// </summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    public static bool Verify(Groth16VerificationKey key, string? proofJson, IReadOnlyList<string?>? publicSignals)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (publicSignals is null || !Groth16Proof.TryParse(proofJson, out Groth16Proof? proof))
        {
            return false;
        }

        var signals = new Fr[publicSignals.Count];
        for (int i = 0; i < signals.Length; i++)
        {
            string? text = publicSignals[i];
            if (text is null || text.Length == 0 || text.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0 || !Fr.TryParse(text, out signals[i]))
            {
                return false;
            }
        }

        return Verify(key, proof!, signals);
    }

    /// <summary>
    /// vk_x = IC_0 + sum s_i IC_i, the public signals' point, from the key's precomputed multiples (native in one
    /// call when the kernels are loaded); the signal count is the caller's to check.
    /// </summary>
    internal static CurvePoint<Fq> PublicInputPoint(Groth16VerificationKey key, ReadOnlySpan<Fr> publicSignals) =>
        PublicInputPoint(key, publicSignals, NativeKernels.Active);

    /// <summary>The same on given native kernels, or the managed code when <paramref name="native"/> is null (the benchmarks compare them).</summary>
    internal static CurvePoint<Fq> PublicInputPoint(Groth16VerificationKey key, ReadOnlySpan<Fr> publicSignals, NativeLibraryKernels? native)
    {
        XyzzPoint<Fq> sum = key.IcMsm.Compute(publicSignals, native, windowBits: 0);
        CurvePoint<Fq> ic0 = key.Ic[0];
        if (!ic0.IsInfinity)
        {
            sum.AddAffine(ic0.X, ic0.Y);
        }

        return sum.ToAffine();
    }
}
