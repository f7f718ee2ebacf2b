using Pod.Cryptography.Fields;

namespace Pod.Identity.Registry;

/// <summary>
/// Where a <see cref="NullifierRegistry"/> keeps its records: the nullifiers registered per scope, and the
/// latest vote of each nullifier per election scope.
/// </summary>
/// <remarks>
/// Every implementation keeps this contract (Pod.Tests' NullifierStoreContractTests checks it for each):
/// <list type="bullet">
/// <item>Each operation is atomic: of any number of concurrent registrations of one nullifier in one scope,
/// exactly one returns <see cref="RegistrationResult.FirstUse"/>, however many processes or machines share the store.</item>
/// <item>Scopes are independent, and registrations and votes are kept apart: registering in a scope casts no vote there.</item>
/// <item>A result is returned only once it is stored as durably as the store can (for a database, committed).</item>
/// <item>A failure of the store surfaces as an exception, never as a result: a caller that gets no result
/// must not pay out or count the vote.</item>
/// </list>
/// Field elements are stored as their canonical 32-byte big-endian encoding.
/// </remarks>
public interface INullifierStore : IDisposable
{
    /// <summary>Registers a nullifier in a scope unless it is registered there already.</summary>
    /// <param name="scope">The scope (a GPC external nullifier).</param>
    /// <param name="nullifier">The nullifier hash.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may or may not have registered.</param>
    /// <returns><see cref="RegistrationResult.FirstUse"/> when this call registered it; otherwise
    /// <see cref="RegistrationResult.AlreadyRegistered"/>, and nothing changed.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The database failed (database stores).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    Task<RegistrationResult> RegisterAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default);

    /// <summary>Whether a nullifier is registered in a scope; reads only.</summary>
    /// <param name="scope">The scope (a GPC external nullifier).</param>
    /// <param name="nullifier">The nullifier hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when a registration of it in the scope is stored.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The database failed (database stores).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    Task<bool> IsRegisteredAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default);

    /// <summary>Records a nullifier's vote in an election scope, replacing its earlier vote there if any.</summary>
    /// <param name="scope">The election scope (a GPC external nullifier).</param>
    /// <param name="nullifier">The voter's nullifier hash.</param>
    /// <param name="choice">The choice voted for.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled call may or may not have recorded the vote.</param>
    /// <returns>Whether the vote is the nullifier's first in the scope or replaced an earlier one.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The database failed (database stores).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    Task<VoteResult> CastVoteAsync(Fr scope, Fr nullifier, Fr choice, CancellationToken cancellationToken = default);

    /// <summary>Counts the votes in an election scope: each nullifier once, under its latest choice.</summary>
    /// <param name="scope">The election scope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tally; empty when nobody voted in the scope.</returns>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The database failed (database stores).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="InvalidDataException">The database holds a choice that is no canonical field element.</exception>
    Task<VoteTally> TallyAsync(Fr scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Throws unless the store can serve: for a database, creates or migrates its schema if needed (the warm-up a service
    /// runs at start) and reads one row. Costs the same whatever the store holds, so health checks can call it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="System.Data.Common.DbException">The database failed (database stores).</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    Task CheckHealthAsync(CancellationToken cancellationToken = default);
}
