using System.Data.Common;
using System.Numerics;
using System.Security.Cryptography;
using Pod.Cryptography.Fields;
using Pod.Identity;
using Pod.Identity.Registry;

namespace Pod.Gpc.Requests;

/// <summary>
/// A verifier's side of the request/response loop: issues <see cref="GpcProofRequest"/>s from a
/// <see cref="GpcProofRequestTemplate"/> and checks the responses against them: the statement and circuit requested, the
/// verifier's own membership lists, trusted signers, a fresh watermark challenge, the scope, and the owner's nullifier
/// registered once; then the Groth16 proof itself (@pcd/gpc's gpcVerify, <see cref="GpcVerifier.Verify(Groth16Proof, GpcBoundConfig, GpcRevealedClaims, IGpcVerificationKeyProvider)"/>).
/// </summary>
/// <remarks>
/// Checking never throws for anything a holder sends, nor for a missing key file or a failing store: every outcome is a
/// <see cref="GpcResponseCheck"/>. The cheap checks run first, so a response that asks for something else costs no pairing.
/// Thread-safe; one instance serves a whole service. See docs/verifying.md.
/// </remarks>
public sealed class GpcRequestVerifier
{
    private readonly Func<GpcVerificationKeys> _keys;
    private readonly IGpcChallengeStore _challenges;
    private readonly NullifierRegistry? _registry;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, GpcMembershipList> _lists;
    private readonly Fr? _scope;
    private readonly string? _fixedConfig;

    /// <summary>Creates a verifier for a template.</summary>
    /// <param name="template">What it asks for.</param>
    /// <param name="keys">The circuits' verification keys.</param>
    /// <param name="challenges">Where issued watermark challenges are kept.</param>
    /// <param name="registry">The nullifier registry; required when the template has an external nullifier.</param>
    /// <param name="timeProvider">The clock of challenges and moving bounds (the system clock when null).</param>
    /// <exception cref="ArgumentNullException"><paramref name="template"/>, <paramref name="keys"/> or <paramref name="challenges"/> is null.</exception>
    /// <exception cref="ArgumentException">The template cannot be used (the message says why), or it has an external nullifier and no registry is given.</exception>
    public GpcRequestVerifier(GpcProofRequestTemplate template, GpcVerificationKeys keys, IGpcChallengeStore challenges, NullifierRegistry? registry, TimeProvider? timeProvider = null)
        : this(template, Known(keys), challenges, registry, timeProvider)
    {
    }

    /// <summary>With the keys read on first use (a missing artifacts directory answers <see cref="GpcResponseFailure.ArtifactsUnavailable"/> until it is installed).</summary>
    internal GpcRequestVerifier(GpcProofRequestTemplate template, Func<GpcVerificationKeys> keys, IGpcChallengeStore challenges, NullifierRegistry? registry, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(challenges);
        _time = timeProvider ?? TimeProvider.System;
        if (template.FindProblem(_time.GetUtcNow()) is string problem)
        {
            throw new ArgumentException($"The proof request template cannot be used: {problem}", nameof(template));
        }

        if (template.ExternalNullifier is not null && registry is null)
        {
            throw new ArgumentException("The template has an external nullifier, so the verifier needs a nullifier registry.", nameof(registry));
        }

        Template = template;
        _keys = keys;
        _challenges = challenges;
        _registry = registry;
        _lists = template.RequestLists();
        _scope = template.ExternalNullifier is { } externalNullifier ? GpcNullifiers.ExternalNullifierSignal(externalNullifier) : null;
        _fixedConfig = template.MovingBounds.Count == 0 ? CanonicalStatement(template.ProofConfig) : null;
    }

    /// <summary>What this verifier asks for.</summary>
    public GpcProofRequestTemplate Template { get; }

