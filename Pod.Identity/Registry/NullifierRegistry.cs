using Pod.Cryptography.Fields;

namespace Pod.Identity.Registry;

/// <summary>
/// Says whether a verified proof's nullifier hash is used for the first time in a scope: one claim per
/// person per airdrop, one vote per person per election. The last step of verification (ARCHITECTURE.md,
/// "Verify"): call it only with a nullifier hash from a proof that verified.
/// </summary>
/// <remarks>
/// <para>A scope is the proof's external nullifier signal (the <c>ownerExternalNullifier</c> public input
/// of @pcd/gpc); the nullifier hash is the revealed <c>ownerRevealedNullifierHash</c> (for Semaphore V3,
/// Poseidon(externalNullifier, identity nullifier)), so one identity has one nullifier hash per scope.
/// Scopes never see each other's records, and registrations are kept apart from votes.</para>
/// <para>The overloads taking a scope name map it with <see cref="ScopeFromName(string)"/>.</para>
/// <para>Atomicity and durability come from the <see cref="INullifierStore"/>; the registry checks arguments.
/// A store failure surfaces as an exception, never as a result.</para>
/// </remarks>
public sealed class NullifierRegistry
{
    // @pcd/gpc fills the external nullifier and the revealed nullifier hash with BABY_JUB_NEGATIVE_ONE
    // (r - 1) when a proof has none: as a scope or nullifier it would lump every such proof together.
    private static readonly Fr NotRevealed = GpcSignalValues.AbsentElement;

    private readonly INullifierStore _store;

    /// <summary>Creates a registry over a store (which the caller keeps and disposes).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public NullifierRegistry(INullifierStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// The scope for a name: the external nullifier signal of a proof whose external nullifier is the POD
    /// string value <paramref name="name"/>, that is its value hash, SHA-256 of the UTF-8 text shifted right
    /// 8 bits.
    /// </summary>
    /// <remarks>Matches @pcd/gpc's makeWatermarkSignal for a string PODValue (podValueHash), which is how a
    /// prover turns <c>externalNullifier: { type: "string", value: name }</c> into the circuit's signal. A
    /// numeric external nullifier (int, cryptographic) is used by the circuit as is: pass it as an
    /// <see cref="Fr"/> instead.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> has a lone UTF-16 surrogate.</exception>
    public static Fr ScopeFromName(string name) => ScopeFromName(name, nameof(name));

    /// <summary>Registers a nullifier hash in a scope (an airdrop claim); a repeat is refused and changes nothing.</summary>
    /// <param name="scope">The scope: the proof's external nullifier signal.</param>
    /// <param name="nullifierHash">The proof's revealed nullifier hash.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may or may not have registered.</param>
    /// <returns><see cref="RegistrationResult.FirstUse"/> exactly once per scope and nullifier hash, however
    /// many callers race; <see cref="RegistrationResult.AlreadyRegistered"/> after that.</returns>
    /// <exception cref="ArgumentException"><paramref name="scope"/> or <paramref name="nullifierHash"/> is
    /// r - 1, @pcd/gpc's value for "none".</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The store's database failed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task<RegistrationResult> RegisterAsync(Fr scope, Fr nullifierHash, CancellationToken cancellationToken = default)
    {
        CheckRevealed(scope, nameof(scope));
        CheckRevealed(nullifierHash, nameof(nullifierHash));
        return _store.RegisterAsync(scope, nullifierHash, cancellationToken);
    }

    /// <summary>
    /// Whether a nullifier hash is already registered in a scope, without registering it: lets a verifier answer a
    /// repeated claim before the expensive proof check. Only a later <see cref="RegisterAsync(Fr, Fr, CancellationToken)"/>
    /// decides a first use (another caller may register in between).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="scope"/> or <paramref name="nullifierHash"/> is r - 1, @pcd/gpc's value for "none".</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The store's database failed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task<bool> IsRegisteredAsync(Fr scope, Fr nullifierHash, CancellationToken cancellationToken = default)
    {
        CheckRevealed(scope, nameof(scope));
        CheckRevealed(nullifierHash, nameof(nullifierHash));
        return _store.IsRegisteredAsync(scope, nullifierHash, cancellationToken);
    }

