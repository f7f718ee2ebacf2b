using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>
/// Multiples j * 16^i * B (i &lt; 64, j &lt; 16) of a fixed base B, so that scalar * B needs only 64 mixed
/// additions and no doublings. Lookups scan a whole row, so the time does not depend on the scalar.
/// </summary>
internal sealed class FixedBaseTable
{
    private const int Rows = 64;
    private const int Columns = 16;

    private static readonly Lazy<FixedBaseTable> Base8Table = new(
        () => new FixedBaseTable(BabyJubJub.Base8), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly AffineEntry[] _entries = new AffineEntry[Rows * Columns];

    private FixedBaseTable(BabyJubJubPoint basePoint)
    {
        ExtendedPoint rowBase = basePoint.ToExtended();
        var row = new ExtendedPoint[Columns];
        for (int i = 0; i < Rows; i++)
        {
            row[0] = ExtendedPoint.Identity;
            for (int j = 1; j < Columns; j++)
            {
                row[j] = ExtendedPoint.Add(row[j - 1], rowBase);
            }

            for (int j = 0; j < Columns; j++)
            {
                // Public data: the faster variable-time inverse is fine here.
                Fr zInverse = Fr.InverseVartime(row[j].Z);
                _entries[(i * Columns) + j] = AffineEntry.From(row[j].X * zInverse, row[j].Y * zInverse);
            }

            rowBase = ExtendedPoint.Double(ExtendedPoint.Double(ExtendedPoint.Double(ExtendedPoint.Double(rowBase))));
        }
    }

    public static FixedBaseTable Base8 => Base8Table.Value;

    public ExtendedPoint Multiply(in U256 scalar)
    {
        ReadOnlySpan<AffineEntry> entries = _entries;
        ExtendedPoint result = ExtendedPoint.Identity;
        for (int i = 0; i < Rows; i++)
        {
            int digit = scalar.Nibble(i);
            ReadOnlySpan<AffineEntry> row = entries.Slice(i * Columns, Columns);
            AffineEntry chosen = row[0];
            for (int j = 1; j < Columns; j++)
            {
                chosen = ExtendedPoint.Select(U256.MaskOf(j == digit ? 1UL : 0UL), row[j], chosen);
            }

            result = ExtendedPoint.AddAffine(result, chosen);
        }

        return result;
    }

    /// <summary>scalar * B with direct table reads and zero digits skipped: for public scalars only.</summary>
    public ExtendedPoint MultiplyVartime(in U256 scalar)
    {
        ExtendedPoint result = ExtendedPoint.Identity;
        for (int i = 0; i < Rows; i++)
        {
            int digit = scalar.Nibble(i);
            if (digit != 0)
            {
                result = ExtendedPoint.AddAffine(result, _entries[(i * Columns) + digit]);
            }
        }

        return result;
    }
}
