using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Cryptography.Native;

/// <summary>
/// One kernel table of a loaded libpodnative (Pod.Native/include/podnative.h), reached through its
/// function pointers: spans are pinned and passed as they are, since the C structs have the managed
/// layouts. A library has a table per Montgomery multiplication (portable C, and MULX/ADCX/ADOX on
/// x86-64 processors with BMI2 and ADX); an instance exists only for a table whose layouts match and whose
/// self-test agreed with the managed code. The library then stays loaded for the life of the process.
/// </summary>
internal sealed unsafe class NativeLibraryKernels
{
    /// <summary>The ABI version this code was written against (POD_NATIVE_ABI_VERSION).</summary>
    private const int AbiVersion = 4;

    /// <summary>POD_MULTIPLY_PORTABLE: C with unsigned __int128 products.</summary>
    internal const int PortableMultiply = 1;

    /// <summary>POD_MULTIPLY_MULX: x86-64 assembly with MULX, ADCX and ADOX.</summary>
    internal const int MulxMultiply = 2;

    private readonly delegate* unmanaged[SuppressGCTransition]<Fq*, Fq*, Fq*, void> _fqMultiply;
    private readonly delegate* unmanaged[SuppressGCTransition]<Fr*, Fr*, Fr*, void> _frMultiply;
    private readonly delegate* unmanaged[SuppressGCTransition]<Fq2*, Fq2*, Fq2*, void> _fq2Multiply;
    private readonly delegate* unmanaged<RawAffinePoint<Fq>*, short*, nuint, XyzzPoint<Fq>*, nuint, int> _g1Accumulate;
    private readonly delegate* unmanaged<XyzzPoint<Fq>*, nuint, XyzzPoint<Fq>*, void> _g1Reduce;
    private readonly delegate* unmanaged<RawAffinePoint<Fq2>*, short*, nuint, XyzzPoint<Fq2>*, nuint, int> _g2Accumulate;
    private readonly delegate* unmanaged<XyzzPoint<Fq2>*, nuint, XyzzPoint<Fq2>*, void> _g2Reduce;
    private readonly delegate* unmanaged<Fr*, uint, Fr*, Fr*, void> _frFft;
    private readonly delegate* unmanaged<Fr*, Fr*, nuint, void> _frMultiplyPointwise;
    private readonly delegate* unmanaged<Fr*, Fr*, Fr*, nuint, U256*, void> _frQuotient;

    // A normal transition: one permutation takes microseconds, past SuppressGCTransition's limit.
    private readonly delegate* unmanaged<PoseidonKernelParameters*, Fr*, nuint, Fr*, int> _poseidonHash;
    private readonly delegate* unmanaged<RawAffinePoint<Fq>*, nuint, Fr*, uint, XyzzPoint<Fq>*, int> _g1FixedBaseMsm;

    // The pairing: hundreds of microseconds per call, a normal transition too.
    private readonly delegate* unmanaged<RawAffinePoint<Fq>*, RawAffinePoint<Fq2>*, nuint, RawAffinePoint<Fq>*, PreparedLine**, nuint, nuint, int, Fq12*, int> _millerLoop;
    private readonly delegate* unmanaged<Fq12*, Fq12*, int> _finalExponentiation;

