using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Pod.Gpc;

/// <summary>
/// The named signals of a GPC circuit, inputs or outputs, in the order the reference produces them.
/// <see cref="ToJson"/> writes them as snarkjs and circom witness calculators take their input.
/// </summary>
public sealed class GpcCircuitSignals : IReadOnlyList<GpcCircuitSignal>
{
    private readonly GpcCircuitSignal[] _signals;

    internal GpcCircuitSignals(IEnumerable<GpcCircuitSignal> signals) => _signals = signals.ToArray();

    /// <summary>The number of signals.</summary>
    public int Count => _signals.Length;

    /// <summary>The signal at a position.</summary>
    public GpcCircuitSignal this[int index] => _signals[index];

    /// <summary>The signal with this name.</summary>
    /// <exception cref="KeyNotFoundException">There is no such signal.</exception>
    public GpcCircuitSignal this[string name] =>
        Array.Find(_signals, s => s.Name == name) ?? throw new KeyNotFoundException($"There is no circuit signal named \"{name}\".");

    /// <summary>
    /// The signals as a JSON object of decimal strings, arrays and arrays of arrays, in order (what
    /// <c>snarkjs groth16 fullprove</c> takes as input.json).
    /// </summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        sb.Append('{');
        for (int i = 0; i < _signals.Length; i++)
        {
            GpcCircuitSignal signal = _signals[i];
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append('"').Append(signal.Name).Append("\":");
            switch (signal.Shape.Count)
            {
                case 0:
                    AppendNumber(sb, signal.Values[0]);
                    break;
                case 1:
                    AppendRow(sb, signal.Values, 0, signal.Shape[0]);
                    break;
                default:
                    sb.Append('[');
                    for (int row = 0; row < signal.Shape[0]; row++)
                    {
                        if (row > 0)
                        {
                            sb.Append(',');
                        }

                        AppendRow(sb, signal.Values, row * signal.Shape[1], signal.Shape[1]);
                    }

                    sb.Append(']');
                    break;
            }
        }

        return sb.Append('}').ToString();
    }

    /// <summary>The signals in order.</summary>
    public IEnumerator<GpcCircuitSignal> GetEnumerator() => ((IEnumerable<GpcCircuitSignal>)_signals).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void AppendRow(StringBuilder sb, IReadOnlyList<BigInteger> values, int start, int length)
    {
        sb.Append('[');
        for (int i = 0; i < length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            AppendNumber(sb, values[start + i]);
        }

        sb.Append(']');
    }

    private static void AppendNumber(StringBuilder sb, BigInteger value) =>
        sb.Append('"').Append(value.ToString(CultureInfo.InvariantCulture)).Append('"');
}
