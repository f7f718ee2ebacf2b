using Pod.Cryptography.Fields;
using Pod.Gpc.Artifacts;
using Pod.Gpc.Verification;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Storage.Sqlite;

namespace Pod.Samples.Verifier;

/// <summary>
/// The service's shared state: the verification keys (read through <see cref="GpcArtifacts"/> on first use, so a package
/// installed after start-up is picked up), the election scope, and the nullifier registry over its SQLite file.
/// </summary>
internal sealed class GpcVerifierState : IDisposable
{
    private readonly SqliteNullifierStore _store;
    private GpcVerificationKeys? _keys;

    public GpcVerifierState(GpcVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Scope = GpcNullifiers.ExternalNullifierSignal(options.ExternalNullifier);
        _store = new SqliteNullifierStore(options.RegistryPath);
        Registry = new NullifierRegistry(_store);
    }

    public GpcVerifierOptions Options { get; }

    /// <summary>The registry scope: the circuit signal of the election's external nullifier.</summary>
    public Fr Scope { get; }

    public NullifierRegistry Registry { get; }

    /// <summary>The verification keys.</summary>
    /// <exception cref="DirectoryNotFoundException">The artifacts directory does not exist (not cached: retried on the next call).</exception>
    public GpcVerificationKeys Keys => _keys ??= new GpcVerificationKeys(new GpcArtifacts(Options.ArtifactsDirectory));

    public void Dispose() => _store.Dispose();
}
