using System.Text;
using System.Text.Json.Nodes;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Storage;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>The issuer's pipeline over the in-memory store; what depends on the store is in <see cref="TlsIssuerStoreContractTests"/>.</summary>
public sealed class TlsPodIssuerTests
{
    [Fact]
    public async Task Issue_SamePayloadResigned_TheSamePodNeverASecond()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        TlsIssuanceResult first = await h.Issuer.IssueAsync(request);
        Assert.True(first.Succeeded);
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);

        // ECDSA signatures are randomized and malleable: the digest covers the report and the payload, not the signature,
        // so a re-signed submission is the same issuance retried.
        TlsIssuanceResult replay = await h.Issuer.IssueAsync(request with { Evidence = h.Enclave.Notarize(request.SignedPayload.Span) });

        Assert.True(replay.Succeeded, replay.ToString());
        Assert.Equal(first.Pod.Signature, replay.Pod.Signature);
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_UsedNonceInNewPayload_NonceUnknownOrUsed()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        byte[] first = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response());
        Assert.True((await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", first, h.Enclave.Notarize(first), owner.PublicKey.ToString()))).Succeeded);
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);
        byte[] second = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now.AddSeconds(-1), IssuerHarness.Response());

        TlsIssuanceResult result = await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", second, h.Enclave.Notarize(second), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.NonceUnknownOrUsed, result.Error);
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_FutureNotarization_FutureTimestamp()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner, notarizedAt: IssuerHarness.Start + TimeSpan.FromMinutes(1));

        Assert.Equal(TlsIssuanceError.FutureTimestamp, (await h.Issuer.IssueAsync(request)).Error);
    }

    [Fact]
    public async Task Issue_NonceExpiredBeforeSubmission_NonceUnknownOrUsedAndSessionExpired()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        h.Time.Advance(TimeSpan.FromMinutes(11));
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response());

        TlsIssuanceResult result = await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.NonceUnknownOrUsed, result.Error);
        Assert.Equal(IssuanceSessionState.Expired, (await h.Issuer.GetSessionAsync(grant.SessionId))!.State);
    }

    [Fact]
    public async Task Issue_SameOwnerAgain_ReissuedWithSameUidAndNewContentId()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceResult a = await h.Issuer.IssueAsync(await h.RequestAsync(owner));
        TlsIssuanceResult b = await h.Issuer.IssueAsync(await h.RequestAsync(owner));

        Assert.True(a.Succeeded && b.Succeeded);
        Assert.Equal(a.Pod!.Entries["uid"], b.Pod!.Entries["uid"]);
        Assert.NotEqual(a.Pod.Entries["attestation_digest"], b.Pod.Entries["attestation_digest"]);
        Assert.NotEqual(a.Pod.ContentId, b.Pod.ContentId);
        Assert.Equal(new TlsIssuerStoreCounts(2, 2, 2, 1), await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_ProviderNotApproved_ProviderRejected()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner, IssuerHarness.Response(status: "pending")));
        Assert.Equal(TlsIssuanceError.ProviderRejected, result.Error);
        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_Minor_AgeOver18False()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner, IssuerHarness.Response(dob: "2008-01-16")));
        Assert.Equal(PodValue.Boolean(false), result.Pod!.Entries["age_over_18"]);
    }

    [Theory]
    [InlineData("dob", "16.01.2000", TlsIssuanceError.ClaimTypeMismatch)]
    [InlineData("type", "DRIVERS_LICENSE", TlsIssuanceError.ClaimTypeMismatch)]
    [InlineData("country", null, TlsIssuanceError.ClaimMissing)]
    public async Task Issue_BadClaim_TypedError(string field, string? value, TlsIssuanceError expected)
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        JsonObject response = IssuerHarness.Response();
        JsonObject target = field == "type" ? response["document"]!.AsObject() : response["person"]!.AsObject();
        if (value is null)
        {
            target.Remove(field);
        }
        else
        {
            target[field] = value;
        }

        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner, response));

        Assert.Equal(expected, result.Error);
        Assert.DoesNotContain(value ?? "\u0000", result.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_TamperedPayload_PayloadSignatureInvalid()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        byte[] tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.SignedPayload.Span).Replace("2000-02-29", "1990-02-28", StringComparison.Ordinal));

        Assert.Equal(TlsIssuanceError.PayloadSignatureInvalid, (await h.Issuer.IssueAsync(request with { SignedPayload = tampered })).Error);
    }

    [Fact]
    public async Task Issue_WrongUrl_RequestMismatch()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response(), url: "https://evil.example.com/v1/status");

        TlsIssuanceResult result = await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.RequestMismatch, result.Error);
    }

    [Fact]
    public async Task Issue_SessionKeyExpired_Refused()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        h.Enclave.StartSession(IssuerHarness.Start - TimeSpan.FromSeconds(1));

        Assert.Equal(TlsIssuanceError.SessionKeyExpired, (await h.Issuer.IssueAsync(await h.RequestAsync(owner))).Error);
    }

    [Fact]
    public async Task Issue_SessionKeyLifetimeTooLong_Refused()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        h.Enclave.StartSession(IssuerHarness.Start + TimeSpan.FromDays(2));

        Assert.Equal(TlsIssuanceError.SessionKeyExpired, (await h.Issuer.IssueAsync(await h.RequestAsync(owner))).Error);
    }

    [Fact]
    public async Task Issue_ForgedSimulatedReport_QuoteSignatureInvalid()
    {
        using var h = new IssuerHarness();
        using var forger = new Pod.Issuers.Tls.Simulation.SimulatedEnclave();
        forger.StartSession(IssuerHarness.Start + TimeSpan.FromHours(1));
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);

        TlsIssuanceResult result = await h.Issuer.IssueAsync(request with { Evidence = forger.Notarize(request.SignedPayload.Span) });

        Assert.Equal(TlsIssuanceError.QuoteSignatureInvalid, result.Error);
    }

    [Fact]
    public async Task Issue_SimulatedEvidenceNotAllowed_Refused()
    {
        using var h = new IssuerHarness(allowSimulated: false);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        Assert.Equal(TlsIssuanceError.SimulatedEvidenceNotAllowed, (await h.Issuer.IssueAsync(await h.RequestAsync(owner))).Error);
    }

    [Fact]
    public async Task Issue_MrEnclaveNotAllowed_EnclaveNotAllowed()
    {
        using var h = new IssuerHarness();
        h.Options.Policy.AllowedMrEnclaves.Clear();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        Assert.Equal(TlsIssuanceError.EnclaveNotAllowed, (await h.Issuer.IssueAsync(await h.RequestAsync(owner))).Error);
    }

    [Fact]
    public async Task Issue_MalformedOwner_MalformedRequest()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        Assert.Equal(TlsIssuanceError.MalformedRequest, (await h.Issuer.IssueAsync(request with { OwnerSemaphoreV4PublicKey = "not a key" })).Error);
    }

    [Fact]
    public void Constructor_SimulatedVerifierWithoutPermission_Throws()
    {
        using var enclave = new Pod.Issuers.Tls.Simulation.SimulatedEnclave();
        using var key = Pod.Cryptography.Signatures.EdDsaPrivateKey.Generate();
        var options = new TlsIssuerOptions { IssuerKey = key, UidKey = new byte[32] };
        Assert.Equal("verifiers", Assert.Throws<ArgumentException>(() => new TlsPodIssuer(options, new InMemoryTlsIssuerStore(),
            [new Pod.Issuers.Tls.Simulation.SimulatedEnclaveVerifier(enclave.ExportRootPublicKey())], TimeProvider.System)).ParamName);
    }

    [Fact]
    public async Task Issue_DuplicateMemberInSignedPayload_MalformedRequest()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        using SemaphoreIdentity other = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        string json = Encoding.UTF8.GetString(IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response()));
        // A second "owner" member: parsers that keep the first and those that keep the last would disagree.
        byte[] payload = Encoding.UTF8.GetBytes(json[..^1] + $",\"owner\":\"{other.PublicKey}\"}}");

        TlsIssuanceResult result = await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.MalformedRequest, result.Error);
    }

    [Fact]
    public async Task Issue_SimulatedIssuerKeyConfigured_SimulatedPodsSignedByIt()
    {
        using var h = new IssuerHarness();
        using var simulatedKey = Pod.Cryptography.Signatures.EdDsaPrivateKey.Generate();
        h.Options.SimulatedIssuerKey = simulatedKey;
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();

        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner));

        Assert.True(result.Pod!.Verify());
        Assert.Equal(simulatedKey.PublicKey, result.Pod.SignerPublicKey);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, TlsIssuanceError.ClaimMissing)]
    public async Task Issue_EnclaveComputedUid_TakenFromSignedPayload(bool withUid, TlsIssuanceError? expected)
    {
        using var h = new IssuerHarness();
        JsonObject spec = JsonNode.Parse(IssuerHarness.SpecJson)!.AsObject();
        spec["id"] = "kyc.enclave-uid.v1";
        spec["uid"] = new JsonObject { ["source"] = "enclave", ["class"] = "kyc.demo" };
        h.Options.Providers.Add(Pod.Issuers.Tls.Providers.ProviderSpec.Parse(spec.ToJsonString()));
        using var issuer = new TlsPodIssuer(h.Options, h.Store, [new Pod.Issuers.Tls.Simulation.SimulatedEnclaveVerifier(h.Enclave.ExportRootPublicKey())], h.Time);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();
        JsonObject payloadJson = JsonNode.Parse(IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response(),
            provider: "kyc.enclave-uid.v1"))!.AsObject();
        string uidHex = "00" + new string('7', 60);
        if (withUid)
        {
            payloadJson["uid"] = uidHex;
        }

        byte[] payload = Encoding.UTF8.GetBytes(payloadJson.ToJsonString());
        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("kyc.enclave-uid.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.Equal(expected, result.Error);
        if (withUid)
        {
            Assert.Equal(PodValue.Cryptographic(System.Numerics.BigInteger.Parse("0" + uidHex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)),
                result.Pod!.Entries["uid"]);
            Assert.Equal(PodValue.String("enclave-prf-248/v1/kyc.demo"), result.Pod.Entries["uid_scheme"]);
        }
    }

    [Fact]
    public async Task Issue_UidInPayloadButIssuerDerives_MalformedRequest()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        JsonObject payloadJson = JsonNode.Parse(IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response()))!.AsObject();
        payloadJson["uid"] = new string('1', 62);
        byte[] payload = Encoding.UTF8.GetBytes(payloadJson.ToJsonString());

        TlsIssuanceResult result = await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.MalformedRequest, result.Error);
    }

    /// <summary>A store whose commit fails, as a database that goes away mid-issuance.</summary>
    private sealed class FailingCommitStore(ITlsIssuerStore inner) : ITlsIssuerStore
    {
        public ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken ct) => inner.CreateSessionAsync(session, nonceHash, ct);

        public ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken ct) => inner.GetSessionAsync(sessionId, now, ct);

        public ValueTask<string?> FindUsableNonceAsync(byte[] nonceHash, DateTimeOffset now, CancellationToken ct) => inner.FindUsableNonceAsync(nonceHash, now, ct);

        public ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now, CancellationToken ct) =>
            throw new IOException("The database is gone.");

        public ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken ct) => inner.IsEvidenceKnownAsync(evidenceDigest, ct);

        public ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken ct) => inner.GetUidOwnerAsync(uid, ct);

        public ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken ct) => throw new IOException("The database is gone.");

        public ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken ct) => inner.GetIssuedPodAsync(sessionId, ct);

        public ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken ct) => inner.FindIssuanceByEvidenceAsync(evidenceDigest, ct);

        public ValueTask<long> PurgeSessionsAsync(DateTimeOffset expiredBefore, CancellationToken ct) => inner.PurgeSessionsAsync(expiredBefore, ct);

        public ValueTask CheckHealthAsync(CancellationToken ct) => inner.CheckHealthAsync(ct);

        public ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken ct) => inner.GetCountsAsync(ct);
    }

    /// <summary>A store from a later version: answers a commit with an outcome this issuer does not know, and writes nothing.</summary>
    private sealed class UnknownOutcomeStore(ITlsIssuerStore inner) : ITlsIssuerStore
    {
        public ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken ct) => inner.CreateSessionAsync(session, nonceHash, ct);

        public ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken ct) => inner.GetSessionAsync(sessionId, now, ct);

        public ValueTask<string?> FindUsableNonceAsync(byte[] nonceHash, DateTimeOffset now, CancellationToken ct) => inner.FindUsableNonceAsync(nonceHash, now, ct);

        public ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now, CancellationToken ct) =>
            inner.UpdateSessionStateAsync(sessionId, state, error, now, ct);

        public ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken ct) => inner.IsEvidenceKnownAsync(evidenceDigest, ct);

        public ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken ct) => inner.GetUidOwnerAsync(uid, ct);

        public ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken ct) =>
            ValueTask.FromResult((IssuanceCommitOutcome)(Enum.GetValues<IssuanceCommitOutcome>().Max(v => (int)v) + 1));

        public ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken ct) => inner.GetIssuedPodAsync(sessionId, ct);

        public ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken ct) => inner.FindIssuanceByEvidenceAsync(evidenceDigest, ct);

        public ValueTask<long> PurgeSessionsAsync(DateTimeOffset expiredBefore, CancellationToken ct) => inner.PurgeSessionsAsync(expiredBefore, ct);

        public ValueTask CheckHealthAsync(CancellationToken ct) => inner.CheckHealthAsync(ct);

        public ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken ct) => inner.GetCountsAsync(ct);
    }

    [Fact]
    public async Task Issue_StoreAnswersAnUnknownCommitOutcome_InternalErrorNeverAGuessedRefusal()
    {
        var inner = new InMemoryTlsIssuerStore();
        using var h = new IssuerHarness(new UnknownOutcomeStore(inner));
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();

        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner));

        Assert.Equal(TlsIssuanceError.InternalError, result.Error); // not UidAlreadyBound or any other client-facing code
        Assert.Null(result.Pod);
        IssuanceSession session = (await h.Issuer.GetSessionAsync(result.SessionId!))!;
        Assert.Equal(IssuanceSessionState.Error, session.State);
        Assert.Equal(TlsIssuanceError.InternalError, session.LastError);
        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await inner.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_StoreFailsAtCommit_InternalErrorNoPodNoThrow()
    {
        var inner = new InMemoryTlsIssuerStore();
        using var h = new IssuerHarness(new FailingCommitStore(inner));
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();

        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner));

        Assert.Equal(TlsIssuanceError.InternalError, result.Error);
        Assert.Null(result.Pod);
        Assert.Equal(TlsIssuanceErrors.Describe(TlsIssuanceError.InternalError), result.Detail);
        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await inner.GetCountsAsync(default));
    }

    [Fact]
    public void ToString_EvidenceAndResults_CarryNoPersonalData()
    {
        string proof = TlsSamples.Text("reclaim/reclaim_proof_kaggle_2024.json");
        Assert.DoesNotContain("creatoros", new ReclaimEvidence(proof).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Mustermann", new Pod.Issuers.Tls.Providers.ExtractedClaims([], ["Erika Mustermann"]).ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A careless custom verifier: accepts any evidence and vouches for a session key that signed the payload but that the
    /// enclave's report data does not bind.
    /// </summary>
    private sealed class CarelessVerifier : IAttestationVerifier
    {
        public string Kind => "sgx-dcap-v3";

        public ValueTask<AttestationVerification> VerifyAsync(AttestationEvidence evidence, ReadOnlyMemory<byte> signedPayload, VerificationContext context, CancellationToken ct)
        {
            using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            System.Security.Cryptography.ECParameters p = key.ExportParameters(false);
            byte[] signature = key.SignData(signedPayload.Span, System.Security.Cryptography.HashAlgorithmName.SHA256);
            var identity = new TeeIdentity(Convert.FromHexString(Pod.Issuers.Tls.Simulation.SimulatedEnclave.DefaultMrEnclaveHex), new byte[32], 1, 1, false, 5, new byte[64]);
            return ValueTask.FromResult(AttestationVerification.Verified(new AttestationResult.Tee(Kind, identity, SgxTcbStatus.UpToDate, SgxTcbStatus.UpToDate, [],
                new byte[32], new byte[32], [0x04, .. p.Q.X!, .. p.Q.Y!], DateTimeOffset.UnixEpoch.AddYears(100), signature)));
        }
    }

    [Fact]
    public async Task Issue_VerifierVouchingForAnUnboundSessionKey_ReportDataMismatchNoPod()
    {
        using var h = new IssuerHarness();
        using var issuer = new TlsPodIssuer(h.Options, h.Store, [new CarelessVerifier()], h.Time);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response());

        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload,
            new SgxDcapEvidence([], [], 0, [], null), owner.PublicKey.ToString()));

        Assert.Equal(TlsIssuanceError.ReportDataMismatch, result.Error);
        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public void AttestationResult_BindingNothing_CannotBeExpressed()
    {
        // The two kinds are all there is: TEE results carry a session key and its signature, attestor results the signed payload.
        Assert.Equal("verifiedPayload", Assert.Throws<ArgumentNullException>(() =>
            new AttestationResult.Attestor("custom", ["0x01"], new byte[32], new byte[32], null!)).ParamName);
        Assert.Equal("attestors", Assert.Throws<ArgumentException>(() =>
            new AttestationResult.Attestor("custom", [], new byte[32], new byte[32], [1])).ParamName);
        Assert.Equal("sessionPublicKey", Assert.Throws<ArgumentNullException>(() => new AttestationResult.Tee("custom",
            new TeeIdentity(new byte[32], new byte[32], 1, 1, false, 5, new byte[64]), SgxTcbStatus.Unknown, SgxTcbStatus.Unknown, [], new byte[32], new byte[32],
            null!, DateTimeOffset.UnixEpoch, [])).ParamName);
        Assert.Equal(TlsIssuanceError.UnsupportedEvidence, AttestationVerification.Refused(TlsIssuanceError.UnsupportedEvidence, "no").Error);
        Assert.Equal("error", Assert.Throws<ArgumentOutOfRangeException>(() => AttestationVerification.Refused((TlsIssuanceError)999, "no")).ParamName);
    }
}
