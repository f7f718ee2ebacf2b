using System.Buffers.Binary;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Hashing;

/// <summary>
/// The circomlib Poseidon parameters for one width t = inputs + 1: x^5 S-box, 8 full rounds, the
/// circomlib partial-round count, round constants C and MDS matrix M.
/// </summary>
/// <remarks>
/// The constants are read from the embedded <c>poseidon-constants.bin</c>, written by
/// <c>tools/poseidon-constants/generate.js</c> from poseidon-lite 0.3.0's published tables, which were
/// produced by the Poseidon authors' Grain LFSR script (generate_parameters_grain.sage 1 0 254 t 8 RP r),
/// as circomlib's were. The known-answer vectors pin them.
/// </remarks>
internal sealed class PoseidonParameters
{
    private const string ResourceName = "Pod.Cryptography.Hashing.poseidon-constants.bin";
    private const int MinWidth = 2;
    private const int MaxWidth = 17;

    private static readonly PoseidonParameters[] ByWidth = Load();

    private PoseidonParameters(int width, int fullRounds, int partialRounds, Fr[] roundConstants, Fr[] mds)
    {
        Width = width;
        FullRounds = fullRounds;
        PartialRounds = partialRounds;
        RoundConstants = roundConstants;
        Mds = mds;
    }

    /// <summary>t: the state size.</summary>
    public int Width { get; }

    public int FullRounds { get; }

    public int PartialRounds { get; }

    /// <summary>(FullRounds + PartialRounds) * t constants, round by round.</summary>
    public Fr[] RoundConstants { get; }

    /// <summary>t * t entries, row-major: out[i] = sum_j M[i, j] * state[j].</summary>
    public Fr[] Mds { get; }

    public static PoseidonParameters ForInputs(int inputCount) => ByWidth[inputCount + 1 - MinWidth];

    private static PoseidonParameters[] Load()
    {
        using Stream stream = typeof(PoseidonParameters).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Pod.Core.");
        byte[] data = new byte[stream.Length];
        stream.ReadExactly(data);

        ReadOnlySpan<byte> rest = data;
        if (!rest[..8].SequenceEqual("POSEIDON"u8))
        {
            throw new InvalidOperationException($"The embedded resource {ResourceName} has the wrong header.");
        }

        rest = rest[8..];
        var result = new PoseidonParameters[MaxWidth - MinWidth + 1];
        for (int width = MinWidth; width <= MaxWidth; width++)
        {
            int t = BinaryPrimitives.ReadUInt16LittleEndian(rest);
            int fullRounds = BinaryPrimitives.ReadUInt16LittleEndian(rest[2..]);
            int partialRounds = BinaryPrimitives.ReadUInt16LittleEndian(rest[4..]);
            if (t != width)
            {
                throw new InvalidOperationException($"The embedded resource {ResourceName} is out of order at width {width}.");
            }

            rest = rest[6..];
            Fr[] constants = ReadElements(ref rest, (fullRounds + partialRounds) * t);
            Fr[] mds = ReadElements(ref rest, t * t);
            result[width - MinWidth] = new PoseidonParameters(t, fullRounds, partialRounds, constants, mds);
        }

        return result;
    }

    private static Fr[] ReadElements(ref ReadOnlySpan<byte> rest, int count)
    {
        var elements = new Fr[count];
        for (int i = 0; i < count; i++)
        {
            elements[i] = Fr.FromCanonicalBytes(rest[..Fr.SizeInBytes], ByteOrder.BigEndian);
            rest = rest[Fr.SizeInBytes..];
        }

        return elements;
    }
}
