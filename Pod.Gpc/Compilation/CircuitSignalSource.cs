using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;
using Pod.Identity;

namespace Pod.Gpc;

/// <summary>
/// Where <see cref="CircuitCompiler"/> takes the values that differ between proving and verifying: a prover has the
/// inputs (PODs and identities, so the private signals too, and computes the outputs), a verifier the revealed claims
/// (public signals only, and the outputs as claimed). Everything else comes from the layout.
/// </summary>
internal abstract class CircuitSignalSource
{
    /// <summary>The proof's inputs, which give the private signals; null when verifying.</summary>
    public abstract GpcProofInputs? Private { get; }

    /// <summary>The watermark; null for none.</summary>
    public abstract PodValue? Watermark { get; }

    /// <summary>The owner's external nullifier; null for none.</summary>
    public abstract PodValue? ExternalNullifier { get; }

    /// <summary>The membership lists the config's list checks name.</summary>
    public abstract IReadOnlyDictionary<string, GpcMembershipList>? MembershipLists { get; }

    public static CircuitSignalSource ForProof(GpcProofInputs inputs) => new Prover(inputs);

    public static CircuitSignalSource ForVerify(GpcRevealedClaims claims) => new Verifier(claims);

    /// <summary>The value hash of a real entry the config reveals.</summary>
    public abstract BigInteger RevealedValueHash(CompilerLayout.EntrySlot slot);

    /// <summary>A POD's content ID and signer's key where revealed, null where hidden.</summary>
    public abstract (Fr? ContentId, EdDsaPublicKey? Signer) RevealedObject(CompilerLayout layout, string pod);

    /// <summary>The owner's revealed nullifier hash of a protocol, r - 1 for none; <paramref name="owned"/> says whether the config has an owner entry of it.</summary>
    public abstract BigInteger RevealedNullifierHash(GpcIdentityProtocol protocol, bool owned);

    private sealed class Prover(GpcProofInputs inputs) : CircuitSignalSource
    {
        public override GpcProofInputs Private => inputs;

        public override PodValue? Watermark => inputs.Watermark;

        public override PodValue? ExternalNullifier => inputs.Owner?.ExternalNullifier;

        public override IReadOnlyDictionary<string, GpcMembershipList>? MembershipLists => inputs.MembershipLists;

        public override BigInteger RevealedValueHash(CompilerLayout.EntrySlot slot) =>
            inputs.Pods[slot.PodName].Entries[slot.EntryName].Hash.ToBigInteger();

        // The config decides what a prover reveals.
        public override (Fr? ContentId, EdDsaPublicKey? Signer) RevealedObject(CompilerLayout layout, string pod)
        {
            SignedPod signed = inputs.Pods[pod];
            return (layout.Find(EntryIdentifiers.Make(pod, EntryIdentifiers.ContentId))!.IsRevealed ? signed.ContentId : null,
                layout.Find(EntryIdentifiers.Make(pod, EntryIdentifiers.SignerPublicKey))!.IsRevealed ? signed.SignerPublicKey : null);
        }

        // What the circuit computes: Poseidon(external nullifier signal, secret) when an owner and an external
        // nullifier are both present.
        public override BigInteger RevealedNullifierHash(GpcIdentityProtocol protocol, bool owned)
        {
            if (!owned || inputs.Owner is not { ExternalNullifier: { } externalNullifier } owner)
            {
                return GpcSignalValues.Absent;
            }

            Fr? secret = protocol == GpcIdentityProtocol.SemaphoreV3 ? owner.SemaphoreV3?.Nullifier : owner.SemaphoreV4?.SecretScalar;
            return secret is { } s
                ? Poseidon.Hash(Fr.FromBigIntegerReduced(GpcSignalValues.Watermark(externalNullifier)), s).ToBigInteger()
                : GpcSignalValues.Absent;
        }
    }

    private sealed class Verifier(GpcRevealedClaims claims) : CircuitSignalSource
    {
        public override GpcProofInputs? Private => null;

        public override PodValue? Watermark => claims.Watermark;

        public override PodValue? ExternalNullifier => claims.Owner?.ExternalNullifier;

        public override IReadOnlyDictionary<string, GpcMembershipList>? MembershipLists => claims.MembershipLists;

        public override BigInteger RevealedValueHash(CompilerLayout.EntrySlot slot) =>
            claims.Pods[slot.PodName].Entries![slot.EntryName].Hash.ToBigInteger();

        // The claims decide what a verifier checks (gpcCompile's compileVerifyConfig reads them, not the config).
        public override (Fr? ContentId, EdDsaPublicKey? Signer) RevealedObject(CompilerLayout layout, string pod) =>
            claims.Pods.TryGetValue(pod, out GpcRevealedObjectClaims? c) ? (c.ContentId, c.SignerPublicKey) : (null, null);

        public override BigInteger RevealedNullifierHash(GpcIdentityProtocol protocol, bool owned) =>
            (protocol == GpcIdentityProtocol.SemaphoreV3 ? claims.Owner?.NullifierHashV3 : claims.Owner?.NullifierHashV4)?.ToBigInteger()
            ?? GpcSignalValues.Absent;
    }
}
