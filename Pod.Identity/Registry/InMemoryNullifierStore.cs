using System.Collections.Concurrent;
using Pod.Cryptography.Fields;

namespace Pod.Identity.Registry;

/// <summary>
/// A nullifier store in the process's memory, for tests and single-process experiments. Its records end
/// with the process: a restarted verifier would accept every nullifier again, so never use it to guard
/// anything of value.
/// </summary>
public sealed class InMemoryNullifierStore : INullifierStore
{
    private readonly ConcurrentDictionary<(Fr Scope, Fr Nullifier), byte> _registrations = new();
    private readonly ConcurrentDictionary<Fr, ConcurrentDictionary<Fr, Fr>> _votesByScope = new();
    private volatile bool _disposed;

    /// <inheritdoc/>
    public Task CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<RegistrationResult> RegisterAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        bool added = _registrations.TryAdd((scope, nullifier), 0);
        return Task.FromResult(added ? RegistrationResult.FirstUse : RegistrationResult.AlreadyRegistered);
    }

    /// <inheritdoc/>
    public Task<bool> IsRegisteredAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_registrations.ContainsKey((scope, nullifier)));
    }

    /// <inheritdoc/>
    public Task<VoteResult> CastVoteAsync(Fr scope, Fr nullifier, Fr choice, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        ConcurrentDictionary<Fr, Fr> votes = _votesByScope.GetOrAdd(scope, static _ => new ConcurrentDictionary<Fr, Fr>());

        // Entries are never removed, so once TryAdd fails the read finds the vote; TryUpdate fails only
        // when another caller replaced it in between, and then we try again against the newer vote.
        while (true)
        {
            if (votes.TryAdd(nullifier, choice))
            {
                return Task.FromResult(VoteResult.Recorded);
            }

            if (votes.TryGetValue(nullifier, out Fr earlier) && votes.TryUpdate(nullifier, choice, earlier))
            {
                return Task.FromResult(VoteResult.Replaced);
            }
        }
    }

    /// <inheritdoc/>
    public Task<VoteTally> TallyAsync(Fr scope, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Dictionary<Fr, long>();
        if (_votesByScope.TryGetValue(scope, out ConcurrentDictionary<Fr, Fr>? votes))
        {
            foreach (Fr choice in votes.Values)
            {
                counts[choice] = counts.GetValueOrDefault(choice) + 1;
            }
        }

        return Task.FromResult(new VoteTally(scope, counts));
    }

    /// <summary>Drops the records; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        _registrations.Clear();
        _votesByScope.Clear();
    }
}
