using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Pods;
using Pod.Storage.Sqlite;

namespace Pod.Samples;

/// <summary>
/// One person, one vote: an election authority issues voter PODs owned by each voter's Semaphore
/// identity; each ballot carries the voter's nullifier hash for this election; a nullifier registry on
/// SQLite records one vote per nullifier, lets a voter change their vote, and tallies.
/// </summary>
/// <remarks>
/// In production a ballot is a GPC proof: it shows "I own a voter POD signed by the authority" and
/// reveals the nullifier hash without revealing which POD or identity, and the verifier takes the
/// nullifier hash from the verified proof. Here the ballot carries the POD and a signature by the
/// voter's identity in its place, so this sample shows identities, ownership, nullifier scoping and the
/// registry, not anonymity.
/// </remarks>
internal static class VotingSample
{
    private const string Election = "pod-sample-election-2026-city-council";

    private sealed record Ballot(SignedPod VoterPod, Fr NullifierHash, Fr Choice, EdDsaSignature Signature);

    public static async Task<int> RunAsync(TextWriter output)
    {
        using EdDsaPrivateKey authority = EdDsaPrivateKey.Generate();
        PodValue externalNullifier = PodValue.String(Election);
        Fr scope = GpcNullifiers.ExternalNullifierSignal(externalNullifier);
        Fr alice = Choice("alice"), bob = Choice("bob");

        string database = Path.Combine(Path.GetTempPath(), $"pod-voting-sample-{Guid.NewGuid():N}.db");
        try
        {
            using var store = new SqliteNullifierStore(database);
            var registry = new NullifierRegistry(store);
            output.WriteLine($"Election {Election}: scope {scope.ToHexString()}, registry {database}");

            using SemaphoreIdentity voter1 = SemaphoreIdentity.Generate(), voter2 = SemaphoreIdentity.Generate(), voter3 = SemaphoreIdentity.Generate();
            SemaphoreIdentity[] voters = [voter1, voter2, voter3];
            SignedPod[] voterPods = voters.Select(v => SignedPod.Sign(
                PodEntries.Create(new Dictionary<string, PodValue>
                {
                    ["electionId"] = PodValue.String(Election),
                    ["owner"] = v.ToOwnerValue(),
                }),
                authority)).ToArray();

            async Task<string> Submit(Ballot ballot)
            {
                if (!Accept(ballot, authority.PublicKey))
                {
                    return "refused: not a voter of this election";
                }

                VoteResult result = await registry.CastVoteAsync(scope, ballot.NullifierHash, ballot.Choice);
                return result == VoteResult.Recorded ? "recorded" : "replaced the voter's earlier vote";
            }

            Ballot Cast(int voter, Fr choice) => MakeBallot(voters[voter], voterPods[voter], externalNullifier, choice);

            output.WriteLine($"Voter 1 votes alice: {await Submit(Cast(0, alice))}");
            output.WriteLine($"Voter 2 votes bob:   {await Submit(Cast(1, bob))}");
            output.WriteLine($"Voter 3 votes bob:   {await Submit(Cast(2, bob))}");
            output.WriteLine($"Voter 3 changes to alice: {await Submit(Cast(2, alice))}");

            using (SemaphoreIdentity outsider = SemaphoreIdentity.Generate())
            {
                output.WriteLine($"An outsider presents voter 1's POD: {await Submit(MakeBallot(outsider, voterPods[0], externalNullifier, bob))}");
            }

            // The same identity has a different nullifier in another election, so votes cannot be linked across them.
            Fr otherElection = GpcNullifiers.NullifierHash(voters[0], PodValue.String(Election + "-runoff"));
            output.WriteLine($"Voter 1's nullifier differs in another election: {otherElection != Cast(0, alice).NullifierHash}");

            VoteTally tally = await registry.TallyAsync(scope);
            output.WriteLine($"Tally: alice {tally.CountOf(alice)}, bob {tally.CountOf(bob)} ({tally.TotalVotes} voters)");
            return tally.CountOf(alice) == 2 && tally.CountOf(bob) == 1 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static Fr Choice(string candidate) => PodValue.String(candidate).Hash;

    private static Ballot MakeBallot(SemaphoreIdentity voter, SignedPod voterPod, PodValue externalNullifier, Fr choice)
    {
        Fr nullifierHash = GpcNullifiers.NullifierHash(voter, externalNullifier);
        return new Ballot(voterPod, nullifierHash, choice, voter.SignMessage(Poseidon.Hash(nullifierHash, choice)));
    }

    /// <summary>The authority signed the voter POD, for this election, and its owner signed the ballot.</summary>
    private static bool Accept(Ballot ballot, EdDsaPublicKey authority) =>
        ballot.VoterPod.Verify()
        && ballot.VoterPod.SignerPublicKey == authority
        && ballot.VoterPod.Entries.TryGetValue("electionId", out PodValue? election) && election == PodValue.String(Election)
        && ballot.VoterPod.Entries.TryGetValue("owner", out PodValue? owner) && owner is PodEdDsaPublicKeyValue key
        && SemaphoreIdentity.VerifySignature(Poseidon.Hash(ballot.NullifierHash, ballot.Choice), ballot.Signature, key.Value);
}
