using System.Runtime.InteropServices;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Native;

/// <summary>
/// pod_poseidon_parameters (Pod.Native/include/podnative.h): one width's Poseidon constants in the
/// sparse-matrix form, as pointers to the arrays of <see cref="Hashing.PoseidonOptimizedParameters"/>,
/// which are allocated pinned (on the pinned object heap) and live as long as the process, so the
/// pointers stay valid and the native kernel reads the managed code's own constants, with no copy.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct PoseidonKernelParameters
{
    public readonly uint Width;
    public readonly uint HalfFullRounds;
    public readonly uint PartialRounds;
    public readonly uint Reserved;
    public readonly Fr* FirstHalfConstants;
    public readonly Fr* PartialConstants;
    public readonly Fr* SecondHalfConstants;
    public readonly Fr* Mds;
    public readonly Fr* PreSparse;
    public readonly Fr* Sparse;

    /// <summary>The pointers to arrays that must have been allocated pinned (they are never unpinned).</summary>
    public PoseidonKernelParameters(int width, int halfFullRounds, int partialRounds, Fr[] firstHalfConstants, Fr[] partialConstants, Fr[] secondHalfConstants, Fr[] mds, Fr[] preSparse, Fr[] sparse)
    {
        Width = (uint)width;
        HalfFullRounds = (uint)halfFullRounds;
        PartialRounds = (uint)partialRounds;
        Reserved = 0;
        FirstHalfConstants = AddressOf(firstHalfConstants);
        PartialConstants = AddressOf(partialConstants);
        SecondHalfConstants = AddressOf(secondHalfConstants);
        Mds = AddressOf(mds);
        PreSparse = AddressOf(preSparse);
        Sparse = AddressOf(sparse);
    }

    private static Fr* AddressOf(Fr[] pinned) =>
        (Fr*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
