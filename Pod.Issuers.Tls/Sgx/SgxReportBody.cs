using System.Buffers.Binary;

namespace Pod.Issuers.Tls.Sgx;

/// <summary>
/// The 384-byte SGX report body (sgx_report_body_t): cpusvn @0 (16), miscselect @16, attributes @48 (flags u64, xfrm u64),
/// MRENCLAVE @64, MRSIGNER @128, ISVPRODID @256, ISVSVN @258, report data @320 (64). Little-endian integers.
/// </summary>
internal static class SgxReportBody
{
    public const int SizeInBytes = 384;

    public static TeeIdentity Read(ReadOnlySpan<byte> body)
    {
        if (body.Length != SizeInBytes)
        {
            throw new ArgumentException($"An SGX report body is {SizeInBytes} bytes; got {body.Length}.", nameof(body));
        }

        ulong flags = BinaryPrimitives.ReadUInt64LittleEndian(body[48..]);
        return new TeeIdentity(
            MrEnclave: body.Slice(64, 32).ToArray(),
            MrSigner: body.Slice(128, 32).ToArray(),
            ProductId: BinaryPrimitives.ReadUInt16LittleEndian(body[256..]),
            Svn: BinaryPrimitives.ReadUInt16LittleEndian(body[258..]),
            Debug: (flags & 2) != 0,
            AttributeFlags: flags,
            ReportData: body.Slice(320, 64).ToArray());
    }

    public static ReadOnlySpan<byte> Attributes(ReadOnlySpan<byte> body) => body.Slice(48, 16);

    public static byte[] Write(ReadOnlySpan<byte> mrEnclave, ReadOnlySpan<byte> mrSigner, ushort productId, ushort svn, ulong flags, ReadOnlySpan<byte> reportData)
    {
        byte[] body = new byte[SizeInBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(48), flags);
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(56), 0x3); // XFRM: x87 | SSE
        mrEnclave.CopyTo(body.AsSpan(64, 32));
        mrSigner.CopyTo(body.AsSpan(128, 32));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(256), productId);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(258), svn);
        reportData.CopyTo(body.AsSpan(320, 64));
        return body;
    }
}
