using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Identity.Registry;
using Xunit;

namespace Pod.Tests.Proving;

/// <summary>The proofs the request tests share: made once (proving is the slow part), each answering a request a verifier issued.</summary>
public sealed class RequestProofs : IDisposable
{
    public RequestProofs()
    {
        World = new RequestScenario();
        HiddenRequest = World.Verifier(World.HiddenSignerTemplate()).IssueRequestAsync().GetAwaiter().GetResult();
        Hidden = RequestScenario.Answer(HiddenRequest, World.IdentityPod(World.Trusted), World.Holder);
        RevealedRequest = World.Verifier(World.RevealedSignerTemplate()).IssueRequestAsync().GetAwaiter().GetResult();
        Revealed = RequestScenario.Answer(RevealedRequest, World.IdentityPod(World.Trusted), World.Holder);

        // The prover's own list: the rogue issuer that signed its POD, beside a trusted one.
        var ownList = new Dictionary<string, GpcMembershipList>
        {
            ["trustedSigners"] = GpcMembershipList.Of([PodValue.EdDsaPublicKey(World.Rogue.PublicKey), PodValue.EdDsaPublicKey(World.Trusted.PublicKey)]),
        };
        SwappedLists = RequestScenario.Answer(HiddenRequest, World.IdentityPod(World.Rogue), World.Holder, ownList);
    }

    internal RequestScenario World { get; }

    internal GpcProofRequest HiddenRequest { get; }

    /// <summary>Over 18, signer hidden in the trusted-signer list, the airdrop nullifier.</summary>
    internal GpcProofResponse Hidden { get; }

    internal GpcProofRequest RevealedRequest { get; }

    /// <summary>Over 18, signer and kind revealed, no nullifier.</summary>
    internal GpcProofResponse Revealed { get; }

    /// <summary>A POD of the rogue issuer, proven a member of a list the prover chose.</summary>
    internal GpcProofResponse SwappedLists { get; }

    public void Dispose() => World.Dispose();
}

/// <summary>
/// <see cref="GpcRequestVerifier"/> on real proofs made by GpcProver for the requests it issues: every failure code
/// reached, the trusted-signer list, the watermark challenge, the lists, the moving bound, the GPCPCD shape.
/// </summary>
public sealed class GpcRequestVerifierTests(RequestProofs proofs) : IClassFixture<RequestProofs>
{
    private RequestScenario World => proofs.World;

    /// <summary>A verifier that issued the response's watermark (added to its challenge store, fresh for five minutes).</summary>
    private GpcRequestVerifier Knowing(GpcProofResponse response, GpcProofRequestTemplate template, NullifierRegistry? registry = null, GpcVerificationKeys? keys = null)
    {
        var store = new InMemoryGpcChallengeStore(World.Clock);
        if (response.RevealedClaims.Watermark is PodStringValue challenge)
        {
            store.AddAsync(challenge.Value, World.Clock.GetUtcNow() + template.ChallengeLifetime).GetAwaiter().GetResult();
        }

        return World.Verifier(template, store, registry, keys);
    }

    [Fact]
    public async Task HiddenSigner_InTheTrustedList_Accepted_ThenItsNullifierUsed()
    {
        GpcRequestVerifier verifier = Knowing(proofs.Hidden, World.HiddenSignerTemplate());

        GpcResponseCheck first = await verifier.CheckAsync(proofs.Hidden.ToJson());

        Assert.True(first.IsValid, first.ToString());
        Assert.Null(first.Claims.Pods.GetValueOrDefault("id")?.SignerPublicKey);
        Assert.Equal(proofs.Hidden.RevealedClaims.Owner!.NullifierHashV4, first.NullifierHash);
        Assert.Equal(Pod.Identity.GpcNullifiers.ExternalNullifierSignal(RequestScenario.Airdrop), first.Scope);
        GpcResponseCheck again = await verifier.CheckAsync(proofs.Hidden.ToJson());
        Assert.Equal(GpcResponseFailure.NullifierUsed, again.Failure);
    }

