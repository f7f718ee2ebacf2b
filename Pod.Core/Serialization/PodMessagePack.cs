using System.Buffers;
using System.Numerics;
using Pod.Cryptography.Signatures;
using Pod.Serialization.MessagePack;
using MessagePackWriter = MessagePack.MessagePackWriter;

namespace Pod.Serialization;

/// <summary>
/// A compact binary form of PODs for QR codes, NFC and storage, in MessagePack (layout in docs/formats.md):
/// <code>
/// [1, {name: value, ...}, signature (bin 64), signerPublicKey (bin 32)]
/// value: string -> str, int -> int, boolean -> bool, null -> nil, bytes -> bin,
///        cryptographic -> [0, bin (big-endian, no leading zero bytes)],
///        date -> [1, int (milliseconds)], eddsa_pubkey -> [2, bin 32 (packed)]
/// </code>
/// Decoding is strict: version 1 only, names in ordinal order without repeats, canonical integer
/// widths, no trailing bytes; any other input is a <see cref="FormatException"/>.
/// </summary>
public static class PodMessagePack
{
    /// <summary>The format version written first.</summary>
    public const int FormatVersion = 1;

    private const int CryptographicTag = 0;
    private const int DateTag = 1;
    private const int PublicKeyTag = 2;

    /// <summary>Writes the POD to a buffer writer.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Serialize(SignedPod pod, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(output);
        // The library's writer always picks the shortest form, as @msgpack/msgpack does; StrictMessagePackReader
        // accepts nothing else, so a POD has one byte form.
        scoped var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(4);
        writer.Write(FormatVersion);
        writer.WriteMapHeader(pod.Entries.Count);
        foreach (var (name, value) in pod.Entries)
        {
            writer.Write(name);
            WriteValue(ref writer, value);
        }

