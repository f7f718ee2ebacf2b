using System.Text.Json.Nodes;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;

namespace Pod.Tests.Support;

internal static class JsonPoints
{
    /// <summary>Reads {x, y}, reducing coordinates mod r (the reference takes any integer).</summary>
    public static (Fr X, Fr Y) Coordinates(JsonNode node) =>
        (Fr.FromBigIntegerReduced(node.Big("x")), Fr.FromBigIntegerReduced(node.Big("y")));

    /// <summary>A point the vectors say lies on the curve.</summary>
    public static BabyJubJubPoint Point(JsonNode node)
    {
        (Fr x, Fr y) = Coordinates(node);
        return BabyJubJubPoint.FromCoordinates(x, y);
    }

    public static void AssertEqual(JsonNode expected, BabyJubJubPoint actual)
    {
        Xunit.Assert.Equal(expected.Str("x"), actual.X.ToString());
        Xunit.Assert.Equal(expected.Str("y"), actual.Y.ToString());
    }
}
