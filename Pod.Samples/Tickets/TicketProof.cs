using Pod.Gpc.Config;
using Pod.Gpc.Proving;
using Pod.Gpc.Serialization;
using Pod.Identity;
using Pod.Pods;

namespace Pod.Samples.Tickets;

/// <summary>
/// "I hold a ticket to event X": a GPC proof about a <see cref="ZupassTicket"/> that reveals the event id and the
/// ticket's signer, proves the holder owns the ticket (its <c>owner</c> is their Semaphore V4 key) and that it is not
/// revoked, and hides everything else (who, which ticket, the attendee's name and email).
/// </summary>
internal static class TicketProof
{
    /// <summary>The proof config (@pcd/gpc JSON).</summary>
    public const string ConfigJson = """
        {"pods":{"ticket":{"entries":{
            "eventId":{"isRevealed":true},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
            "isRevoked":{"isRevealed":false,"inRange":{"min":0,"max":0}}}}}}
        """;

    public static GpcProofConfig Config { get; } = GpcJson.ParseProofConfig(ConfigJson);

    /// <summary>The holder's side: proves the statement about their ticket, bound to the verifier's challenge.</summary>
    public static GpcProvingResult Prove(GpcProver prover, SignedPod ticket, SemaphoreIdentity holder, PodValue challenge) =>
        prover.Prove(Config, new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { ["ticket"] = ticket },
            Owner = new GpcProofOwnerInputs { SemaphoreV4 = Holder.SampleArtifacts.Owner(holder) },
            Watermark = challenge,
        });
}
