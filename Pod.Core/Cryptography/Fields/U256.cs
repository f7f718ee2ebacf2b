using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Pod.Cryptography.Fields;

/// <summary>
/// A 256-bit unsigned integer as four 64-bit limbs, least significant first, with the
/// carry-propagating primitives the field and scalar arithmetic is built from.
/// </summary>
internal readonly struct U256 : IEquatable<U256>
{
    public readonly ulong L0, L1, L2, L3;

    public U256(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public static U256 Zero => default;

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    public bool IsOdd => (L0 & 1) != 0;

    /// <summary>Bit <paramref name="i"/> (0 = least significant), for i in [0, 256).</summary>
    public int Bit(int i) => (int)((i switch
    {
        < 64 => L0,
        < 128 => L1,
        < 192 => L2,
        _ => L3,
    } >> (i & 63)) & 1);

    /// <summary>Bits 4i to 4i + 3, for i in [0, 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Nibble(int i) => (int)((i switch
    {
        < 16 => L0,
        < 32 => L1,
        < 48 => L2,
        _ => L3,
    } >> ((i & 15) * 4)) & 0xF);

    /// <summary>Number of significant bits (0 for zero).</summary>
    public int BitLength =>
        L3 != 0 ? 256 - BitOperations.LeadingZeroCount(L3)
        : L2 != 0 ? 192 - BitOperations.LeadingZeroCount(L2)
        : L1 != 0 ? 128 - BitOperations.LeadingZeroCount(L1)
        : 64 - BitOperations.LeadingZeroCount(L0);

    public bool Equals(U256 other) => ((L0 ^ other.L0) | (L1 ^ other.L1) | (L2 ^ other.L2) | (L3 ^ other.L3)) == 0;

    public override bool Equals(object? obj) => obj is U256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);

    /// <summary>True when this is below <paramref name="other"/> (not constant time in the operands' values).</summary>
    public bool LessThan(in U256 other)
    {
        ulong borrow = 0;
        SubtractWithBorrow(L0, other.L0, ref borrow);
        SubtractWithBorrow(L1, other.L1, ref borrow);
        SubtractWithBorrow(L2, other.L2, ref borrow);
        SubtractWithBorrow(L3, other.L3, ref borrow);
        return borrow != 0;
    }

    public static U256 FromLittleEndian(ReadOnlySpan<byte> bytes) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    public static U256 FromBigEndian(ReadOnlySpan<byte> bytes) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes));

    public void WriteLittleEndian(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, L0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], L1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], L2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], L3);
    }

    public void WriteBigEndian(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[24..], L0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[16..], L1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[8..], L2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination, L3);
    }

    /// <summary>Converts a value in [0, 2^256) to limbs.</summary>
    public static U256 FromBigInteger(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        if (value.Sign < 0 || !value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be in [0, 2^256).");
        }

        return FromLittleEndian(bytes);
    }

    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteLittleEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>
    /// The high word of a * b. mulx for the high half and a plain multiply for the low half keep both
    /// in registers; Math.BigMul's out parameter takes a local's address and sends it through memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        if (ArmBase.Arm64.IsSupported)
        {
            return ArmBase.Arm64.MultiplyHigh(a, b);
        }

        return Math.BigMul(a, b, out _);
    }


    /// <summary>Returns the high word of a * b + c; the low word goes to <paramref name="low"/>. Cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyAdd(ulong a, ulong b, ulong c, out ulong low)
    {
        unchecked
        {
            ulong high = MultiplyHigh(a, b);
            ulong product = a * b;
            low = product + c;
            return high + (low < product ? 1UL : 0UL);
        }
    }

    /// <summary>Returns the high word of a * b + c + d; the low word goes to <paramref name="low"/>. Cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyAdd(ulong a, ulong b, ulong c, ulong d, out ulong low)
    {
        unchecked
        {
            ulong high = MultiplyHigh(a, b);
            ulong product = a * b;
            ulong sum = product + c;
            high += sum < product ? 1UL : 0UL;
            low = sum + d;
            return high + (low < sum ? 1UL : 0UL);
        }
    }

    /// <summary>a + b + carry, with the carry (0 or 1) updated branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        unchecked
        {
            ulong sum = a + b + carry;
            carry = ((a & b) | ((a | b) & ~sum)) >> 63;
            return sum;
        }
    }

    /// <summary>a - b - borrow, with the borrow (0 or 1) updated branch-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractWithBorrow(ulong a, ulong b, ref ulong borrow)
    {
        unchecked
        {
            ulong difference = a - b - borrow;
            borrow = ((~a & b) | (~(a ^ b) & difference)) >> 63;
            return difference;
        }
    }

    /// <summary>a + b, with the carry out of the top limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Add(in U256 a, in U256 b, out ulong carry)
    {
        carry = 0;
        ulong r0 = AddWithCarry(a.L0, b.L0, ref carry);
        ulong r1 = AddWithCarry(a.L1, b.L1, ref carry);
        ulong r2 = AddWithCarry(a.L2, b.L2, ref carry);
        ulong r3 = AddWithCarry(a.L3, b.L3, ref carry);
        return new U256(r0, r1, r2, r3);
    }

    /// <summary>a - b, with the borrow out of the top limb.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Subtract(in U256 a, in U256 b, out ulong borrow)
    {
        borrow = 0;
        ulong r0 = SubtractWithBorrow(a.L0, b.L0, ref borrow);
        ulong r1 = SubtractWithBorrow(a.L1, b.L1, ref borrow);
        ulong r2 = SubtractWithBorrow(a.L2, b.L2, ref borrow);
        ulong r3 = SubtractWithBorrow(a.L3, b.L3, ref borrow);
        return new U256(r0, r1, r2, r3);
    }

    /// <summary>All ones for bit 1, zero for bit 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MaskOf(ulong bit) => unchecked(0UL - bit);

    /// <summary>mask == all ones ? a : b, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static U256 Select(ulong mask, in U256 a, in U256 b) => new(
        (a.L0 & mask) | (b.L0 & ~mask),
        (a.L1 & mask) | (b.L1 & ~mask),
        (a.L2 & mask) | (b.L2 & ~mask),
        (a.L3 & mask) | (b.L3 & ~mask));

    /// <summary>This value shifted right by one bit.</summary>
    public U256 ShiftRightOne() => new(
        (L0 >> 1) | (L1 << 63),
        (L1 >> 1) | (L2 << 63),
        (L2 >> 1) | (L3 << 63),
        L3 >> 1);
}
