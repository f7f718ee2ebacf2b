using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pod.Cryptography.Signatures;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Serialization;

namespace Pod.Issuers.Tls;

/// <summary>
/// Issues PODs from notarized provider data, all or nothing (docs/tls-issuer.md, "The pipeline"): check the request, look up
/// the provider spec, verify the evidence, apply the enclave policy, check what binds the payload, parse it, find the nonce
/// and its session, check owner, freshness and request, extract the claims, derive the UID, build and sign the entries, and
/// only then commit nonce use, evidence record and UID binding in one store transaction. A refusal is a failed
/// <see cref="TlsIssuanceResult"/> with its code and persists nothing but the session's state (no PII).
/// </summary>
public sealed class TlsPodIssuer : IDisposable
{
    private const int MaxPayloadBytes = 64 * 1024;
    private const int MaxLoggedChars = 64;
    private readonly TlsIssuerOptions _options;
    private readonly ITlsIssuerStore _store;
    private readonly Dictionary<string, IAttestationVerifier> _verifiers;
    private readonly Dictionary<string, ProviderSpec> _providers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UidDeriver _uid;
    private readonly EdDsaPrivateKey _issuerKey;

    /// <summary>Creates an issuer.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options lack the issuer key or UID key, two providers or verifiers share an id or kind,
    /// or a simulated-evidence verifier is given while simulated evidence is not allowed.</exception>
    public TlsPodIssuer(TlsIssuerOptions options, ITlsIssuerStore store, IEnumerable<IAttestationVerifier> verifiers, TimeProvider timeProvider,
        ILogger<TlsPodIssuer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(verifiers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _issuerKey = options.IssuerKey ?? throw new ArgumentException("TlsIssuerOptions.IssuerKey is required.", nameof(options));
        if (options.AllowSimulatedEvidence
            && (options.SimulatedIssuerKey is not EdDsaPrivateKey simulated || simulated.PublicKey == _issuerKey.PublicKey))
        {
            // A POD from simulated evidence signed with the production key would pass for a real one.
            throw new ArgumentException(
                "TlsIssuerOptions.AllowSimulatedEvidence needs a SimulatedIssuerKey other than the IssuerKey: PODs from simulated evidence are never signed with the production key.",
                nameof(options));
        }

        _uid = new UidDeriver(options.UidKey ?? throw new ArgumentException("TlsIssuerOptions.UidKey is required.", nameof(options)), options.UidKeyId);
        _options = options;
        _store = store;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _verifiers = new Dictionary<string, IAttestationVerifier>(StringComparer.Ordinal);
        foreach (IAttestationVerifier v in verifiers)
        {
            if (v.Kind == SimulatedEnclaveVerifier.EvidenceKind && !options.AllowSimulatedEvidence)
            {
                throw new ArgumentException("A simulated-evidence verifier was given but TlsIssuerOptions.AllowSimulatedEvidence is false.", nameof(verifiers));
            }

            if (!_verifiers.TryAdd(v.Kind, v))
            {
                throw new ArgumentException($"Two verifiers handle the evidence kind {v.Kind}.", nameof(verifiers));
            }
        }

        _providers = new Dictionary<string, ProviderSpec>(StringComparer.Ordinal);
        foreach (ProviderSpec spec in options.Providers)
        {
            if (!_providers.TryAdd(spec.Id, spec))
            {
                throw new ArgumentException($"Two provider specs have the id {spec.Id}.", nameof(options));
            }
        }
    }

    /// <summary>True when simulated evidence is accepted.</summary>
    public bool AcceptsSimulatedEvidence => _options.AllowSimulatedEvidence && _verifiers.ContainsKey(SimulatedEnclaveVerifier.EvidenceKind);

    /// <summary>The issuer's public key.</summary>
    public EdDsaPublicKey IssuerPublicKey => _issuerKey.PublicKey;

    /// <summary>The key PODs from simulated evidence are signed with, when simulated evidence is accepted; otherwise null.</summary>
    public EdDsaPublicKey? SimulatedIssuerPublicKey => AcceptsSimulatedEvidence ? _options.SimulatedIssuerKey!.PublicKey : null;

    /// <summary>The enclave policy applied.</summary>
    public EnclavePolicy Policy => _options.Policy;

    /// <summary>Issues a nonce and opens a session for it.</summary>
    public async ValueTask<NonceGrant> CreateNonceAsync(CancellationToken cancellationToken = default)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(32);
        string sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expires = now + _options.NonceLifetime;
        await _store.CreateSessionAsync(new IssuanceSession(sessionId, IssuanceSessionState.Created, now, expires, now, null), SHA256.HashData(nonce),
            cancellationToken).ConfigureAwait(false);
        return new NonceGrant(Base64Url.EncodeToString(nonce), sessionId, expires);
    }

