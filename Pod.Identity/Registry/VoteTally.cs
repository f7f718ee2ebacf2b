using Pod.Cryptography.Fields;

namespace Pod.Identity.Registry;

/// <summary>The votes counted in one election scope: each nullifier once, under its latest choice.</summary>
public sealed class VoteTally
{
    private readonly Dictionary<Fr, long> _counts;

    /// <summary>Creates a tally from the number of votes per choice (for store implementations).</summary>
    /// <param name="scope">The election scope counted.</param>
    /// <param name="counts">Votes per choice; choices nobody chose are left out. The counts are copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is zero or negative.</exception>
    /// <exception cref="ArgumentException">A choice appears twice.</exception>
    public VoteTally(Fr scope, IEnumerable<KeyValuePair<Fr, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _counts = [];
        long total = 0;
        foreach ((Fr choice, long count) in counts)
        {
            if (count <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), count, $"The vote count of choice {choice} must be positive; choices nobody chose are left out.");
            }

            if (!_counts.TryAdd(choice, count))
            {
                throw new ArgumentException($"The choice {choice} appears twice in the counts.", nameof(counts));
            }

            total += count;
        }

        Scope = scope;
        TotalVotes = total;
    }

    /// <summary>The election scope counted.</summary>
    public Fr Scope { get; }

    /// <summary>Votes per choice, for the choices at least one nullifier chose.</summary>
    public IReadOnlyDictionary<Fr, long> Counts => _counts;

    /// <summary>The number of nullifiers that voted (each counted once).</summary>
    public long TotalVotes { get; }

    /// <summary>The votes for one choice: zero when nobody chose it.</summary>
    public long CountOf(Fr choice) => _counts.GetValueOrDefault(choice);
}
