using System.Runtime.CompilerServices;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Hashing;

/// <summary>
/// The Poseidon hash over the BN254 scalar field with circomlib's parameters (x^5 S-box, 8 full rounds,
/// circomlib's partial-round counts), for 1 to 16 inputs: equal to poseidon-lite's <c>poseidonN</c> and
/// circomlib's <c>Poseidon(N)</c> template.
/// </summary>
/// <remarks>
/// Evaluated with the sparse-matrix form of the Poseidon paper's appendix B (see
/// <see cref="PoseidonOptimizedParameters"/>). Allocates nothing.
/// </remarks>
public static class Poseidon
{
    /// <summary>The most inputs one hash takes.</summary>
    public const int MaxInputs = 16;

    /// <summary>Hashes 1 to 16 field elements.</summary>
    /// <exception cref="ArgumentException">There are no inputs or more than 16.</exception>
    public static Fr Hash(ReadOnlySpan<Fr> inputs)
    {
        if (inputs.Length is 0 or > MaxInputs)
        {
            throw new ArgumentException($"Poseidon takes 1 to {MaxInputs} inputs, not {inputs.Length}.", nameof(inputs));
        }

        return HashCore(inputs);
    }

    /// <summary>Hashes one field element.</summary>
    public static Fr Hash(in Fr a) => HashCore([a]);

    /// <summary>Hashes two field elements.</summary>
    public static Fr Hash(in Fr a, in Fr b) => HashCore([a, b]);

    private static Fr HashCore(ReadOnlySpan<Fr> inputs)
    {
        PoseidonOptimizedParameters p = PoseidonOptimizedParameters.ForInputs(inputs.Length);
        int t = p.Width;
        Span<Fr> state = stackalloc Fr[t];
        Span<Fr> scratch = stackalloc Fr[t];
        state[0] = Fr.Zero;
        inputs.CopyTo(state[1..]);

        ReadOnlySpan<Fr> constants = p.FirstHalfConstants;
        for (int round = 0; round < p.HalfFullRounds; round++)
        {
            AddConstantsAndSBox(state, constants.Slice(round * t, t));
            Fr[] matrix = round == p.HalfFullRounds - 1 ? p.PreSparse : p.Mds;
            MultiplyDense(matrix, state, scratch);
            scratch.CopyTo(state);
        }

        ReadOnlySpan<Fr> partialConstants = p.PartialConstants;
        ReadOnlySpan<Fr> sparse = p.Sparse;
        int sparseSize = (2 * t) - 1;
        for (int round = 0; round < p.PartialRounds; round++)
        {
            Fr x0 = SBox(state[0] + partialConstants[round]);
            ReadOnlySpan<Fr> s = sparse.Slice(round * sparseSize, sparseSize);
            Fr first = s[0] * x0;
            for (int j = 1; j < t; j++)
            {
                first += s[j] * state[j];
                state[j] += s[t - 1 + j] * x0;
            }

            state[0] = first;
        }

        constants = p.SecondHalfConstants;
        for (int round = 0; round < p.HalfFullRounds - 1; round++)
        {
            AddConstantsAndSBox(state, constants.Slice(round * t, t));
            MultiplyDense(p.Mds, state, scratch);
            scratch.CopyTo(state);
        }

        // Last round: only the first output is kept, so only the first row of M is needed.
        AddConstantsAndSBox(state, constants.Slice((p.HalfFullRounds - 1) * t, t));
        ReadOnlySpan<Fr> firstRow = p.Mds.AsSpan(0, t);
        Fr result = Fr.Zero;
        for (int j = 0; j < t; j++)
        {
            result += firstRow[j] * state[j];
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fr SBox(in Fr x)
    {
        Fr x2 = Fr.Square(x);
        return Fr.Multiply(Fr.Square(x2), x);
    }

    private static void AddConstantsAndSBox(Span<Fr> state, ReadOnlySpan<Fr> constants)
    {
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = SBox(state[i] + constants[i]);
        }
    }

    private static void MultiplyDense(ReadOnlySpan<Fr> matrix, ReadOnlySpan<Fr> state, Span<Fr> result)
    {
        int t = state.Length;
        for (int i = 0; i < t; i++)
        {
            ReadOnlySpan<Fr> row = matrix.Slice(i * t, t);
            Fr sum = Fr.Zero;
            for (int j = 0; j < t; j++)
            {
                sum += row[j] * state[j];
            }

            result[i] = sum;
        }
    }
}
