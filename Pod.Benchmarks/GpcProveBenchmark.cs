using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Identity;
using Pod.Serialization;

namespace Pod.Benchmarks;

/// <summary>
/// gpcProve end to end (checks, circuit inputs, witness, Groth16 proof) on the cheapest and the dearest circuit of the
/// family: one ticket POD owned by a Semaphore V4 identity, the config naming the circuit. Writes the same jobs (POD
/// JSON, config JSON, owner private key) for <c>reference-gpc/gpcprove.mjs</c>, which times @pcd/gpc's gpcProve on them.
/// Each circuit is proven once untimed (the circuit read and compiled), then RUNS times.
/// </summary>
internal static class GpcProveBenchmark
{
    public static void Run(string artifacts, string jobsFile, int runs)
    {
        byte[] ownerKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        byte[] issuerSeed = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        using EdDsaPrivateKey issuer = EdDsaPrivateKey.Import(issuerSeed);
        SemaphoreIdentity owner = SemaphoreIdentity.FromPrivateKey(ownerKey);
        SignedPod ticket = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["eventId"] = PodValue.String("devcon-7"),
            ["owner"] = PodValue.EdDsaPublicKey(owner.PublicKey),
        }), issuer);

        var prover = new GpcProver(new GpcArtifacts(artifacts));
        var jobs = new JsonArray();
        foreach (GpcCircuitDescription circuit in new[] { GpcCircuitFamily.All.MinBy(c => c.Cost)!, GpcCircuitFamily.All.MaxBy(c => c.Cost)! })
        {
            string configJson = """{"pods":{"ticket":{"entries":{"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}},"circuitIdentifier":"CIRCUIT"}"""
                .Replace("CIRCUIT", circuit.Identifier, StringComparison.Ordinal);
            GpcProofConfig config = GpcJson.ParseProofConfig(configJson);
            var inputs = new GpcProofInputs
            {
                Pods = new Dictionary<string, SignedPod> { ["ticket"] = ticket },
                Owner = new GpcProofOwnerInputs { SemaphoreV4 = owner, ExternalNullifier = PodValue.String("bench") },
                Watermark = PodValue.Int(1),
            };
            prover.Prove(config, inputs);
            var times = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                prover.Prove(config, inputs);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"pod gpcProve {circuit.Identifier}: median {times[times.Count / 2].ToString("F0", CultureInfo.InvariantCulture)} ms ({string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))})");
            jobs.Add(new JsonObject
            {
                ["circuit"] = circuit.Identifier,
                ["config"] = configJson,
                ["pod"] = PodJson.Serialize(ticket),
                ["ownerPrivateKeyHex"] = Convert.ToHexStringLower(ownerKey),
            });
        }

        File.WriteAllText(jobsFile, jobs.ToJsonString());
    }
}
