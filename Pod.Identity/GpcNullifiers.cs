using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Identity;

/// <summary>
/// The owner nullifier hashes GPC proofs reveal: one number per identity and external nullifier, the same
/// every time, so a verifier can count "one per person" for a scope (an election, an airdrop) without
/// learning who the person is.
/// </summary>
/// <remarks>
/// Matches @pcd/gpc 0.4.1: the external nullifier enters the circuit as <c>makeWatermarkSignal(value)</c>,
/// and the circuit computes nullifierHashV4 = Poseidon(signal, secret scalar) and nullifierHashV3 =
/// Poseidon(signal, nullifier). Unlike the reference, an external nullifier whose signal is r - 1 is
/// refused: see <see cref="NullifierHash(SemaphoreIdentity, PodValue)"/>.
/// </remarks>
public static class GpcNullifiers
{
    /// <summary>
    /// The number an external nullifier (or watermark) value is in the circuit, as @pcd/gpc's
    /// makeWatermarkSignal: the value itself for int, cryptographic, boolean and date (a negative int or
    /// date taken mod r), the value hash for string, bytes, eddsa_pubkey and null.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public static Fr ExternalNullifierSignal(PodValue externalNullifier)
    {
        ArgumentNullException.ThrowIfNull(externalNullifier);
        return GpcSignalValues.WatermarkElement(externalNullifier);
    }

    /// <summary>The nullifier hash a GPC proof owned by a Semaphore V4 identity reveals: Poseidon(signal, secret scalar).</summary>
    /// <remarks>
    /// An external nullifier whose signal is r - 1 (int -1, date -1 ms, cryptographic r - 1) is refused:
    /// the circuit uses r - 1 for "no external nullifier", so a proof made without one carries the same
    /// nullifier hash and could be counted in that scope.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The external nullifier's signal is r - 1.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public static Fr NullifierHash(SemaphoreIdentity identity, PodValue externalNullifier)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Poseidon.Hash(ScopeSignal(externalNullifier), identity.SecretScalar);
    }

    /// <summary>The nullifier hash a GPC proof owned by a Semaphore V3 identity reveals: Poseidon(signal, nullifier).</summary>
    /// <remarks>An external nullifier whose signal is r - 1 is refused, as for V4.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The external nullifier's signal is r - 1.</exception>
    /// <exception cref="ObjectDisposedException">The identity was disposed.</exception>
    public static Fr NullifierHash(SemaphoreV3Identity identity, PodValue externalNullifier)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Poseidon.Hash(ScopeSignal(externalNullifier), identity.Nullifier);
    }

    private static Fr ScopeSignal(PodValue externalNullifier)
    {
        Fr signal = ExternalNullifierSignal(externalNullifier);
        if (signal == GpcSignalValues.AbsentElement)
        {
            throw new ArgumentException(
                $"The external nullifier {externalNullifier} enters the circuit as r - 1, the value GPC circuits use for \"no external nullifier\"; a proof made without one would carry the same nullifier hash. Choose another value.",
                nameof(externalNullifier));
        }

        return signal;
    }
}
