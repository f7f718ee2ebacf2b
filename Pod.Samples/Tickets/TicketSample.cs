using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Serialization;

namespace Pod.Samples.Tickets;

/// <summary>
/// Issues an event ticket as a POD in the shape of Zupass's POD tickets (<see cref="ZupassTicket"/>), writes it as
/// JSON and as MessagePack, reads both back, checks the signature, and shows that a changed entry no longer verifies.
/// </summary>
internal static class TicketSample
{
    /// <summary>The sample event's id.</summary>
    public static readonly Guid EventId = new("4a0b1c2d-3e4f-5061-7283-94a5b6c7d8e9");

    /// <summary>A ticket to the sample event for the holder of a Semaphore V4 public key.</summary>
    public static ZupassTicket Issue(EdDsaPublicKey owner) => new()
    {
        TicketId = Guid.NewGuid(),
        EventId = EventId,
        ProductId = new Guid("0c6a9e3b-6f7d-4d2a-8e51-3b9a2f4c7d10"),
        EventName = "Devcon Demo Day",
        TicketName = "General Admission",
        AttendeeName = "Ada Lovelace",
        AttendeeEmail = "ada@example.org",
        Owner = owner,
        TimestampSigned = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero),
    };

    public static int Run(TextWriter output)
    {
        // The issuer's signing key: a fresh one here; a real issuer loads its key from a secret store.
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();

        // The attendee's Semaphore V4 identity; the ticket is owned by its public key (a GPC owner).
        using SemaphoreIdentity attendee = SemaphoreIdentity.Generate();

        // A Zupass ticket: the entries and types of @pcd/pod-ticket-pcd, so Zupass shows it.
        SignedPod ticket = Issue(attendee.PublicKey).Sign(issuerKey);
        string json = PodJson.Serialize(ticket);

        output.WriteLine($"Issuer public key: {ticket.SignerPublicKey}");
        output.WriteLine($"Content ID:        {ticket.ContentId.ToHexString()}");
        output.WriteLine($"Merkle depth:      {ticket.Content.MerkleTreeDepth}");
        output.WriteLine();
        output.WriteLine("Ticket POD (JSON, as @pcd/pod writes it):");
        output.WriteLine(json);
        output.WriteLine();

        byte[] packed = PodMessagePack.Serialize(ticket);
        output.WriteLine($"Ticket POD (MessagePack, {packed.Length} bytes against {json.Length} of JSON):");
        output.WriteLine(Convert.ToHexStringLower(packed));
        output.WriteLine();

        bool sameFromBinary = PodMessagePack.Deserialize(packed) == ticket;
        output.WriteLine($"Read back from MessagePack, same POD: {sameFromBinary}");

        SignedPod loaded = PodJson.Parse(json);
        bool valid = loaded.Verify();
        output.WriteLine($"Loaded from JSON and verified: {valid}");

        var tamperedEntries = PodEntries.Create(loaded.Entries
            .Select(e => e.Key == "attendeeName" ? new KeyValuePair<string, PodValue>(e.Key, PodValue.String("Mallory")) : e));
        bool tamperedValid = SignedPod.Load(tamperedEntries, loaded.Signature, loaded.SignerPublicKey).Verify();
        output.WriteLine($"Same signature over a changed attendeeName verifies: {tamperedValid}");

        return valid && sameFromBinary && !tamperedValid ? 0 : 1;
    }
}