    /// <summary>
    /// Reads the verification keys of the circuits a response may use (<see cref="GpcProofRequestTemplate.AllowedCircuits"/>,
    /// else the config's circuit, else the smallest that fits), for a health check; false with the reason when one is
    /// missing or differs from its pinned hash.
    /// </summary>
    public bool TryLoadVerificationKeys([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        IEnumerable<string> circuits = Template.AllowedCircuits
            ?? (IEnumerable<string>)[Template.ProofConfig.CircuitIdentifier ?? GpcCompiler.BindConfig(Template.ConfigAt(_time.GetUtcNow())).Circuit.Identifier];
        try
        {
            GpcVerificationKeys keys = _keys();
            foreach (string circuit in circuits)
            {
                GpcCircuitFamily.TryFind(circuit, out GpcCircuitDescription? description);
                _ = keys.For(description!);
            }

            problem = null;
            return true;
        }
        catch (Exception e) when (GpcVerificationKeys.IsUnavailable(e))
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>
    /// A request for one holder: the config with its moving bounds at the current time, the lists, the external
    /// nullifier, and the watermark (under <see cref="GpcWatermarkPolicy.Challenge"/> a new random challenge, 128 bits as
    /// a string, remembered until it expires).
    /// </summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <remarks>A challenge store failure propagates (the request cannot be honoured without it).</remarks>
    public async Task<GpcProofRequest> IssueRequestAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        PodValue? watermark = Template.FixedWatermark;
        if (Template.WatermarkPolicy == GpcWatermarkPolicy.Challenge)
        {
            string challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await _challenges.AddAsync(challenge, now + Template.ChallengeLifetime, cancellationToken).ConfigureAwait(false);
            watermark = PodValue.String(challenge);
        }

        return new GpcProofRequest
        {
            ProofConfig = Template.ConfigAt(now),
            MembershipLists = _lists,
            ExternalNullifier = Template.ExternalNullifier,
            Watermark = watermark,
        };
    }

    /// <summary>
    /// Checks a response body: <c>{proof, boundConfig, revealedClaims}</c> or a serialized GPCPCD (see
    /// <see cref="GpcProofResponse"/>); never throws for its content.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="responseJson"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled (a cancelled call may have used the challenge and registered the nullifier).</exception>
    public Task<GpcResponseCheck> CheckAsync(string responseJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseJson);
        GpcProofResponse? response = GpcProofResponse.Parse(responseJson, out GpcResponseCheck? refusal);
        return response is null ? Task.FromResult(refusal!) : CheckAsync(response, cancellationToken);
    }