        Span<byte> buffer = stackalloc byte[EdDsaSignature.SizeInBytes];
        pod.Signature.WritePacked(buffer);
        writer.Write(buffer);
        pod.SignerPublicKey.WritePacked(buffer);
        writer.Write(buffer[..EdDsaPublicKey.SizeInBytes]);
        writer.Flush();
    }

    /// <summary>The POD as MessagePack bytes.</summary>
    /// <exception cref="ArgumentNullException">The POD is null.</exception>
    public static byte[] Serialize(SignedPod pod)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Serialize(pod, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a POD; the signature is not verified (call <see cref="SignedPod.Verify"/>).</summary>
    /// <exception cref="FormatException">The bytes are not a POD in this format; the message says where and why.</exception>
    public static SignedPod Deserialize(ReadOnlySpan<byte> bytes)
    {
        // The library reads from memory, not spans; a POD is small, and its values are copied out anyway.
        var reader = new StrictMessagePackReader(bytes.ToArray());
        if (reader.ReadArrayHeader() != 4)
        {
            throw new FormatException("A MessagePack POD is an array of 4: version, entries, signature, signer public key.");
        }

        ulong version = reader.ReadUInt64();
        if (version != FormatVersion)
        {
            throw new FormatException($"The MessagePack POD has format version {version}; this library reads version {FormatVersion}.");
        }

        int count = reader.ReadMapHeader();
        if (count == 0)
        {
            throw new FormatException("A MessagePack POD needs at least one entry.");
        }

        var entries = new List<KeyValuePair<string, PodValue>>(count);
        string? previous = null;
        for (int i = 0; i < count; i++)
        {
            int offset = reader.Position;
            string name = reader.ReadString();
            if (!PodNames.IsValid(name))
            {
                throw new FormatException($"Invalid POD entry name {PodNames.Describe(name)} at offset {offset}: names must match [A-Za-z_][A-Za-z0-9_]*.");
            }

            if (previous is not null && string.CompareOrdinal(previous, name) >= 0)
            {
                throw new FormatException($"The entry name {PodNames.Describe(name)} at offset {offset} is repeated or out of order: names must be unique and in ordinal order.");
            }

            entries.Add(new(name, ReadValue(ref reader, name)));
            previous = name;
        }

        int signatureOffset = reader.Position;
        ReadOnlySpan<byte> signatureBytes = reader.ReadBinary();
        if (!EdDsaSignature.TryFromPacked(signatureBytes, out EdDsaSignature signature))
        {
            throw new FormatException($"The signature at offset {signatureOffset} is not 64 bytes with R8 a packed curve point.");
        }

        int keyOffset = reader.Position;
        ReadOnlySpan<byte> keyBytes = reader.ReadBinary();
        if (!EdDsaPublicKey.TryFromPacked(keyBytes, out EdDsaPublicKey key))
        {
            throw new FormatException($"The signer public key at offset {keyOffset} is not 32 bytes holding a packed curve point.");
        }

        reader.EnsureEnd();
        return SignedPod.Load(PodEntries.Create(entries), signature, key);
    }

    private static void WriteValue(ref MessagePackWriter writer, PodValue value)
    {
        switch (value)
        {
            case PodStringValue s:
                writer.Write(s.Value);
                break;
            case PodIntValue i:
                writer.Write(i.Value);
                break;
            case PodBooleanValue b:
                writer.Write(b.Value);
                break;
            case PodBytesValue bytes:
                writer.Write(bytes.Value);
                break;
            case PodCryptographicValue c:
                writer.WriteArrayHeader(2);
                writer.Write(CryptographicTag);
                writer.Write(c.Value.IsZero ? [] : c.Value.ToByteArray(isUnsigned: true, isBigEndian: true));
                break;
            case PodDateValue d:
                writer.WriteArrayHeader(2);
                writer.Write(DateTag);
                writer.Write(d.Milliseconds);
                break;
            case PodEdDsaPublicKeyValue k:
                writer.WriteArrayHeader(2);
                writer.Write(PublicKeyTag);
                var packed = new byte[EdDsaPublicKey.SizeInBytes];
                k.Value.WritePacked(packed);
                writer.Write(packed);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static PodValue ReadValue(ref StrictMessagePackReader reader, string name)
    {
        int offset = reader.Position;
        switch (reader.PeekType())
        {
            case MessagePackType.String:
            {
                string text = reader.ReadString();
                return PodValueHashing.IsWellFormed(text)
                    ? PodValue.String(text)
                    : throw new FormatException($"The string of entry {PodNames.Describe(name)} at offset {offset} is not well-formed UTF-16.");
            }

            case MessagePackType.Integer:
                return PodValue.Int(reader.ReadInt64());
            case MessagePackType.Boolean:
                return PodValue.Boolean(reader.ReadBoolean());
            case MessagePackType.Nil:
                reader.ReadNil();
                return PodValue.Null;
            case MessagePackType.Binary:
                return PodValue.Bytes(reader.ReadBinary());
            case MessagePackType.Array:
                break;
            default:
                throw new FormatException($"The value of entry {PodNames.Describe(name)} at offset {offset} has a MessagePack type no POD value uses.");
        }

        if (reader.ReadArrayHeader() != 2)
        {
            throw new FormatException($"The typed value of entry {PodNames.Describe(name)} at offset {offset} must be an array of a tag and a payload.");
        }

        ulong tag = reader.ReadUInt64();
        switch (tag)
        {
            case CryptographicTag:
            {
                ReadOnlySpan<byte> bytes = reader.ReadBinary();
                if (bytes.Length > 32 || (bytes.Length > 0 && bytes[0] == 0))
                {
                    throw new FormatException($"The cryptographic value of entry {PodNames.Describe(name)} at offset {offset} must be at most 32 big-endian bytes without leading zeros.");
                }

                var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
                return value < Cryptography.Fields.Fr.Modulus
                    ? PodValue.Cryptographic(value)
                    : throw new FormatException($"The cryptographic value {value} of entry {PodNames.Describe(name)} is not below r.");
            }

            case DateTag:
            {
                long ms = reader.ReadInt64();
                return ms is >= PodValue.DateMinMilliseconds and <= PodValue.DateMaxMilliseconds
                    ? PodValue.Date(ms)
                    : throw new FormatException($"The date {ms} of entry {PodNames.Describe(name)} is outside the JavaScript Date range.");
            }

            case PublicKeyTag:
                return EdDsaPublicKey.TryFromPacked(reader.ReadBinary(), out EdDsaPublicKey key)
                    ? PodValue.EdDsaPublicKey(key)
                    : throw new FormatException($"The eddsa_pubkey value of entry {PodNames.Describe(name)} at offset {offset} is not a packed curve point.");
            default:
                throw new FormatException($"The typed value of entry {PodNames.Describe(name)} at offset {offset} has the unknown tag {tag}.");
        }
    }
}
