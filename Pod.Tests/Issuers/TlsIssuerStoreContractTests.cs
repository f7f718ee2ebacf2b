using System.Security.Cryptography;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Storage;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>
/// The <see cref="ITlsIssuerStore"/> contract, run against every store by a derived class: the issuer's end-to-end
/// refusals that must leave the store unchanged, and the store's own operations (all-or-nothing commit, races of many
/// issuances for one nonce, one evidence digest or one UID, restart). xunit makes a new instance per test, and each
/// instance gets fresh, empty backing data (a new file, a new schema).
/// </summary>
/// <remarks>How a store fails (an exception, never an answer) is tested per store, since each fails its own way.</remarks>
public abstract class TlsIssuerStoreContractTests : IAsyncLifetime
{
    private const int Racers = Racing.Racers;

    private static readonly DateTimeOffset T0 = IssuerHarness.Start;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly List<ITlsIssuerStore> _stores = [];

    /// <summary>True when what a store recorded is there for a new store over the same data.</summary>
    protected abstract bool SurvivesRestart { get; }

    /// <summary>Creates a new store object over this test's data (the same data at every call).</summary>
    protected abstract ITlsIssuerStore CreateStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (ITlsIssuerStore store in _stores)
        {
            (store as IDisposable)?.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Issue_SimulatedEnclave_PodVerifiesOwnedByRequesterWithSpecEntries()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);

        TlsIssuanceResult result = await h.Issuer.IssueAsync(request);

