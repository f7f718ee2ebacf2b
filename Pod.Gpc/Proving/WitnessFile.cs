using System.Buffers.Binary;
using System.Numerics;
using Pod.Cryptography;
using Pod.Cryptography.Fields;

namespace Pod.Gpc.Proving;

/// <summary>
/// snarkjs's binary witness file (<c>.wtns</c>, version 2): the magic <c>wtns</c>, a version, two sections;
/// section 1 holds the field element size (32), the prime (r, little-endian) and the witness length,
/// section 2 the elements as plain (not Montgomery) little-endian integers below r.
/// </summary>
public static class WitnessFile
{
    private const int FieldBytes = 32;

    /// <summary>The bytes snarkjs's <c>wtns calculate</c> writes for this witness.</summary>
    public static byte[] Write(ReadOnlySpan<Fr> witness)
    {
        long size = 12 + 12 + 4 + FieldBytes + 4 + 12 + ((long)witness.Length * FieldBytes);
        byte[] bytes = new byte[size];
        Span<byte> span = bytes;
        "wtns"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], 8 + FieldBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], FieldBytes);
        Fr.Modulus.TryWriteBytes(span.Slice(28, FieldBytes), out _, isUnsigned: true);
        BinaryPrimitives.WriteUInt32LittleEndian(span[60..], (uint)witness.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[64..], 2);
        BinaryPrimitives.WriteUInt64LittleEndian(span[68..], (ulong)witness.Length * FieldBytes);
        for (int i = 0; i < witness.Length; i++)
        {
            witness[i].WriteBytes(span.Slice(76 + (i * FieldBytes), FieldBytes));
        }

        return bytes;
    }

    /// <summary>Reads a witness file (sections in any order, as snarkjs's reader allows).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a version 2 witness over BN254's scalar field, are truncated, or hold an element not below r.</exception>
    public static Fr[] Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("wtns"u8))
        {
            throw new InvalidDataException("The file is not a witness: it does not start with the magic \"wtns\".");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (version != 2)
        {
            throw new InvalidDataException($"The witness file's version is {version}; only version 2 is read.");
        }

        uint sections = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        int position = 12;
        int? count = null;
        ReadOnlySpan<byte> values = default;
        bool haveValues = false;
        for (uint s = 0; s < sections; s++)
        {
            if (bytes.Length - position < 12)
            {
                throw new InvalidDataException("The witness file is truncated in a section header.");
            }

            uint id = BinaryPrimitives.ReadUInt32LittleEndian(bytes[position..]);
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(position + 4)..]);
            position += 12;
            if (size > (ulong)(bytes.Length - position))
            {
                throw new InvalidDataException($"The witness file is truncated: section {id} declares {size} bytes.");
            }

            ReadOnlySpan<byte> section = bytes.Slice(position, (int)size);
            position += (int)size;
            if (id == 1)
            {
                if (section.Length != 8 + FieldBytes || BinaryPrimitives.ReadUInt32LittleEndian(section) != FieldBytes
                    || new BigInteger(section.Slice(4, FieldBytes), isUnsigned: true) != Fr.Modulus)
                {
                    throw new InvalidDataException("The witness file's header is not for BN254's scalar field (32-byte elements modulo r).");
                }

                count = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(section[(4 + FieldBytes)..]), int.MaxValue);
            }
            else if (id == 2)
            {
                values = section;
                haveValues = true;
            }
        }

        if (count is not int n || !haveValues)
        {
            throw new InvalidDataException("The witness file lacks its header (section 1) or its values (section 2).");
        }

        if (values.Length != (long)n * FieldBytes)
        {
            throw new InvalidDataException($"The witness file's values section holds {values.Length} bytes; {n} elements of {FieldBytes} bytes expected.");
        }

        var witness = new Fr[n];
        for (int i = 0; i < n; i++)
        {
            if (!Fr.TryFromCanonicalBytes(values.Slice(i * FieldBytes, FieldBytes), ByteOrder.LittleEndian, out witness[i]))
            {
                throw new InvalidDataException($"The witness file's element {i} is not below r.");
            }
        }

        return witness;
    }
}
