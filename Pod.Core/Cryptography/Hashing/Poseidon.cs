using System.Runtime.CompilerServices;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Cryptography.Hashing;

/// <summary>
/// The Poseidon hash over the BN254 scalar field with circomlib's parameters (x^5 S-box, 8 full rounds,
/// circomlib's partial-round counts), for 1 to 16 inputs: equal to poseidon-lite's <c>poseidonN</c> and
/// circomlib's <c>Poseidon(N)</c> template.
/// </summary>
/// <remarks>
/// Evaluated with the sparse-matrix form of the Poseidon paper's appendix B (see
/// <see cref="PoseidonOptimizedParameters"/>), by Pod.Native's kernel when it passed its self-test and by
/// the managed code otherwise, with the same results (docs/native.md). Both are constant time in the
/// inputs, which may be secret. Allocates nothing.
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

    /// <summary>
    /// outputs[h] = Poseidon(inputs[h * inputsPerHash .. (h + 1) * inputsPerHash]) for every h: many
    /// independent hashes of one width in one call, so the native kernel is reached once (a LeanIMT level
    /// is the pairs of its nodes, inputsPerHash = 2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">inputsPerHash is not 1 to 16.</exception>
    /// <exception cref="ArgumentException">inputs does not hold inputsPerHash elements per output.</exception>
    internal static void HashBatch(ReadOnlySpan<Fr> inputs, int inputsPerHash, Span<Fr> outputs)
    {
        if (inputsPerHash is < 1 or > MaxInputs)
        {
            throw new ArgumentOutOfRangeException(nameof(inputsPerHash), inputsPerHash, $"Poseidon takes 1 to {MaxInputs} inputs.");
        }

        if ((long)outputs.Length * inputsPerHash != inputs.Length)
        {
            throw new ArgumentException($"inputs has {inputs.Length} elements, not {inputsPerHash} for each of the {outputs.Length} outputs.", nameof(inputs));
        }

        PoseidonOptimizedParameters p = PoseidonOptimizedParameters.ForInputs(inputsPerHash);
        if (NativeKernels.Active is { } native)
        {
            native.PoseidonHash(p, inputs, outputs);
            return;
        }

        for (int h = 0; h < outputs.Length; h++)
        {
            outputs[h] = HashManaged(p, inputs.Slice(h * inputsPerHash, inputsPerHash));
        }
    }

    /// <summary>The managed evaluation, whatever the backend: the reference the native kernel is checked against.</summary>
    internal static Fr HashManaged(ReadOnlySpan<Fr> inputs) =>
        HashManaged(PoseidonOptimizedParameters.ForInputs(inputs.Length), inputs);

    private static Fr HashCore(ReadOnlySpan<Fr> inputs)
    {
        PoseidonOptimizedParameters p = PoseidonOptimizedParameters.ForInputs(inputs.Length);
        if (NativeKernels.Active is { } native)
        {
            Fr result = default;
            native.PoseidonHash(p, inputs, new Span<Fr>(ref result));
            return result;
        }

        return HashManaged(p, inputs);
    }

    private static Fr HashManaged(PoseidonOptimizedParameters p, ReadOnlySpan<Fr> inputs)
    {
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
