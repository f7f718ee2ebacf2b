using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Gpc;
using Pod.Identity;
using Pod.Samples.Tickets;
using Pod.Serialization;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>
/// Tickets in Zupass's shape: what Pod issues is read by the reference's own ticket code (@pcd/pod-ticket-pcd's
/// TicketDataSchema and PODTicketPCDPackage.verify, in node), and "I hold a ticket to event X" is proven here and
/// verified here and by @pcd/gpc's gpcVerify.
/// </summary>
public sealed class ZupassTicketTests
{
    private static ZupassTicket Ticket(EdDsaPublicKey owner, DateTimeOffset? consumed = null, bool revoked = false) =>
        TicketSample.Issue(owner) with { TimestampConsumed = consumed, IsRevoked = revoked };

    [Fact]
    public void Issue_ReadByPodTicketPcd_SchemaAcceptsAndSignatureVerifiesThere()
    {
        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod[] tickets =
        [
            Ticket(holder.PublicKey).Sign(issuer),
            Ticket(holder.PublicKey, consumed: new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero), revoked: true).Sign(issuer),
        ];
        // A POD with one entry more than the schema has: Zupass rebuilds the entries from its fields, so it must fail there.
        SignedPod extra = SignedPod.Sign(
            PodEntries.Create(tickets[0].Entries.Append(new KeyValuePair<string, PodValue>("seat", PodValue.Int(42)))), issuer);

        JsonArray verdicts = ProvingReference.PodTicketCheck([.. tickets.Select(PodJson.Serialize), PodJson.Serialize(extra)]);

        for (int i = 0; i < tickets.Length; i++)
        {
            Assert.True(verdicts[i]!["ok"]!.GetValue<bool>() && verdicts[i]!["contentIdMatches"]!.GetValue<bool>(), $"ticket {i}: {verdicts[i]!.ToJsonString()}");
        }

        Assert.False(verdicts[tickets.Length]!["ok"]!.GetValue<bool>(), verdicts[tickets.Length]!.ToJsonString());
    }

    [Fact]
    public async Task ProveHoldsTicket_AcceptedByTheDoorsRequestAndByPcdGpc_RevealingOnlyTheEvent()
    {
        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod ticket = Ticket(holder.PublicKey).Sign(issuer);
        var door = new GpcRequestVerifier(TicketProof.Template(issuer.PublicKey, TicketSample.EventId), new GpcVerificationKeys(ProvingReference.Artifacts()),
            new InMemoryGpcChallengeStore(TimeProvider.System), registry: null);
        GpcProofRequest request = await door.IssueRequestAsync();

        GpcProvingResult result = TicketProof.Prove(new GpcProver(ProvingReference.Artifacts()), ticket, holder, request);

        GpcResponseCheck check = await door.CheckAsync(result.ToResponse());
        Assert.True(check.IsValid, check.ToString());
        Assert.Equal(PodValue.String(TicketSample.EventId.ToString("D")), Assert.Single(check.Claims.Pods["ticket"].Entries!).Value);
        string claimsJson = GpcJson.SerializeRevealedClaims(result.RevealedClaims);
        Assert.DoesNotContain(holder.PublicKey.ToString(), claimsJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", claimsJson, StringComparison.Ordinal);
        // The challenge is good once.
        Assert.Equal(GpcResponseFailure.WatermarkUsed, (await door.CheckAsync(result.ToResponse())).Failure);

        JsonArray reference = ProvingReference.GpcVerify([(result.Proof.ToJson(), GpcJson.SerializeBoundConfig(result.BoundConfig), claimsJson)]);
        Assert.True(reference[0] is JsonValue v && v.TryGetValue(out bool ok) && ok, reference.ToJsonString());
    }

    [Fact]
    public async Task ProveHoldsTicket_RevokedTicket_RefusedBeforeProving()
    {
        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod revoked = Ticket(holder.PublicKey, revoked: true).Sign(issuer);
        var door = new GpcRequestVerifier(TicketProof.Template(issuer.PublicKey, TicketSample.EventId), new GpcVerificationKeys(ProvingReference.Artifacts()),
            new InMemoryGpcChallengeStore(TimeProvider.System), registry: null);

        GpcProofRequest request = await door.IssueRequestAsync();
        Assert.Throws<Pod.Gpc.GpcConfigException>(() => TicketProof.Prove(new GpcProver(ProvingReference.Artifacts()), revoked, holder, request));
    }
}
