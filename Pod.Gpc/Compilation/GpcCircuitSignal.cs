using System.Numerics;

namespace Pod.Gpc;

/// <summary>
/// One named signal of a GPC circuit: a number, an array, or an array of arrays (entry proof siblings,
/// tuple indices, list values), as the circuit declares it. Values are integers as the reference gives
/// them: negative numbers stay negative (the witness calculator reduces them mod r).
/// </summary>
public sealed class GpcCircuitSignal
{
    private readonly BigInteger[] _values;

    private GpcCircuitSignal(string name, int[] shape, BigInteger[] values)
    {
        Name = name;
        Shape = Array.AsReadOnly(shape);
        _values = values;
    }

    /// <summary>The signal's name in the circuit, e.g. <c>entryNameHash</c>.</summary>
    public string Name { get; }

    /// <summary>The dimensions: empty for a number, [n] for an array, [rows, columns] for an array of arrays.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The values, row by row.</summary>
    public IReadOnlyList<BigInteger> Values => _values;

    internal static GpcCircuitSignal Scalar(string name, BigInteger value) => new(name, [], [value]);

    internal static GpcCircuitSignal Vector(string name, BigInteger[] values) => new(name, [values.Length], values);

    internal static GpcCircuitSignal Matrix(string name, BigInteger[][] rows, int columns) =>
        new(name, [rows.Length, columns], rows.SelectMany(r => r).ToArray());
}