    /// <summary>Checks a parsed response; never throws for its content.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled (a cancelled call may have used the challenge and registered the nullifier).</exception>
    public async Task<GpcResponseCheck> CheckAsync(GpcProofResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        DateTimeOffset now = _time.GetUtcNow();
        GpcBoundConfig boundConfig = response.BoundConfig;
        GpcRevealedClaims claims = response.RevealedClaims;

        // What is proven, before whether: all of it is read from the claims, which nothing vouches for until the pairing
        // below; each check can only refuse, so a lie there gains nothing.
        if ((CheckStatement(boundConfig, now) ?? CheckListsAndSigners(claims) ?? CheckScope(claims)) is GpcResponseCheck refused)
        {
            return refused;
        }

        Fr? nullifierHash = _scope is null ? null : claims.Owner!.NullifierHashV4 ?? claims.Owner!.NullifierHashV3;
        if (nullifierHash is { } claimed)
        {
            // A replay answered from the registry, before the pairing (the dearest step by far). Sound because the answer
            // can only be a refusal either way and nothing is written: if the proof is valid, its nullifier is used and
            // the full check would end in nullifier_used too; if it is not, it would end in proof_invalid, and the only
            // difference is the code, which tells the sender that this nullifier hash (one it already holds, being in its
            // claims) is registered in this verifier's scope, as the first successful answer told whoever claimed it.
            // Acceptance never rests on this read: only RegisterAsync, after the pairing, decides a first use.
            bool registered;
            try
            {
                registered = await _registry!.IsRegisteredAsync(_scope!.Value, claimed, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException or IOException)
            {
                return GpcResponseCheck.Refused(GpcResponseFailure.RegistryUnavailable, $"The nullifier registry failed ({e.GetType().Name}); nothing was recorded.");
            }

            if (registered)
            {
                return NullifierUsed(claimed);
            }
        }

        var (watermarkRefusal, challenge) = await CheckWatermarkAsync(claims, now, cancellationToken).ConfigureAwait(false);
        if (watermarkRefusal is not null)
        {
            return watermarkRefusal;
        }

        GpcVerificationKeys keys;
        try
        {
            keys = _keys();
        }
        catch (Exception e) when (GpcVerificationKeys.IsUnavailable(e))
        {
            return ArtifactsUnavailable(boundConfig);
        }

        // A key not loaded yet is read here, so a package installed after start-up is picked up (the health check,
        // TryLoadVerificationKeys, loads them all and logs why one fails).
        GpcVerificationResult verified = GpcVerifier.Verify(response.Proof, boundConfig, claims, keys);
        if (!verified.IsValid)
        {
            return verified.Failure switch
            {
                GpcVerificationFailure.KeyUnavailable => ArtifactsUnavailable(boundConfig),
                GpcVerificationFailure.ConfigInvalid => GpcResponseCheck.Refused(GpcResponseFailure.MalformedBoundConfig, verified.Description),
                GpcVerificationFailure.ClaimsInvalid => GpcResponseCheck.Refused(GpcResponseFailure.MalformedRevealedClaims, verified.Description),
                GpcVerificationFailure.ClaimsMismatch or GpcVerificationFailure.CircuitUnknown or GpcVerificationFailure.CircuitTooSmall
                    or GpcVerificationFailure.AmbiguousWatermark or GpcVerificationFailure.ProofRejected
                    => GpcResponseCheck.Refused(GpcResponseFailure.ProofInvalid, verified.Description),
                _ => throw new System.Diagnostics.UnreachableException($"GpcVerifier gave the failure {verified.Failure}, which the request verifier does not map."),
            };
        }

        if (challenge is not null)
        {
            GpcChallengeState state;
            try
            {
                state = await _challenges.TryConsumeAsync(challenge, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return GpcResponseCheck.Refused(GpcResponseFailure.ChallengeStoreUnavailable, $"The challenge store failed ({e.GetType().Name}); nothing was recorded.");
            }

            if (state != GpcChallengeState.Fresh)
            {
                // Another response with the same proof won the race since the peek above.
                return ChallengeRefusal(state);
            }
        }

        if (nullifierHash is { } hash)
        {
            RegistrationResult registration;
            try
            {
                registration = await _registry!.RegisterAsync(_scope!.Value, hash, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException or IOException)
            {
                return GpcResponseCheck.Refused(GpcResponseFailure.RegistryUnavailable, $"The nullifier registry failed ({e.GetType().Name}); the nullifier was not recorded, and the challenge is spent: ask for a new request.");
            }

            if (registration == RegistrationResult.AlreadyRegistered)
            {
                // Another response of the same identity won the race since the read above.
                return NullifierUsed(hash);
            }
        }

        return GpcResponseCheck.Accepted(verified.Claims, boundConfig.CircuitIdentifier, _scope, nullifierHash);
    }

    /// <summary>The circuit allowed, and the config the one requested (moving bounds within their tolerance).</summary>
    private GpcResponseCheck? CheckStatement(GpcBoundConfig boundConfig, DateTimeOffset now)
    {
        string circuit = boundConfig.CircuitIdentifier;
        bool allowed = Template.AllowedCircuits?.Contains(circuit)
            ?? (Template.ProofConfig.CircuitIdentifier is { } named ? named == circuit : GpcCircuitFamily.TryFind(circuit, out _));
        if (!allowed)
        {
            return GpcResponseCheck.Refused(GpcResponseFailure.UnexpectedCircuit, $"The proof is for circuit {circuit}, which this request does not allow.");
        }

        GpcProofConfig proven = boundConfig.ToProofConfig();
        string expected = _fixedConfig ?? CanonicalStatement(Template.ConfigAt(now));
        if (Template.MovingBounds.Count > 0)
        {
            // Compare the canonical forms, where inRange/notInRange pairs are already merged as the circuit sees them.
            GpcProofConfig canonical = Canonical(proven);
            GpcProofConfig wanted = Canonical(Template.ConfigAt(now));
            var replacements = new List<(string, GpcBoundSide, BigInteger)>();
            foreach (GpcMovingBound bound in Template.MovingBounds)
            {
                if (GpcProofRequestTemplate.EntryConfig(canonical, bound.Entry)?.InRange is not { } range
                    || GpcProofRequestTemplate.EntryConfig(wanted, bound.Entry)?.InRange is not { } target)
                {
                    return GpcResponseCheck.Refused(GpcResponseFailure.UnexpectedConfig, $"The bound config has no inRange on {bound.Entry}, which the request bounds.");
                }

                (BigInteger got, BigInteger want) = bound.Side == GpcBoundSide.Min ? (range.Min, target.Min) : (range.Max, target.Max);
                if (BigInteger.Abs(got - want) > bound.Tolerance)
                {
                    return GpcResponseCheck.Refused(
                        GpcResponseFailure.BoundOutOfTolerance,
                        $"The {(bound.Side == GpcBoundSide.Min ? "minimum" : "maximum")} of {bound.Entry} is {got}; now it must be {want}, within {bound.Tolerance}.");
                }

                replacements.Add((bound.Entry, bound.Side, want));
            }

            proven = GpcProofRequestTemplate.WithBounds(canonical, replacements);
        }

        return CanonicalStatement(proven) == expected
            ? null
            : GpcResponseCheck.Refused(GpcResponseFailure.UnexpectedConfig, "The bound config is not the one requested: it proves another statement.");
    }

    /// <summary>The lists are the verifier's, every signer trusted or hidden in the trusted list, required entries revealed.</summary>
    private GpcResponseCheck? CheckListsAndSigners(GpcRevealedClaims claims)
    {
        IReadOnlyDictionary<string, GpcMembershipList> proven = claims.MembershipLists ?? new Dictionary<string, GpcMembershipList>();
        if (proven.Count != _lists.Count || proven.Any(p => !_lists.TryGetValue(p.Key, out GpcMembershipList? mine) || !SameElements(p.Value, mine)))
        {
            return GpcResponseCheck.Refused(
                GpcResponseFailure.MembershipListsMismatch,
                $"The proof uses the lists [{string.Join(", ", proven.Keys)}], not the verifier's [{string.Join(", ", _lists.Keys)}] with their elements.");
        }

        // Every POD of the statement (the claims list only the PODs that reveal something), which after the config check
        // are the requested ones.
        foreach ((string name, GpcProofObjectConfig config) in Template.ProofConfig.Pods)
        {
            if (claims.Pods.GetValueOrDefault(name)?.SignerPublicKey is { } signer)
            {
                if (!Template.TrustedSigners.Contains(signer))
                {
                    return GpcResponseCheck.Refused(GpcResponseFailure.UntrustedSigner, $"POD \"{name}\" is signed by {signer}, which is not a trusted signer.");
                }
            }
            else if (config.SignerPublicKey?.IsMemberOf != Template.TrustedSignerListName)
            {
                // Only a template that hides a signer in a list other than its trusted-signer list comes here.
                return GpcResponseCheck.Refused(GpcResponseFailure.SignerNotRevealed, $"POD \"{name}\" neither reveals its signer nor proves it a member of \"{Template.TrustedSignerListName}\".");
            }
        }

        foreach ((string entry, PodValue expected) in Template.RequiredEntries)
        {
            int dot = entry.IndexOf('.', StringComparison.Ordinal);
            if (!claims.Pods.TryGetValue(entry[..dot], out GpcRevealedObjectClaims? pod) || pod.Entries?.GetValueOrDefault(entry[(dot + 1)..]) != expected)
            {
                return GpcResponseCheck.Refused(GpcResponseFailure.EntryMismatch, $"The proof must reveal {entry} = {expected}.");
            }
        }

        return null;
    }

    /// <summary>With an external nullifier: the owner's nullifier hash revealed for exactly this one.</summary>
    private GpcResponseCheck? CheckScope(GpcRevealedClaims claims)
    {
        if (_scope is not { } scope)
        {
            return null;
        }

        // r - 1 is the circuit's "no nullifier hash"; the registry refuses it as a nullifier.
        if (claims.Owner is not { ExternalNullifier: { } externalNullifier } owner || (owner.NullifierHashV4 ?? owner.NullifierHashV3) is not { } hash || hash == GpcSignalValues.AbsentElement)
        {
            return GpcResponseCheck.Refused(GpcResponseFailure.NullifierRequired, $"The proof must reveal its owner's nullifier hash for the external nullifier {Template.ExternalNullifier}.");
        }

        return GpcNullifiers.ExternalNullifierSignal(externalNullifier) == scope
            ? null
            : GpcResponseCheck.Refused(GpcResponseFailure.WrongScope, $"The proof's external nullifier is {externalNullifier}, not {Template.ExternalNullifier}.");
    }

    /// <summary>The watermark as the policy wants it; for a challenge, one issued and still fresh (used after the pairing).</summary>
    private async Task<(GpcResponseCheck? Refusal, string? Challenge)> CheckWatermarkAsync(GpcRevealedClaims claims, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (Template.WatermarkPolicy)
        {
            case GpcWatermarkPolicy.Fixed when claims.Watermark != Template.FixedWatermark:
                return (GpcResponseCheck.Refused(GpcResponseFailure.WatermarkMismatch, $"The proof's watermark must be {Template.FixedWatermark}."), null);
            case GpcWatermarkPolicy.Challenge when claims.Watermark is not PodStringValue:
                return (GpcResponseCheck.Refused(GpcResponseFailure.WatermarkMismatch, "The proof's watermark must be the challenge string of the request."), null);
            case GpcWatermarkPolicy.Challenge:
                string challenge = ((PodStringValue)claims.Watermark).Value;
                GpcChallengeState state;
                try
                {
                    state = await _challenges.PeekAsync(challenge, now, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return (GpcResponseCheck.Refused(GpcResponseFailure.ChallengeStoreUnavailable, $"The challenge store failed ({e.GetType().Name})."), null);
                }

                return state == GpcChallengeState.Fresh ? (null, challenge) : (ChallengeRefusal(state), null);
            default:
                return (null, null);
        }
    }

    /// <summary>
    /// A missing directory or key file, or one that differs from its pin: the server's fault, not the holder's. The reason
    /// (with the server's paths) stays out of the description, which hosts hand to clients; TryLoadVerificationKeys gives
    /// it to the host's log.
    /// </summary>
    private static GpcResponseCheck ArtifactsUnavailable(GpcBoundConfig boundConfig) => GpcResponseCheck.Refused(
        GpcResponseFailure.ArtifactsUnavailable, $"The verification key of {boundConfig.CircuitIdentifier} is unavailable.");

    private static GpcResponseCheck NullifierUsed(Fr nullifierHash) => GpcResponseCheck.Refused(
        GpcResponseFailure.NullifierUsed,
        $"The nullifier hash {nullifierHash.ToHexString()} is already registered in this scope: this identity has already used a proof here.");

    private GpcResponseCheck ChallengeRefusal(GpcChallengeState state) => state switch
    {
        GpcChallengeState.Expired => GpcResponseCheck.Refused(GpcResponseFailure.WatermarkExpired, $"The watermark challenge has expired (challenges last {Template.ChallengeLifetime}); ask for a new request."),
        GpcChallengeState.Used => GpcResponseCheck.Refused(GpcResponseFailure.WatermarkUsed, "The watermark challenge has already been answered; ask for a new request."),
        _ => GpcResponseCheck.Refused(GpcResponseFailure.WatermarkUnknown, "The watermark is not a challenge this verifier issued (or it was forgotten); ask for a new request."),
    };

    /// <summary>Lists compare as the circuit compares them: by the set of value (or tuple) hashes, so order and repeats do not matter.</summary>
    private static bool SameElements(GpcMembershipList a, GpcMembershipList b)
    {
        if (a.IsTupleList != b.IsTupleList)
        {
            return false;
        }

        var comparer = new TupleComparer();
        return a.Elements.ToHashSet(comparer).SetEquals(b.Elements);
    }

    private static Func<GpcVerificationKeys> Known(GpcVerificationKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return () => keys;
    }

    private static GpcProofConfig Canonical(GpcProofConfig config) =>
        GpcCanonicalizer.Canonicalize(config, config.CircuitIdentifier ?? "unbound_unbound").ToProofConfig();

    /// <summary>The canonical JSON of what a config proves, without its circuit.</summary>
    private static string CanonicalStatement(GpcProofConfig config)
    {
        GpcProofConfig canonical = Canonical(config);
        return GpcJsonWriter.ProofConfig(null, canonical.Pods, canonical.UniquePods, canonical.Tuples);
    }

    private sealed class TupleComparer : IEqualityComparer<IReadOnlyList<PodValue>>
    {
        public bool Equals(IReadOnlyList<PodValue>? x, IReadOnlyList<PodValue>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IReadOnlyList<PodValue> obj)
        {
            var hash = new HashCode();
            foreach (PodValue value in obj)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
