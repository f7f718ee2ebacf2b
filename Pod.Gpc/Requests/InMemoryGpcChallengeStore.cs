using System.Collections.Concurrent;

namespace Pod.Gpc.Requests;

/// <summary>
/// An <see cref="IGpcChallengeStore"/> in process memory, for one verifier process (challenges are lost on restart,
/// which only makes outstanding requests fail with <see cref="GpcResponseFailure.WatermarkUnknown"/>).
/// </summary>
/// <remarks>
/// A challenge is kept, used or not, until the retention has passed after its expiry (so a late answer is told
/// <see cref="GpcChallengeState.Expired"/> and a replay <see cref="GpcChallengeState.Used"/> rather than unknown),
/// then dropped by a sweep that <see cref="AddAsync"/> runs at most once per retention period; memory is bounded by the
/// issue rate times (lifetime + two retentions).
/// </remarks>
public sealed class InMemoryGpcChallengeStore : IGpcChallengeStore
{
    private readonly ConcurrentDictionary<string, Entry> _challenges = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private long _nextSweepTicks;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock of the sweep (the system clock when null).</param>
    /// <param name="retention">How long an expired or used challenge is still remembered after its expiry (ten minutes when null).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retention"/> is negative.</exception>
    public InMemoryGpcChallengeStore(TimeProvider? timeProvider = null, TimeSpan? retention = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retention ?? TimeSpan.Zero, TimeSpan.Zero, nameof(retention));
        _time = timeProvider ?? TimeProvider.System;
        _retention = retention ?? TimeSpan.FromMinutes(10);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="challenge"/> is null.</exception>
    /// <exception cref="ArgumentException">The challenge was already added.</exception>
    public Task AddAsync(string challenge, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        cancellationToken.ThrowIfCancellationRequested();
        Sweep();
        if (!_challenges.TryAdd(challenge, new Entry(expiresAt)))
        {
            throw new ArgumentException("The challenge was already issued: challenges must be unique.", nameof(challenge));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="challenge"/> is null.</exception>
    public Task<GpcChallengeState> PeekAsync(string challenge, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_challenges.TryGetValue(challenge, out Entry? entry) ? entry.State(now) : GpcChallengeState.Unknown);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="challenge"/> is null.</exception>
    public Task<GpcChallengeState> TryConsumeAsync(string challenge, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_challenges.TryGetValue(challenge, out Entry? entry))
        {
            return Task.FromResult(GpcChallengeState.Unknown);
        }

        GpcChallengeState state = entry.State(now);
        // The flag flips once: of racing callers that saw it fresh, one wins the exchange.
        return Task.FromResult(state == GpcChallengeState.Fresh && Interlocked.Exchange(ref entry.Used, 1) == 0 ? GpcChallengeState.Fresh : entry.State(now));
    }

    /// <summary>Drops the challenges expired for longer than the retention, at most once per retention period.</summary>
    private void Sweep()
    {
        DateTimeOffset now = _time.GetUtcNow();
        long due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + _retention).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (challenge, entry) in _challenges)
        {
            if (entry.ExpiresAt + _retention < now)
            {
                _challenges.TryRemove(challenge, out _);
            }
        }
    }

    private sealed class Entry(DateTimeOffset expiresAt)
    {
        public int Used;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public GpcChallengeState State(DateTimeOffset now) =>
            Volatile.Read(ref Used) == 1 ? GpcChallengeState.Used : now >= ExpiresAt ? GpcChallengeState.Expired : GpcChallengeState.Fresh;
    }
}