    [Fact]
    public async Task GpcPcdBody_Accepted()
    {
        // As gpc-pcd's serialize writes it (pcd a JSON text), and with pcd as an object; each to a verifier of its own.
        foreach (bool pcdAsText in new[] { true, false })
        {
            GpcResponseCheck check = await Knowing(proofs.Hidden, World.HiddenSignerTemplate()).CheckAsync(GpcPcd(proofs.Hidden, pcdAsText));

            Assert.True(check.IsValid, check.ToString());
            Assert.Equal(proofs.Hidden.RevealedClaims.Owner!.NullifierHashV4, check.NullifierHash);
        }

        string wrongType = GpcPcd(proofs.Hidden, pcdAsText: true).Replace("\"gpc-pcd\"", "\"pod-pcd\"", StringComparison.Ordinal);
        Assert.Equal(GpcResponseFailure.MalformedRequest, (await Knowing(proofs.Hidden, World.HiddenSignerTemplate()).CheckAsync(wrongType)).Failure);
    }

    [Fact]
    public async Task Watermark_StaleOrReused_Refused()
    {
        GpcProofRequestTemplate template = World.RevealedSignerTemplate();
        GpcRequestVerifier verifier = Knowing(proofs.Revealed, template);
        Assert.True((await verifier.CheckAsync(proofs.Revealed)).IsValid);
        Assert.Equal(GpcResponseFailure.WatermarkUsed, (await verifier.CheckAsync(proofs.Revealed)).Failure);

        GpcRequestVerifier late = Knowing(proofs.Revealed, template);
        World.Clock.Advance(template.ChallengeLifetime);
        try
        {
            Assert.Equal(GpcResponseFailure.WatermarkExpired, (await late.CheckAsync(proofs.Revealed)).Failure);
        }
        finally
        {
            World.Clock.Now = RequestScenario.Start;
        }

        Assert.Equal(GpcResponseFailure.WatermarkUnknown, (await World.Verifier(template).CheckAsync(proofs.Revealed)).Failure);
    }

    [Fact]
    public async Task ListsSwappedByTheProver_Refused_ThoughTheProofIsValid()
    {
        Assert.True(GpcVerifier.Verify(proofs.SwappedLists.Proof, proofs.SwappedLists.BoundConfig, proofs.SwappedLists.RevealedClaims, World.Keys).IsValid);

        GpcResponseCheck check = await Knowing(proofs.SwappedLists, World.HiddenSignerTemplate()).CheckAsync(proofs.SwappedLists);

        Assert.Equal(GpcResponseFailure.MembershipListsMismatch, check.Failure);
    }

    [Fact]
    public async Task SignerOutsideTheTrustedList_Refused()
    {
        GpcProofRequestTemplate template = World.RevealedSignerTemplate();
        GpcProofRequestTemplate others = With(template, trusted: new HashSet<EdDsaPublicKey> { World.Rogue.PublicKey });

        Assert.Equal(GpcResponseFailure.UntrustedSigner, (await Knowing(proofs.Revealed, others).CheckAsync(proofs.Revealed)).Failure);
        Assert.True((await Knowing(proofs.Revealed, template).CheckAsync(proofs.Revealed)).IsValid);
    }

    [Fact]
    public async Task MovingBound_AcceptedWithinTolerance_RefusedBeyond()
    {
        GpcProofRequestTemplate template = World.RevealedSignerTemplate();
        World.Clock.Advance(TimeSpan.FromHours(23));
        try
        {
            // Still within the day of tolerance; a fresh store and longer-lived challenge so only the bound moves.
            Assert.True((await Knowing(proofs.Revealed, template).CheckAsync(proofs.Revealed)).IsValid);
            World.Clock.Advance(TimeSpan.FromHours(2));
            GpcResponseCheck check = await Knowing(proofs.Revealed, template).CheckAsync(proofs.Revealed);
            Assert.Equal(GpcResponseFailure.BoundOutOfTolerance, check.Failure);
            Assert.Contains("id.birthDate", check.Description, StringComparison.Ordinal);
        }
        finally
        {
            World.Clock.Now = RequestScenario.Start;
        }
    }

