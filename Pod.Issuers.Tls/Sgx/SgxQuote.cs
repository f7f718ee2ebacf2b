using System.Buffers.Binary;

namespace Pod.Issuers.Tls.Sgx;

/// <summary>
/// A parsed SGX DCAP quote, version 3 (Intel SGX ECDSA Quote Library reference, "Quote Format"): header @0 (48 bytes:
/// version u16, attestation key type u16, reserved u32, QE SVN u16, PCE SVN u16, QE vendor id 16, user data 20), ISV report
/// body @48 (384), signature data length u32 @432, signature data @436: quote signature (64, r ‖ s), attestation key
/// (64, x ‖ y), QE report body (384), QE report signature (64), QE authentication data (u16 length + bytes),
/// certification data (type u16, size u32, data). Optionally behind the 16-byte Open Enclave / EGo header
/// (u32 version 1, u32 type 2 = SGX remote, u64 size). Parsing is strict: every length must add up exactly.
/// </summary>
internal sealed class SgxQuote
{
    public const int HeaderSize = 48;
    public const int SignedSize = HeaderSize + SgxReportBody.SizeInBytes; // 432
    public const ushort PckCertChainType = 5;
    private const int SignatureDataOffset = SignedSize + 4;
    private static readonly byte[] IntelQeVendorId = Convert.FromHexString("939A7233F79C4CA9940A0DB3957F0607");

    private SgxQuote(byte[] raw, int qeAuthLength, ushort certType, int certOffset, int certLength)
    {
        Raw = raw;
        _qeAuthLength = qeAuthLength;
        CertificationDataType = certType;
        _certOffset = certOffset;
        _certLength = certLength;
    }

    private readonly int _qeAuthLength;
    private readonly int _certOffset;
    private readonly int _certLength;

    /// <summary>The quote without any OE header.</summary>
    public byte[] Raw { get; }

    public ReadOnlySpan<byte> Signed => Raw.AsSpan(0, SignedSize);

    public ReadOnlySpan<byte> IsvReportBody => Raw.AsSpan(HeaderSize, SgxReportBody.SizeInBytes);

    public ReadOnlySpan<byte> QuoteSignature => Raw.AsSpan(SignatureDataOffset, 64);

    public ReadOnlySpan<byte> AttestationKey => Raw.AsSpan(SignatureDataOffset + 64, 64);

    public ReadOnlySpan<byte> QeReportBody => Raw.AsSpan(SignatureDataOffset + 128, SgxReportBody.SizeInBytes);

    public ReadOnlySpan<byte> QeReportSignature => Raw.AsSpan(SignatureDataOffset + 512, 64);

    public ReadOnlySpan<byte> QeAuthData => Raw.AsSpan(SignatureDataOffset + 578, _qeAuthLength);

    public ushort CertificationDataType { get; }

    public ReadOnlySpan<byte> CertificationData => Raw.AsSpan(_certOffset, _certLength);

    /// <exception cref="IssuanceRefusal">UnsupportedQuoteVersion or QuoteParseError.</exception>
    public static SgxQuote Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 16 && BinaryPrimitives.ReadUInt32LittleEndian(data) == 1 && BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) == 2)
        {
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(data[8..]);
            if (size != (ulong)(data.Length - 16))
            {
                throw TlsIssuanceErrors.MalformedQuote($"The Open Enclave header gives size {size} but {data.Length - 16} bytes follow.");
            }

            data = data[16..];
        }

        if (data.Length < HeaderSize)
        {
            throw TlsIssuanceErrors.MalformedQuote($"A quote needs at least {HeaderSize} bytes; got {data.Length}.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(data);
        uint teeType = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (version != 3 || teeType != 0)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UnsupportedQuoteVersion,
                $"Only SGX quotes of version 3 are supported; got version {version}, TEE type 0x{teeType:X}.");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(data[2..]) != 2)
        {
            throw TlsIssuanceErrors.MalformedQuote("The attestation key type is not 2 (ECDSA P-256).");
        }

        if (!data.Slice(12, 16).SequenceEqual(IntelQeVendorId))
        {
            throw TlsIssuanceErrors.MalformedQuote("The QE vendor id is not Intel's.");
        }

        const int fixedSignatureData = 64 + 64 + SgxReportBody.SizeInBytes + 64 + 2;
        if (data.Length < SignatureDataOffset + fixedSignatureData + 6)
        {
            throw TlsIssuanceErrors.MalformedQuote($"The quote is {data.Length} bytes, too short for its signature data.");
        }

        uint sigLength = BinaryPrimitives.ReadUInt32LittleEndian(data[SignedSize..]);
        if (sigLength != (uint)(data.Length - SignatureDataOffset))
        {
            throw TlsIssuanceErrors.MalformedQuote($"The signature data length {sigLength} is not the quote length minus {SignatureDataOffset} ({data.Length - SignatureDataOffset}).");
        }

        int p = SignatureDataOffset + fixedSignatureData - 2;
        int qeAuth = BinaryPrimitives.ReadUInt16LittleEndian(data[p..]);
        p += 2 + qeAuth;
        if (p + 6 > data.Length)
        {
            throw TlsIssuanceErrors.MalformedQuote("The QE authentication data overruns the quote.");
        }

        ushort certType = BinaryPrimitives.ReadUInt16LittleEndian(data[p..]);
        uint certSize = BinaryPrimitives.ReadUInt32LittleEndian(data[(p + 2)..]);
        p += 6;
        if (certSize != (uint)(data.Length - p))
        {
            throw TlsIssuanceErrors.MalformedQuote($"The certification data size {certSize} does not fill the remaining {data.Length - p} bytes.");
        }

        return new SgxQuote(data.ToArray(), qeAuth, certType, p, (int)certSize);
    }
}
