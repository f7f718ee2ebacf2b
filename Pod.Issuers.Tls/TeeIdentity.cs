namespace Pod.Issuers.Tls;

/// <summary>The identity of the enclave that produced a report, read from its SGX report body.</summary>
/// <param name="MrEnclave">MRENCLAVE (32 bytes).</param>
/// <param name="MrSigner">MRSIGNER (32 bytes).</param>
/// <param name="ProductId">ISVPRODID.</param>
/// <param name="Svn">ISVSVN.</param>
/// <param name="Debug">True when the DEBUG attribute is set.</param>
/// <param name="AttributeFlags">The attribute flags (INIT = 1, DEBUG = 2, MODE64BIT = 4, ...).</param>
/// <param name="ReportData">The 64 bytes of report data.</param>
public sealed record TeeIdentity(byte[] MrEnclave, byte[] MrSigner, ushort ProductId, ushort Svn, bool Debug, ulong AttributeFlags, byte[] ReportData);