        Assert.True(result.Succeeded, result.ToString());
        SignedPod pod = result.Pod;
        Assert.True(pod.Verify());
        Assert.Equal(h.SimulatedIssuerKey.PublicKey, pod.SignerPublicKey); // never the production key for simulated evidence
        Assert.NotEqual(h.IssuerKey.PublicKey, pod.SignerPublicKey);
        Assert.True(owner.Owns(pod.Entries["owner"]));
        PodEntries e = pod.Entries;
        Assert.Equal(PodValue.String("pod.tls.identity.v1"), e["pod_type"]);
        Assert.Equal(PodValue.String("kyc.demo.v1"), e["provider"]);
        Assert.Equal(PodValue.Date(new DateTimeOffset(2000, 2, 29, 0, 0, 0, TimeSpan.Zero)), e["birth_date"]);
        Assert.Equal(PodValue.String("DE"), e["nationality"]);
        Assert.Equal(PodValue.String("PASSPORT"), e["document_type"]);
        Assert.Equal(PodValue.Boolean(true), e["liveness_check"]);
        Assert.Equal(PodValue.Boolean(true), e["age_over_18"]);
        Assert.Equal(PodValue.String("simulated"), e["attestation_kind"]);
        Assert.Equal(PodValue.String("hmac-sha256-248/v1/k1"), e["uid_scheme"]);
        Assert.Equal(PodValue.Bytes(h.Options.Providers[0].Hash), e["provider_spec_hash"]);
        Assert.Equal(PodValue.Date(IssuerHarness.Start), e["issued_at"]);
        Assert.Equal(PodValue.Date(IssuerHarness.Start.AddDays(365)), e["valid_until"]);
        Assert.True(((PodCryptographicValue)e["uid"]).Value < System.Numerics.BigInteger.One << 248);
        Assert.DoesNotContain(e.Keys, k => k.Contains("name", StringComparison.Ordinal) || k.Contains("number", StringComparison.Ordinal));
        Assert.DoesNotContain("Mustermann", pod.ToString(), StringComparison.Ordinal);
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await h.Store.GetCountsAsync(default));
        Assert.Equal(IssuanceSessionState.Verified, (await h.Issuer.GetSessionAsync(result.SessionId!))!.State);

        AttestationResult attestation = (await new Pod.Issuers.Tls.Simulation.SimulatedEnclaveVerifier(h.Enclave.ExportRootPublicKey())
            .VerifyAsync(request.Evidence, request.SignedPayload, TlsSamples.Context(), default)).Result!;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(request.SignedPayload.Span), attestation.PayloadSha256);
        Assert.Equal(PodValue.Bytes(attestation.EvidenceDigest), e["attestation_digest"]);
    }

    [Fact]
    public async Task Issue_RetriedRequest_TheSamePodAndStoresUnchanged()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        TlsIssuanceResult first = await h.Issuer.IssueAsync(request);
        Assert.True(first.Succeeded, first.ToString());
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);

        // A client whose answer was lost (a crash after the commit, a dropped connection) submits again, later.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        TlsIssuanceResult retry = await h.Issuer.IssueAsync(request);

        Assert.True(retry.Succeeded, retry.ToString());
        Assert.Equal(first.SessionId, retry.SessionId);
        Assert.Equal(PodJson.Serialize(first.Pod), PodJson.Serialize(retry.Pod));
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
        Assert.Equal(PodJson.Serialize(first.Pod), PodJson.Serialize((await h.Issuer.GetIssuedPodAsync(first.SessionId!))!));
    }

    [Fact]
    public async Task Issue_RetryForAnotherOwner_RefusedAndNothingReturned()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        using SemaphoreIdentity thief = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        Assert.True((await h.Issuer.IssueAsync(request)).Succeeded);

        TlsIssuanceResult stolen = await h.Issuer.IssueAsync(request with { OwnerSemaphoreV4PublicKey = thief.PublicKey.ToString() });

        Assert.False(stolen.Succeeded);
        Assert.Equal(TlsIssuanceError.OwnerMismatch, stolen.Error);
    }

    [Fact]
    public async Task Issue_RetryAfterTheSessionWasPurged_EvidenceReplayed()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        TlsIssuanceResult first = await h.Issuer.IssueAsync(request);
        Assert.True(first.Succeeded, first.ToString());

        h.Time.Advance(Lifetime + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await h.Issuer.PurgeExpiredSessionsAsync());

        Assert.Equal(TlsIssuanceError.EvidenceReplayed, (await h.Issuer.IssueAsync(request)).Error);
        Assert.Null(await h.Issuer.GetIssuedPodAsync(first.SessionId!));
        Assert.Null(await h.Issuer.GetSessionAsync(first.SessionId!));
    }

    [Fact]
    public async Task Purge_DeletesOnlySessionsExpiredBeforeTheCutOff_KeepsEvidenceAndUids()
    {
        ITlsIssuerStore store = Open();
        (string usedId, byte[] used) = await NewSessionAsync(store);
        (string openId, byte[] open) = await NewSessionAsync(store);
        Assert.Equal(IssuanceCommitOutcome.Committed, await store.CommitIssuanceAsync(new IssuanceCommit(used, Digest(1), Uid(1), "alice", T0, "{\"pod\":1}"), default));
        var later = new IssuanceSession("later", IssuanceSessionState.Created, T0, T0 + Lifetime + Lifetime, T0, null);
        await store.CreateSessionAsync(later, Digest(50), default);

        Assert.Equal("{\"pod\":1}", await store.GetIssuedPodAsync(usedId, default));
        Assert.Null(await store.GetIssuedPodAsync(openId, default));
        Assert.Equal(usedId, (await store.FindIssuanceByEvidenceAsync(Digest(1), default))!.SessionId);
        Assert.Equal(used, (await store.FindIssuanceByEvidenceAsync(Digest(1), default))!.NonceHash);

        Assert.Equal(0, await store.PurgeSessionsAsync(T0 + Lifetime, default));
        Assert.Equal(2, await store.PurgeSessionsAsync(T0 + Lifetime + TimeSpan.FromMilliseconds(1), default));

        Assert.Null(await store.GetSessionAsync(usedId, T0, default));
        Assert.Null(await store.GetSessionAsync(openId, T0, default));
        Assert.NotNull(await store.GetSessionAsync("later", T0, default));
        Assert.Null(await store.FindUsableNonceAsync(open, T0, default));
        Assert.Null(await store.GetIssuedPodAsync(usedId, default));
        Assert.Null(await store.FindIssuanceByEvidenceAsync(Digest(1), default));
        Assert.True(await store.IsEvidenceKnownAsync(Digest(1), default));
        Assert.Equal("alice", await store.GetUidOwnerAsync(Uid(1), default));
        Assert.Equal(IssuanceCommitOutcome.NonceUnknownOrUsed, await store.CommitIssuanceAsync(new IssuanceCommit(open, Digest(2), Uid(2), "bob", T0), default));
        await store.CheckHealthAsync(default);
    }

    [Fact]
    public async Task Purge_MoreSessionsThanOneBatch_DeletesThemAll()
    {
        ITlsIssuerStore store = Open();
        for (int i = 0; i < 2500; i++)
        {
            await store.CreateSessionAsync(Session($"s{i}"), Digest(1000 + i), default);
        }

        Assert.Equal(2500, await store.PurgeSessionsAsync(T0 + Lifetime + TimeSpan.FromMilliseconds(1), default));
        Assert.Equal(new TlsIssuerStoreCounts(0, 0, 0, 0), await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_StaleNotarization_RefusedAndStoresUnchanged()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner, notarizedAt: IssuerHarness.Start - TimeSpan.FromMinutes(11));
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);

        TlsIssuanceResult result = await h.Issuer.IssueAsync(request);

        Assert.Equal(TlsIssuanceError.StaleNotarization, result.Error);
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_UnknownProvider_RefusedAndStoresUnchanged()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);

        TlsIssuanceResult result = await h.Issuer.IssueAsync(request with { ProviderId = "kyc.other.v1" });

        Assert.Equal(TlsIssuanceError.UnknownProvider, result.Error);
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Issue_WrongOwner_OwnerMismatchAndStoresUnchanged()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        using SemaphoreIdentity other = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner, payloadOwner: other.PublicKey.ToString());
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);

        TlsIssuanceResult result = await h.Issuer.IssueAsync(request);

        Assert.Equal(TlsIssuanceError.OwnerMismatch, result.Error);
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
        Assert.NotNull(result.SessionId);
        IssuanceSession? session = await h.Issuer.GetSessionAsync(result.SessionId);
        Assert.Equal(IssuanceSessionState.Rejected, session!.State);
        Assert.Equal(TlsIssuanceError.OwnerMismatch, session.LastError);
    }

    [Fact]
    public async Task Issue_SecondOwnerForSameUid_UidAlreadyBoundAndStoresUnchanged()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity first = SemaphoreIdentity.Generate();
        using SemaphoreIdentity second = SemaphoreIdentity.Generate();
        Assert.True((await h.Issuer.IssueAsync(await h.RequestAsync(first))).Succeeded);
        // Same document, written differently: normalization maps both to the same UID.
        TlsIssuanceRequest request = await h.RequestAsync(second, IssuerHarness.Response(documentNumber: " x123456 "));
        TlsIssuerStoreCounts before = await h.Store.GetCountsAsync(default);

        TlsIssuanceResult result = await h.Issuer.IssueAsync(request);

        Assert.Equal(TlsIssuanceError.UidAlreadyBound, result.Error);
        Assert.Equal(before, await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Sessions_ProgressThenIssueThenExpiry_StatesFollowTheLifecycle()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        Assert.Equal(IssuanceSessionState.Created, (await h.Issuer.GetSessionAsync(grant.SessionId))!.State);

        foreach (IssuanceSessionState state in new[] { IssuanceSessionState.ProviderPending, IssuanceSessionState.ProviderCompleted,
            IssuanceSessionState.ProofGenerating, IssuanceSessionState.ProofGenerated, IssuanceSessionState.Submitting })
        {
            Assert.True(await h.Issuer.ReportProgressAsync(grant.SessionId, state));
            Assert.Equal(state, (await h.Issuer.GetSessionAsync(grant.SessionId))!.State);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => h.Issuer.ReportProgressAsync(grant.SessionId, IssuanceSessionState.Verified));
        Assert.False(await h.Issuer.ReportProgressAsync("unknown", IssuanceSessionState.ProviderPending));

        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response());
        Assert.True((await h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()))).Succeeded);
        Assert.Equal(IssuanceSessionState.Verified, (await h.Issuer.GetSessionAsync(grant.SessionId))!.State);
        Assert.False(await h.Issuer.ReportProgressAsync(grant.SessionId, IssuanceSessionState.Submitting));

        NonceGrant abandoned = await h.Issuer.CreateNonceAsync();
        h.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(IssuanceSessionState.Expired, (await h.Issuer.GetSessionAsync(abandoned.SessionId))!.State);
        Assert.Equal(IssuanceSessionState.Verified, (await h.Issuer.GetSessionAsync(grant.SessionId))!.State);
        Assert.False(await h.Issuer.ReportProgressAsync(abandoned.SessionId, IssuanceSessionState.ProviderPending));
    }

    [Fact]
    public async Task Commit_FreshNonce_WritesAllAndVerifiesTheSession()
    {
        ITlsIssuerStore store = Open();
        (string id, byte[] nonce) = await NewSessionAsync(store);
        byte[] evidence = Digest(1), uid = Uid(1);

        Assert.Equal(id, await store.FindUsableNonceAsync(nonce, T0, default));
        Assert.Equal(IssuanceCommitOutcome.Committed, await store.CommitIssuanceAsync(new IssuanceCommit(nonce, evidence, uid, "alice", T0.AddSeconds(5)), default));

        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await store.GetCountsAsync(default));
        Assert.Null(await store.FindUsableNonceAsync(nonce, T0.AddSeconds(5), default));
        Assert.True(await store.IsEvidenceKnownAsync(evidence, default));
        Assert.False(await store.IsEvidenceKnownAsync(Digest(2), default));
        Assert.Equal("alice", await store.GetUidOwnerAsync(uid, default));
        Assert.Null(await store.GetUidOwnerAsync(Uid(2), default));
        IssuanceSession session = (await store.GetSessionAsync(id, T0.AddSeconds(6), default))!;
        Assert.Equal(new IssuanceSession(id, IssuanceSessionState.Verified, T0, T0 + Lifetime, T0.AddSeconds(5), null), session);

        // Verified is terminal, also past the session's expiry.
        Assert.False(await store.UpdateSessionStateAsync(id, IssuanceSessionState.Rejected, TlsIssuanceError.OwnerMismatch, T0.AddSeconds(7), default));
        Assert.Equal(IssuanceSessionState.Verified, (await store.GetSessionAsync(id, T0 + Lifetime + TimeSpan.FromDays(1), default))!.State);
    }

    [Fact]
    public async Task Commit_NonceUnknownUsedOrExpired_NonceUnknownOrUsedAndNothingWritten()
    {
        ITlsIssuerStore store = Open();
        (_, byte[] used) = await NewSessionAsync(store);
        Assert.Equal(IssuanceCommitOutcome.Committed, await store.CommitIssuanceAsync(new IssuanceCommit(used, Digest(1), Uid(1), "alice", T0), default));
        (string expiredId, byte[] expired) = await NewSessionAsync(store);
        TlsIssuerStoreCounts before = await store.GetCountsAsync(default);

        Assert.Equal(IssuanceCommitOutcome.NonceUnknownOrUsed, await store.CommitIssuanceAsync(new IssuanceCommit(Digest(99), Digest(2), Uid(2), "bob", T0), default));
        Assert.Equal(IssuanceCommitOutcome.NonceUnknownOrUsed, await store.CommitIssuanceAsync(new IssuanceCommit(used, Digest(3), Uid(3), "bob", T0), default));
        // The same commit again: the nonce is checked first (the issuer relies on it to recognise a concurrent retry).
        Assert.Equal(IssuanceCommitOutcome.NonceUnknownOrUsed, await store.CommitIssuanceAsync(new IssuanceCommit(used, Digest(1), Uid(1), "alice", T0), default));
        Assert.Equal(IssuanceCommitOutcome.NonceUnknownOrUsed, await store.CommitIssuanceAsync(new IssuanceCommit(expired, Digest(4), Uid(4), "bob", T0 + Lifetime), default));

        Assert.Equal(before, await store.GetCountsAsync(default));
        Assert.Null(await store.FindUsableNonceAsync(expired, T0 + Lifetime, default));
        Assert.Equal(expiredId, await store.FindUsableNonceAsync(expired, T0 + Lifetime - TimeSpan.FromMilliseconds(1), default));
        Assert.False(await store.IsEvidenceKnownAsync(Digest(2), default));
        Assert.Null(await store.GetUidOwnerAsync(Uid(3), default));
        Assert.Equal(IssuanceSessionState.Expired, (await store.GetSessionAsync(expiredId, T0 + Lifetime, default))!.State);
    }

    [Fact]
    public async Task Commit_EvidenceKnown_EvidenceReplayedAndTheNonceStaysUsable()
    {
        ITlsIssuerStore store = Open();
        (_, byte[] first) = await NewSessionAsync(store);
        Assert.Equal(IssuanceCommitOutcome.Committed, await store.CommitIssuanceAsync(new IssuanceCommit(first, Digest(1), Uid(1), "alice", T0), default));
        (string id, byte[] second) = await NewSessionAsync(store);
        TlsIssuerStoreCounts before = await store.GetCountsAsync(default);

        Assert.Equal(IssuanceCommitOutcome.EvidenceReplayed, await store.CommitIssuanceAsync(new IssuanceCommit(second, Digest(1), Uid(2), "bob", T0), default));

        Assert.Equal(before, await store.GetCountsAsync(default));
        Assert.Equal(id, await store.FindUsableNonceAsync(second, T0, default));
        Assert.Null(await store.GetUidOwnerAsync(Uid(2), default));
        Assert.Equal(IssuanceSessionState.Created, (await store.GetSessionAsync(id, T0, default))!.State);
    }

    [Fact]
    public async Task Commit_UidBoundToAnotherOwner_UidAlreadyBoundAndNothingWritten_SameOwnerCommits()
    {
        ITlsIssuerStore store = Open();
        (_, byte[] first) = await NewSessionAsync(store);
        Assert.Equal(IssuanceCommitOutcome.Committed, await store.CommitIssuanceAsync(new IssuanceCommit(first, Digest(1), Uid(1), "alice", T0), default));
        (string id, byte[] second) = await NewSessionAsync(store);
        TlsIssuerStoreCounts before = await store.GetCountsAsync(default);

        Assert.Equal(IssuanceCommitOutcome.UidAlreadyBound, await store.CommitIssuanceAsync(new IssuanceCommit(second, Digest(2), Uid(1), "bob", T0), default));

        Assert.Equal(before, await store.GetCountsAsync(default));
        Assert.Equal(id, await store.FindUsableNonceAsync(second, T0, default));
        Assert.False(await store.IsEvidenceKnownAsync(Digest(2), default));
        Assert.Equal("alice", await store.GetUidOwnerAsync(Uid(1), default));

        Assert.Equal(IssuanceCommitOutcome.Committed, await store.CommitIssuanceAsync(new IssuanceCommit(second, Digest(2), Uid(1), "alice", T0), default));
        Assert.Equal(new TlsIssuerStoreCounts(2, 2, 2, 1), await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task CreateSession_DuplicateIdOrNonce_InvalidOperationAndNothingWritten()
    {
        ITlsIssuerStore store = Open();
        (string id, byte[] nonce) = await NewSessionAsync(store);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateSessionAsync(Session(id), Digest(50), default));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateSessionAsync(Session("other"), nonce, default));

        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), await store.GetCountsAsync(default));
        Assert.Null(await store.GetSessionAsync("other", T0, default));
        Assert.Equal(id, await store.FindUsableNonceAsync(nonce, T0, default));
    }

    [Fact]
    public async Task UpdateSessionState_KeepsTheLastErrorAndRefusesUnknownOrExpiredSessions()
    {
        ITlsIssuerStore store = Open();
        (string id, _) = await NewSessionAsync(store);

        Assert.True(await store.UpdateSessionStateAsync(id, IssuanceSessionState.Rejected, TlsIssuanceError.OwnerMismatch, T0.AddSeconds(1), default));
        Assert.Equal(new IssuanceSession(id, IssuanceSessionState.Rejected, T0, T0 + Lifetime, T0.AddSeconds(1), TlsIssuanceError.OwnerMismatch),
            await store.GetSessionAsync(id, T0.AddSeconds(2), default));
        Assert.True(await store.UpdateSessionStateAsync(id, IssuanceSessionState.Submitting, null, T0.AddSeconds(3), default));
        Assert.Null((await store.GetSessionAsync(id, T0.AddSeconds(4), default))!.LastError);

        Assert.False(await store.UpdateSessionStateAsync("unknown", IssuanceSessionState.Submitting, null, T0, default));
        Assert.False(await store.UpdateSessionStateAsync(id, IssuanceSessionState.Submitting, null, T0 + Lifetime, default));
        Assert.Null(await store.GetSessionAsync("unknown", T0, default));
    }

    [Fact]
    public async Task Commit_64ConcurrentIssuancesOfOneNonce_ExactlyOneCommits()
    {
        ITlsIssuerStore store = Open();
        (_, byte[] nonce) = await NewSessionAsync(store);
        int next = 0;

        IssuanceCommitOutcome[] results = await Race(() =>
        {
            int i = Interlocked.Increment(ref next);
            return store.CommitIssuanceAsync(new IssuanceCommit(nonce, Digest(i), Uid(i), $"owner{i}", T0), default).AsTask();
        });

        Assert.Single(results, r => r == IssuanceCommitOutcome.Committed);
        Assert.Equal(Racers - 1, results.Count(r => r == IssuanceCommitOutcome.NonceUnknownOrUsed));
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Commit_64ConcurrentIssuancesOfOneUidForDifferentOwners_ExactlyOneCommits()
    {
        ITlsIssuerStore store = Open();
        var nonces = new byte[Racers][];
        for (int i = 0; i < Racers; i++)
        {
            (_, nonces[i]) = await NewSessionAsync(store);
        }

        int next = -1;
        IssuanceCommitOutcome[] results = await Race(() =>
        {
            int i = Interlocked.Increment(ref next);
            return store.CommitIssuanceAsync(new IssuanceCommit(nonces[i], Digest(i), Uid(7), $"owner{i}", T0), default).AsTask();
        });

        Assert.Single(results, r => r == IssuanceCommitOutcome.Committed);
        Assert.Equal(Racers - 1, results.Count(r => r == IssuanceCommitOutcome.UidAlreadyBound));
        Assert.Equal(new TlsIssuerStoreCounts(Racers, 1, 1, 1), await store.GetCountsAsync(default));
        string winner = (await store.GetUidOwnerAsync(Uid(7), default))!;
        int w = int.Parse(winner["owner".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await store.IsEvidenceKnownAsync(Digest(w), default));
        Assert.Null(await store.FindUsableNonceAsync(nonces[w], T0, default));
        Assert.Equal(Racers - 1, await CountUsableAsync(store, nonces));
    }

    [Fact]
    public async Task Commit_64ConcurrentIssuancesOfOneEvidence_ExactlyOneCommits()
    {
        ITlsIssuerStore store = Open();
        var nonces = new byte[Racers][];
        for (int i = 0; i < Racers; i++)
        {
            (_, nonces[i]) = await NewSessionAsync(store);
        }

        int next = -1;
        IssuanceCommitOutcome[] results = await Race(() =>
        {
            int i = Interlocked.Increment(ref next);
            return store.CommitIssuanceAsync(new IssuanceCommit(nonces[i], Digest(1), Uid(i), $"owner{i}", T0), default).AsTask();
        });

        Assert.Single(results, r => r == IssuanceCommitOutcome.Committed);
        Assert.Equal(Racers - 1, results.Count(r => r == IssuanceCommitOutcome.EvidenceReplayed));
        Assert.Equal(new TlsIssuerStoreCounts(Racers, 1, 1, 1), await store.GetCountsAsync(default));
        Assert.Equal(Racers - 1, await CountUsableAsync(store, nonces));
    }

    [Fact]
    public async Task Issue_64ConcurrentSubmissionsOfOneRequest_AllGetTheOnePodIssued()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceRequest request = await h.RequestAsync(owner);

        TlsIssuanceResult[] results = await Race(() => h.Issuer.IssueAsync(request).AsTask());

        // Idempotent retries sent while the first submission is still in flight: whichever commits, every other one is a
        // retry of it and gets its POD, never a refusal and never a second issuance.
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        SignedPod pod = Assert.Single(results.Select(r => PodJson.Serialize(r.Pod!)).Distinct().Select(PodJson.Parse));
        Assert.True(pod.Verify());
        Assert.True(owner.Owns(pod.Entries["owner"]));
        Assert.Single(results.Select(r => r.SessionId).Distinct());
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await h.Store.GetCountsAsync(default));
        Assert.Equal(PodJson.Serialize(pod), PodJson.Serialize((await h.Issuer.GetIssuedPodAsync(results[0].SessionId!))!));
    }

    [Fact]
    public async Task Issue_64ConcurrentDifferentRequestsForOneNonce_OneIssuesAndOnlyItsOwnSubmissionsGetItsPod()
    {
        using var h = new IssuerHarness(Open());
        using SemaphoreIdentity alice = SemaphoreIdentity.Generate();
        using SemaphoreIdentity bob = SemaphoreIdentity.Generate();
        NonceGrant grant = await h.Issuer.CreateNonceAsync();
        // Two requests notarized for one nonce, differing in owner and document (so in evidence and UID): a submission of
        // one is no retry of the other, whichever commits.
        TlsIssuanceRequest For(SemaphoreIdentity owner, string document)
        {
            byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), h.Time.Now, IssuerHarness.Response(documentNumber: document));
            return new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString());
        }

        TlsIssuanceRequest[] requests = [For(alice, "A-1"), For(bob, "B-2")];
        int next = -1;

        (TlsIssuanceRequest Request, TlsIssuanceResult Result)[] results = await Race(async () =>
        {
            TlsIssuanceRequest request = requests[Interlocked.Increment(ref next) % 2];
            return (request, await h.Issuer.IssueAsync(request));
        });

        TlsIssuanceRequest winner = Assert.Single(results.Where(r => r.Result.Succeeded).Select(r => r.Request).Distinct());
        Assert.All(results.Where(r => r.Request == winner), r => Assert.True(r.Result.Succeeded, r.Result.ToString()));
        Assert.All(results.Where(r => r.Request != winner), r => Assert.Equal(TlsIssuanceError.NonceUnknownOrUsed, r.Result.Error));
        SignedPod pod = PodJson.Parse(Assert.Single(results.Where(r => r.Result.Succeeded).Select(r => PodJson.Serialize(r.Result.Pod!)).Distinct()));
        Assert.Equal(PodValue.EdDsaPublicKey(EdDsaPublicKey.Parse(winner.OwnerSemaphoreV4PublicKey)), pod.Entries["owner"]);
        Assert.Equal(new TlsIssuerStoreCounts(1, 1, 1, 1), await h.Store.GetCountsAsync(default));
    }

    [Fact]
    public async Task Restart_DurableStoresKeepEverythingAndMemoryStoresForget()
    {
        ITlsIssuerStore before = Open();
        (string verified, byte[] used) = await NewSessionAsync(before);
        (string rejected, byte[] open) = await NewSessionAsync(before);
        Assert.Equal(IssuanceCommitOutcome.Committed, await before.CommitIssuanceAsync(new IssuanceCommit(used, Digest(1), Uid(1), "alice", T0), default));
        Assert.True(await before.UpdateSessionStateAsync(rejected, IssuanceSessionState.Rejected, TlsIssuanceError.StaleNotarization, T0, default));
        (before as IDisposable)?.Dispose();

        ITlsIssuerStore after = Open();

        if (SurvivesRestart)
        {
            Assert.Equal(new TlsIssuerStoreCounts(2, 1, 1, 1), await after.GetCountsAsync(default));
            Assert.Equal(IssuanceSessionState.Verified, (await after.GetSessionAsync(verified, T0, default))!.State);
            Assert.Equal(TlsIssuanceError.StaleNotarization, (await after.GetSessionAsync(rejected, T0, default))!.LastError);
            Assert.Equal(rejected, await after.FindUsableNonceAsync(open, T0, default));
            Assert.Equal(IssuanceCommitOutcome.NonceUnknownOrUsed, await after.CommitIssuanceAsync(new IssuanceCommit(used, Digest(2), Uid(2), "bob", T0), default));
            Assert.Equal(IssuanceCommitOutcome.EvidenceReplayed, await after.CommitIssuanceAsync(new IssuanceCommit(open, Digest(1), Uid(2), "bob", T0), default));
            Assert.Equal(IssuanceCommitOutcome.UidAlreadyBound, await after.CommitIssuanceAsync(new IssuanceCommit(open, Digest(2), Uid(1), "bob", T0), default));
        }
        else
        {
            // What a memory store promises: nothing outlives it.
            Assert.Equal(new TlsIssuerStoreCounts(0, 0, 0, 0), await after.GetCountsAsync(default));
            Assert.Null(await after.GetUidOwnerAsync(Uid(1), default));
        }
    }

    /// <summary>Opens a store that is disposed (when disposable) at the end of the test.</summary>
    protected ITlsIssuerStore Open() => Track(CreateStore());

    /// <summary>Keeps the store for disposal at the end of the test.</summary>
    protected ITlsIssuerStore Track(ITlsIssuerStore store)
    {
        _stores.Add(store);
        return store;
    }

    /// <summary>Runs the call <see cref="Racing.Racers"/> times at once (see <see cref="Racing.Race"/>).</summary>
    protected static Task<T[]> Race<T>(Func<Task<T>> call) => Racing.Race(call);

    /// <summary>A new session created at T0 with a random nonce hash.</summary>
    protected static async Task<(string Id, byte[] NonceHash)> NewSessionAsync(ITlsIssuerStore store)
    {
        string id = Guid.NewGuid().ToString("N");
        byte[] nonceHash = RandomNumberGenerator.GetBytes(32);
        await store.CreateSessionAsync(Session(id), nonceHash, default);
        return (id, nonceHash);
    }

    private static IssuanceSession Session(string id) => new(id, IssuanceSessionState.Created, T0, T0 + Lifetime, T0, null);

    private static byte[] Digest(int i) => SHA256.HashData(BitConverter.GetBytes(i));

    private static byte[] Uid(int i) => Digest(-1 - i)[..31];

    private static async Task<int> CountUsableAsync(ITlsIssuerStore store, byte[][] nonces)
    {
        int usable = 0;
        foreach (byte[] nonce in nonces)
        {
            usable += await store.FindUsableNonceAsync(nonce, T0, default) is null ? 0 : 1;
        }

        return usable;
    }
}
