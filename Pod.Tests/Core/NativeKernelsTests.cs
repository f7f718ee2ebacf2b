using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>
/// Pod.Native's kernels against the managed code (differential, bit for bit, on random inputs with the
/// fields' edge values and points at infinity mixed in), for each multiplication kind (portable C, and
/// MULX/ADCX/ADOX where the processor has it), the self-test refusing a broken library, and the backend choice. The library is the one test.sh builds with CMake and Pod.Core copies into
/// the output; these tests load it by path, so they run whichever backend POD_NATIVE selected.
/// </summary>
public sealed partial class NativeKernelsTests
{
    /// <summary>The multiplication kinds: every differential test runs on each table the library has for this processor.</summary>
    public static TheoryData<string> Kinds => new("portable", "mulx");

    private static readonly Dictionary<string, Lazy<NativeLibraryKernels?>> Tables = new()
    {
        ["portable"] = new(() => Load(NativeLibraryKernels.PortableMultiply)),
        ["mulx"] = new(() => ProcessorHasMulx() ? Load(NativeLibraryKernels.MulxMultiply) : null),
    };

    private static readonly BigInteger Q = Fq.Modulus;
    private static readonly BigInteger R = Fr.Modulus;

    /// <summary>Raw Montgomery representations below q, with 0, 1, 2, q - 1, q - 2, R mod q and limb boundaries one time in four.</summary>
    private static readonly Gen<U256> FqRaw = Generators.Below(Q,
        [0, 1, 2, Q - 1, Q - 2, BigInteger.Pow(2, 256) % Q, BigInteger.Pow(2, 64) - 1, BigInteger.Pow(2, 64), BigInteger.Pow(2, 192) - 1, (Q - 1) / 2])
        .Select(U256.FromBigInteger);

    /// <summary>The same below r.</summary>
    private static readonly Gen<U256> FrRaw = Generators.Below(R,
        [0, 1, 2, R - 1, R - 2, BigInteger.Pow(2, 256) % R, BigInteger.Pow(2, 64) - 1, BigInteger.Pow(2, 64), BigInteger.Pow(2, 192) - 1, (R - 1) / 2])
        .Select(U256.FromBigInteger);

    [Fact]
    public void Backend_IsNativeOnLinuxX64_UnlessForcedManaged()
    {
        if (Environment.GetEnvironmentVariable(NativeKernels.EnvironmentVariable) == "0")
        {
            Assert.Null(NativeKernels.Active);
            Assert.Equal("managed", NativeKernels.Backend);
            Assert.Equal("managed", NativeKernels.MultiplyKind);
            Assert.Contains("POD_NATIVE=0", NativeKernels.Reason, StringComparison.Ordinal);
        }
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.True(NativeKernels.Active is not null, NativeKernels.Reason);
            Assert.Equal("native", NativeKernels.Backend);
            string expected = ProcessorHasMulx() && Environment.GetEnvironmentVariable(NativeKernels.EnvironmentVariable) != "portable" ? "mulx" : "portable";
            Assert.Equal(expected, NativeKernels.MultiplyKind);
            Assert.Contains("self-test passed", NativeKernels.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("managed", NativeKernels.Backend);
        }
    }

