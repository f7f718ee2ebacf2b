using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Native;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>
/// The native Poseidon kernel on each table (portable, and mulx where the processor has it) against the
/// managed evaluation, for every width, on random inputs with Fr's edge values mixed in (as field values
/// 0, 1, r - 1, r - 2 and the other edges of <see cref="Generators.EdgeValues"/>, and as raw Montgomery
/// limbs), in batches of 0, 1, odd and many hashes; poseidon-lite's vectors on each table; and the
/// self-test refusing a library whose only error is in the widest hash.
/// </summary>
public sealed partial class NativeKernelsTests
{
    /// <summary>Field values with the edges, or one of the raw Montgomery edge limbs (FrRaw) one time in four.</summary>
    private static readonly Gen<Fr> PoseidonInput = Gen.Frequency(
        (3, Generators.Field),
        (1, FrRaw.Select(raw => new Fr(raw))));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PoseidonHash_EveryWidthOnRandomBatches_MatchesManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Gen<(int Arity, Fr[] Inputs)> cases = Gen.Choose(1, Poseidon.MaxInputs).SelectMany(arity =>
            Gen.Choose(0, 5).SelectMany(count => Gen.ArrayOf(PoseidonInput, arity * count).Select(inputs => (arity, inputs))));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var outputs = new Fr[c.Inputs.Length / c.Arity];
            native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(c.Arity), c.Inputs, outputs);
            return ManagedHashes(c.Inputs, c.Arity).AsSpan().SequenceEqual(outputs);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PoseidonHash_EdgeValuesInEveryPosition_MatchesManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Fr[] edges = [Fr.Zero, Fr.One, Fr.FromBigInteger(Fr.Modulus - 1), Fr.FromBigInteger(Fr.Modulus - 2)];
        for (int arity = 1; arity <= Poseidon.MaxInputs; arity++)
        {
            // Every input all-e for each edge e, then each position once carrying r - 1 among zeros.
            var inputs = new List<Fr>();
            foreach (Fr e in edges)
            {
                inputs.AddRange(Enumerable.Repeat(e, arity));
            }

            for (int position = 0; position < arity; position++)
            {
                inputs.AddRange(Enumerable.Range(0, arity).Select(i => i == position ? edges[2] : Fr.Zero));
            }

            Fr[] all = inputs.ToArray();
            var outputs = new Fr[all.Length / arity];
            native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(arity), all, outputs);
            Assert.Equal(ManagedHashes(all, arity), outputs);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PoseidonHash_BatchesOfZeroOneOddAndMany_MatchManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        // Fr's raw edge limbs, then fixed pseudo-random elements.
        Fr[] pool = NativeSelfTest.Values<FrModulus>(0x15a, (2 * 1025) + (16 * 65)).Select(v => new Fr(v)).ToArray();
        foreach ((int arity, int count) in (ReadOnlySpan<(int, int)>)[(2, 0), (2, 1), (2, 7), (2, 1025), (1, 513), (16, 0), (16, 1), (16, 65)])
        {
            Fr[] inputs = pool.AsSpan(0, arity * count).ToArray();
            var outputs = new Fr[count];
            native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(arity), inputs, outputs);
            Assert.Equal(ManagedHashes(inputs, arity), outputs);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PoseidonHash_ReferenceVectors_MatchOnThisTable(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        int checkedCases = 0;
        foreach (System.Text.Json.Nodes.JsonNode? item in Vectors.Section("poseidon.json", "cases"))
        {
            Fr[] inputs = item!["inputs"]!.AsArray().Select(n => Fr.Parse(n!.GetValue<string>())).ToArray();
            var output = new Fr[1];
            native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(inputs.Length), inputs, output);
            Assert.Equal(item.Str("output"), output[0].ToString());
            checkedCases++;
        }

        Assert.True(checkedCases > 0, "poseidon.json has no cases");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PoseidonHash_InputsNotAMultipleOfTheArity_ThrowsAndWritesNothing(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        var outputs = new Fr[2];
        var error = Assert.Throws<ArgumentException>(() => native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(2), new Fr[5], outputs));
        Assert.Equal("inputs", error.ParamName);
        Assert.All(outputs, o => Assert.Equal(Fr.Zero, o));
    }

    private static Fr[] ManagedHashes(Fr[] inputs, int arity)
    {
        var expected = new Fr[inputs.Length / arity];
        for (int h = 0; h < expected.Length; h++)
        {
            expected[h] = Poseidon.HashManaged(inputs.AsSpan(h * arity, arity));
        }

        return expected;
    }
}