    /// <summary>The session's state, or null when unknown.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sessionId"/> is null.</exception>
    public ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return _store.GetSessionAsync(sessionId, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// The POD issued in the session, or null (unknown or purged session, or nothing issued): a client whose answer to
    /// <see cref="IssueAsync"/> was lost fetches it here, or submits the same request again and gets the same POD.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sessionId"/> is null.</exception>
    public async ValueTask<SignedPod?> GetIssuedPodAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return await _store.GetIssuedPodAsync(sessionId, cancellationToken).ConfigureAwait(false) is string json ? PodJson.Parse(json) : null;
    }

    /// <summary>
    /// Deletes the sessions whose nonce expired more than <see cref="TlsIssuerOptions.SessionRetention"/> ago, with their
    /// issued PODs (evidence digests and UID bindings stay). Run it on a schedule; returns how many sessions went.
    /// </summary>
    public ValueTask<long> PurgeExpiredSessionsAsync(CancellationToken cancellationToken = default) =>
        _store.PurgeSessionsAsync(_time.GetUtcNow() - _options.SessionRetention, cancellationToken);

    /// <summary>
    /// Records the client's progress in a session: <see cref="IssuanceSessionState.ProviderPending"/>,
    /// <see cref="IssuanceSessionState.ProviderCompleted"/>, <see cref="IssuanceSessionState.ProofGenerating"/>,
    /// <see cref="IssuanceSessionState.ProofGenerated"/> or <see cref="IssuanceSessionState.Submitting"/>. The outcome states are set by
    /// <see cref="IssueAsync"/> only. False when the session is unknown, verified or expired.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="sessionId"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not a progress state.</exception>
    public ValueTask<bool> ReportProgressAsync(string sessionId, IssuanceSessionState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (state is not (IssuanceSessionState.ProviderPending or IssuanceSessionState.ProviderCompleted or IssuanceSessionState.ProofGenerating
            or IssuanceSessionState.ProofGenerated or IssuanceSessionState.Submitting))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Clients may report only the progress states provider_pending to submitting.");
        }

