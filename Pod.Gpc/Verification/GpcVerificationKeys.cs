using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Pod.Gpc;

/// <summary>
/// The verification keys of the GPC circuit family, read through <see cref="GpcArtifacts"/> (each file
/// checked against its pinned size and SHA-256) once per circuit and kept, with the precomputed tables
/// verification builds on them. Thread-safe; share one instance per artifacts directory.
/// </summary>
/// <remarks>As an <see cref="IGpcVerificationKeyProvider"/> it hands out only the keys already loaded: load them at start-up
/// with <see cref="LoadAllAsync"/> (or <see cref="For"/>), so a missing or altered file stops the start rather than a request.</remarks>
public sealed class GpcVerificationKeys : IGpcVerificationKeyProvider
{
    private readonly GpcArtifacts _artifacts;
    private readonly ConcurrentDictionary<string, Lazy<Groth16VerificationKey>> _keys = new(StringComparer.Ordinal);

    /// <summary>Keys read from an artifacts directory.</summary>
    /// <exception cref="ArgumentNullException">The artifacts are null.</exception>
    public GpcVerificationKeys(GpcArtifacts artifacts)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        _artifacts = artifacts;
    }

    /// <summary>The checked verification key of a circuit.</summary>
    /// <exception cref="ArgumentNullException">The circuit is null.</exception>
    /// <exception cref="FileNotFoundException">The key file is missing.</exception>
    /// <exception cref="InvalidDataException">The key file's size or SHA-256 differs from its pin.</exception>
    public Groth16VerificationKey For(GpcCircuitDescription circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        Lazy<Groth16VerificationKey> key = _keys.GetOrAdd(
            circuit.Identifier,
            _ => new Lazy<Groth16VerificationKey>(() => _artifacts.ReadVerificationKey(circuit), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return key.Value;
        }
        catch
        {
            // A failed read (a file not installed yet) is not cached: the next call reads again.
            _keys.TryRemove(new KeyValuePair<string, Lazy<Groth16VerificationKey>>(circuit.Identifier, key));
            throw;
        }
    }

    /// <summary>The key of a circuit if it is loaded already (by <see cref="For"/> or <see cref="LoadAllAsync"/>); never reads a file.</summary>
    /// <exception cref="ArgumentNullException">The circuit is null.</exception>
    public bool TryGetKey(GpcCircuitDescription circuit, [NotNullWhen(true)] out Groth16VerificationKey? key)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (_keys.TryGetValue(circuit.Identifier, out Lazy<Groth16VerificationKey>? loaded) && loaded.IsValueCreated)
        {
            key = loaded.Value;
            return true;
        }

        key = null;
        return false;
    }

    /// <summary>
    /// Reads and checks the verification key of every circuit of the family now, so the first request of a service does
    /// not pay for it (about a second for the whole family): the explicit warm-up a service calls at start. The files
    /// are read on the thread pool, one circuit at a time; the token is honoured between circuits. Keys already read are
    /// kept; a failed read is not cached, so a later call (or request) tries again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the warm-up between circuits.</param>
    /// <returns>How many circuits' keys are loaded.</returns>
    /// <exception cref="FileNotFoundException">A key file is missing.</exception>
    /// <exception cref="InvalidDataException">A key file's size or SHA-256 differs from its pin.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public async Task<int> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (GpcCircuitDescription circuit in GpcCircuitFamily.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Run(() => For(circuit), cancellationToken).ConfigureAwait(false);
        }

        return GpcCircuitFamily.All.Count;
    }

    /// <summary>
    /// The key of a circuit, read now if it is not loaded yet; false with the reason (the exception's type and message,
    /// which name the server's paths) when the file is missing, unreadable or differs from its pin.
    /// </summary>
    internal bool TryLoad(GpcCircuitDescription circuit, [NotNullWhen(true)] out Groth16VerificationKey? key, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            key = For(circuit);
            problem = null;
            return true;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            key = null;
            problem = $"{e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>The exceptions that say a key file is missing, unreadable or altered: the environment's fault, never the proof's.</summary>
    internal static bool IsUnavailable(Exception e) => e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException;
}