    [Fact]
    public async Task EveryFailureCode_IsReachedWithRealProofs()
    {
        GpcProofResponse hidden = proofs.Hidden, revealed = proofs.Revealed;
        GpcProofRequestTemplate h = World.HiddenSignerTemplate(), r = World.RevealedSignerTemplate();
        JsonObject body = JsonNode.Parse(hidden.ToJson())!.AsObject();
        string Body(string member, JsonNode value)
        {
            JsonObject copy = body.DeepClone().AsObject();
            copy[member] = value;
            return copy.ToJsonString();
        }

        string otherCircuit = Pod.Gpc.GpcCircuitFamily.All.First(c => c.Identifier != revealed.BoundConfig.CircuitIdentifier).Identifier;
        var disposedStore = new InMemoryNullifierStore();
        disposedStore.Dispose();
        string emptyArtifacts = ProvingReference.TempDirectory();
        var cases = new List<(GpcResponseFailure Expected, Func<Task<GpcResponseCheck>> Check)>
        {
            (GpcResponseFailure.MalformedJson, () => Knowing(hidden, h).CheckAsync(hidden.ToJson()[..^1])),
            (GpcResponseFailure.MalformedRequest, () => Knowing(hidden, h).CheckAsync(Body("vote", 1))),
            (GpcResponseFailure.MalformedProof, () => Knowing(hidden, h).CheckAsync(Body("proof", new JsonObject { ["pi_a"] = "1" }))),
            (GpcResponseFailure.MalformedBoundConfig, () => Knowing(hidden, h).CheckAsync(Body("boundConfig", new JsonObject { ["pods"] = new JsonObject() }))),
            (GpcResponseFailure.MalformedRevealedClaims, () => Knowing(hidden, h).CheckAsync(Body("revealedClaims", new JsonObject { ["pods"] = 1 }))),
            (GpcResponseFailure.UnexpectedCircuit, () => Knowing(revealed, With(r, circuits: new HashSet<string> { otherCircuit })).CheckAsync(revealed)),
            (GpcResponseFailure.UnexpectedConfig, () => Knowing(revealed, With(r, config: Unrevealed(r.ProofConfig, "kind"), required: new Dictionary<string, PodValue>())).CheckAsync(revealed)),
            (GpcResponseFailure.BoundOutOfTolerance, () => AtLater(TimeSpan.FromDays(3), () => Knowing(revealed, r).CheckAsync(revealed))),
            (GpcResponseFailure.MembershipListsMismatch, () => Knowing(proofs.SwappedLists, h).CheckAsync(proofs.SwappedLists)),
            (GpcResponseFailure.SignerNotRevealed, () => Knowing(hidden, With(h, listName: "issuers", lists: hidden.RevealedClaims.MembershipLists)).CheckAsync(hidden)),
            (GpcResponseFailure.UntrustedSigner, () => Knowing(revealed, With(r, trusted: new HashSet<EdDsaPublicKey> { World.Rogue.PublicKey })).CheckAsync(revealed)),
            (GpcResponseFailure.EntryMismatch, () => Knowing(revealed, With(r, required: new Dictionary<string, PodValue> { ["id.kind"] = PodValue.String("visa") })).CheckAsync(revealed)),
            (GpcResponseFailure.NullifierRequired, () => Knowing(revealed, With(r, externalNullifier: RequestScenario.Airdrop)).CheckAsync(revealed)),
            (GpcResponseFailure.WrongScope, () => Knowing(hidden, With(h, externalNullifier: PodValue.String("another airdrop"))).CheckAsync(hidden)),
            (GpcResponseFailure.WatermarkMismatch, () => Knowing(revealed, With(r, fixedWatermark: PodValue.String("the session"))).CheckAsync(revealed)),
            (GpcResponseFailure.WatermarkUnknown, () => World.Verifier(h).CheckAsync(hidden)),
            (GpcResponseFailure.WatermarkExpired, () => Expired(hidden, h)),
            (GpcResponseFailure.WatermarkUsed, () => Twice(Knowing(revealed, r), revealed)),
            (GpcResponseFailure.NullifierUsed, () => Twice(Knowing(hidden, h), hidden)),
            (GpcResponseFailure.ProofInvalid, () => Knowing(hidden, h).CheckAsync(Body("proof", JsonNode.Parse(revealed.Proof.ToJson())!))),
            (GpcResponseFailure.ArtifactsUnavailable, () => Knowing(hidden, h, keys: new GpcVerificationKeys(new Pod.Gpc.GpcArtifacts(emptyArtifacts))).CheckAsync(hidden)),
            (GpcResponseFailure.RegistryUnavailable, () => Knowing(hidden, h, registry: new NullifierRegistry(disposedStore)).CheckAsync(hidden)),
            (GpcResponseFailure.ChallengeStoreUnavailable, () => World.Verifier(h, new FailingChallengeStore()).CheckAsync(hidden)),
        };

        var reached = new HashSet<GpcResponseFailure>();
        foreach ((GpcResponseFailure expected, Func<Task<GpcResponseCheck>> check) in cases)
        {
            GpcResponseCheck result = await check();
            Assert.True(result.Failure == expected, $"{expected.Code()} expected, got {result}");
            Assert.False(string.IsNullOrWhiteSpace(result.Description));
            reached.Add(result.Failure);
        }

        Assert.Equal(Enum.GetValues<GpcResponseFailure>().Where(f => f != GpcResponseFailure.None).ToHashSet(), reached);
        Directory.Delete(emptyArtifacts);
    }

