using Pod.Cryptography.Native;

namespace Pod.Benchmarks;

/// <summary>The kernel backends a benchmark's <c>Backend</c> parameter names (managed, portable, mulx), so one run compares them.</summary>
internal static class BenchmarkBackends
{
    /// <summary>null for "managed", else that kind's kernel table from the bundled library (which must load).</summary>
    public static NativeLibraryKernels? Load(string backend)
    {
        if (backend == "managed")
        {
            return null;
        }

        int kind = backend == "mulx" ? NativeLibraryKernels.MulxMultiply : NativeLibraryKernels.PortableMultiply;
        return NativeLibraryKernels.TryLoad(NativeKernels.BundledLibraryPath, out string reason, kind)
            ?? throw new InvalidOperationException($"No {backend} kernels: {reason}");
    }
}
