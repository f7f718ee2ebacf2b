using System.Numerics;
using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>
/// Pod.Native's kernels against the managed code (differential, bit for bit), the self-test refusing a broken
/// library, and the backend choice. The library is the one test.sh builds with CMake and Pod.Core copies into
/// the output; these tests load it by path, so they run whichever backend POD_NATIVE selected.
/// </summary>
public sealed class NativeKernelsTests
{
    private static readonly Lazy<NativeLibraryKernels> Native = new(() =>
    {
        string path = NativeKernels.BundledLibraryPath;
        Assert.True(File.Exists(path), $"{path} is missing: build Pod.Native first (test.sh runs CMake on Pod.Native/).");
        NativeLibraryKernels? kernels = NativeLibraryKernels.TryLoad(path, out string reason);
        Assert.True(kernels is not null, reason);
        return kernels!;
    });

    private static readonly BigInteger Q = Fq.Modulus;

    /// <summary>Raw Montgomery representations below q, with 0, 1, 2, q - 1, q - 2, R mod q and limb boundaries one time in four.</summary>
    private static readonly Gen<U256> FqRaw = Generators.Below(Q,
        [0, 1, 2, Q - 1, Q - 2, BigInteger.Pow(2, 256) % Q, BigInteger.Pow(2, 64) - 1, BigInteger.Pow(2, 64), BigInteger.Pow(2, 192) - 1, (Q - 1) / 2])
        .Select(U256.FromBigInteger);

    [Fact]
    public void Backend_IsNativeOnLinuxX64_UnlessForcedManaged()
    {
        if (Environment.GetEnvironmentVariable(NativeKernels.EnvironmentVariable) == "0")
        {
            Assert.Null(NativeKernels.Active);
            Assert.Equal("managed", NativeKernels.Backend);
            Assert.Contains("POD_NATIVE=0", NativeKernels.Reason, StringComparison.Ordinal);
        }
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.True(NativeKernels.Active is not null, NativeKernels.Reason);
            Assert.Equal("native", NativeKernels.Backend);
            Assert.Contains("self-test passed", NativeKernels.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("managed", NativeKernels.Backend);
        }
    }

    [Fact]
    public void FqMultiply_MatchesManaged()
    {
        NativeLibraryKernels native = Native.Value;
        Prop.ForAll(Gen.Zip(FqRaw, FqRaw).ToArbitrary(), pair =>
        {
            (U256 a, U256 b) = pair;
            return native.Multiply(new Fq(a), new Fq(b)).Value.Equals(Montgomery<FqModulus>.Multiply(a, b));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void AccumulateAndReduceG1Buckets_MatchManagedBitForBit()
    {
        NativeLibraryKernels native = Native.Value;
        RawAffinePoint<Fq>[] pool = Pool();

        // Few buckets and a small pool, so buckets see repeated points (doubling), opposite points
        // (cancelling to infinity) and refills after infinity; zero digits and infinity bases are skipped.
        Gen<(int Buckets, (int Point, int Digit)[] Terms)> cases =
            Gen.Choose(1, 6).SelectMany(buckets =>
                Gen.Choose(0, 120).SelectMany(n =>
                    Gen.ArrayOf(Gen.Zip(Gen.Choose(0, pool.Length - 1), Gen.Choose(-buckets, buckets)), n)
                        .Select(terms => (buckets, terms))));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            RawAffinePoint<Fq>[] bases = c.Terms.Select(t => pool[t.Point]).ToArray();
            short[] digits = c.Terms.Select(t => (short)t.Digit).ToArray();
            var expected = new XyzzPoint<Fq>[c.Buckets];
            var actual = new XyzzPoint<Fq>[c.Buckets];
            MultiScalarMultiplication<Fq>.AccumulateBuckets(bases, digits, expected);

            // In two calls, as the multi-scalar multiplication feeds a window in chunks.
            int half = bases.Length / 2;
            native.AccumulateG1Buckets(bases.AsSpan(0, half), digits.AsSpan(0, half), actual);
            native.AccumulateG1Buckets(bases.AsSpan(half), digits.AsSpan(half), actual);

            return Bytes(actual).SequenceEqual(Bytes(expected))
                && Bytes([native.ReduceG1Buckets(expected)]).SequenceEqual(Bytes([MultiScalarMultiplication<Fq>.ReduceBuckets(expected)]));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void ReduceG1Buckets_EqualAndOppositeBuckets_MatchManaged()
    {
        // Running sums that meet an equal point (doubling inside the addition) and its opposite (infinity).
        NativeLibraryKernels native = Native.Value;
        RawAffinePoint<Fq>[] pool = Pool();
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

    [Fact]
    public void AccumulateG1Buckets_DigitBeyondBuckets_ThrowsAndChangesNothing()
    {
        NativeLibraryKernels native = Native.Value;
        RawAffinePoint<Fq>[] pool = Pool();
        var buckets = new XyzzPoint<Fq>[2];
        RawAffinePoint<Fq>[] bases = [pool[0], pool[1]];
        ArgumentException error = Assert.Throws<ArgumentException>(() => native.AccumulateG1Buckets(bases, [1, -3], buckets));
        Assert.Equal("digits", error.ParamName);
        Assert.All(buckets, b => Assert.True(b.IsInfinity));

        Assert.Throws<ArgumentException>(() => native.AccumulateG1Buckets(bases, [1], buckets));
    }

    [Fact]
    public void TryLoad_DeliberatelyBrokenLibrary_IsRefusedBySelfTest()
    {
        // Built by Pod.Native's CMake with a sign error in the mixed addition: its field multiplication is
        // right, so only the bucket check can refuse it.
        string path = Path.Combine(AppContext.BaseDirectory, "libpodnative_broken_for_tests.so");
        Assert.True(File.Exists(path), $"{path} is missing: build Pod.Native first (test.sh runs CMake on Pod.Native/).");
        Assert.Null(NativeLibraryKernels.TryLoad(path, out string reason));
        Assert.Contains("self-test", reason, StringComparison.Ordinal);
        Assert.Contains("bucket accumulation", reason, StringComparison.Ordinal);
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
        Assert.Contains("failed its self-test", reason, StringComparison.Ordinal);

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

    /// <summary>G, 2G, 3G, -G, -2G and the point at infinity.</summary>
    private static RawAffinePoint<Fq>[] Pool()
    {
        JacobianPoint<Fq> g = Bn254Curve.G1Generator.ToJacobian();
        CurvePoint<Fq>[] points =
        [
            g.ToAffine(), JacobianPoint<Fq>.Multiply(g, 2).ToAffine(), JacobianPoint<Fq>.Multiply(g, 3).ToAffine(),
            g.Negate().ToAffine(), JacobianPoint<Fq>.Multiply(g, 2).Negate().ToAffine(), CurvePoint<Fq>.Infinity,
        ];
        return points.Select(p => RawAffinePoint<Fq>.FromCurvePoint(p)).ToArray();
    }

    private static byte[] Bytes(XyzzPoint<Fq>[] points) => MemoryMarshal.AsBytes<XyzzPoint<Fq>>(points).ToArray();
}