    private async Task<GpcResponseCheck> AtLater(TimeSpan later, Func<Task<GpcResponseCheck>> check)
    {
        World.Clock.Advance(later);
        try
        {
            return await check();
        }
        finally
        {
            World.Clock.Now = RequestScenario.Start;
        }
    }

    private async Task<GpcResponseCheck> Expired(GpcProofResponse response, GpcProofRequestTemplate template)
    {
        GpcRequestVerifier verifier = Knowing(response, template);
        return await AtLater(template.ChallengeLifetime + TimeSpan.FromSeconds(1), () => verifier.CheckAsync(response));
    }

    private static async Task<GpcResponseCheck> Twice(GpcRequestVerifier verifier, GpcProofResponse response)
    {
        GpcResponseCheck first = await verifier.CheckAsync(response);
        Assert.True(first.IsValid, first.ToString());
        return await verifier.CheckAsync(response);
    }

    /// <summary>gpc-pcd's serialize: {type, pcd: JSON text of {id, claim: {jsonConfig, jsonRevealed}, proof: {groth16Proof}}}.</summary>
    internal static string GpcPcd(GpcProofResponse response, bool pcdAsText)
    {
        var pcd = new JsonObject
        {
            ["id"] = "c8a7f1f2-6a55-4c3e-9a0e-3f3f4b1f2d10",
            ["claim"] = new JsonObject
            {
                ["jsonConfig"] = JsonNode.Parse(GpcJson.SerializeBoundConfig(response.BoundConfig)),
                ["jsonRevealed"] = JsonNode.Parse(GpcJson.SerializeRevealedClaims(response.RevealedClaims)),
            },
            ["proof"] = new JsonObject { ["groth16Proof"] = JsonNode.Parse(response.Proof.ToJson()) },
        };
        return new JsonObject { ["type"] = GpcProofResponse.GpcPcdTypeName, ["pcd"] = pcdAsText ? pcd.ToJsonString() : pcd }.ToJsonString();
    }

    /// <summary>The config with one entry no longer revealed: another statement.</summary>
    private static GpcProofConfig Unrevealed(GpcProofConfig config, string entry)
    {
        JsonNode json = JsonNode.Parse(GpcJson.SerializeProofConfig(config))!;
        json["pods"]!["id"]!["entries"]![entry]!["isRevealed"] = false;
        return GpcJson.ParseProofConfig(json.ToJsonString());
    }

    private static GpcProofRequestTemplate With(
        GpcProofRequestTemplate t, IReadOnlySet<EdDsaPublicKey>? trusted = null, IReadOnlySet<string>? circuits = null, GpcProofConfig? config = null,
        IReadOnlyDictionary<string, PodValue>? required = null, PodValue? externalNullifier = null, PodValue? fixedWatermark = null,
        string? listName = null, IReadOnlyDictionary<string, GpcMembershipList>? lists = null) => new()
        {
            ProofConfig = config ?? t.ProofConfig,
            MembershipLists = lists ?? t.MembershipLists,
            TrustedSigners = trusted ?? t.TrustedSigners,
            TrustedSignerListName = listName ?? t.TrustedSignerListName,
            ExternalNullifier = externalNullifier ?? t.ExternalNullifier,
            WatermarkPolicy = fixedWatermark is null ? t.WatermarkPolicy : GpcWatermarkPolicy.Fixed,
            FixedWatermark = fixedWatermark ?? t.FixedWatermark,
            ChallengeLifetime = t.ChallengeLifetime,
            MovingBounds = t.MovingBounds,
            RequiredEntries = required ?? t.RequiredEntries,
            AllowedCircuits = circuits ?? t.AllowedCircuits,
        };

    private sealed class FailingChallengeStore : IGpcChallengeStore
    {
        public Task AddAsync(string challenge, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<GpcChallengeState> PeekAsync(string challenge, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The challenge database is down.");

        public Task<GpcChallengeState> TryConsumeAsync(string challenge, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The challenge database is down.");
    }
}
