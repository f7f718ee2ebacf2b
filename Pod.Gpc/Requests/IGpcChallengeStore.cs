namespace Pod.Gpc.Requests;

/// <summary>
/// Where a verifier keeps the watermark challenges it issued until they are answered or expire. Each challenge is good for
/// one response: <see cref="TryConsumeAsync"/> succeeds once, however many callers race.
/// </summary>
/// <remarks>A store failure surfaces as an exception; <see cref="GpcRequestVerifier"/> turns it into
/// <see cref="GpcResponseFailure.ChallengeStoreUnavailable"/>.</remarks>
public interface IGpcChallengeStore
{
    /// <summary>Remembers a new challenge until <paramref name="expiresAt"/>.</summary>
    Task AddAsync(string challenge, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The state of a challenge at <paramref name="now"/>, without using it.</summary>
    Task<GpcChallengeState> PeekAsync(string challenge, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Uses a challenge: <see cref="GpcChallengeState.Fresh"/> exactly once for a challenge fresh at <paramref name="now"/>
    /// (it is then used), otherwise the state that stops it.</summary>
    Task<GpcChallengeState> TryConsumeAsync(string challenge, DateTimeOffset now, CancellationToken cancellationToken = default);
}