    private NativeLibraryKernels(KernelTable* table, string source)
    {
        _fqMultiply = (delegate* unmanaged[SuppressGCTransition]<Fq*, Fq*, Fq*, void>)table->FqMultiply;
        _frMultiply = (delegate* unmanaged[SuppressGCTransition]<Fr*, Fr*, Fr*, void>)table->FrMultiply;
        _fq2Multiply = (delegate* unmanaged[SuppressGCTransition]<Fq2*, Fq2*, Fq2*, void>)table->Fq2Multiply;
        _g1Accumulate = (delegate* unmanaged<RawAffinePoint<Fq>*, short*, nuint, XyzzPoint<Fq>*, nuint, int>)table->G1AccumulateBuckets;
        _g1Reduce = (delegate* unmanaged<XyzzPoint<Fq>*, nuint, XyzzPoint<Fq>*, void>)table->G1ReduceBuckets;
        _g2Accumulate = (delegate* unmanaged<RawAffinePoint<Fq2>*, short*, nuint, XyzzPoint<Fq2>*, nuint, int>)table->G2AccumulateBuckets;
        _g2Reduce = (delegate* unmanaged<XyzzPoint<Fq2>*, nuint, XyzzPoint<Fq2>*, void>)table->G2ReduceBuckets;
        _frFft = (delegate* unmanaged<Fr*, uint, Fr*, Fr*, void>)table->FrFft;
        _frMultiplyPointwise = (delegate* unmanaged<Fr*, Fr*, nuint, void>)table->FrMultiplyPointwise;
        _frQuotient = (delegate* unmanaged<Fr*, Fr*, Fr*, nuint, U256*, void>)table->FrQuotient;
        _poseidonHash = (delegate* unmanaged<PoseidonKernelParameters*, Fr*, nuint, Fr*, int>)table->PoseidonHash;
        _millerLoop = (delegate* unmanaged<RawAffinePoint<Fq>*, RawAffinePoint<Fq2>*, nuint, RawAffinePoint<Fq>*, PreparedLine**, nuint, nuint, int, Fq12*, int>)table->Bn254MillerLoop;
        _finalExponentiation = (delegate* unmanaged<Fq12*, Fq12*, int>)table->Bn254FinalExponentiation;
        _g1FixedBaseMsm = (delegate* unmanaged<RawAffinePoint<Fq>*, nuint, Fr*, uint, XyzzPoint<Fq>*, int>)table->G1FixedBaseMsm;
        Source = source;
        MultiplyKind = table->MultiplyKind == MulxMultiply ? "mulx" : "portable";
    }

    /// <summary>Where the library was loaded from.</summary>
    public string Source { get; }

    /// <summary>The Montgomery multiplication this table's kernels run: "mulx" (MULX/ADCX/ADOX) or "portable" (C).</summary>
    public string MultiplyKind { get; }

    /// <summary>Loads the library at a path and checks it; null (and the library unloaded) when it fails.</summary>
    /// <param name="path">The library's path.</param>
    /// <param name="reason">Which table was chosen, or why none was.</param>
    /// <param name="multiplyKind">One table to check (<see cref="PortableMultiply"/> or <see cref="MulxMultiply"/>); null for the best that passes.</param>
    public static NativeLibraryKernels? TryLoad(string path, out string reason, int? multiplyKind = null)
    {
        if (!NativeLibrary.TryLoad(path, out IntPtr handle))
        {
            reason = $"{path} could not be loaded";
            return null;
        }

        return TryCreate(handle, path, out reason, multiplyKind);
    }

    /// <summary>
    /// Checks a loaded library's tables, the MULX one first (when the processor has it) and then the
    /// portable one, and returns the first that passes; null (and the library unloaded) when none does.
    /// </summary>
    internal static NativeLibraryKernels? TryCreate(IntPtr handle, string source, out string reason, int? multiplyKind = null)
    {
        var failures = new List<string>();
        NativeLibraryKernels? kernels = null;
        if (CheckExports(handle, source) is { } exportFailure)
        {
            failures.Add(exportFailure);
        }
        else
        {
            var getTable = (delegate* unmanaged<int, KernelTable*>)NativeLibrary.GetExport(handle, "pod_native_kernels");
            foreach (int kind in multiplyKind is { } only ? [only] : (int[])[MulxMultiply, PortableMultiply])
            {
                string name = kind == MulxMultiply ? "mulx" : "portable";
                KernelTable* table = getTable(kind);
                string? failure = table is null
                    ? $"no {name} kernels (not built, or the processor lacks the instructions)"
                    : CheckTable(table, kind, source, out kernels);
                if (failure is null)
                {
                    break;
                }

                failures.Add($"{name}: {failure}");
            }
        }

        if (kernels is null)
        {
            NativeLibrary.Free(handle);
            reason = $"{source}: " + string.Join("; ", failures);
            return null;
        }

        reason = $"{source}, {kernels.MultiplyKind} multiplication, self-test passed"
            + (failures.Count > 0 ? $" ({string.Join("; ", failures)})" : string.Empty);
        return kernels;
    }