        return _store.UpdateSessionStateAsync(sessionId, state, null, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Runs the pipeline. Never throws for bad input: every refusal is a failed result with its code.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>Traced as the activity <c>pod.tls.issue</c> of the source <c>Pod.Issuers.Tls</c> and counted by the meter of
    /// the same name (docs/telemetry.md).</remarks>
    public async ValueTask<TlsIssuanceResult> IssueAsync(TlsIssuanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Only a configured provider id becomes a tag: the request's text is the client's, and unbounded.
        string provider = _providers.ContainsKey(request.ProviderId ?? "") ? request.ProviderId! : "unknown";
        using Activity? activity = IssuerTelemetry.Source.StartActivity(IssuerTelemetry.IssueActivity);
        activity?.SetTag(IssuerTelemetry.ProviderTag, provider);
        long started = Stopwatch.GetTimestamp();
        TlsIssuanceResult result = await IssueCoreAsync(request, cancellationToken).ConfigureAwait(false);
        IssuerTelemetry.Record(activity, provider, result.Succeeded ? "issued" : result.Error.Value.ToString(), Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>Zeroes the UID key (the issuer key belongs to the options' owner).</summary>
    public void Dispose() => _uid.Dispose();

    /// <summary>
    /// The pipeline in two phases. Steps 1 to 8 run before the nonce names a session, so a refusal there has no session to
    /// record: 1 the request's shape, 2 the provider spec and its verifier, 3 the evidence, 4 an earlier issuance from the same
    /// evidence, 5 the enclave policy, 6 the binding of the payload (session key, or the attestors' signed fields), 7 the
    /// payload, 8 the nonce and its session. Steps 9 to 15 run in that session, and a refusal or fault there becomes its state:
    /// 9 the payload against the request, 10 an idempotent retry's earlier POD, 11 freshness, 12 the notarized request against
    /// the spec, 13 the claims, 14 the UID, 15 the entries, signed, then committed in one store transaction.
    /// </summary>
    private async ValueTask<TlsIssuanceResult> IssueCoreAsync(TlsIssuanceRequest request, CancellationToken ct)
    {
        SessionRequest session;
        try
        {
            session = await FindSessionAsync(request, ct).ConfigureAwait(false);
        }
        catch (IssuanceRefusal r)
        {
            return Refused(request, r, sessionId: null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Faulted(request, e, sessionId: null);
        }

        try
        {
            SignedPod pod = await IssueInSessionAsync(session, ct).ConfigureAwait(false);
            _logger.LogInformation("Issued a POD for provider {Provider} (client request {ClientRequestId}).", LogText(request.ProviderId), LogText(request.ClientRequestId));
            return TlsIssuanceResult.Success(pod, session.SessionId);
        }
        catch (IssuanceRefusal r)
        {
            await RecordFailureAsync(session.SessionId, r.Code, ct).ConfigureAwait(false);
            return Refused(request, r, session.SessionId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(session.SessionId, TlsIssuanceError.InternalError, ct).ConfigureAwait(false);
            return Faulted(request, e, session.SessionId);
        }
    }

    /// <summary>Steps 1 to 8: everything checked before the nonce names a session.</summary>
    private async ValueTask<SessionRequest> FindSessionAsync(TlsIssuanceRequest request, CancellationToken ct)
    {
        EdDsaPublicKey owner = CheckShape(request);
        (ProviderSpec spec, IAttestationVerifier verifier) = SelectProvider(request);
        AttestationResult attestation = await VerifyEvidenceAsync(request, spec, verifier, ct).ConfigureAwait(false);
        IssuedPodRecord? earlier = await FindEarlierIssuanceAsync(attestation, ct).ConfigureAwait(false);
        EnforcePolicy(attestation);
        DateTimeOffset now = _time.GetUtcNow();
        ReadOnlyMemory<byte> signed = CheckPayloadBinding(attestation, request.SignedPayload, now);
        NotarizedPayload payload = NotarizedPayload.Parse(signed.Span); // step 7, only now that its binding checked
        (byte[] nonceHash, string sessionId, earlier) = await FindNonceAsync(payload, attestation, earlier, now, ct).ConfigureAwait(false);
        return new SessionRequest(sessionId, nonceHash, spec, owner, attestation, payload, earlier, now);
    }

    /// <summary>Steps 9 to 15: the checks and the issuance inside the session.</summary>
    private async ValueTask<SignedPod> IssueInSessionAsync(SessionRequest session, CancellationToken ct)
    {
        CheckPayloadMatchesRequest(session);
        if (session.Earlier is IssuedPodRecord earlier)
        {
            return EarlierPod(earlier);
        }

        CheckFreshness(session);
        CheckNotarizedRequest(session);
        DateTimeOffset issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(session.Now.ToUnixTimeMilliseconds());
        ExtractedClaims claims = ClaimExtractor.Extract(session.Spec, session.Payload.Response, issuedAt); // step 13
        byte[] uid = await DeriveUidAsync(session, claims, ct).ConfigureAwait(false);
        return await CommitAsync(session, uid, Sign(session, uid, claims, issuedAt), ct).ConfigureAwait(false);
    }

    /// <summary>Step 1: the request's shape; returns the requested owner.</summary>
    private static EdDsaPublicKey CheckShape(TlsIssuanceRequest request)
    {
        if (string.IsNullOrEmpty(request.ProviderId) || request.ProviderId.Length > 128)
        {
            throw TlsIssuanceErrors.Malformed("ProviderId must be 1 to 128 characters.");
        }

        if (request.SignedPayload.Length is 0 or > MaxPayloadBytes)
        {
            throw TlsIssuanceErrors.Malformed($"SignedPayload must be 1 to {MaxPayloadBytes} bytes.");
        }

        if (request.Evidence is null || string.IsNullOrEmpty(request.Evidence.Kind))
        {
            throw TlsIssuanceErrors.Malformed("Evidence is required.");
        }

        return EdDsaPublicKey.TryParse(request.OwnerSemaphoreV4PublicKey, out EdDsaPublicKey owner)
            ? owner
            : throw TlsIssuanceErrors.Malformed("OwnerSemaphoreV4PublicKey is not a packed BabyJubJub point in Base64 or hex.");
    }

    /// <summary>Step 2: the provider spec, and a verifier of the evidence kind that it accepts.</summary>
    private (ProviderSpec Spec, IAttestationVerifier Verifier) SelectProvider(TlsIssuanceRequest request)
    {
        if (!_providers.TryGetValue(request.ProviderId, out ProviderSpec? spec))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UnknownProvider, "No provider spec has this id.");
        }

        string kind = request.Evidence.Kind;
        if (kind == SimulatedEnclaveVerifier.EvidenceKind && !AcceptsSimulatedEvidence)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.SimulatedEvidenceNotAllowed, "This issuer does not accept simulated evidence.");
        }

        return spec.EvidenceKinds.Contains(kind) && _verifiers.TryGetValue(kind, out IAttestationVerifier? verifier)
            ? (spec, verifier)
            : throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UnsupportedEvidence,
                $"The evidence kind {(kind.Length > 32 ? kind[..32] : kind)} is not accepted for this provider.");
    }

    /// <summary>Step 3: the evidence's cryptography and trust chain, by its verifier.</summary>
    private async ValueTask<AttestationResult> VerifyEvidenceAsync(TlsIssuanceRequest request, ProviderSpec spec, IAttestationVerifier verifier,
        CancellationToken ct)
    {
        AttestationVerification verification = await verifier.VerifyAsync(request.Evidence, request.SignedPayload,
            new VerificationContext(spec, _options.Policy), ct).ConfigureAwait(false);
        return verification.Succeeded ? verification.Result : throw TlsIssuanceErrors.Refuse(verification.Error.Value, verification.Detail);
    }

    /// <summary>
    /// Step 4: the same evidence again is a retry of an issuance whose answer may have been lost: while its session is kept it
    /// gets the POD issued then (checked like any request up to step 9), never a second one.
    /// </summary>
    private async ValueTask<IssuedPodRecord?> FindEarlierIssuanceAsync(AttestationResult attestation, CancellationToken ct) =>
        !await _store.IsEvidenceKnownAsync(attestation.EvidenceDigest, ct).ConfigureAwait(false)
            ? null
            : await _store.FindIssuanceByEvidenceAsync(attestation.EvidenceDigest, ct).ConfigureAwait(false)
                ?? throw Replayed();

    /// <summary>Step 5: the enclave policy, for TEE evidence (attestor evidence has no enclave).</summary>
    private void EnforcePolicy(AttestationResult attestation)
    {
        if (attestation is AttestationResult.Tee tee)
        {
            _options.Policy.Enforce(tee);
        }
    }

    /// <summary>
    /// Step 6: what binds the payload. TEE evidence: the report data binds the session key and its validity, the key is
    /// current, and it signed the request's payload. Attestor evidence: the attestors signed the fields the verifier rebuilt the
    /// payload from. Returns the payload bytes so bound.
    /// </summary>
    private ReadOnlyMemory<byte> CheckPayloadBinding(AttestationResult attestation, ReadOnlyMemory<byte> requestPayload, DateTimeOffset now)
    {
        switch (attestation)
        {
            case AttestationResult.Attestor attestor:
                return attestor.VerifiedPayload;
            case AttestationResult.Tee tee:
                CheckSessionKey(tee, requestPayload.Span, now);
                return requestPayload;
            default:
                throw new UnreachableException($"AttestationResult has no kind {attestation.GetType().Name}.");
        }
    }

    private void CheckSessionKey(AttestationResult.Tee tee, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (tee.SessionPublicKey is not { Length: SessionKeyBinding.SessionKeySizeInBytes } key || key[0] != 0x04)
        {
            throw TlsIssuanceErrors.Malformed("The evidence needs a 65-byte SEC1 session key and its validity.");
        }

        DateTimeOffset until = tee.KeyValidUntil;
        byte[] expected = SessionKeyBinding.ComputeReportData(key, until.ToUnixTimeSeconds());
        if (!CryptographicOperations.FixedTimeEquals(expected, tee.Identity.ReportData))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ReportDataMismatch, "The report data is not the v1 binding of the session key and its validity.");
        }

