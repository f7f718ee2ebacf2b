using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

[Trait("Category", Vectors.Trait)]
public sealed class PoseidonTests
{
    private const string File = "poseidon.json";

    public static TheoryData<int> Cases => Vectors.Indices(File, "cases");

    public static TheoryData<int> ReducedInputCases => Vectors.Indices(File, "reducedInputCases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hash_ReferenceCase_MatchesPoseidonLite(int index)
    {
        var item = Vectors.Item(File, index, "cases");
        Fr[] inputs = item["inputs"]!.AsArray().Select(n => Fr.Parse(n!.GetValue<string>())).ToArray();
        Assert.Equal(item["arity"]!.GetValue<int>(), inputs.Length);

        Fr hash = Poseidon.Hash(inputs);

        Assert.Equal(item.Str("output"), hash.ToString());
        Assert.Equal(hash, PlainPoseidon.Hash(inputs));
    }

    [Theory]
    [MemberData(nameof(ReducedInputCases))]
    public void Hash_InputsOutsideField_EqualHashOfReducedInputs(int index)
    {
        var item = Vectors.Item(File, index, "reducedInputCases");
        Fr[] reduced = item["inputs"]!.AsArray()
            .Select(n => Fr.FromBigIntegerReduced(System.Numerics.BigInteger.Parse(n!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        string[] expectedReduced = item["reducedInputs"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

        Assert.Equal(expectedReduced, reduced.Select(x => x.ToString()).ToArray());
        Assert.Equal(item.Str("output"), Poseidon.Hash(reduced).ToString());
    }

    [Fact]
    public void Hash_ModulusFile_MatchesFr()
    {
        Assert.Equal(Vectors.Load(File).Str("fieldModulus"), Fr.Modulus.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Hash_WrongInputCount_ThrowsArgumentException(int count)
    {
        var error = Assert.Throws<ArgumentException>(() => Poseidon.Hash(new Fr[count]));
        Assert.Equal("inputs", error.ParamName);
    }

    [Fact]
    public void Hash_OneAndTwoInputOverloads_EqualSpanForm()
    {
        Fr a = Fr.FromUInt64(12345), b = Fr.FromUInt64(678);
        Assert.Equal(Poseidon.Hash([a]), Poseidon.Hash(a));
        Assert.Equal(Poseidon.Hash([a, b]), Poseidon.Hash(a, b));
    }

    [Property]
    public Property Hash_RandomInputsOfEveryArity_EqualsPlainEvaluation() =>
        Prop.ForAll(
            Generators.FieldArray(1, Poseidon.MaxInputs).ToArbitrary(),
            inputs => Poseidon.Hash(inputs) == PlainPoseidon.Hash(inputs))
            ;

    [Property(MaxTest = 200)]
    public Property Hash_EveryArity_EqualsManagedWhicheverBackendRuns() =>
        Prop.ForAll(
            Generators.FieldArray(1, Poseidon.MaxInputs).ToArbitrary(),
            inputs => Poseidon.Hash(inputs) == Poseidon.HashManaged(inputs));

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    [InlineData(2, 9)]
    [InlineData(2, 600)]
    [InlineData(1, 33)]
    [InlineData(16, 17)]
    public void HashBatch_AnySize_EqualsOneHashEach(int arity, int count)
    {
        Fr[] inputs = Gen.ArrayOf(Generators.Field, arity * count).Sample(1, 1).Single();
        var outputs = new Fr[count];

        Poseidon.HashBatch(inputs, arity, outputs);

        for (int h = 0; h < count; h++)
        {
            Assert.Equal(Poseidon.HashManaged(inputs.AsSpan(h * arity, arity)), outputs[h]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void HashBatch_WrongArity_ThrowsArgumentOutOfRange(int arity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Poseidon.HashBatch(new Fr[4], arity, new Fr[1]));
        Assert.Equal("inputsPerHash", error.ParamName);
    }

    [Fact]
    public void HashBatch_InputsNotArityPerOutput_ThrowsAndWritesNothing()
    {
        var outputs = new Fr[3];
        var error = Assert.Throws<ArgumentException>(() => Poseidon.HashBatch(new Fr[5], 2, outputs));
        Assert.Equal("inputs", error.ParamName);
        Assert.All(outputs, o => Assert.Equal(Fr.Zero, o));
    }
}
