using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Cryptography.Hashing;

/// <summary>
/// Poseidon constants rearranged for the faster evaluation of the Poseidon paper's appendix B
/// (Grassi et al., eprint 2019/458), derived here from <see cref="PoseidonParameters"/>; the outputs are
/// those of the plain evaluation.
/// </summary>
/// <remarks>
/// A round is x -> M * S(x + c). In a partial round the S-box touches only x[0], so:
/// <list type="number">
/// <item>Round constants: c = (a, b) splits into a at x[0] and b elsewhere; b passes the S-box unchanged,
/// so M * b is added to the next round's constants instead. Partial rounds keep only a.</item>
/// <item>Matrices: a matrix Q = [[q00, w], [v, Q']] factors as Q = [[q00, w'], [v, I]] * diag(1, Q') with
/// w' = w * Q'^-1. diag(1, Q') commutes with the partial round's S-box and scalar constant, so it moves
/// into the previous round's matrix: walking back from the last partial round, each round keeps the
/// sparse factor (2t - 1 multiplications instead of t^2) and the last first-half full round gets
/// P = diag(1, Q'_first) * M.</item>
/// </list>
/// The arrays are allocated pinned, once per width for the life of the process, so the native kernel
/// (<see cref="Kernel"/>) reads these very constants: one derivation, one source, no table in the library.
/// </remarks>
internal sealed class PoseidonOptimizedParameters
{
    private static readonly Lazy<PoseidonOptimizedParameters>[] ByInputs = CreateLazies();

    private PoseidonOptimizedParameters(PoseidonParameters parameters)
    {
        int t = parameters.Width;
        int halfFull = parameters.FullRounds / 2;
        int partial = parameters.PartialRounds;
        Width = t;
        HalfFullRounds = halfFull;
        PartialRounds = partial;
        Mds = Pinned(parameters.Mds);

        // 1. Constants: push every partial round's non-first constants one round on.
        Fr[] c = (Fr[])parameters.RoundConstants.Clone();
        Span<Fr> pushed = stackalloc Fr[t];
        for (int round = halfFull; round < halfFull + partial; round++)
        {
            Span<Fr> current = c.AsSpan(round * t, t);
            Fr first = current[0];
            current[0] = Fr.Zero;
            MultiplyDense(parameters.Mds, t, current, pushed);
            current.Clear();
            current[0] = first;
            Span<Fr> next = c.AsSpan((round + 1) * t, t);
            for (int i = 0; i < t; i++)
            {
                next[i] += pushed[i];
            }
        }

        FirstHalfConstants = Pinned(c.AsSpan(0, halfFull * t));
        PartialConstants = GC.AllocateArray<Fr>(partial, pinned: true);
        for (int r = 0; r < partial; r++)
        {
            PartialConstants[r] = c[(halfFull + r) * t];
        }

        SecondHalfConstants = Pinned(c.AsSpan((halfFull + partial) * t));

        // 2. Matrices: factor from the last partial round back to the first.
        Sparse = GC.AllocateArray<Fr>(partial * (2 * t - 1), pinned: true);
        Fr[] current2 = (Fr[])parameters.Mds.Clone();
        for (int r = partial - 1; r >= 0; r--)
        {
            Fr[] inner = SubMatrix(current2, t);
            Fr[] innerInverse = Invert(inner, t - 1);
            Span<Fr> sparse = Sparse.AsSpan(r * (2 * t - 1), 2 * t - 1);
            sparse[0] = current2[0];
            for (int j = 1; j < t; j++)
            {
                // w'[j] = sum_k w[k] * Q'^-1[k, j]
                Fr sum = Fr.Zero;
                for (int k = 1; k < t; k++)
                {
                    sum += current2[k] * innerInverse[((k - 1) * (t - 1)) + (j - 1)];
                }

                sparse[j] = sum;
                sparse[t - 1 + j] = current2[j * t];
            }

            current2 = MultiplyBlockDiagonal(inner, parameters.Mds, t);
        }

        PreSparse = Pinned(current2);
        Kernel = new PoseidonKernelParameters(t, halfFull, partial, FirstHalfConstants, PartialConstants, SecondHalfConstants, Mds, PreSparse, Sparse);
    }

    public int Width { get; }

    public int HalfFullRounds { get; }

    public int PartialRounds { get; }

    /// <summary>The full-round matrix, row-major.</summary>
    public Fr[] Mds { get; }

    /// <summary>The matrix of the last first-half full round, row-major.</summary>
    public Fr[] PreSparse { get; }

