using Pod.Cryptography.Signatures;
using Pod.Pods;
using Pod.Serialization;

namespace Pod.Samples;

/// <summary>
/// Issues an event ticket as a POD in the shape of Zupass's POD tickets, writes it as JSON and as
/// MessagePack, reads both back, checks the signature, and shows that a changed entry no longer verifies.
/// </summary>
internal static class TicketSample
{
    public static int Run(TextWriter output)
    {
        // The issuer's signing key: a fresh one here; a real issuer loads its key from a secret store.
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();

        // The attendee's identity key; the ticket is owned by its public key.
        using EdDsaPrivateKey attendeeKey = EdDsaPrivateKey.Generate();

        PodEntries entries = PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["ticketId"] = PodValue.String("5be9d8f3-0b1a-4c55-9f1e-2f0a6c4f7a10"),
            ["eventId"] = PodValue.String("4a0b1c2d-3e4f-5061-7283-94a5b6c7d8e9"),
            ["productId"] = PodValue.String("general-admission"),
            ["eventName"] = PodValue.String("Devcon Demo Day"),
            ["ticketName"] = PodValue.String("General Admission"),
            ["attendeeName"] = PodValue.String("Ada Lovelace"),
            ["attendeeEmail"] = PodValue.String("ada@example.org"),
            ["owner"] = PodValue.EdDsaPublicKey(attendeeKey.PublicKey),
            ["isConsumed"] = PodValue.Boolean(false),
            ["isRevoked"] = PodValue.Boolean(false),
            ["ticketCategory"] = PodValue.Int(1),
            ["timestampConsumed"] = PodValue.Int(0),
            ["timestampSigned"] = PodValue.Date(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)),
        });

        SignedPod ticket = SignedPod.Sign(entries, issuerKey);
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
