using System.Numerics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc.Proving;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Proving;

[Trait("Category", Vectors.Trait)]
public sealed class CircomWitnessCalculatorTests
{
    [Fact]
    public void Calculate_EveryValidCompileCase_EqualsSnarkJsWitnessByteForByte()
    {
        string directory = ProvingReference.TempDirectory();
        var jobs = new List<Dictionary<string, string>>();
        var ours = new List<(string Id, Fr[] Witness, string File)>();
        int index = 0;
        foreach (JsonNode item in ProvingReference.ValidCases())
        {
            string circuit = item.Str("circuitIdentifier");
            string inputs = item["circuitInputs"]!.ToJsonString();
            Fr[] witness = ProvingReference.Calculator(circuit).Calculate(inputs);

            // The known answer first: the reference's public signals are the witness's elements 1..n.
            Fr[] expected = ProvingReference.PublicSignals(item);
            Assert.Equal(expected, witness.Skip(1).Take(expected.Length));

            string inputFile = Path.Combine(directory, $"input-{index}.json"), outputFile = Path.Combine(directory, $"snarkjs-{index}.wtns");
            File.WriteAllText(inputFile, inputs);
            jobs.Add(new() { ["wasm"] = ProvingReference.Paths(circuit).WasmPath, ["input"] = inputFile, ["output"] = outputFile });
            ours.Add((item.Str("id"), witness, outputFile));
            index++;
        }

        Assert.NotEmpty(ours);
        ProvingReference.SnarkJs("wtns", jobs);
        foreach ((string id, Fr[] witness, string file) in ours)
        {
            byte[] snarkjs = File.ReadAllBytes(file);
            Assert.True(snarkjs.AsSpan().SequenceEqual(WitnessFile.Write(witness)), $"The witness of {id} differs from snarkjs's.");
            Assert.Equal(witness, WitnessFile.Read(snarkjs));
        }
    }