        if (now > until)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.SessionKeyExpired, "The session key has expired.");
        }

        if (until - now > _options.Policy.MaxKeyLifetime)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.SessionKeyExpired, $"The session key's validity exceeds the allowed lifetime {_options.Policy.MaxKeyLifetime}.");
        }

        bool valid;
        try
        {
            using ECDsa ecdsa = SessionKeyBinding.ImportSessionKey(key);
            valid = tee.PayloadSignature is { Length: 64 } sig && ecdsa.VerifyData(payload, sig, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            throw TlsIssuanceErrors.Malformed("The session key is not a P-256 point.");
        }

        if (!valid)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.PayloadSignatureInvalid, "The session key's signature over the payload does not verify.");
        }
    }

    /// <summary>
    /// Step 8: the nonce, known, unused and unexpired (consumed only at commit), names the session; for a retry it must be the
    /// nonce committed with the evidence. A nonce used since step 4 looked, by an issuance that recorded this evidence, was
    /// used by a concurrent submission of this request: this one is then its retry. Returns the retried issuance, if any.
    /// </summary>
    private async ValueTask<(byte[] NonceHash, string SessionId, IssuedPodRecord? Earlier)> FindNonceAsync(NotarizedPayload payload,
        AttestationResult attestation, IssuedPodRecord? earlier, DateTimeOffset now, CancellationToken ct)
    {
        byte[] nonceHash = SHA256.HashData(payload.Nonce);
        if (earlier is null)
        {
            if (await _store.FindUsableNonceAsync(nonceHash, now, ct).ConfigureAwait(false) is string sessionId)
            {
                return (nonceHash, sessionId, null);
            }

            earlier = await _store.FindIssuanceByEvidenceAsync(attestation.EvidenceDigest, ct).ConfigureAwait(false)
                ?? throw TlsIssuanceErrors.Refuse(TlsIssuanceError.NonceUnknownOrUsed, "The nonce is unknown, expired or used.");
        }

        return CryptographicOperations.FixedTimeEquals(nonceHash, earlier.NonceHash) ? (nonceHash, earlier.SessionId, earlier) : throw Replayed();
    }

    /// <summary>Step 9: the signed payload names the requested provider and owner.</summary>
    private static void CheckPayloadMatchesRequest(SessionRequest session)
    {
        if (session.Payload.ProviderId != session.Spec.Id)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.RequestMismatch, "The signed payload names another provider.");
        }

        if (!EdDsaPublicKey.TryParse(session.Payload.Owner, out EdDsaPublicKey payloadOwner) || payloadOwner != session.Owner)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.OwnerMismatch, "The signed payload's owner is not the requested owner.");
        }
    }

    /// <summary>
    /// Step 10: a retry matches the request that was committed (same evidence, nonce, provider and owner), so its answer is the
    /// POD committed then, whatever the time is now.
    /// </summary>
    private static SignedPod EarlierPod(IssuedPodRecord earlier) =>
        earlier.IssuedPod is string issued ? PodJson.Parse(issued) : throw Replayed();

    /// <summary>Step 11: the notarization is neither in the future nor stale, and the session key covered it.</summary>
    private void CheckFreshness(SessionRequest session)
    {
        DateTimeOffset notarizedAt = session.Payload.NotarizedAt;
        if (notarizedAt > session.Now + _options.ClockSkew)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.FutureTimestamp, "The notarization time is in the future.");
        }

        if (session.Now - notarizedAt > _options.MaxNotarizationAge)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.StaleNotarization, $"The notarization is older than {_options.MaxNotarizationAge}.");
        }

        if (session.Attestation is AttestationResult.Tee tee && notarizedAt > tee.KeyValidUntil)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.SessionKeyExpired, "The session key had expired at the notarization time.");
        }
    }

    /// <summary>Step 12: the notarized request is the one the provider spec expects.</summary>
    private static void CheckNotarizedRequest(SessionRequest session)
    {
        RequestRule rule = session.Spec.Request;
        NotarizedPayload payload = session.Payload;
        if (payload.Method != rule.Method || !rule.Url.IsMatch(payload.Url) || !rule.Status.Contains(payload.Status))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.RequestMismatch, "The notarized request's method, URL or status does not match the provider spec.");
        }
    }

    /// <summary>
    /// Step 14: the UID, from the enclave or derived from the claims' UID inputs (the raw identifiers go no further), bound to no
    /// other owner.
    /// </summary>
    private async ValueTask<byte[]> DeriveUidAsync(SessionRequest session, ExtractedClaims claims, CancellationToken ct)
    {
        UidRule rule = session.Spec.Uid;
        if (session.Payload.Uid is not null && !rule.FromEnclave)
        {
            throw TlsIssuanceErrors.Malformed("The signed payload carries a UID but the provider spec has the issuer derive it.");
        }

        byte[] uid = rule.FromEnclave
            ? session.Payload.Uid ?? throw TlsIssuanceErrors.Refuse(TlsIssuanceError.ClaimMissing, "The provider spec expects the enclave's UID in $.uid.")
            : _uid.Derive(rule.Class, claims.UidInputs);
        if (await _store.GetUidOwnerAsync(uid, ct).ConfigureAwait(false) is string bound && bound != session.Owner.ToString())
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UidAlreadyBound, "This UID is bound to another owner.");
        }

        return uid;
    }

    /// <summary>Step 15a: the entries, signed (pure: the POD leaves only if the commit succeeds).</summary>
    private SignedPod Sign(SessionRequest session, byte[] uid, ExtractedClaims claims, DateTimeOffset issuedAt) =>
        SignedPod.Sign(BuildEntries(session.Spec, session.Owner, uid, session.Attestation, claims, issuedAt),
            session.Attestation.Simulated ? _options.SimulatedIssuerKey! : _issuerKey);

    /// <summary>
    /// Step 15b: nonce use, evidence record and UID binding in one store transaction. Returns the POD committed: this one, or,
    /// when a concurrent submission of the same request committed first, that submission's POD.
    /// </summary>
    private async ValueTask<SignedPod> CommitAsync(SessionRequest session, byte[] uid, SignedPod pod, CancellationToken ct)
    {
        IssuanceCommitOutcome outcome = await _store.CommitIssuanceAsync(
            new IssuanceCommit(session.NonceHash, session.Attestation.EvidenceDigest, uid, session.Owner.ToString(), session.Now, PodJson.Serialize(pod)), ct)
            .ConfigureAwait(false);
        switch (outcome)
        {
            case IssuanceCommitOutcome.Committed:
                return pod;
            case IssuanceCommitOutcome.NonceUnknownOrUsed:
                // The one conflict a concurrent submission of this same request can cause: it commits the nonce and the
                // evidence together, and every store checks the nonce first, so its loser sees the nonce used.
                return await ConcurrentRetryPodAsync(session, ct).ConfigureAwait(false)
                    ?? throw TlsIssuanceErrors.Refuse(TlsIssuanceError.NonceUnknownOrUsed, "The nonce was used concurrently.");
            case IssuanceCommitOutcome.EvidenceReplayed:
                // This request's nonce was still usable, so the evidence went with another nonce: another request, which a
                // retry could not match (step 8).
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.EvidenceReplayed, "This evidence was used concurrently.");
            case IssuanceCommitOutcome.UidAlreadyBound:
                // Another owner: never this request.
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UidAlreadyBound, "This UID was bound to another owner concurrently.");
            default:
                // A store answering with an outcome this issuer does not know is a bug in the store: never guess a client error.
                throw new UnreachableException($"The store returned the unknown commit outcome {outcome}.");
        }
    }

    /// <summary>
    /// After the commit found the nonce used: when the issuance that used it recorded this request's evidence digest with
    /// this nonce and session, it was a concurrent submission of this request, which had passed the same steps 1 to 9, and
    /// this request is its retry: the answer is its POD (step 10), exactly as if it had arrived after that commit. Null
    /// otherwise (the nonce went to other evidence, or expired): the refusal stands.
    /// </summary>
    private async ValueTask<SignedPod?> ConcurrentRetryPodAsync(SessionRequest session, CancellationToken ct) =>
        await _store.FindIssuanceByEvidenceAsync(session.Attestation.EvidenceDigest, ct).ConfigureAwait(false) is IssuedPodRecord winner
            && winner.SessionId == session.SessionId && CryptographicOperations.FixedTimeEquals(winner.NonceHash, session.NonceHash)
            ? EarlierPod(winner)
            : null;

    /// <summary>Step 15: the issuer's entries and the claims.</summary>
    private PodEntries BuildEntries(ProviderSpec spec, EdDsaPublicKey owner, byte[] uid, AttestationResult attestation, ExtractedClaims claims,
        DateTimeOffset issuedAt)
    {
        TimeSpan validity = spec.ValidityDays is int days ? TimeSpan.FromDays(days) : _options.DefaultValidity;
        var entries = new List<KeyValuePair<string, PodValue>>(claims.Entries)
        {
            new(TlsPodEntries.PodType, PodValue.String(TlsPodEntries.PodTypeValue)),
            new(TlsPodEntries.Owner, PodValue.EdDsaPublicKey(owner)),
            new(TlsPodEntries.Provider, PodValue.String(spec.Id)),
            new(TlsPodEntries.ProviderSpecHash, PodValue.Bytes(spec.Hash)),
            new(TlsPodEntries.Uid, PodValue.Cryptographic(UidDeriver.ToInteger(uid))),
            new(TlsPodEntries.UidScheme, PodValue.String(spec.Uid.FromEnclave ? $"enclave-prf-248/v1/{spec.Uid.Class}" : _uid.Scheme)),
            new(TlsPodEntries.AttestationKind, PodValue.String(attestation.Simulated ? "simulated" : attestation.Kind)),
            new(TlsPodEntries.AttestationDigest, PodValue.Bytes(attestation.EvidenceDigest)),
            new(TlsPodEntries.IssuedAt, PodValue.Date(issuedAt)),
            new(TlsPodEntries.ValidUntil, PodValue.Date(issuedAt + validity)),
        };
        return PodEntries.Create(entries);
    }

    private async ValueTask RecordFailureAsync(string sessionId, TlsIssuanceError code, CancellationToken ct)
    {
        try
        {
            await _store.UpdateSessionStateAsync(sessionId, TlsIssuanceErrors.SessionStateFor(code), code, _time.GetUtcNow(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The refusal stands; only its audit record is lost.
            _logger.LogError("Could not record the session state after {Code}: {ExceptionType}", code, e.GetType().Name);
        }
    }

    private static IssuanceRefusal Replayed() =>
        TlsIssuanceErrors.Refuse(TlsIssuanceError.EvidenceReplayed, "This evidence was used for an earlier issuance.");

    private TlsIssuanceResult Refused(TlsIssuanceRequest request, IssuanceRefusal refusal, string? sessionId)
    {
        _logger.LogWarning("Refused issuance for provider {Provider} (client request {ClientRequestId}): {Code} {Detail}",
            LogText(request.ProviderId), LogText(request.ClientRequestId), refusal.Code, refusal.Detail);
        return TlsIssuanceResult.Failure(refusal.Code, refusal.Detail, sessionId);
    }

    private TlsIssuanceResult Faulted(TlsIssuanceRequest request, Exception fault, string? sessionId)
    {
        // The type only: a fault's message can quote the input.
        _logger.LogError("Issuance failed internally for provider {Provider} (client request {ClientRequestId}): {ExceptionType}",
            LogText(request.ProviderId), LogText(request.ClientRequestId), fault.GetType().Name);
        return TlsIssuanceResult.Failure(TlsIssuanceError.InternalError, TlsIssuanceErrors.Describe(TlsIssuanceError.InternalError), sessionId);
    }

    /// <summary>
    /// A client-supplied string as it may appear in a log: at most <see cref="MaxLoggedChars"/> characters, control and
    /// format characters (CR, LF, ANSI escapes, bidi overrides) as \uXXXX, so no input can forge or recolour a log line.
    /// </summary>
    internal static string LogText(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var sb = new System.Text.StringBuilder(Math.Min(text.Length, MaxLoggedChars) + 8);
        foreach (char c in text.Length > MaxLoggedChars ? text.AsSpan(0, MaxLoggedChars) : text.AsSpan())
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || c == '\\')
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return text.Length > MaxLoggedChars ? sb.Append('…').ToString() : sb.ToString();
    }

    /// <summary>What steps 1 to 8 establish, and steps 9 to 15 work on.</summary>
    /// <param name="SessionId">The session the nonce names.</param>
    /// <param name="NonceHash">SHA-256 of the nonce, consumed at commit.</param>
    /// <param name="Spec">The provider spec.</param>
    /// <param name="Owner">The requested owner.</param>
    /// <param name="Attestation">What the evidence establishes.</param>
    /// <param name="Payload">The payload whose binding checked.</param>
    /// <param name="Earlier">The issuance committed from the same evidence, for a retry; otherwise null.</param>
    /// <param name="Now">The issuer's time for the whole request.</param>
    private sealed record SessionRequest(string SessionId, byte[] NonceHash, ProviderSpec Spec, EdDsaPublicKey Owner, AttestationResult Attestation,
        NotarizedPayload Payload, IssuedPodRecord? Earlier, DateTimeOffset Now);
}
