using System.Text;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Samples.Workflows;
using Pod.Storage.Sqlite;

namespace Pod.Samples.Election;

/// <summary>
/// One person, one vote, anonymously: an authority issues voter PODs owned by each voter's Semaphore V4 identity; each
/// voter proves "I own a voter POD of this election" with the choice as watermark and posts only the proof to the ballot
/// box (<see cref="ElectionService"/>, over HTTP on 127.0.0.1), which records one replaceable vote per nullifier hash in a
/// SQLite registry and tallies.
/// </summary>
internal static class ElectionSample
{
    public const string ElectionId = "pod-sample-election-2026-city-council";

    /// <summary>A voter's side: answers the ballot box's request for a choice about their voter POD; only the proof leaves.</summary>
    public static GpcProofResponse Ballot(GpcProver prover, SemaphoreIdentity voter, SignedPod voterPod, GpcProofRequest request, string choice) =>
        prover.Prove(
            new GpcProofRequest { ProofConfig = request.ProofConfig, MembershipLists = request.MembershipLists, ExternalNullifier = request.ExternalNullifier, Watermark = PodValue.String(choice) },
            new Dictionary<string, SignedPod> { ["voter"] = voterPod },
            new GpcProofOwnerInputs { SemaphoreV4 = voter }).ToResponse();

    /// <summary>The ballot box's request, from <c>GET /election</c>.</summary>
    public static async Task<GpcProofRequest> RequestAsync(HttpClient http) =>
        GpcJson.ParseProofRequest((await http.GetFromJsonAsync<JsonNode>("/election"))!["request"]!.ToJsonString());

    public static async Task<int> RunAsync(TextWriter output, GpcProver prover, string artifactsDirectory)
    {
        using EdDsaPrivateKey authority = EdDsaPrivateKey.Generate();
        var election = new Election(ElectionId, authority.PublicKey, ["alice", "bob"]);
        string database = Path.Combine(Path.GetTempPath(), $"pod-election-sample-{Guid.NewGuid():N}.db");
        try
        {
            using var store = new SqliteNullifierStore(database);
            await using WebApplication app = ElectionService.Build(election, artifactsDirectory, store);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(SampleHost.Address(app)) };
            JsonNode info = (await http.GetFromJsonAsync<JsonNode>("/election"))!;
            output.WriteLine($"Ballot box on {http.BaseAddress}: election {info["electionId"]}, candidates {info["candidates"]!.ToJsonString()}");
            GpcProofRequest request = await RequestAsync(http);

            using SemaphoreIdentity voter1 = SemaphoreIdentity.Generate(), voter2 = SemaphoreIdentity.Generate(), voter3 = SemaphoreIdentity.Generate();
            SemaphoreIdentity[] voters = [voter1, voter2, voter3];
            SignedPod[] voterPods = [.. voters.Select(v => Election.IssueVoterPod(ElectionId, v.PublicKey, authority))];

            async Task<string> Vote(SemaphoreIdentity voter, SignedPod pod, string choice)
            {
                HttpResponseMessage response = await http.PostAsync("/ballots", new StringContent(Ballot(prover, voter, pod, request, choice).ToJson(), Encoding.UTF8, "application/json"));
                JsonNode answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
                return $"{(int)response.StatusCode} {answer["status"] ?? answer["code"]}";
            }

            output.WriteLine($"Voter 1 votes alice: {await Vote(voter1, voterPods[0], "alice")}");
            output.WriteLine($"Voter 2 votes bob:   {await Vote(voter2, voterPods[1], "bob")}");
            output.WriteLine($"Voter 3 votes bob:   {await Vote(voter3, voterPods[2], "bob")}");
            output.WriteLine($"Voter 3 changes to alice: {await Vote(voter3, voterPods[2], "alice")}");
            using (EdDsaPrivateKey forger = EdDsaPrivateKey.Generate())
            using (SemaphoreIdentity outsider = SemaphoreIdentity.Generate())
            {
                SignedPod forged = Election.IssueVoterPod(ElectionId, outsider.PublicKey, forger);
                output.WriteLine($"An outsider with a voter POD from another key: {await Vote(outsider, forged, "bob")}");
            }

            JsonNode tally = (await http.GetFromJsonAsync<JsonNode>("/tally"))!;
            output.WriteLine($"Tally: {tally["counts"]!.ToJsonString()} ({tally["voters"]} voters; each voter's latest ballot counts)");
            await app.StopAsync();
            return tally["counts"]!["alice"]!.GetValue<long>() == 2 && tally["counts"]!["bob"]!.GetValue<long>() == 1 ? 0 : 1;
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
}