    [Fact]
    public void Calculate_TamperedSignature_FailsWithTheCircuitsOwnAssertion()
    {
        JsonNode item = ProvingReference.CheapestCase();
        JsonObject inputs = item["circuitInputs"]!.DeepClone().AsObject();
        JsonArray s = inputs["objectSignatureS"]!.AsArray();
        s[0] = (BigInteger.Parse(s[0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.Throws<CircomWitnessException>(() => ProvingReference.Calculator(item.Str("circuitIdentifier")).Calculate(inputs.ToJsonString()));

        Assert.Equal(CircomErrorCode.AssertFailed, error.Code);
        Assert.Contains("Error in template", error.CircuitMessage, StringComparison.Ordinal);
        Assert.Contains("Assert Failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_UnknownMissingOrMissizedSignal_IsRefusedByName()
    {
        JsonNode item = ProvingReference.CheapestCase();
        CircomWitnessCalculator calculator = ProvingReference.Calculator(item.Str("circuitIdentifier"));
        JsonObject inputs = item["circuitInputs"]!.AsObject();
        string arraySignal = inputs.First(p => p.Value is JsonArray { Count: > 0 }).Key;

        JsonObject unknown = inputs.DeepClone().AsObject();
        unknown["notASignalOfThisCircuit"] = "1";
        Assert.Contains("notASignalOfThisCircuit", Assert.Throws<ArgumentException>(() => calculator.Calculate(unknown.ToJsonString())).Message, StringComparison.Ordinal);

        JsonObject missing = inputs.DeepClone().AsObject();
        missing.Remove(arraySignal);
        Assert.Contains("Not all inputs", Assert.Throws<ArgumentException>(() => calculator.Calculate(missing.ToJsonString())).Message, StringComparison.Ordinal);

        JsonObject extra = inputs.DeepClone().AsObject();
        extra[arraySignal]!.AsArray().Add("0");
        Assert.Contains(arraySignal, Assert.Throws<ArgumentException>(() => calculator.Calculate(extra.ToJsonString())).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"a\": 1.5}")]
    [InlineData("{\"a\": true}")]
    [InlineData("{\"a\": \"12x\"}")]
    [InlineData("{\"a\": \"\"}")]
    public void Calculate_MalformedInputs_AreArgumentExceptions(string json)
    {
        JsonNode item = ProvingReference.CheapestCase();
        Assert.Throws<ArgumentException>(() => ProvingReference.Calculator(item.Str("circuitIdentifier")).Calculate(json));
    }

    [Fact]
    public void Calculate_JsonNumberBeyond2To53_IsDecidedByTheDifferencesTable()
    {
        // One input signal's value replaced by 2^53 + 1 written as a JSON number: JSON.parse would round it.
        JsonNode item = ProvingReference.CheapestCase();
        JsonObject inputs = item["circuitInputs"]!.DeepClone().AsObject();
        string signal = inputs.First(p => p.Value is JsonArray { Count: > 0 } a && a[0] is JsonValue).Key;
        inputs[signal]![0] = JsonValue.Create((1L << 53) + 1);
        string json = inputs.ToJsonString();

        DeliberateDifference row = DeliberateDifferences.Find(ReferenceCall.CalculateWitness, json)!;
        Assert.NotNull(row);
        row.Instead.Check(() => ProvingReference.Calculator(item.Str("circuitIdentifier")).Calculate(json));
        Assert.Null(DeliberateDifferences.Find(ReferenceCall.CalculateWitness, item["circuitInputs"]!.ToJsonString()));
    }

    [Fact]
    public void Calculate_StringOf2To256OrMore_IsDecidedByTheDifferencesTable()
    {
        // snarkjs reads a string of any length and reduces it mod r; Pod reads magnitudes below 2^256, in time linear in the
        // text, and refuses larger ones unread. Leading zeros do not count.
        JsonNode item = ProvingReference.CheapestCase();
        CircomWitnessCalculator calculator = ProvingReference.Calculator(item.Str("circuitIdentifier"));
        JsonObject inputs = item["circuitInputs"]!.AsObject();
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        string signal = inputs.First(p => p.Value is JsonArray { Count: > 0 } a && a[0] is JsonValue).Key;
        BigInteger value = BigInteger.Parse(inputs[signal]![0]!.GetValue<string>(), culture);
        BigInteger beyond = value + (((BigInteger.One << 256) / Fr.Modulus) + 1) * Fr.Modulus;
        Fr[] baseline = calculator.Calculate(inputs.ToJsonString());
        foreach (string form in new[] { beyond.ToString(culture), "0x" + beyond.ToString("x", culture).TrimStart('0'), "0x" + new string('0', 5000) + value.ToString("x", culture),
            new string('0', 5000) + value.ToString(culture) })
        {
            JsonObject changed = inputs.DeepClone().AsObject();
            changed[signal]![0] = form;
            string json = changed.ToJsonString();
            if (DeliberateDifferences.Find(ReferenceCall.CalculateWitness, json) is { } row)
            {
                row.Instead.Check(() => calculator.Calculate(json));
            }
            else
            {
                Assert.Equal(baseline, calculator.Calculate(json)); // what snarkjs computes: the value, reduced mod r
            }
        }
    }

    [Fact]
    public void Calculate_AlternativeForms_AreReadAsBigIntReadsThem()
    {
        // One value written the ways snarkjs accepts it: hex, and r + v or v - r (wrapping mod r).
        JsonNode item = ProvingReference.CheapestCase();
        CircomWitnessCalculator calculator = ProvingReference.Calculator(item.Str("circuitIdentifier"));
        JsonObject inputs = item["circuitInputs"]!.AsObject();
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        string signal = inputs.First(p => p.Value is JsonArray { Count: > 0 } a && a[0] is JsonValue v
            && BigInteger.Parse(v.GetValue<string>(), culture) > 0).Key;
        BigInteger value = BigInteger.Parse(inputs[signal]![0]!.GetValue<string>(), culture);
        Fr[] baseline = calculator.Calculate(inputs.ToJsonString());
        foreach (string form in new[] { "0x" + value.ToString("x", culture), (value + Fr.Modulus).ToString(culture), (value - Fr.Modulus).ToString(culture) })
        {
            JsonObject changed = inputs.DeepClone().AsObject();
            changed[signal]![0] = form;
            Assert.Equal(baseline, calculator.Calculate(changed.ToJsonString()));
        }
    }

    [Fact]
    public void Calculate_Concurrently_GivesIdenticalWitnesses()
    {
        JsonNode item = ProvingReference.CheapestCase();
        CircomWitnessCalculator calculator = ProvingReference.Calculator(item.Str("circuitIdentifier"));
        string inputs = item["circuitInputs"]!.ToJsonString();
        Fr[][] results = new Fr[4][];
        Parallel.For(0, results.Length, i => results[i] = calculator.Calculate(inputs));
        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    [Fact]
    public void Calculate_Cancelled_Throws()
    {
        JsonNode item = ProvingReference.CheapestCase();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ProvingReference.Calculator(item.Str("circuitIdentifier")).Calculate(item["circuitInputs"]!.ToJsonString(), new CancellationToken(true)));
    }

    [Fact]
    public void Load_WithCacheDirectory_WritesTheCompiledCircuit_AndNotWasmIsRefused()
    {
        string cache = Path.Combine(ProvingReference.TempDirectory(), "modules");
        byte[] wasm = File.ReadAllBytes(ProvingReference.Paths(ProvingReference.CheapestCase().Str("circuitIdentifier")).WasmPath);

        // A custom section appended gives another hash (so no in-process hit) and the same circuit.
        byte[] renamed = [.. wasm, 0x00, 0x09, 0x08, .. "pod-test"u8];
        CircomWitnessCalculator calculator = CircomWitnessCalculator.Load(renamed, new CircomWitnessCalculatorOptions { CacheDirectory = cache });
        Assert.Single(Directory.GetFiles(cache, calculator.Sha256 + "*.cwasm"));

        Assert.Throws<InvalidDataException>(() => CircomWitnessCalculator.Load("not a wasm module"u8));
    }

    [Fact]
    public void HashSignalName_IsFnv1a64()
    {
        // FNV-1a 64 test vectors (Fowler, Noll, Vo): "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c.
        Assert.Equal((unchecked((int)0xcbf29ce4), unchecked((int)0x84222325)), CircomWitnessCalculator.HashSignalName(""));
        Assert.Equal((unchecked((int)0xaf63dc4c), unchecked((int)0x8601ec8c)), CircomWitnessCalculator.HashSignalName("a"));
    }

    [Fact]
    public void WitnessFile_TruncatedOrNotAWitness_IsInvalidData()
    {
        byte[] bytes = WitnessFile.Write([Fr.One, Fr.FromUInt64(7)]);
        Assert.Equal([Fr.One, Fr.FromUInt64(7)], WitnessFile.Read(bytes));
        for (int length = 0; length < bytes.Length; length += 7)
        {
            Assert.Throws<InvalidDataException>(() => WitnessFile.Read(bytes.AsSpan(0, length)));
        }

        byte[] large = (byte[])bytes.Clone();
        Fr.Modulus.TryWriteBytes(large.AsSpan(large.Length - 32), out _, isUnsigned: true);
        Assert.Throws<InvalidDataException>(() => WitnessFile.Read(large));
    }
}
