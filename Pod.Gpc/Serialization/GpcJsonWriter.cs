using System.Text;
using Pod.Serialization;

namespace Pod.Gpc;

/// <summary>
/// Writes the GPC JSON forms as the reference's valibot ToJSON schemas do, compact as JSON.stringify:
/// the keys of each object in schema order, absent optional fields left out, maps in their order, bigints
/// as bigintToSimplestJSON and POD values as podValueToJSON.
/// </summary>
internal static class GpcJsonWriter
{
    public static string ProofConfig(string? circuitIdentifier, IReadOnlyDictionary<string, GpcProofObjectConfig> pods, bool? uniquePods, IReadOnlyDictionary<string, GpcProofTupleConfig>? tuples)
    {
        var sb = new StringBuilder();
        var o = new ObjectWriter(sb);
        if (circuitIdentifier is not null)
        {
            o.Key("circuitIdentifier");
            PodJson.WriteString(sb, circuitIdentifier);
        }

        o.Key("pods");
        WriteMap(sb, pods, WriteObjectConfig);
        if (uniquePods is { } unique)
        {
            o.Key("uniquePODs");
            sb.Append(unique ? "true" : "false");
        }

        if (tuples is not null)
        {
            o.Key("tuples");
            WriteMap(sb, tuples, WriteTupleConfig);
        }

        o.End();
        return sb.ToString();
    }

    public static string RevealedClaims(GpcRevealedClaims claims)
    {
        var sb = new StringBuilder();
        var o = new ObjectWriter(sb);
        o.Key("pods");
        WriteMap(sb, claims.Pods, WriteObjectClaims);
        if (claims.Owner is { } owner)
        {
            o.Key("owner");
            var ow = new ObjectWriter(sb);
            ow.Key("externalNullifier");
            PodJson.WriteValue(sb, owner.ExternalNullifier);
            if (owner.NullifierHashV3 is { } v3)
            {
                ow.Key("nullifierHashV3");
                PodJson.WriteSimplestBigInteger(sb, v3.ToBigInteger());
            }

            if (owner.NullifierHashV4 is { } v4)
            {
                ow.Key("nullifierHashV4");
                PodJson.WriteSimplestBigInteger(sb, v4.ToBigInteger());
            }

            ow.End();
        }

        if (claims.MembershipLists is { } lists)
        {
            o.Key("membershipLists");
            WriteMap(sb, lists, WriteList);
        }

        if (claims.Watermark is { } watermark)
        {
            o.Key("watermark");
            PodJson.WriteValue(sb, watermark);
        }

        o.End();
        return sb.ToString();
    }

    public static string MembershipLists(IReadOnlyDictionary<string, GpcMembershipList> lists)
    {
        var sb = new StringBuilder();
        WriteMap(sb, lists, WriteList);
        return sb.ToString();
    }

    /// <summary>A proof request around its config's JSON (already written and checked).</summary>
    public static string ProofRequest(string proofConfigJson, Requests.GpcProofRequest request)
    {
        var sb = new StringBuilder("{\"proofConfig\":").Append(proofConfigJson).Append(",\"membershipLists\":");
        WriteMap(sb, request.MembershipLists, WriteList);
        if (request.ExternalNullifier is { } externalNullifier)
        {
            PodJson.WriteValue(sb.Append(",\"externalNullifier\":"), externalNullifier);
        }

        if (request.Watermark is { } watermark)
        {
            PodJson.WriteValue(sb.Append(",\"watermark\":"), watermark);
        }

        return sb.Append('}').ToString();
    }

    private static void WriteObjectConfig(StringBuilder sb, GpcProofObjectConfig config)
    {
        var o = new ObjectWriter(sb);
        o.Key("entries");
        WriteMap(sb, config.Entries, WriteEntryConfig);
        if (config.ContentId is { } contentId)
        {
            o.Key("contentID");
            WriteCommon(sb, contentId, close: true);
        }

        if (config.SignerPublicKey is { } signer)
        {
            o.Key("signerPublicKey");
            WriteCommon(sb, signer, close: true);
        }

        o.End();
    }

