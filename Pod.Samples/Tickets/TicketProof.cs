using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;

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

    /// <summary>The verifier's side: what an event's door asks for (the ticket from its issuer, for its event, with a fresh challenge).</summary>
    public static GpcProofRequestTemplate Template(EdDsaPublicKey issuer, Guid eventId) => new()
    {
        ProofConfig = Config,
        TrustedSigners = new HashSet<EdDsaPublicKey> { issuer },
        RequiredEntries = new Dictionary<string, PodValue> { ["ticket.eventId"] = PodValue.String(eventId.ToString("D")) },
    };

    /// <summary>The holder's side: answers the request about their ticket.</summary>
    public static GpcProvingResult Prove(GpcProver prover, SignedPod ticket, SemaphoreIdentity holder, GpcProofRequest request) =>
        prover.Prove(request, new Dictionary<string, SignedPod> { ["ticket"] = ticket }, new GpcProofOwnerInputs { SemaphoreV4 = holder });
}
