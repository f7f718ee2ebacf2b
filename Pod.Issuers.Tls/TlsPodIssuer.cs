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
/// Issues PODs from notarized provider data, all or nothing (docs/tls-issuer.md, "Pipeline"): validate the request, look up
/// the provider spec, verify the evidence, apply the enclave policy, check the session-key binding and the payload
/// signature, parse the payload, check owner, request and freshness, find the nonce, extract the claims, derive the UID,
/// build and sign the entries, and only then commit nonce use, evidence record and UID binding in one store transaction.
/// A refusal returns a typed error and persists nothing but the session's state (no PII).
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
        string? sessionId = null;
        try
        {
            (SignedPod pod, string id) = await IssueCoreAsync(request, s => sessionId = s, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Issued a POD for provider {Provider} (client request {ClientRequestId}).", LogText(request.ProviderId), LogText(request.ClientRequestId));
            IssuerTelemetry.Record(activity, provider, "issued", Stopwatch.GetElapsedTime(started));
            return TlsIssuanceResult.Success(pod, id);
        }
        catch (TlsIssuanceException e)
        {
            _logger.LogWarning("Refused issuance for provider {Provider} (client request {ClientRequestId}): {Code} {Detail}",
                LogText(request.ProviderId), LogText(request.ClientRequestId), e.Code, e.SafeDetail);
            IssuerTelemetry.Record(activity, provider, e.Code.ToString(), Stopwatch.GetElapsedTime(started));
            await RecordFailureAsync(sessionId, e.Code, cancellationToken).ConfigureAwait(false);
            return TlsIssuanceResult.Failure(e.Code, e.SafeDetail, sessionId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError("Issuance failed internally for provider {Provider} (client request {ClientRequestId}): {ExceptionType}",
                LogText(request.ProviderId), LogText(request.ClientRequestId), e.GetType().Name);
            IssuerTelemetry.Record(activity, provider, nameof(TlsIssuanceError.InternalError), Stopwatch.GetElapsedTime(started));
            await RecordFailureAsync(sessionId, TlsIssuanceError.InternalError, cancellationToken).ConfigureAwait(false);
            return TlsIssuanceResult.Failure(TlsIssuanceError.InternalError, TlsIssuanceErrors.Describe(TlsIssuanceError.InternalError), sessionId);
        }
    }

    /// <summary>Zeroes the UID key (the issuer key belongs to the options' owner).</summary>
    public void Dispose() => _uid.Dispose();

    private async ValueTask<(SignedPod, string)> IssueCoreAsync(TlsIssuanceRequest request, Action<string> onSession, CancellationToken ct)
    {
        // ① The request's shape.
        if (string.IsNullOrEmpty(request.ProviderId) || request.ProviderId.Length > 128)
        {
            throw Fail(TlsIssuanceError.MalformedRequest, "ProviderId must be 1 to 128 characters.");
        }

        if (request.SignedPayload.Length is 0 or > MaxPayloadBytes)
        {
            throw Fail(TlsIssuanceError.MalformedRequest, $"SignedPayload must be 1 to {MaxPayloadBytes} bytes.");
        }

        if (request.Evidence is null || string.IsNullOrEmpty(request.Evidence.Kind))
        {
            throw Fail(TlsIssuanceError.MalformedRequest, "Evidence is required.");
        }

        if (!EdDsaPublicKey.TryParse(request.OwnerSemaphoreV4PublicKey, out EdDsaPublicKey owner))
        {
            throw Fail(TlsIssuanceError.MalformedRequest, "OwnerSemaphoreV4PublicKey is not a packed BabyJubJub point in Base64 or hex.");
        }

        // ② The provider spec, and a verifier it accepts.
        if (!_providers.TryGetValue(request.ProviderId, out ProviderSpec? spec))
        {
            throw Fail(TlsIssuanceError.UnknownProvider, "No provider spec has this id.");
        }

        string kind = request.Evidence.Kind;
        if (kind == SimulatedEnclaveVerifier.EvidenceKind && !AcceptsSimulatedEvidence)
        {
            throw Fail(TlsIssuanceError.SimulatedEvidenceNotAllowed, "This issuer does not accept simulated evidence.");
        }

        if (!spec.EvidenceKinds.Contains(kind) || !_verifiers.TryGetValue(kind, out IAttestationVerifier? verifier))
        {
            throw Fail(TlsIssuanceError.UnsupportedEvidence, $"The evidence kind {(kind.Length > 32 ? kind[..32] : kind)} is not accepted for this provider.");
        }

        // ④ The evidence.
        AttestationResult attestation = await verifier.VerifyAsync(request.Evidence, request.SignedPayload, new VerificationContext(spec, _options.Policy), ct)
            .ConfigureAwait(false);
        IssuedPodRecord? retry = null;
        if (await _store.IsEvidenceKnownAsync(attestation.EvidenceDigest, ct).ConfigureAwait(false))
        {
            // The same evidence again is a retry of an issuance whose answer may have been lost: while its session is kept
            // it gets the POD issued then (checked below like any request), never a second one.
            retry = await _store.FindIssuanceByEvidenceAsync(attestation.EvidenceDigest, ct).ConfigureAwait(false)
                ?? throw Fail(TlsIssuanceError.EvidenceReplayed, "This evidence was used for an earlier issuance.");
        }

        // ⑤ Policy, ⑥ binding of the session key and its signature over the payload.
        _options.Policy.Enforce(attestation);
        DateTimeOffset now = _time.GetUtcNow();
        CheckSessionKey(attestation, request.SignedPayload.Span, now);

        // ⑦ The payload, only now that its signature checked.
        NotarizedPayload payload = NotarizedPayload.Parse(attestation.VerifiedPayload ?? request.SignedPayload.Span);

        // ③ The nonce: known, unused, unexpired (consumed only at commit); it names the session.
        byte[] nonceHash = SHA256.HashData(payload.Nonce);
        string sessionId = retry is not null
            ? (CryptographicOperations.FixedTimeEquals(nonceHash, retry.NonceHash) ? retry.SessionId
                : throw Fail(TlsIssuanceError.EvidenceReplayed, "This evidence was used for an earlier issuance."))
            : await _store.FindUsableNonceAsync(nonceHash, now, ct).ConfigureAwait(false)
                ?? throw Fail(TlsIssuanceError.NonceUnknownOrUsed, "The nonce is unknown, expired or used.");
        onSession(sessionId);

        if (payload.ProviderId != spec.Id)
        {
            throw Fail(TlsIssuanceError.RequestMismatch, "The signed payload names another provider.");
        }

        if (!EdDsaPublicKey.TryParse(payload.Owner, out EdDsaPublicKey payloadOwner) || payloadOwner != owner)
        {
            throw Fail(TlsIssuanceError.OwnerMismatch, "The signed payload's owner is not the requested owner.");
        }

        if (retry is not null)
        {
            // Idempotent: the request matches the one that was committed (same evidence, nonce, provider and owner), so its
            // answer is the POD committed then, whatever the time is now.
            return retry.IssuedPod is string issued ? (PodJson.Parse(issued), sessionId)
                : throw Fail(TlsIssuanceError.EvidenceReplayed, "This evidence was used for an earlier issuance.");
        }

        if (payload.NotarizedAt > now + _options.ClockSkew)
        {
            throw Fail(TlsIssuanceError.FutureTimestamp, "The notarization time is in the future.");
        }

        if (now - payload.NotarizedAt > _options.MaxNotarizationAge)
        {
            throw Fail(TlsIssuanceError.StaleNotarization, $"The notarization is older than {_options.MaxNotarizationAge}.");
        }

        if (attestation.KeyValidUntil is DateTimeOffset until && payload.NotarizedAt > until)
        {
            throw Fail(TlsIssuanceError.SessionKeyExpired, "The session key had expired at the notarization time.");
        }

        if (payload.Method != spec.Request.Method || !spec.Request.Url.IsMatch(payload.Url) || !spec.Request.Status.Contains(payload.Status))
        {
            throw Fail(TlsIssuanceError.RequestMismatch, "The notarized request's method, URL or status does not match the provider spec.");
        }

        // ⑧ Claims, ⑨ UID (the raw identifiers go no further), ⑩ entries.
        DateTimeOffset issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        ExtractedClaims claims = ClaimExtractor.Extract(spec, payload.Response, issuedAt);
        if (payload.Uid is not null && !spec.Uid.FromEnclave)
        {
            throw Fail(TlsIssuanceError.MalformedRequest, "The signed payload carries a UID but the provider spec has the issuer derive it.");
        }

        byte[] uid = spec.Uid.FromEnclave
            ? payload.Uid ?? throw Fail(TlsIssuanceError.ClaimMissing, "The provider spec expects the enclave's UID in $.uid.")
            : _uid.Derive(spec.Uid.Class, claims.UidInputs);
        string ownerText = owner.ToString();
        if (await _store.GetUidOwnerAsync(uid, ct).ConfigureAwait(false) is string bound && bound != ownerText)
        {
            throw Fail(TlsIssuanceError.UidAlreadyBound, "This UID is bound to another owner.");
        }

        PodEntries entries = BuildEntries(spec, owner, uid, attestation, claims, issuedAt);

        // ⑫ Sign (pure), then ⑪ commit: the POD leaves only if the commit succeeded.
        SignedPod pod = SignedPod.Sign(entries, attestation.Simulated ? _options.SimulatedIssuerKey! : _issuerKey);
        IssuanceCommitOutcome outcome = await _store.CommitIssuanceAsync(
            new IssuanceCommit(nonceHash, attestation.EvidenceDigest, uid, ownerText, now, PodJson.Serialize(pod)), ct).ConfigureAwait(false);
        return outcome switch
        {
            IssuanceCommitOutcome.Committed => (pod, sessionId),
            IssuanceCommitOutcome.NonceUnknownOrUsed => throw Fail(TlsIssuanceError.NonceUnknownOrUsed, "The nonce was used concurrently."),
            IssuanceCommitOutcome.EvidenceReplayed => throw Fail(TlsIssuanceError.EvidenceReplayed, "This evidence was used concurrently."),
            _ => throw Fail(TlsIssuanceError.UidAlreadyBound, "This UID was bound to another owner concurrently."),
        };
    }

    private void CheckSessionKey(AttestationResult attestation, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (attestation.Tee is null)
        {
            // Attestor evidence (Reclaim) binds the payload through the attestors' signatures and hands over the signed fields;
            // a verifier that binds neither a session key nor a payload would let unsigned bytes through.
            if (attestation.VerifiedPayload is null)
            {
                throw Fail(TlsIssuanceError.UnsupportedEvidence, "The verifier bound neither an enclave session key nor a verified payload.");
            }

            return;
        }

        if (attestation.SessionPublicKey is not { Length: SessionKeyBinding.SessionKeySizeInBytes } key || key[0] != 0x04
            || attestation.KeyValidUntil is not DateTimeOffset until)
        {
            throw Fail(TlsIssuanceError.MalformedRequest, "The evidence needs a 65-byte SEC1 session key and its validity.");
        }

        byte[] expected = SessionKeyBinding.ComputeReportData(key, until.ToUnixTimeSeconds());
        if (!CryptographicOperations.FixedTimeEquals(expected, attestation.Tee.ReportData))
        {
            throw Fail(TlsIssuanceError.ReportDataMismatch, "The report data is not the v1 binding of the session key and its validity.");
        }

        if (now > until)
        {
            throw Fail(TlsIssuanceError.SessionKeyExpired, "The session key has expired.");
        }

        if (until - now > _options.Policy.MaxKeyLifetime)
        {
            throw Fail(TlsIssuanceError.SessionKeyExpired, $"The session key's validity exceeds the allowed lifetime {_options.Policy.MaxKeyLifetime}.");
        }

        bool valid;
        try
        {
            using ECDsa ecdsa = SessionKeyBinding.ImportSessionKey(key);
            valid = attestation.PayloadSignature is { Length: 64 } sig && ecdsa.VerifyData(payload, sig, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            throw Fail(TlsIssuanceError.MalformedRequest, "The session key is not a P-256 point.");
        }

        if (!valid)
        {
            throw Fail(TlsIssuanceError.PayloadSignatureInvalid, "The session key's signature over the payload does not verify.");
        }
    }

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

    private async ValueTask RecordFailureAsync(string? sessionId, TlsIssuanceError code, CancellationToken ct)
    {
        if (sessionId is null)
        {
            return;
        }

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

    private static TlsIssuanceException Fail(TlsIssuanceError code, string detail) => new(code, detail);

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
}
