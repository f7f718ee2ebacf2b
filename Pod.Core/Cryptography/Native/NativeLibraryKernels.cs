using System.Runtime.InteropServices;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Native;

/// <summary>
/// The kernels of one loaded libpodnative (Pod.Native/include/podnative.h), reached through function
/// pointers: spans are pinned and passed as they are, since the C structs have the managed layouts. An
/// instance exists only for a library whose ABI version and layouts match and whose self-test agreed with
/// the managed code; the library then stays loaded for the life of the process.
/// </summary>
internal sealed unsafe class NativeLibraryKernels
{
    /// <summary>The ABI version this code was written against (POD_NATIVE_ABI_VERSION).</summary>
    private const int AbiVersion = 1;

    private readonly delegate* unmanaged[SuppressGCTransition]<Fq*, Fq*, Fq*, void> _multiply;
    private readonly delegate* unmanaged<RawAffinePoint<Fq>*, short*, nuint, XyzzPoint<Fq>*, nuint, int> _accumulate;
    private readonly delegate* unmanaged<XyzzPoint<Fq>*, nuint, XyzzPoint<Fq>*, void> _reduce;

    private NativeLibraryKernels(IntPtr handle, string source, int multiplyKind)
    {
        _multiply = (delegate* unmanaged[SuppressGCTransition]<Fq*, Fq*, Fq*, void>)NativeLibrary.GetExport(handle, "pod_fq_multiply");
        _accumulate = (delegate* unmanaged<RawAffinePoint<Fq>*, short*, nuint, XyzzPoint<Fq>*, nuint, int>)NativeLibrary.GetExport(handle, "pod_g1_accumulate_buckets");
        _reduce = (delegate* unmanaged<XyzzPoint<Fq>*, nuint, XyzzPoint<Fq>*, void>)NativeLibrary.GetExport(handle, "pod_g1_reduce_buckets");
        Source = source;
        MultiplyKind = multiplyKind == 0 ? "portable" : $"kind {multiplyKind}";
    }

    /// <summary>Where the library was loaded from.</summary>
    public string Source { get; }

    /// <summary>Which Fq multiplication the library runs: "portable" (the C code) is the only kind so far.</summary>
    public string MultiplyKind { get; }

    /// <summary>Loads the library at a path and checks it; null (and the library unloaded) when it fails.</summary>
    public static NativeLibraryKernels? TryLoad(string path, out string reason)
    {
        if (!NativeLibrary.TryLoad(path, out IntPtr handle))
        {
            reason = $"{path} could not be loaded";
            return null;
        }

        return TryCreate(handle, path, out reason);
    }

    /// <summary>Checks a loaded library; null (and the library unloaded) when it fails.</summary>
    internal static NativeLibraryKernels? TryCreate(IntPtr handle, string source, out string reason)
    {
        string? failure = Check(handle, source, out NativeLibraryKernels? kernels);
        if (failure is not null)
        {
            NativeLibrary.Free(handle);
            reason = failure;
            return null;
        }

        reason = $"{source}, {kernels!.MultiplyKind} Fq multiplication, self-test passed";
        return kernels;
    }

    private static string? Check(IntPtr handle, string source, out NativeLibraryKernels? kernels)
    {
        kernels = null;
        foreach (string name in (string[])["pod_native_abi_version", "pod_native_layout", "pod_native_fq_multiply_kind",
            "pod_fq_multiply", "pod_g1_accumulate_buckets", "pod_g1_reduce_buckets"])
        {
            if (!NativeLibrary.TryGetExport(handle, name, out _))
            {
                return $"{source} does not export {name}";
            }
        }

        int abi = ((delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "pod_native_abi_version"))();
        if (abi != AbiVersion)
        {
            return $"{source} has ABI version {abi}, not {AbiVersion}";
        }

        int layout = ((delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "pod_native_layout"))();
        int expected = (sizeof(XyzzPoint<Fq>) * 65536) + (sizeof(RawAffinePoint<Fq>) * 256) + sizeof(Fq);
        if (layout != expected)
        {
            return $"{source} has struct layout {layout:x}, not {expected:x}";
        }

        int multiplyKind = ((delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "pod_native_fq_multiply_kind"))();
        var candidate = new NativeLibraryKernels(handle, source, multiplyKind);
        string? selfTest = NativeSelfTest.Run(candidate);
        if (selfTest is not null)
        {
            return $"{source} failed its self-test: {selfTest}";
        }

        kernels = candidate;
        return null;
    }

    /// <summary>a * b * 2^-256 mod p in the native code.</summary>
    public Fq Multiply(in Fq a, in Fq b)
    {
        Fq x = a, y = b, result;
        _multiply(&x, &y, &result);
        return result;
    }

    /// <summary>
    /// buckets[|d| - 1] += sign(d) * bases[i] for each non-zero digit d = digits[i] and finite base, as
    /// <see cref="MultiScalarMultiplication{TField}.AccumulateBuckets"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths differ, or a digit exceeds the bucket count (nothing changed).</exception>
    public void AccumulateG1Buckets(ReadOnlySpan<RawAffinePoint<Fq>> bases, ReadOnlySpan<short> digits, Span<XyzzPoint<Fq>> buckets)
    {
        if (bases.Length != digits.Length)
        {
            throw new ArgumentException($"bases has {bases.Length} points but digits has {digits.Length} digits.", nameof(digits));
        }

        int status;
        fixed (RawAffinePoint<Fq>* b = bases)
        fixed (short* d = digits)
        fixed (XyzzPoint<Fq>* k = buckets)
        {
            status = _accumulate(b, d, (nuint)digits.Length, k, (nuint)buckets.Length);
        }

        if (status != 0)
        {
            throw new ArgumentException($"A digit's magnitude exceeds the bucket count {buckets.Length}.", nameof(digits));
        }
    }

    /// <summary>sum over k of (k + 1) * buckets[k], as <see cref="MultiScalarMultiplication{TField}.ReduceBuckets"/> computes it.</summary>
    public XyzzPoint<Fq> ReduceG1Buckets(ReadOnlySpan<XyzzPoint<Fq>> buckets)
    {
        XyzzPoint<Fq> result;
        fixed (XyzzPoint<Fq>* k = buckets)
        {
            _reduce(k, (nuint)buckets.Length, &result);
        }

        return result;
    }
}
