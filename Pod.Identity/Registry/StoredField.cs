using Pod.Cryptography;
using Pod.Cryptography.Fields;

namespace Pod.Identity.Registry;

/// <summary>How the database stores keep field elements: the canonical 32 bytes, big-endian (so byte order is numeric order).</summary>
internal static class StoredField
{
    public static byte[] Encode(Fr value) => value.ToBytes(ByteOrder.BigEndian);

    public static Fr Decode(byte[] bytes, string column)
    {
        if (!Fr.TryFromCanonicalBytes(bytes, ByteOrder.BigEndian, out Fr value))
        {
            throw new InvalidDataException(
                $"The column {column} holds {bytes.Length} bytes that are no canonical BN254 field element (32 bytes, big-endian, below r): the database was written by something else.");
        }

        return value;
    }
}
