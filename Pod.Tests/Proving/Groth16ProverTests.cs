using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc.Proving;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Proving;

[Trait("Category", Vectors.Trait)]
public sealed class Groth16ProverTests
{
    private static (Groth16ProvingKey Key, Fr[] Witness, JsonNode Case) Cheapest()
    {
        JsonNode item = ProvingReference.CheapestCase();
        string circuit = item.Str("circuitIdentifier");
        return (ProvingReference.Key(circuit), ProvingReference.Calculator(circuit).Calculate(item["circuitInputs"]!.ToJsonString()), item);
    }

    [Fact]
    public void Prove_OneCasePerCircuit_VerifiesHereAndInSnarkJs_WithTheReferencePublicSignals()
    {
        string directory = ProvingReference.TempDirectory();
        var jobs = new List<Dictionary<string, string>>();
        var ids = new List<string>();
        foreach (JsonNode item in ProvingReference.OneCasePerCircuit())
        {
            string circuit = item.Str("circuitIdentifier");
            Groth16ProvingKey key = ProvingReference.Key(circuit);
            Fr[] witness = ProvingReference.Calculator(circuit).Calculate(item["circuitInputs"]!.ToJsonString());

            Groth16ProvingResult result = Groth16Prover.Prove(key, witness);

            Assert.Equal(ProvingReference.PublicSignals(item), result.PublicSignals);
            Groth16VerificationKey packageKey = Groth16VerificationKey.Parse(File.ReadAllText(ProvingReference.Paths(circuit).VerificationKeyPath));
            Assert.True(Groth16.Verify(packageKey, Groth16Proof.Parse(result.Proof.ToJson()), result.PublicSignals.ToArray()), $"{circuit}: our proof does not verify here.");

            string proofFile = Path.Combine(directory, $"proof-{ids.Count}.json"), publicFile = Path.Combine(directory, $"public-{ids.Count}.json");
            File.WriteAllText(proofFile, result.Proof.ToJson());
            File.WriteAllText(publicFile, result.PublicSignalsToJson());
            jobs.Add(new() { ["vkey"] = ProvingReference.Paths(circuit).VerificationKeyPath, ["proof"] = proofFile, ["public"] = publicFile });
            ids.Add(circuit);
        }

        Assert.NotEmpty(ids);
        JsonArray verdicts = ProvingReference.SnarkJs("verify", jobs).AsArray();
        for (int i = 0; i < ids.Count; i++)
        {
            Assert.True(verdicts[i]!.GetValue<bool>(), $"{ids[i]}: snarkjs's groth16.verify refuses our proof.");
        }
    }

    [Fact]
    public void Prove_SameWitnessTwice_GivesDifferentProofs_BothValid()
    {
        (Groth16ProvingKey key, Fr[] witness, _) = Cheapest();
        Groth16ProvingResult first = Groth16Prover.Prove(key, witness), second = Groth16Prover.Prove(key, witness);

        Assert.NotEqual(first.Proof.ToJson(), second.Proof.ToJson());
        Assert.True(Groth16.Verify(key.VerificationKey, first.Proof, first.PublicSignals.ToArray()));
        Assert.True(Groth16.Verify(key.VerificationKey, second.Proof, second.PublicSignals.ToArray()));
    }

    [Fact]
    public void Prove_TamperedWitness_IsRefused_AndWithoutTheSelfCheckDoesNotVerify()
    {
        (Groth16ProvingKey key, Fr[] witness, _) = Cheapest();
        Fr[] tampered = (Fr[])witness.Clone();
        int privateWire = key.PublicSignalCount + 1 + ((tampered.Length - key.PublicSignalCount - 1) / 2);
        tampered[privateWire] += Fr.One;

        Assert.Equal("witness", Assert.Throws<ArgumentException>(() => Groth16Prover.Prove(key, tampered)).ParamName);
        Groth16ProvingResult unchecked_ = Groth16Prover.Prove(key, tampered, new Groth16ProvingOptions { VerifyBeforeReturning = false });
        Assert.False(Groth16.Verify(key.VerificationKey, unchecked_.Proof, unchecked_.PublicSignals.ToArray()));
    }