    private static string? CheckExports(IntPtr handle, string source)
    {
        foreach (string name in (string[])["pod_native_abi_version", "pod_native_kernels"])
        {
            if (!NativeLibrary.TryGetExport(handle, name, out _))
            {
                return $"{source} does not export {name}";
            }
        }

        int abi = ((delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "pod_native_abi_version"))();
        return abi != AbiVersion ? $"{source} has ABI version {abi}, not {AbiVersion}" : null;
    }

    private static string? CheckTable(KernelTable* table, int kind, string source, out NativeLibraryKernels? kernels)
    {
        kernels = null;
        if (table->MultiplyKind != kind)
        {
            return $"the table says multiplication kind {table->MultiplyKind}";
        }

        int[] expected = [sizeof(Fq), sizeof(Fr), sizeof(Fq2), sizeof(RawAffinePoint<Fq>), sizeof(XyzzPoint<Fq>), sizeof(RawAffinePoint<Fq2>), sizeof(XyzzPoint<Fq2>), sizeof(PoseidonKernelParameters), sizeof(Fq12), sizeof(PreparedLine)];
        for (int i = 0; i < expected.Length; i++)
        {
            if (table->Sizes[i] != expected[i])
            {
                return $"struct size {i} is {table->Sizes[i]}, not {expected[i]}";
            }
        }

        var candidate = new NativeLibraryKernels(table, source);
        string? selfTest = NativeSelfTest.Run(candidate);
        if (selfTest is not null)
        {
            return $"self-test failed: {selfTest}";
        }

        kernels = candidate;
        return null;
    }

    /// <summary>a * b * 2^-256 mod p (BN254 base field).</summary>
    public Fq Multiply(in Fq a, in Fq b)
    {
        Fq x = a, y = b, result;
        _fqMultiply(&x, &y, &result);
        return result;
    }

    /// <summary>a * b * 2^-256 mod r (BN254 scalar field).</summary>
    public Fr Multiply(in Fr a, in Fr b)
    {
        Fr x = a, y = b, result;
        _frMultiply(&x, &y, &result);
        return result;
    }

    /// <summary>a * b in Fq2.</summary>
    public Fq2 Multiply(in Fq2 a, in Fq2 b)
    {
        Fq2 x = a, y = b, result;
        _fq2Multiply(&x, &y, &result);
        return result;
    }

    /// <summary>
    /// buckets[|d| - 1] += sign(d) * bases[i] for each non-zero digit d = digits[i] and finite base, as
    /// <see cref="MultiScalarMultiplication{TField}.AccumulateBuckets"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths differ, or a digit exceeds the bucket count (nothing changed).</exception>
    public void AccumulateG1Buckets(ReadOnlySpan<RawAffinePoint<Fq>> bases, ReadOnlySpan<short> digits, Span<XyzzPoint<Fq>> buckets)
    {
        CheckLengths(bases.Length, digits.Length);
        int status;
        fixed (RawAffinePoint<Fq>* b = bases)
        fixed (short* d = digits)
        fixed (XyzzPoint<Fq>* k = buckets)
        {
            status = _g1Accumulate(b, d, (nuint)digits.Length, k, (nuint)buckets.Length);
        }

        CheckStatus(status, buckets.Length);
    }

    /// <summary>The same over G2: see <see cref="AccumulateG1Buckets"/>.</summary>
    /// <exception cref="ArgumentException">The spans' lengths differ, or a digit exceeds the bucket count (nothing changed).</exception>
    public void AccumulateG2Buckets(ReadOnlySpan<RawAffinePoint<Fq2>> bases, ReadOnlySpan<short> digits, Span<XyzzPoint<Fq2>> buckets)
    {
        CheckLengths(bases.Length, digits.Length);
        int status;
        fixed (RawAffinePoint<Fq2>* b = bases)
        fixed (short* d = digits)
        fixed (XyzzPoint<Fq2>* k = buckets)
        {
            status = _g2Accumulate(b, d, (nuint)digits.Length, k, (nuint)buckets.Length);
        }

        CheckStatus(status, buckets.Length);
    }

