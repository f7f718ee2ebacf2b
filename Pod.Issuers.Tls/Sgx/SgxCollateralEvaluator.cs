using System.Globalization;
using System.Text.Json;

namespace Pod.Issuers.Tls.Sgx;

/// <summary>
/// Reads Intel's TCB info (version 2 or 3) and QE identity (version 2) JSON after their signatures checked, and evaluates
/// them: the issue/next-update window, FMSPC and PCE-ID, the QE's MRSIGNER, product id, masked MISCSELECT and
/// attributes, and the first TCB level whose components are all at or below the platform's (Intel's QVL order).
/// </summary>
internal static class SgxCollateralEvaluator
{
    public static (SgxTcbStatus Status, string[] Advisories) EvaluatePlatform(string tcbInfoJson, PckExtensions pck, DateTimeOffset now, TimeSpan? maxAge)
    {
        using JsonDocument doc = ParseJson(tcbInfoJson, "TCB info");
        JsonElement root = doc.RootElement;
        try
        {
            if (root.TryGetProperty("id", out JsonElement id) && id.GetString() != "SGX")
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.FmspcMismatch, "The TCB info is for another TEE than SGX.");
            }

            CheckWindow(root, "TCB info", now, maxAge);
            if (!string.Equals(root.GetProperty("fmspc").GetString(), Convert.ToHexString(pck.Fmspc), StringComparison.OrdinalIgnoreCase))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.FmspcMismatch, "The TCB info is for another FMSPC than the PCK certificate's.");
            }

            if (!string.Equals(root.GetProperty("pceId").GetString(), Convert.ToHexString(pck.PceId), StringComparison.OrdinalIgnoreCase))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.FmspcMismatch, "The TCB info is for another PCE-ID than the PCK certificate's.");
            }

            int version = root.GetProperty("version").GetInt32();
            foreach (JsonElement level in root.GetProperty("tcbLevels").EnumerateArray())
            {
                JsonElement tcb = level.GetProperty("tcb");
                byte[] comps = version >= 3
                    ? tcb.GetProperty("sgxtcbcomponents").EnumerateArray().Select(c => c.GetProperty("svn").GetByte()).ToArray()
                    : Enumerable.Range(1, 16).Select(i => tcb.GetProperty($"sgxtcbcomp{i:D2}svn").GetByte()).ToArray();
                if (comps.Length != 16)
                {
                    throw new FormatException("A TCB level does not have 16 components.");
                }

                bool covered = tcb.GetProperty("pcesvn").GetUInt16() <= pck.PceSvn;
                for (int i = 0; i < 16 && covered; i++)
                {
                    covered = comps[i] <= pck.TcbComponents[i];
                }

                if (covered)
                {
                    return (ParseStatus(level), Advisories(level));
                }
            }
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, "The TCB info does not have the documented shape.", e);
        }

        throw TlsIssuanceErrors.Refuse(TlsIssuanceError.TcbStatusRejected, "No TCB level covers the platform (TCB not supported).");
    }

    public static (SgxTcbStatus Status, string[] Advisories) EvaluateQe(string qeIdentityJson, ReadOnlySpan<byte> qeReportBody, DateTimeOffset now, TimeSpan? maxAge)
    {
        using JsonDocument doc = ParseJson(qeIdentityJson, "QE identity");
        JsonElement root = doc.RootElement;
        TeeIdentity qe = SgxReportBody.Read(qeReportBody);
        // MISCSELECT and attributes compare as the report's raw bytes against the hex strings read as bytes (Intel QVL; the
        // synthetic QVL sample has miscselect D182B18C for report bytes d1 82 b1 8c).
        byte[] miscSelect = qeReportBody.Slice(16, 4).ToArray();
        byte[] attributes = SgxReportBody.Attributes(qeReportBody).ToArray();
        try
        {
            if (root.TryGetProperty("id", out JsonElement id) && id.GetString() != "QE")
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.QeIdentityMismatch, "The QE identity is not the SGX quoting enclave's.");
            }

            CheckWindow(root, "QE identity", now, maxAge);
            bool miscMatch = MaskedEqual(miscSelect, Convert.FromHexString(root.GetProperty("miscselect").GetString()!),
                Convert.FromHexString(root.GetProperty("miscselectMask").GetString()!));
            bool attributesMatch = MaskedEqual(attributes, Convert.FromHexString(root.GetProperty("attributes").GetString()!),
                Convert.FromHexString(root.GetProperty("attributesMask").GetString()!));
            if (!string.Equals(root.GetProperty("mrsigner").GetString(), Convert.ToHexString(qe.MrSigner), StringComparison.OrdinalIgnoreCase)
                || root.GetProperty("isvprodid").GetUInt16() != qe.ProductId
                || !miscMatch
                || !attributesMatch)
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.QeIdentityMismatch, "The quoting enclave's MRSIGNER, product id, MISCSELECT or attributes differ from Intel's QE identity.");
            }

            foreach (JsonElement level in root.GetProperty("tcbLevels").EnumerateArray())
            {
                if (level.GetProperty("tcb").GetProperty("isvsvn").GetUInt16() <= qe.Svn)
                {
                    return (ParseStatus(level), Advisories(level));
                }
            }
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, "The QE identity does not have the documented shape.", e);
        }

        throw TlsIssuanceErrors.Refuse(TlsIssuanceError.TcbStatusRejected, "No QE TCB level covers the quoting enclave's ISVSVN.");
    }

    private static bool MaskedEqual(byte[] actual, byte[] expected, byte[] mask)
    {
        if (expected.Length != actual.Length || mask.Length != actual.Length)
        {
            throw new FormatException("A QE identity value or mask has the wrong length.");
        }

        for (int i = 0; i < actual.Length; i++)
        {
            if ((actual[i] & mask[i]) != (expected[i] & mask[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonDocument ParseJson(string json, string what)
    {
        try
        {
            JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FormatException($"The {what} is not a JSON object.");
            }

            return doc;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, $"The {what} is not a JSON object.", e);
        }
    }

    private static void CheckWindow(JsonElement root, string what, DateTimeOffset now, TimeSpan? maxAge)
    {
        DateTimeOffset issued = ParseTime(root.GetProperty("issueDate"));
        DateTimeOffset next = ParseTime(root.GetProperty("nextUpdate"));
        if (now < issued || now > next)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralExpired, $"The {what} is valid from {issued:O} to {next:O}, not at {now:O}.");
        }

        if (maxAge is TimeSpan age && now - issued > age)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralExpired, $"The {what} was issued {issued:O}, more than {age} ago.");
        }
    }

    private static DateTimeOffset ParseTime(JsonElement e) =>
        DateTimeOffset.ParseExact(e.GetString()!, "yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static SgxTcbStatus ParseStatus(JsonElement level) =>
        level.GetProperty("tcbStatus").GetString() is string name && name != nameof(SgxTcbStatus.Unknown) && Enum.GetNames<SgxTcbStatus>().Contains(name, StringComparer.Ordinal)
            ? Enum.Parse<SgxTcbStatus>(name)
            : throw new FormatException("Unknown TCB status.");

    private static string[] Advisories(JsonElement level) =>
        level.TryGetProperty("advisoryIDs", out JsonElement a) ? a.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
}
