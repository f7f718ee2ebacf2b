using System.Runtime.InteropServices;

namespace Pod.Cryptography.Native;

/// <summary>
/// The one seam between Pod's managed code and the optional native kernels of Pod.Native (libpodnative.so).
/// The choice is made once, on first use: on linux-x64, unless POD_NATIVE=0, the library is loaded from
/// the application (the NuGet package's runtimes/linux-x64/native asset, or the copy a project reference
/// puts under runtimes/linux-x64/native), and one of its kernel tables is used: the MULX/ADCX/ADOX one
/// when the processor has BMI2 and ADX, else the portable C one, only when its layouts match and its
/// self-test gives the managed code's answers bit for bit. Anything else leaves the managed code in place,
/// silently; <see cref="Backend"/>, <see cref="MultiplyKind"/> and <see cref="Reason"/> say which
/// backend and multiplication run, and why. Signing never goes native; Poseidon, whose inputs may be
/// secret, does, and its kernel is constant time (docs/native.md).
/// </summary>
internal static class NativeKernels
{
    /// <summary>The environment variable that forces the managed code when set to 0 (and the portable C multiplication when set to "portable").</summary>
    internal const string EnvironmentVariable = "POD_NATIVE";

    /// <summary>The value of <see cref="EnvironmentVariable"/> that keeps the native kernels on the portable C multiplication.</summary>
    internal const string PortableValue = "portable";

    private const string LibraryName = "podnative";

    private static readonly (NativeLibraryKernels? Kernels, string Reason) Selected =
        Select(Environment.GetEnvironmentVariable(EnvironmentVariable), libraryPath: null);

    /// <summary>The native kernels when they passed their checks; null when the managed code runs.</summary>
    public static NativeLibraryKernels? Active => Selected.Kernels;

    /// <summary>"native" or "managed": the backend of the kernels (MSM buckets in G1 and G2, FFTs, Poseidon, the pairing).</summary>
    public static string Backend => Selected.Kernels is null ? "managed" : "native";

    /// <summary>The native kernels' Montgomery multiplication, "mulx" or "portable"; "managed" when the managed code runs.</summary>
    public static string MultiplyKind => Selected.Kernels?.MultiplyKind ?? "managed";

    /// <summary>Where the native library came from, or why the managed code runs.</summary>
    public static string Reason => Selected.Reason;

    /// <summary>The path a project reference copies the library to, below the application's directory.</summary>
    internal static string BundledLibraryPath =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "lib" + LibraryName + ".so");

    /// <summary>
    /// The start-up choice: the kernels, or null with the reason the managed code runs. A null
    /// <paramref name="libraryPath"/> searches as described above; tests pass one to see a given library
    /// chosen or refused.
    /// </summary>
    internal static (NativeLibraryKernels? Kernels, string Reason) Select(string? podNative, string? libraryPath)
    {
        if (podNative == "0")
        {
            return (null, EnvironmentVariable + "=0 forces the managed code");
        }

        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return (null, $"no native kernels are built for {RuntimeInformation.RuntimeIdentifier}");
        }

        // POD_NATIVE=portable keeps the portable C multiplication even where MULX runs (for same-sitting comparisons).
        int? kind = podNative == PortableValue ? NativeLibraryKernels.PortableMultiply : null;
        if (libraryPath is not null)
        {
            NativeLibraryKernels? given = NativeLibraryKernels.TryLoad(libraryPath, out string givenReason, kind);
            return (given, givenReason);
        }

        // A NuGet consumer's deps.json names the package's native asset, which the assembly-relative
        // search finds; a project reference leaves the file under runtimes/ in the output directory.
        if (NativeLibrary.TryLoad(LibraryName, typeof(NativeKernels).Assembly, null, out IntPtr handle))
        {
            NativeLibraryKernels? kernels = NativeLibraryKernels.TryCreate(handle, "lib" + LibraryName + " (default search)", out string reason, kind);
            return (kernels, reason);
        }

        if (!File.Exists(BundledLibraryPath))
        {
            return (null, "lib" + LibraryName + ".so was not found");
        }

        NativeLibraryKernels? bundled = NativeLibraryKernels.TryLoad(BundledLibraryPath, out string bundledReason, kind);
        return (bundled, bundledReason);
    }
}