    /// <summary>sum over k of (k + 1) * buckets[k], as <see cref="MultiScalarMultiplication{TField}.ReduceBuckets"/> computes it.</summary>
    public XyzzPoint<Fq> ReduceG1Buckets(ReadOnlySpan<XyzzPoint<Fq>> buckets)
    {
        XyzzPoint<Fq> result;
        fixed (XyzzPoint<Fq>* k = buckets)
        {
            _g1Reduce(k, (nuint)buckets.Length, &result);
        }

        return result;
    }

    /// <summary>The same over G2: see <see cref="ReduceG1Buckets"/>.</summary>
    public XyzzPoint<Fq2> ReduceG2Buckets(ReadOnlySpan<XyzzPoint<Fq2>> buckets)
    {
        XyzzPoint<Fq2> result;
        fixed (XyzzPoint<Fq2>* k = buckets)
        {
            _g2Reduce(k, (nuint)buckets.Length, &result);
        }

        return result;
    }

    /// <summary>
    /// In place over 2^log2Size values: values[i] = sum_j values[j] w^(ij), then times <paramref name="scale"/>
    /// when given; twiddles[k] = w^k for k below half the size.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not fit log2Size.</exception>
    public void Fft(Span<Fr> values, int log2Size, ReadOnlySpan<Fr> twiddles, Fr? scale)
    {
        if (log2Size is < 0 or > 30 || values.Length != 1 << log2Size)
        {
            throw new ArgumentException($"values has {values.Length} elements, not 2^{log2Size}.", nameof(values));
        }

        if (twiddles.Length < values.Length / 2)
        {
            throw new ArgumentException($"twiddles has {twiddles.Length} elements, fewer than {values.Length / 2}.", nameof(twiddles));
        }

        Fr s = scale.GetValueOrDefault();
        fixed (Fr* v = values)
        fixed (Fr* t = twiddles)
        {
            _frFft(v, (uint)log2Size, t, scale.HasValue ? &s : null);
        }
    }

    /// <summary>values[i] *= factors[i].</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void MultiplyPointwise(Span<Fr> values, ReadOnlySpan<Fr> factors)
    {
        if (factors.Length != values.Length)
        {
            throw new ArgumentException($"factors has {factors.Length} elements, values {values.Length}.", nameof(factors));
        }

        fixed (Fr* v = values)
        fixed (Fr* f = factors)
        {
            _frMultiplyPointwise(v, f, (nuint)values.Length);
        }
    }

    /// <summary>output[i] = a[i] * b[i] - c[i] as a plain integer (out of Montgomery form).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Quotient(ReadOnlySpan<Fr> a, ReadOnlySpan<Fr> b, ReadOnlySpan<Fr> c, Span<U256> output)
    {
        if (b.Length != a.Length || c.Length != a.Length || output.Length != a.Length)
        {
            throw new ArgumentException($"a, b, c and output have {a.Length}, {b.Length}, {c.Length} and {output.Length} elements; they must be equal.", nameof(output));
        }

        fixed (Fr* x = a)
        fixed (Fr* y = b)
        fixed (Fr* z = c)
        fixed (U256* o = output)
        {
            _frQuotient(x, y, z, (nuint)a.Length, o);
        }
    }

