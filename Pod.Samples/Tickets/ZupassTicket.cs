using Pod.Cryptography.Signatures;

namespace Pod.Samples.Tickets;

/// <summary>
/// A ticket in the shape Zupass reads: the entries and types of <c>@pcd/pod-ticket-pcd</c> 0.5.1 (its
/// <c>TicketDataSchema</c>, turned into entries by its <c>dataToPodEntries</c>), so a POD signed from it loads in
/// Zupass as a <c>PODTicketPCD</c> and shows as a ticket.
/// </summary>
/// <remarks>
/// The schema's rules, which the entries follow exactly: ids are UUID strings; timestamps (milliseconds since
/// 1970), the category and the two flags are <c>int</c> entries, the flags 0 or 1 (Zupass turns every boolean of the
/// schema into an int, not a POD boolean); <c>owner</c> is the holder's Semaphore V4 public key (<c>eddsa_pubkey</c>);
/// <c>pod_type</c> is <c>zupass.ticket</c>. No other entry may be added: Zupass rebuilds the entries from the
/// schema's fields, so an extra entry changes the content ID and the signature no longer verifies there.
/// </remarks>
internal sealed record ZupassTicket
{
    /// <summary>The <c>pod_type</c> value Zupass gives every ticket.</summary>
    public const string PodType = "zupass.ticket";

    public required Guid TicketId { get; init; }

    public required Guid EventId { get; init; }

    public required Guid ProductId { get; init; }

    public required string EventName { get; init; }

    public required string TicketName { get; init; }

    public required string AttendeeName { get; init; }

    public required string AttendeeEmail { get; init; }

    /// <summary>The holder's Semaphore V4 public key, the GPC owner of the ticket.</summary>
    public required EdDsaPublicKey Owner { get; init; }

    /// <summary>Zupass's <c>TicketCategory</c>: 0 ZuConnect, 1 Devconnect, 2 PcdWorkingGroup, 3 Zuzalu, 4 Generic.</summary>
    public int TicketCategory { get; init; } = 4;

    public required DateTimeOffset TimestampSigned { get; init; }

    /// <summary>When the ticket was checked in; null while it is not.</summary>
    public DateTimeOffset? TimestampConsumed { get; init; }

    public bool IsRevoked { get; init; }

    /// <summary>The entries Zupass's <c>dataToPodEntries</c> makes of this ticket's data.</summary>
    public PodEntries ToEntries() => PodEntries.Create(new Dictionary<string, PodValue>
    {
        ["eventName"] = PodValue.String(EventName),
        ["ticketName"] = PodValue.String(TicketName),
        ["ticketId"] = PodValue.String(TicketId.ToString("D")),
        ["eventId"] = PodValue.String(EventId.ToString("D")),
        ["productId"] = PodValue.String(ProductId.ToString("D")),
        ["timestampConsumed"] = PodValue.Int(TimestampConsumed?.ToUnixTimeMilliseconds() ?? 0),
        ["timestampSigned"] = PodValue.Int(TimestampSigned.ToUnixTimeMilliseconds()),
        ["owner"] = PodValue.EdDsaPublicKey(Owner),
        ["isConsumed"] = PodValue.Int(TimestampConsumed is null ? 0 : 1),
        ["isRevoked"] = PodValue.Int(IsRevoked ? 1 : 0),
        ["ticketCategory"] = PodValue.Int(TicketCategory),
        ["attendeeName"] = PodValue.String(AttendeeName),
        ["attendeeEmail"] = PodValue.String(AttendeeEmail),
        ["pod_type"] = PodValue.String(PodType),
    });

    /// <summary>The ticket signed by the event's issuer.</summary>
    public SignedPod Sign(EdDsaPrivateKey issuerKey) => SignedPod.Sign(ToEntries(), issuerKey);
}