    [Fact]
    public void MulxTable_IsOfferedExactlyWhenTheProcessorHasBmi2AndAdx()
    {
        NativeLibraryKernels? mulx = NativeLibraryKernels.TryLoad(LibraryPath(), out string reason, NativeLibraryKernels.MulxMultiply);
        if (ProcessorHasMulx())
        {
            Assert.True(mulx is not null, reason);
            Assert.Equal("mulx", mulx!.MultiplyKind);
        }
        else
        {
            Assert.Null(mulx);
            Assert.Contains("no mulx kernels", reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FqMultiply_MatchesManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Prop.ForAll(Gen.Zip(FqRaw, FqRaw).ToArbitrary(), pair =>
        {
            (U256 a, U256 b) = pair;
            return native.Multiply(new Fq(a), new Fq(b)).Value.Equals(Montgomery<FqModulus>.Multiply(a, b));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FrMultiply_MatchesManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Prop.ForAll(Gen.Zip(FrRaw, FrRaw).ToArbitrary(), pair =>
        {
            (U256 a, U256 b) = pair;
            return native.Multiply(new Fr(a), new Fr(b)).Value.Equals(Montgomery<FrModulus>.Multiply(a, b));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fq2Multiply_MatchesManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Gen<Fq2> element = Gen.Zip(FqRaw, FqRaw).Select(p => new Fq2(new Fq(p.Item1), new Fq(p.Item2)));
        Prop.ForAll(Gen.Zip(element, element).ToArbitrary(), pair =>
            native.Multiply(pair.Item1, pair.Item2) == Fq2.Multiply(pair.Item1, pair.Item2)).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AccumulateAndReduceG1Buckets_MatchManagedBitForBit(string kind)
    {
        if (Table(kind) is { } native)
        {
            CheckBuckets(Pool(Bn254Curve.G1Generator), native.AccumulateG1Buckets, native.ReduceG1Buckets, 200);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AccumulateAndReduceG2Buckets_MatchManagedBitForBit(string kind)
    {
        if (Table(kind) is { } native)
        {
            CheckBuckets(Pool(Bn254Curve.G2Generator), native.AccumulateG2Buckets, native.ReduceG2Buckets, 60);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ReduceG1Buckets_EqualAndOppositeBuckets_MatchManaged(string kind)
    {
        // Running sums that meet an equal point (doubling inside the addition) and its opposite (infinity).
        if (Table(kind) is not { } native)
        {
            return;
        }

        RawAffinePoint<Fq>[] pool = Pool(Bn254Curve.G1Generator);
        XyzzPoint<Fq> g = default, minusG = default, twoG = default;
        g.AddAffine(pool[0].X, pool[0].Y);
        minusG.SubtractAffine(pool[0].X, pool[0].Y);
        twoG.AddAffine(pool[1].X, pool[1].Y);
        XyzzPoint<Fq>[][] cases = [[g, g], [minusG, g], [g, minusG, g], [default, g, default], [twoG, g, minusG, minusG], []];
        foreach (XyzzPoint<Fq>[] buckets in cases)
        {
            Assert.Equal(Bytes([MultiScalarMultiplication<Fq>.ReduceBuckets(buckets)]), Bytes([native.ReduceG1Buckets(buckets)]));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AccumulateBuckets_DigitBeyondBuckets_ThrowsAndChangesNothing(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        RawAffinePoint<Fq>[] pool = Pool(Bn254Curve.G1Generator);
        var buckets = new XyzzPoint<Fq>[2];
        RawAffinePoint<Fq>[] bases = [pool[0], pool[1]];
        ArgumentException error = Assert.Throws<ArgumentException>(() => native.AccumulateG1Buckets(bases, [1, -3], buckets));
        Assert.Equal("digits", error.ParamName);
        Assert.All(buckets, b => Assert.True(b.IsInfinity));
        Assert.Throws<ArgumentException>(() => native.AccumulateG1Buckets(bases, [1], buckets));

        RawAffinePoint<Fq2>[] bases2 = Pool(Bn254Curve.G2Generator)[..2];
        var buckets2 = new XyzzPoint<Fq2>[2];
        Assert.Equal("digits", Assert.Throws<ArgumentException>(() => native.AccumulateG2Buckets(bases2, [3, 1], buckets2)).ParamName);
        Assert.All(buckets2, b => Assert.True(b.IsInfinity));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FftBothWays_PointwiseAndQuotient_MatchManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Gen<(int Log2, U256[] Values)> cases = Gen.Choose(0, 11).SelectMany(log2 =>
            Gen.ArrayOf(FrRaw, 3 << log2).Select(values => (log2, values)));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var domain = new FrDomain(c.Log2);
            int n = domain.Size;
            Fr[] all = c.Values.Select(v => new Fr(v)).ToArray();
            Fr[] values = all[..n], factors = all[n..(2 * n)], other = all[(2 * n)..];

            Fr[] expected = values.ToArray(), actual = values.ToArray();
            domain.FftManaged(expected);
            native.Fft(actual, c.Log2, domain.Twiddles, scale: null);
            bool forward = expected.AsSpan().SequenceEqual(actual);

            domain.InverseFftManaged(expected);
            native.Fft(actual, c.Log2, domain.InverseTwiddles, domain.SizeInverse);
            bool inverse = expected.AsSpan().SequenceEqual(actual) && expected.AsSpan().SequenceEqual(values);

            FrDomain.MultiplyPointwiseManaged(expected, factors);
            native.MultiplyPointwise(actual, factors);
            bool pointwise = expected.AsSpan().SequenceEqual(actual);

            U256[] h = new U256[n], hNative = new U256[n];
            FrDomain.QuotientManaged(expected, factors, other, h);
            native.Quotient(expected, factors, other, hNative);
            return forward && inverse && pointwise && h.AsSpan().SequenceEqual(hNative);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FrKernels_WrongLengths_Throw(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        var domain = new FrDomain(3);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => native.Fft(new Fr[7], 3, domain.Twiddles, null)).ParamName);
        Assert.Equal("twiddles", Assert.Throws<ArgumentException>(() => native.Fft(new Fr[8], 3, domain.Twiddles[..3], null)).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => native.MultiplyPointwise(new Fr[8], new Fr[7])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => native.Quotient(new Fr[8], new Fr[8], new Fr[8], new U256[7])).ParamName);
    }

    [Fact]
    public void TryLoad_DeliberatelyBrokenLibrary_IsRefusedBySelfTest()
    {
        // Built by Pod.Native's CMake with a sign error in the mixed addition: its field multiplication is
        // right, so only the bucket check can refuse it.
        string path = Path.Combine(AppContext.BaseDirectory, "libpodnative_broken_for_tests.so");
        Assert.True(File.Exists(path), $"{path} is missing: build Pod.Native first (test.sh runs CMake on Pod.Native/).");
        Assert.Null(NativeLibraryKernels.TryLoad(path, out string reason));
        Assert.Contains("portable: self-test failed: the G1 bucket accumulation differs", reason, StringComparison.Ordinal);
        Assert.Null(NativeLibraryKernels.TryLoad(path, out reason, NativeLibraryKernels.PortableMultiply));
        Assert.Contains("G1 bucket accumulation", reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// Libraries built by Pod.Native's CMake with one error in one kernel, every other kernel right: the widest
    /// Poseidon (the last round of t = 17 reads M's second row), so only a self-test that tries 16 inputs refuses
    /// it; the pairing (one wrong factor in the final exponentiation's hard part, the Miller loop right), so only a
    /// self-test that pairs refuses it.
    /// </summary>
    [Theory]
    [InlineData("libpodnative_broken_poseidon_for_tests.so", "Poseidon with 16 inputs")]
    [InlineData("libpodnative_broken_pairing_for_tests.so", "the pairing's final exponentiation")]
    public void TryLoad_LibraryBrokenInOneKernelOnly_IsRefusedBySelfTest(string library, string failure)
    {
        string path = Path.Combine(AppContext.BaseDirectory, library);
        Assert.True(File.Exists(path), $"{path} is missing: build Pod.Native first (test.sh runs CMake on Pod.Native/).");
        Assert.Null(NativeLibraryKernels.TryLoad(path, out string reason, NativeLibraryKernels.PortableMultiply));
        Assert.Contains($"portable: self-test failed: {failure} (portable) differs", reason, StringComparison.Ordinal);

        (NativeLibraryKernels? kernels, reason) = NativeKernels.Select(podNative: null, path);
        Assert.Null(kernels);
        Assert.Contains(failure, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_FallsBackToManaged_ForABrokenOrMissingLibraryOrPodNativeZero()
    {
        string broken = Path.Combine(AppContext.BaseDirectory, "libpodnative_broken_for_tests.so");
        string missing = Path.Combine(AppContext.BaseDirectory, "no-such-directory", "libpodnative.so");
        string good = NativeKernels.BundledLibraryPath;
        Assert.True(File.Exists(broken) && File.Exists(good), "build Pod.Native first (test.sh runs CMake on Pod.Native/).");

        (NativeLibraryKernels? kernels, string reason) = NativeKernels.Select(podNative: null, broken);
        Assert.Null(kernels);
        Assert.Contains("self-test failed", reason, StringComparison.Ordinal);

        (kernels, reason) = NativeKernels.Select(podNative: null, missing);
        Assert.Null(kernels);
        Assert.Contains("could not be loaded", reason, StringComparison.Ordinal);

        (kernels, reason) = NativeKernels.Select(podNative: "0", good);
        Assert.Null(kernels);
        Assert.Contains("POD_NATIVE=0", reason, StringComparison.Ordinal);

        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            (kernels, reason) = NativeKernels.Select(podNative: "1", good);
            Assert.True(kernels is not null, reason);
            Assert.Equal(ProcessorHasMulx() ? "mulx" : "portable", kernels!.MultiplyKind);
            (kernels, reason) = NativeKernels.Select(podNative: "portable", good);
            Assert.True(kernels is not null, reason);
            Assert.Equal("portable", kernels!.MultiplyKind);
        }
    }

    [Fact]
    public void TryLoad_MissingLibrary_IsRefused()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "no-such-directory", "libpodnative.so");
        Assert.Null(NativeLibraryKernels.TryLoad(path, out string reason));
        Assert.Contains("could not be loaded", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_LibraryWithoutTheKernels_IsRefused()
    {
        // Any shared library that is not Pod.Native's: the C library itself.
        Assert.Null(NativeLibraryKernels.TryLoad("libc.so.6", out string reason));
        Assert.Contains("does not export pod_native_abi_version", reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// Few buckets and a small pool, so buckets see repeated points (doubling), opposite points (cancelling
    /// to infinity) and refills after infinity; zero digits and infinity bases are skipped. Fed in two
    /// calls, as the multi-scalar multiplication feeds a window in chunks.
    /// </summary>
    private static void CheckBuckets<TField>(
        RawAffinePoint<TField>[] pool,
        AccumulateKernel<TField> accumulate,
        Func<ReadOnlySpan<XyzzPoint<TField>>, XyzzPoint<TField>> reduce,
        int tests)
        where TField : struct, ICurveCoordinateField<TField>
    {
        Gen<(int Buckets, (int Point, int Digit)[] Terms)> cases =
            Gen.Choose(1, 6).SelectMany(buckets =>
                Gen.Choose(0, 120).SelectMany(n =>
                    Gen.ArrayOf(Gen.Zip(Gen.Choose(0, pool.Length - 1), Gen.Choose(-buckets, buckets)), n)
                        .Select(terms => (buckets, terms))));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            RawAffinePoint<TField>[] bases = c.Terms.Select(t => pool[t.Point]).ToArray();
            short[] digits = c.Terms.Select(t => (short)t.Digit).ToArray();
            var expected = new XyzzPoint<TField>[c.Buckets];
            var actual = new XyzzPoint<TField>[c.Buckets];
            MultiScalarMultiplication<TField>.AccumulateBuckets(bases, digits, expected);
            int half = bases.Length / 2;
            accumulate(bases.AsSpan(0, half), digits.AsSpan(0, half), actual);
            accumulate(bases.AsSpan(half), digits.AsSpan(half), actual);

            return Bytes(actual).SequenceEqual(Bytes(expected))
                && Bytes([reduce(expected)]).SequenceEqual(Bytes([MultiScalarMultiplication<TField>.ReduceBuckets(expected)]));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(tests));
    }

    private delegate void AccumulateKernel<TField>(ReadOnlySpan<RawAffinePoint<TField>> bases, ReadOnlySpan<short> digits, Span<XyzzPoint<TField>> buckets)
        where TField : struct, ICurveCoordinateField<TField>;

    /// <summary>The table of a kind; null only for mulx on a processor without BMI2 and ADX (its refusal is tested above).</summary>
    private static NativeLibraryKernels? Table(string kind) => Tables[kind].Value;

    private static NativeLibraryKernels Load(int kind)
    {
        NativeLibraryKernels? kernels = NativeLibraryKernels.TryLoad(LibraryPath(), out string reason, kind);
        Assert.True(kernels is not null, reason);
        return kernels!;
    }

    private static string LibraryPath()
    {
        string path = NativeKernels.BundledLibraryPath;
        Assert.True(File.Exists(path), $"{path} is missing: build Pod.Native first (test.sh runs CMake on Pod.Native/).");
        return path;
    }

    /// <summary>CPUID leaf 7: EBX bit 8 is BMI2, bit 19 is ADX.</summary>
    private static bool ProcessorHasMulx()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        (_, int ebx, _, _) = X86Base.CpuId(7, 0);
        return (ebx & (1 << 8)) != 0 && (ebx & (1 << 19)) != 0;
    }

    /// <summary>G, 2G, 3G, -G, -2G and the point at infinity.</summary>
    private static RawAffinePoint<TField>[] Pool<TField>(CurvePoint<TField> generator)
        where TField : struct, ICurveCoordinateField<TField>
    {
        JacobianPoint<TField> g = generator.ToJacobian();
        CurvePoint<TField>[] points =
        [
            g.ToAffine(), JacobianPoint<TField>.Multiply(g, 2).ToAffine(), JacobianPoint<TField>.Multiply(g, 3).ToAffine(),
            g.Negate().ToAffine(), JacobianPoint<TField>.Multiply(g, 2).Negate().ToAffine(), CurvePoint<TField>.Infinity,
        ];
        return points.Select(p => RawAffinePoint<TField>.FromCurvePoint(p)).ToArray();
    }

    private static byte[] Bytes<TField>(XyzzPoint<TField>[] points)
        where TField : struct, ICurveCoordinateField<TField> =>
        MemoryMarshal.AsBytes<XyzzPoint<TField>>(points).ToArray();
}