    /// <summary>Registers a nullifier hash in the scope <see cref="ScopeFromName(string)"/> gives for a name.</summary>
    /// <inheritdoc cref="RegisterAsync(Fr, Fr, CancellationToken)"/>
    /// <param name="scopeName">The name of the scope, the string external nullifier of the proof.</param>
    /// <param name="nullifierHash">The proof's revealed nullifier hash.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may or may not have registered.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scopeName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scopeName"/> has a lone UTF-16 surrogate, or
    /// <paramref name="nullifierHash"/> is r - 1, @pcd/gpc's value for "none".</exception>
    public Task<RegistrationResult> RegisterAsync(string scopeName, Fr nullifierHash, CancellationToken cancellationToken = default) =>
        RegisterAsync(ScopeFromName(scopeName, nameof(scopeName)), nullifierHash, cancellationToken);

    /// <summary>Records a vote in an election scope; a later vote from the same nullifier hash replaces it.</summary>
    /// <param name="scope">The election scope: the proof's external nullifier signal.</param>
    /// <param name="nullifierHash">The proof's revealed nullifier hash, which stands for the voter.</param>
    /// <param name="choice">The choice, as a field element (for example the proof's watermark signal).</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may or may not have recorded the vote.</param>
    /// <returns><see cref="VoteResult.Recorded"/> for the nullifier hash's first vote in the scope,
    /// <see cref="VoteResult.Replaced"/> when it replaced an earlier one.</returns>
    /// <exception cref="ArgumentException"><paramref name="scope"/> or <paramref name="nullifierHash"/> is
    /// r - 1, @pcd/gpc's value for "none".</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The store's database failed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task<VoteResult> CastVoteAsync(Fr scope, Fr nullifierHash, Fr choice, CancellationToken cancellationToken = default)
    {
        CheckRevealed(scope, nameof(scope));
        CheckRevealed(nullifierHash, nameof(nullifierHash));
        return _store.CastVoteAsync(scope, nullifierHash, choice, cancellationToken);
    }

    /// <summary>Records a vote in the election scope <see cref="ScopeFromName(string)"/> gives for a name.</summary>
    /// <inheritdoc cref="CastVoteAsync(Fr, Fr, Fr, CancellationToken)"/>
    /// <param name="scopeName">The name of the election, the string external nullifier of the proof.</param>
    /// <param name="nullifierHash">The proof's revealed nullifier hash, which stands for the voter.</param>
    /// <param name="choice">The choice, as a field element (for example the proof's watermark signal).</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may or may not have recorded the vote.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scopeName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scopeName"/> has a lone UTF-16 surrogate, or
    /// <paramref name="nullifierHash"/> is r - 1, @pcd/gpc's value for "none".</exception>
    public Task<VoteResult> CastVoteAsync(string scopeName, Fr nullifierHash, Fr choice, CancellationToken cancellationToken = default) =>
        CastVoteAsync(ScopeFromName(scopeName, nameof(scopeName)), nullifierHash, choice, cancellationToken);

    /// <summary>Counts the votes in an election scope: each nullifier hash once, under its latest choice.</summary>
    /// <param name="scope">The election scope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tally; empty when nobody voted in the scope.</returns>
    /// <exception cref="ArgumentException"><paramref name="scope"/> is r - 1, @pcd/gpc's value for "none".</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The store's database failed.</exception>
    /// <exception cref="InvalidDataException">The database holds a choice that is no canonical field element.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task<VoteTally> TallyAsync(Fr scope, CancellationToken cancellationToken = default)
    {
        CheckRevealed(scope, nameof(scope));
        return _store.TallyAsync(scope, cancellationToken);
    }

    /// <summary>Counts the votes in the election scope <see cref="ScopeFromName(string)"/> gives for a name.</summary>
    /// <inheritdoc cref="TallyAsync(Fr, CancellationToken)"/>
    /// <param name="scopeName">The name of the election.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scopeName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="scopeName"/> has a lone UTF-16 surrogate.</exception>
    public Task<VoteTally> TallyAsync(string scopeName, CancellationToken cancellationToken = default) =>
        TallyAsync(ScopeFromName(scopeName, nameof(scopeName)), cancellationToken);

    private static Fr ScopeFromName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!PodValueHashing.IsWellFormed(name))
        {
            throw new ArgumentException(
                $"The scope name ({name.Length} UTF-16 units) has a lone surrogate: it has no exact UTF-8 form, so no POD string value or hash.",
                paramName);
        }

        return PodValueHashing.StringHash(name);
    }

    private static void CheckRevealed(Fr value, string paramName)
    {
        if (value == NotRevealed)
        {
            throw new ArgumentException(
                $"The {paramName} is r - 1, which @pcd/gpc uses for \"no external nullifier\" or \"nullifier hash not revealed\": the proof has no nullifier for this scope.",
                paramName);
        }
    }
}
