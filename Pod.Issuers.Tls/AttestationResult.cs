using Pod.Issuers.Tls.Simulation;

namespace Pod.Issuers.Tls;

/// <summary>
/// What verified evidence establishes, one of two closed kinds: <see cref="Tee"/> (an enclave report whose report data binds a
/// session key, which signed the payload: SGX DCAP or simulated) or <see cref="Attestor"/> (attestors that signed the payload's
/// fields: Reclaim). The issuer applies its enclave policy and session-key checks to the first and takes the payload the
/// attestors signed from the second; no other kind exists, so evidence that binds neither cannot be expressed.
/// </summary>
public abstract class AttestationResult
{
    private AttestationResult(string kind, byte[] evidenceDigest, byte[] payloadSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        ArgumentNullException.ThrowIfNull(payloadSha256);
        Kind = kind;
        EvidenceDigest = evidenceDigest;
        PayloadSha256 = payloadSha256;
    }

    /// <summary>The evidence kind (<see cref="AttestationEvidence.Kind"/>).</summary>
    public string Kind { get; }

    /// <summary>
    /// SHA-256 identifying the evidence, recorded so it is never accepted twice: over the signed report and the payload hash for
    /// TEE evidence (not the malleable ECDSA signatures), over the identifier and low-s signatures for Reclaim.
    /// </summary>
    public byte[] EvidenceDigest { get; }

    /// <summary>SHA-256 of the raw signed payload bytes.</summary>
    public byte[] PayloadSha256 { get; }

    /// <summary>True for the development enclave's evidence (<see cref="SimulatedEnclaveVerifier.EvidenceKind"/>).</summary>
    internal bool Simulated => Kind == SimulatedEnclaveVerifier.EvidenceKind;

    /// <summary>
    /// TEE evidence: the enclave's identity and platform status, and the session key its report data must bind
    /// (<see cref="SessionKeyBinding"/>) with that key's signature over the payload.
    /// </summary>
    public sealed class Tee : AttestationResult
    {
        /// <summary>Creates a TEE result.</summary>
        /// <param name="kind">The evidence kind.</param>
        /// <param name="identity">The enclave identity read from its report body.</param>
        /// <param name="tcb">The platform TCB status (<see cref="SgxTcbStatus.Unknown"/> without collateral, or for simulated evidence).</param>
        /// <param name="qeTcb">The quoting enclave's TCB status.</param>
        /// <param name="advisories">The Intel advisories of the TCB levels matched.</param>
        /// <param name="evidenceDigest">SHA-256 identifying the evidence.</param>
        /// <param name="payloadSha256">SHA-256 of the signed payload.</param>
        /// <param name="sessionPublicKey">The session key the report data must bind (SEC1 uncompressed P-256; checked by the issuer).</param>
        /// <param name="keyValidUntil">The end of the session key's validity, as bound into the report data.</param>
        /// <param name="payloadSignature">The session key's P1363 signature over the payload (checked by the issuer).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="kind"/> is empty.</exception>
        public Tee(string kind, TeeIdentity identity, SgxTcbStatus tcb, SgxTcbStatus qeTcb, IReadOnlyList<string> advisories, byte[] evidenceDigest,
            byte[] payloadSha256, byte[] sessionPublicKey, DateTimeOffset keyValidUntil, byte[] payloadSignature)
            : base(kind, evidenceDigest, payloadSha256)
        {
            ArgumentNullException.ThrowIfNull(identity);
            ArgumentNullException.ThrowIfNull(advisories);
            ArgumentNullException.ThrowIfNull(sessionPublicKey);
            ArgumentNullException.ThrowIfNull(payloadSignature);
            Identity = identity;
            Tcb = tcb;
            QeTcb = qeTcb;
            Advisories = advisories;
            SessionPublicKey = sessionPublicKey;
            KeyValidUntil = keyValidUntil;
            PayloadSignature = payloadSignature;
        }

        /// <summary>The enclave identity.</summary>
        public TeeIdentity Identity { get; }

        /// <summary>The platform TCB status (<see cref="SgxTcbStatus.Unknown"/> without collateral).</summary>
        public SgxTcbStatus Tcb { get; }

        /// <summary>The quoting enclave's TCB status.</summary>
        public SgxTcbStatus QeTcb { get; }

        /// <summary>The Intel advisories of the TCB levels matched.</summary>
        public IReadOnlyList<string> Advisories { get; }

        /// <summary>The session key the report data must bind.</summary>
        public byte[] SessionPublicKey { get; }

        /// <summary>The end of the session key's validity.</summary>
        public DateTimeOffset KeyValidUntil { get; }

        /// <summary>The session key's P1363 signature over the payload.</summary>
        public byte[] PayloadSignature { get; }
    }

    /// <summary>
    /// Attestor evidence: trusted attestors signed the payload's fields, and the verifier rebuilt the payload from them
    /// (<see cref="VerifiedPayload"/>, used instead of the request's bytes).
    /// </summary>
    public sealed class Attestor : AttestationResult
    {
        /// <summary>Creates an attestor result.</summary>
        /// <param name="kind">The evidence kind.</param>
        /// <param name="attestors">The trusted attestors that signed.</param>
        /// <param name="evidenceDigest">SHA-256 identifying the evidence.</param>
        /// <param name="payloadSha256">SHA-256 of the request's signed payload.</param>
        /// <param name="verifiedPayload">The payload built from the signed fields (docs/tls-issuer.md, "Signed payload").</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="kind"/> is empty, or no attestor is named.</exception>
        public Attestor(string kind, IReadOnlyList<string> attestors, byte[] evidenceDigest, byte[] payloadSha256, byte[] verifiedPayload)
            : base(kind, evidenceDigest, payloadSha256)
        {
            ArgumentNullException.ThrowIfNull(attestors);
            ArgumentNullException.ThrowIfNull(verifiedPayload);
            if (attestors.Count == 0)
            {
                throw new ArgumentException("An attestor result names at least one attestor that signed.", nameof(attestors));
            }

            Attestors = attestors;
            VerifiedPayload = verifiedPayload;
        }

        /// <summary>The trusted attestors that signed.</summary>
        public IReadOnlyList<string> Attestors { get; }

        /// <summary>The payload built from the signed fields.</summary>
        public byte[] VerifiedPayload { get; }
    }
}