    /// <summary>
    /// outputs[h] = Poseidon of the h-th run of width - 1 inputs, for every output, in one call (as
    /// <see cref="Poseidon.HashBatch"/>); constant time in the inputs.
    /// </summary>
    /// <exception cref="ArgumentException">inputs does not hold width - 1 elements per output.</exception>
    public void PoseidonHash(PoseidonOptimizedParameters parameters, ReadOnlySpan<Fr> inputs, Span<Fr> outputs)
    {
        int arity = parameters.Width - 1;
        if ((long)outputs.Length * arity != inputs.Length)
        {
            throw new ArgumentException($"inputs has {inputs.Length} elements, not {arity} for each of the {outputs.Length} outputs.", nameof(inputs));
        }

        PoseidonKernelParameters kernel = parameters.Kernel;
        int status;
        fixed (Fr* i = inputs)
        fixed (Fr* o = outputs)
        {
            status = _poseidonHash(&kernel, i, (nuint)outputs.Length, o);
        }

        if (status != 0)
        {
            throw new InvalidOperationException($"The native Poseidon kernel refused width {parameters.Width}.");
        }
    }

    /// <summary>Above this many pairs of a kind, the converted points come from the heap instead of the stack.</summary>
    private const int StackPairs = 8;

    /// <summary>
    /// The product of the pairs' Miller loops, raised to the final exponent when asked: bit for bit
    /// <see cref="Pairing.MillerLoopManaged"/> and <see cref="Pairing.FinalExponentiationManaged"/>, in one call.
    /// The prepared points' lines are read where they are (they are pinned); the points are passed as
    /// <see cref="RawAffinePoint{TField}"/>, (0, 0) at infinity.
    /// </summary>
    /// <exception cref="ArgumentException">The spans of a kind of pair differ in length, or a prepared point has not <see cref="Pairing.LineCount"/> lines.</exception>
    /// <exception cref="DivideByZeroException">A prepared pair's yP, or the value to exponentiate, is zero (points outside their groups).</exception>
    public Fq12 MillerLoop(
        ReadOnlySpan<CurvePoint<Fq>> ps,
        ReadOnlySpan<CurvePoint<Fq2>> qs,
        ReadOnlySpan<CurvePoint<Fq>> preparedPs,
        ReadOnlySpan<PreparedG2Point> preparedQs,
        bool finalExponentiation)
    {
        if (qs.Length != ps.Length)
        {
            throw new ArgumentException($"ps has {ps.Length} points but qs has {qs.Length}.", nameof(qs));
        }

        if (preparedQs.Length != preparedPs.Length)
        {
            throw new ArgumentException($"preparedPs has {preparedPs.Length} points but preparedQs has {preparedQs.Length}.", nameof(preparedQs));
        }

        int n = ps.Length, m = preparedPs.Length;
        Span<RawAffinePoint<Fq>> p = n <= StackPairs ? stackalloc RawAffinePoint<Fq>[StackPairs] : new RawAffinePoint<Fq>[n];
        Span<RawAffinePoint<Fq2>> q = n <= StackPairs ? stackalloc RawAffinePoint<Fq2>[StackPairs] : new RawAffinePoint<Fq2>[n];
        Span<RawAffinePoint<Fq>> preparedP = m <= StackPairs ? stackalloc RawAffinePoint<Fq>[StackPairs] : new RawAffinePoint<Fq>[m];
        Span<nint> lines = m <= StackPairs ? stackalloc nint[StackPairs] : new nint[m];
        for (int i = 0; i < n; i++)
        {
            p[i] = RawAffinePoint<Fq>.FromCurvePoint(ps[i]);
            q[i] = RawAffinePoint<Fq2>.FromCurvePoint(qs[i]);
        }

        for (int j = 0; j < m; j++)
        {
            PreparedG2Point prepared = preparedQs[j];
            preparedP[j] = RawAffinePoint<Fq>.FromCurvePoint(preparedPs[j]);
            if (prepared.IsInfinity)
            {
                lines[j] = 0;
                continue;
            }

            if (prepared.Lines.Length != Pairing.LineCount)
            {
                throw new ArgumentException($"Prepared point {j} has {prepared.Lines.Length} lines, not {Pairing.LineCount}.", nameof(preparedQs));
            }

            // Pinned at allocation (PreparedG2Point): the address stays valid while the span holds the point.
            lines[j] = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(prepared.Lines));
        }

