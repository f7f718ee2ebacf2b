using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Benchmarks;

/// <summary>The fixed inputs of reference/bench.mjs, so both sides time the same work.</summary>
internal static class ReferenceInputs
{
    private static readonly BigInteger Multiplier = BigInteger.Parse("09e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    public static readonly byte[] PrivateKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    /// <summary>The i-th fixed field element: ((k * (i + 1))^2 mod r.</summary>
    public static BigInteger Element(int i) => BigInteger.Pow(Multiplier * (i + 1), 2) % Fr.Modulus;

    /// <summary>n entries named entry_000..., cycling string / int / cryptographic values; fresh objects each call.</summary>
    public static PodEntries Entries(int n)
    {
        var entries = new List<KeyValuePair<string, PodValue>>(n);
        for (int i = 0; i < n; i++)
        {
            string name = $"entry_{i:D3}";
            PodValue value = (i % 3) switch
            {
                0 => PodValue.String($"value number {i}"),
                1 => PodValue.Int((i % 2 == 1 ? -i : i) * 1_000_003L),
                _ => PodValue.Cryptographic(Element(i)),
            };
            entries.Add(new(name, value));
        }

        return PodEntries.Create(entries);
    }
}
