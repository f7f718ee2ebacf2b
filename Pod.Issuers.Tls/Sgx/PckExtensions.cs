using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Pod.Issuers.Tls.Sgx;

/// <summary>
/// The SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1; Intel "SGX PCK Certificate and CRL Profile"):
/// a SEQUENCE of (OID, value) pairs, of which .2 TCB (16 component SVNs .2.1–.2.16 and PCESVN .2.17), .3 PCE-ID
/// and .4 FMSPC are read here, with System.Formats.Asn1.
/// </summary>
internal sealed record PckExtensions(byte[] TcbComponents, ushort PceSvn, byte[] PceId, byte[] Fmspc)
{
    private const string SgxExtensionOid = "1.2.840.113741.1.13.1";

    /// <exception cref="IssuanceRefusal">CertificateChainInvalid when the extension is missing or malformed.</exception>
    public static PckExtensions Read(X509Certificate2 pck)
    {
        X509Extension? ext = pck.Extensions[SgxExtensionOid];
        if (ext is null)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, "The PCK certificate has no SGX extension.");
        }

        try
        {
            byte[] comps = new byte[16];
            ushort? pceSvn = null;
            byte[]? pceId = null, fmspc = null;
            bool tcbSeen = false;
            var reader = new AsnReader(ext.RawData, AsnEncodingRules.DER);
            AsnReader items = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (items.HasData)
            {
                AsnReader item = items.ReadSequence();
                string oid = item.ReadObjectIdentifier();
                switch (oid)
                {
                    case SgxExtensionOid + ".2":
                        tcbSeen = true;
                        AsnReader tcb = item.ReadSequence();
                        while (tcb.HasData)
                        {
                            AsnReader comp = tcb.ReadSequence();
                            string compOid = comp.ReadObjectIdentifier();
                            int index = int.Parse(compOid[(SgxExtensionOid.Length + 3)..], System.Globalization.CultureInfo.InvariantCulture);
                            if (index is >= 1 and <= 16 && comp.TryReadInt32(out int svn) && svn is >= 0 and <= 255)
                            {
                                comps[index - 1] = (byte)svn;
                            }
                            else if (index == 17 && comp.TryReadInt32(out int pce) && pce is >= 0 and <= ushort.MaxValue)
                            {
                                pceSvn = (ushort)pce;
                            }
                            else if (index != 18)
                            {
                                throw new AsnContentException($"Unexpected TCB component {index}.");
                            }
                        }

                        break;
                    case SgxExtensionOid + ".3":
                        pceId = item.ReadOctetString();
                        break;
                    case SgxExtensionOid + ".4":
                        fmspc = item.ReadOctetString();
                        break;
                }
            }

            if (!tcbSeen || pceSvn is null || pceId is not { Length: 2 } || fmspc is not { Length: 6 })
            {
                throw new AsnContentException("A TCB, PCESVN, PCE-ID or FMSPC field is missing.");
            }

            return new PckExtensions(comps, pceSvn.Value, pceId, fmspc);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or OverflowException or ArgumentException)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, "The PCK certificate's SGX extension is malformed.", e);
        }
    }
}