        Fq12 result;
        int status;
        fixed (RawAffinePoint<Fq>* pp = p)
        fixed (RawAffinePoint<Fq2>* qq = q)
        fixed (RawAffinePoint<Fq>* rp = preparedP)
        fixed (nint* l = lines)
        {
            status = _millerLoop(pp, qq, (nuint)n, rp, (PreparedLine**)l, (nuint)m, (nuint)Pairing.LineCount, finalExponentiation ? 1 : 0, &result);
        }

        return status switch
        {
            0 => result,
            -2 => throw NoInverse(),
            _ => throw new InvalidOperationException($"The native Miller loop refused the line count {Pairing.LineCount}."),
        };
    }

    /// <summary>f^((p^12 - 1) / r) with the managed code's fixed factor, as <see cref="Pairing.FinalExponentiationManaged"/>.</summary>
    /// <exception cref="DivideByZeroException">f is zero.</exception>
    public Fq12 FinalExponentiation(in Fq12 f)
    {
        Fq12 x = f, result;
        return _finalExponentiation(&x, &result) == 0 ? result : throw NoInverse();
    }

    private static DivideByZeroException NoInverse() => new("Zero has no inverse in the pairing (a point outside its group, or a zero Fq12 value).");

    /// <summary>
    /// sum scalars[k] * B_k over fixed bases given by their multiples table[64 k + j] = 2^(4j) B_k, in one call, as
    /// <see cref="G1FixedBaseMsm"/> computes it; false (nothing computed) when the kernel could not allocate its
    /// scratch space, so the caller falls back to the managed code.
    /// </summary>
    /// <exception cref="ArgumentException">The table does not hold 64 multiples per scalar, or the window size is not 0, 4, 8, 12 or 16.</exception>
    public bool TryFixedBaseMsmG1(ReadOnlySpan<RawAffinePoint<Fq>> table, ReadOnlySpan<Fr> scalars, int windowBits, out XyzzPoint<Fq> result)
    {
        if (table.Length != (long)scalars.Length * G1FixedBaseMsm.Rows)
        {
            throw new ArgumentException($"table has {table.Length} points, not {G1FixedBaseMsm.Rows} for each of the {scalars.Length} scalars.", nameof(table));
        }

        XyzzPoint<Fq> sum;
        int status;
        fixed (RawAffinePoint<Fq>* t = table)
        fixed (Fr* s = scalars)
        {
            status = _g1FixedBaseMsm(t, (nuint)scalars.Length, s, (uint)windowBits, &sum);
        }

        if (status == -1)
        {
            throw new ArgumentException($"The native fixed-base kernel refused window size {windowBits}.", nameof(windowBits));
        }

        result = status == 0 ? sum : default;
        return status == 0;
    }

    private static void CheckLengths(int bases, int digits)
    {
        if (bases != digits)
        {
            throw new ArgumentException($"bases has {bases} points but digits has {digits} digits.", nameof(digits));
        }
    }

    private static void CheckStatus(int status, int bucketCount)
    {
        if (status != 0)
        {
            throw new ArgumentException($"A digit's magnitude exceeds the bucket count {bucketCount}.", "digits");
        }
    }

    /// <summary>pod_kernel_table: the multiplication kind, ten struct sizes, then the function pointers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct KernelTable
    {
        public int MultiplyKind;
        public fixed int Sizes[10];
        public IntPtr FqMultiply;
        public IntPtr FrMultiply;
        public IntPtr Fq2Multiply;
        public IntPtr G1AccumulateBuckets;
        public IntPtr G1ReduceBuckets;
        public IntPtr G2AccumulateBuckets;
        public IntPtr G2ReduceBuckets;
        public IntPtr FrFft;
        public IntPtr FrMultiplyPointwise;
        public IntPtr FrQuotient;
        public IntPtr PoseidonHash;
        public IntPtr Bn254MillerLoop;
        public IntPtr Bn254FinalExponentiation;
        public IntPtr G1FixedBaseMsm;
    }
}