    [Fact]
    public void Prove_WitnessOfWrongLengthOrWithoutLeadingOne_IsRefused()
    {
        (Groth16ProvingKey key, Fr[] witness, _) = Cheapest();
        Assert.Equal("witness", Assert.Throws<ArgumentException>(() => Groth16Prover.Prove(key, witness.AsSpan(1))).ParamName);
        Fr[] noOne = (Fr[])witness.Clone();
        noOne[0] = Fr.FromUInt64(2);
        Assert.Equal("witness", Assert.Throws<ArgumentException>(() => Groth16Prover.Prove(key, noOne)).ParamName);
        Assert.Throws<ArgumentNullException>(() => Groth16Prover.Prove(null!, witness));
    }

    [Fact]
    public void Prove_ReportsEachPhaseInOrder_AndHonoursCancellation()
    {
        (Groth16ProvingKey key, Fr[] witness, _) = Cheapest();
        var phases = new List<Groth16ProvingPhase>();
        Groth16Prover.Prove(key, witness, progress: new SynchronousProgress(phases.Add), options: new Groth16ProvingOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(Enum.GetValues<Groth16ProvingPhase>(), phases);

        using var cancellation = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => Groth16Prover.Prove(
            key, witness, progress: new SynchronousProgress(phase =>
            {
                if (phase == Groth16ProvingPhase.MultiExpB1)
                {
                    cancellation.Cancel();
                }
            }), cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Load_TruncatedZkey_IsInvalidData()
    {
        byte[] zkey = File.ReadAllBytes(ProvingReference.Paths(ProvingReference.CheapestCase().Str("circuitIdentifier")).ProvingKeyPath);
        var random = new SplitMix64(1);
        foreach (int length in new[] { 0, 3, 4, 11, 12, 23, 100, zkey.Length / 2, zkey.Length - 1 }.Concat(Enumerable.Range(0, 8).Select(_ => random.Next(zkey.Length))))
        {
            Assert.Throws<InvalidDataException>(() => Groth16ProvingKey.Load(new MemoryStream(zkey, 0, length)));
        }
    }

    [Fact]
    public void Load_FlippedByte_IsRefusedOrYieldsNoInvalidProof()
    {
        // A flipped byte in a point, size or header is refused when read; one in a coefficient gives a key
        // whose proofs fail the self-check (refused), and one in the contributions section changes nothing.
        (Groth16ProvingKey original, Fr[] witness, JsonNode item) = Cheapest();
        byte[] zkey = File.ReadAllBytes(ProvingReference.Paths(item.Str("circuitIdentifier")).ProvingKeyPath);
        var random = new SplitMix64(2);
        int refused = 0;
        for (int trial = 0; trial < 24; trial++)
        {
            byte[] flipped = (byte[])zkey.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            Groth16ProvingKey key;
            try
            {
                key = Groth16ProvingKey.Load(new MemoryStream(flipped));
            }
            catch (InvalidDataException)
            {
                refused++;
                continue;
            }

            try
            {
                Groth16ProvingResult result = Groth16Prover.Prove(key, witness);
                Assert.True(Groth16.Verify(original.VerificationKey, result.Proof, result.PublicSignals.ToArray()));
            }
            catch (ArgumentException e)
            {
                Assert.Equal("witness", e.ParamName);
            }
        }

        Assert.True(refused > 0, "No flipped byte was refused when the key was read.");
    }

    [Fact]
    public void Load_NotAZkey_IsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Groth16ProvingKey.Load(new MemoryStream("wtns\u0002\0\0\0"u8.ToArray())));
        Assert.Throws<ArgumentNullException>(() => Groth16ProvingKey.Load((Stream)null!));
    }

    [Fact]
    public void ProofJson_IsSnarkJsShaped_AndParsesBack()
    {
        (Groth16ProvingKey key, Fr[] witness, _) = Cheapest();
        Groth16ProvingResult result = Groth16Prover.Prove(key, witness);
        JsonNode proof = JsonNode.Parse(result.Proof.ToJson())!;
        Assert.Equal(["pi_a", "pi_b", "pi_c", "protocol", "curve"], proof.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("1", proof["pi_a"]![2]!.GetValue<string>());
        Assert.Equal(result.PublicSignals.Select(s => s.ToString()), JsonNode.Parse(result.PublicSignalsToJson())!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(Groth16.Verify(key.VerificationKey, Groth16Proof.Parse(result.Proof.ToJson()), result.PublicSignals.ToArray()));
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<Groth16ProvingPhase> report) : IProgress<Groth16ProvingPhase>
    {
        public void Report(Groth16ProvingPhase value) => report(value);
    }

    /// <summary>SplitMix64 with a fixed seed, for reproducible test positions.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int bound)
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15;
                ulong z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
                return (int)((z ^ (z >> 31)) % (ulong)bound);
            }
        }
    }
}