    public Fr[] FirstHalfConstants { get; }

    public Fr[] PartialConstants { get; }

    public Fr[] SecondHalfConstants { get; }

    /// <summary>Per partial round: q00, then w'[1..t-1], then v[1..t-1].</summary>
    public Fr[] Sparse { get; }

    /// <summary>The same constants for the native kernel: pointers to the pinned arrays above.</summary>
    public PoseidonKernelParameters Kernel { get; }

    public static PoseidonOptimizedParameters ForInputs(int inputCount) => ByInputs[inputCount - 1].Value;

    private static Lazy<PoseidonOptimizedParameters>[] CreateLazies()
    {
        var lazies = new Lazy<PoseidonOptimizedParameters>[Poseidon.MaxInputs];
        for (int i = 0; i < lazies.Length; i++)
        {
            int inputs = i + 1;
            lazies[i] = new Lazy<PoseidonOptimizedParameters>(
                () => new PoseidonOptimizedParameters(PoseidonParameters.ForInputs(inputs)),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        return lazies;
    }

    /// <summary>A copy on the pinned object heap: it never moves, so its address can be handed to native code.</summary>
    private static Fr[] Pinned(ReadOnlySpan<Fr> values)
    {
        Fr[] pinned = GC.AllocateUninitializedArray<Fr>(values.Length, pinned: true);
        values.CopyTo(pinned);
        return pinned;
    }

    private static void MultiplyDense(Fr[] matrix, int t, ReadOnlySpan<Fr> vector, Span<Fr> result)
    {
        for (int i = 0; i < t; i++)
        {
            Fr sum = Fr.Zero;
            for (int j = 0; j < t; j++)
            {
                sum += matrix[(i * t) + j] * vector[j];
            }

            result[i] = sum;
        }
    }

    /// <summary>The lower-right (t-1) x (t-1) block.</summary>
    private static Fr[] SubMatrix(Fr[] matrix, int t)
    {
        var inner = new Fr[(t - 1) * (t - 1)];
        for (int i = 1; i < t; i++)
        {
            for (int j = 1; j < t; j++)
            {
                inner[((i - 1) * (t - 1)) + (j - 1)] = matrix[(i * t) + j];
            }
        }

        return inner;
    }

    /// <summary>diag(1, inner) * m.</summary>
    private static Fr[] MultiplyBlockDiagonal(Fr[] inner, Fr[] m, int t)
    {
        var result = new Fr[t * t];
        for (int j = 0; j < t; j++)
        {
            result[j] = m[j];
        }

        for (int i = 1; i < t; i++)
        {
            for (int j = 0; j < t; j++)
            {
                Fr sum = Fr.Zero;
                for (int k = 1; k < t; k++)
                {
                    sum += inner[((i - 1) * (t - 1)) + (k - 1)] * m[(k * t) + j];
                }

                result[(i * t) + j] = sum;
            }
        }

        return result;
    }

    /// <summary>Gauss-Jordan inversion of an n x n matrix of public constants.</summary>
    private static Fr[] Invert(Fr[] matrix, int n)
    {
        Fr[] a = (Fr[])matrix.Clone();
        var inverse = new Fr[n * n];
        for (int i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = Fr.One;
        }

        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            while (pivot < n && a[(pivot * n) + column].IsZero)
            {
                pivot++;
            }

            if (pivot == n)
            {
                throw new InvalidOperationException("A Poseidon MDS sub-matrix is singular; the constants are corrupt.");
            }

            SwapRows(a, n, pivot, column);
            SwapRows(inverse, n, pivot, column);
            Fr scale = Fr.InverseVartime(a[(column * n) + column]);
            for (int j = 0; j < n; j++)
            {
                a[(column * n) + j] *= scale;
                inverse[(column * n) + j] *= scale;
            }

            for (int row = 0; row < n; row++)
            {
                Fr factor = a[(row * n) + column];
                if (row == column || factor.IsZero)
                {
                    continue;
                }

                for (int j = 0; j < n; j++)
                {
                    a[(row * n) + j] -= factor * a[(column * n) + j];
                    inverse[(row * n) + j] -= factor * inverse[(column * n) + j];
                }
            }
        }

        return inverse;
    }

    private static void SwapRows(Fr[] m, int n, int r1, int r2)
    {
        if (r1 == r2)
        {
            return;
        }

        for (int j = 0; j < n; j++)
        {
            (m[(r1 * n) + j], m[(r2 * n) + j]) = (m[(r2 * n) + j], m[(r1 * n) + j]);
        }
    }
}
