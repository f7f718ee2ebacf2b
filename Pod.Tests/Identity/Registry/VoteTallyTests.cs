using Pod.Cryptography.Fields;
using Pod.Identity.Registry;
using Xunit;

namespace Pod.Tests.Identity.Registry;

public sealed class VoteTallyTests
{
    private static readonly Fr Scope = Fr.FromUInt64(9);

    [Fact]
    public void Counts_AreCopiedAndSummed()
    {
        var counts = new Dictionary<Fr, long> { [Fr.Zero] = 2, [Fr.One] = 5 };
        var tally = new VoteTally(Scope, counts);
        counts[Fr.Zero] = 100;

        Assert.Equal(Scope, tally.Scope);
        Assert.Equal(7, tally.TotalVotes);
        Assert.Equal(2, tally.CountOf(Fr.Zero));
        Assert.Equal(0, tally.CountOf(Fr.FromUInt64(2)));
        Assert.Equal(2, tally.Counts.Count);
    }

    [Fact]
    public void Constructor_BadCounts_Throw()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentNullException>(() => new VoteTally(Scope, null!)).ParamName);

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new VoteTally(Scope, [new(Fr.One, 0)]));
        Assert.Equal("counts", zero.ParamName);
        Assert.Equal(0L, zero.ActualValue);

        var twice = Assert.Throws<ArgumentException>(() => new VoteTally(Scope, [new(Fr.One, 1), new(Fr.One, 2)]));
        Assert.Equal("counts", twice.ParamName);
        Assert.Contains("choice 1 appears twice", twice.Message, StringComparison.Ordinal);
    }
}