    private static ObjectWriter WriteCommon(StringBuilder sb, IGpcEntryConfig config, bool close)
    {
        var o = new ObjectWriter(sb);
        o.Key("isRevealed");
        sb.Append(config.IsRevealed ? "true" : "false");
        o.OptionalString("equalsEntry", config.EqualsEntry);
        o.OptionalString("notEqualsEntry", config.NotEqualsEntry);
        o.OptionalString("isMemberOf", config.IsMemberOf);
        o.OptionalString("isNotMemberOf", config.IsNotMemberOf);
        if (close)
        {
            o.End();
        }

        return o;
    }

    private static void WriteEntryConfig(StringBuilder sb, GpcProofEntryConfig config)
    {
        ObjectWriter o = WriteCommon(sb, config, close: false);
        o.OptionalString("isOwnerID", config.IsOwnerId?.ToString());
        WriteInterval(sb, ref o, "inRange", config.InRange);
        WriteInterval(sb, ref o, "notInRange", config.NotInRange);
        o.OptionalString("lessThan", config.LessThan);
        o.OptionalString("lessThanEq", config.LessThanEq);
        o.OptionalString("greaterThan", config.GreaterThan);
        o.OptionalString("greaterThanEq", config.GreaterThanEq);
        o.End();
    }

    private static void WriteInterval(StringBuilder sb, ref ObjectWriter o, string key, GpcClosedInterval? interval)
    {
        if (interval is { } i)
        {
            o.Key(key);
            sb.Append("{\"min\":");
            PodJson.WriteSimplestBigInteger(sb, i.Min);
            sb.Append(",\"max\":");
            PodJson.WriteSimplestBigInteger(sb, i.Max);
            sb.Append('}');
        }
    }

    private static void WriteTupleConfig(StringBuilder sb, GpcProofTupleConfig config)
    {
        var o = new ObjectWriter(sb);
        o.Key("entries");
        sb.Append('[');
        for (int i = 0; i < config.Entries.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            PodJson.WriteString(sb, config.Entries[i]);
        }

        sb.Append(']');
        o.OptionalString("isMemberOf", config.IsMemberOf);
        o.OptionalString("isNotMemberOf", config.IsNotMemberOf);
        o.End();
    }

    private static void WriteObjectClaims(StringBuilder sb, GpcRevealedObjectClaims claims)
    {
        var o = new ObjectWriter(sb);
        if (claims.Entries is { } entries)
        {
            o.Key("entries");
            WriteMap(sb, entries, PodJson.WriteValue);
        }

        if (claims.ContentId is { } contentId)
        {
            o.Key("contentID");
            PodJson.WriteSimplestBigInteger(sb, contentId.ToBigInteger());
        }

        o.OptionalString("signerPublicKey", claims.SignerPublicKey?.ToString());
        o.End();
    }

    private static void WriteList(StringBuilder sb, GpcMembershipList list)
    {
        sb.Append('[');
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            IReadOnlyList<PodValue> element = list.Elements[i];
            if (!list.IsTupleList)
            {
                PodJson.WriteValue(sb, element[0]);
                continue;
            }

            sb.Append('[');
            for (int j = 0; j < element.Count; j++)
            {
                if (j > 0)
                {
                    sb.Append(',');
                }

                PodJson.WriteValue(sb, element[j]);
            }

            sb.Append(']');
        }

        sb.Append(']');
    }

    private static void WriteMap<T>(StringBuilder sb, IReadOnlyDictionary<string, T> map, Action<StringBuilder, T> writeValue)
    {
        var o = new ObjectWriter(sb);
        foreach (var (key, value) in map)
        {
            o.Key(key);
            writeValue(sb, value);
        }

        o.End();
    }

    /// <summary>Writes the braces, commas and keys of one JSON object.</summary>
    private struct ObjectWriter
    {
        private readonly StringBuilder _sb;
        private bool _any;

        public ObjectWriter(StringBuilder sb)
        {
            _sb = sb;
            _any = false;
            sb.Append('{');
        }

        public void Key(string key)
        {
            if (_any)
            {
                _sb.Append(',');
            }

            _any = true;
            PodJson.WriteString(_sb, key);
            _sb.Append(':');
        }

        public void OptionalString(string key, string? value)
        {
            if (value is not null)
            {
                Key(key);
                PodJson.WriteString(_sb, value);
            }
        }

        public readonly void End() => _sb.Append('}');
    }
}
