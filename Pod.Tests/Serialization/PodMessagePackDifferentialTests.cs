using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Signatures;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Serialization;

/// <summary>
/// Differential test of the MessagePack POD layout against <c>@msgpack/msgpack</c>, the JavaScript MessagePack
/// library: the layout of docs/formats.md is built from a POD's parts here, encoded by the JavaScript library
/// (tools/msgpack-differential/encode.mjs, installed by test.sh), and must equal <see cref="PodMessagePack"/>'s bytes.
/// </summary>
public sealed class PodMessagePackDifferentialTests
{
    [Fact]
    public void Serialize_EveryReferencePod_MatchesMsgpackJs()
    {
        var pods = new List<SignedPod>();
        foreach (JsonNode item in Vectors.Section("pods.json", "pods").OfType<JsonNode>())
        {
            using var key = EdDsaPrivateKey.Parse(item.Str("signerPrivateKey"));
            pods.Add(SignedPod.Sign(TypedValues.Entries(item["entries"]!), key));
        }

        Assert.NotEmpty(pods);
        AssertMatchesMsgpackJs(pods);
    }

    // Each run starts node once for a batch of PODs.
    [Property(MaxTest = 8)]
    public Property Serialize_GeneratedPods_MatchMsgpackJs() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Zip(PodGenerators.Entries, PodGenerators.KeyBytes), 25).ToArbitrary(),
            cases =>
            {
                var pods = new List<SignedPod>();
                foreach ((PodEntries entries, byte[] keyBytes) in cases)
                {
                    using var key = EdDsaPrivateKey.Import(keyBytes);
                    pods.Add(SignedPod.Sign(entries, key));
                }

                AssertMatchesMsgpackJs(pods);
            });

    [Fact]
    public void Serialize_ProtoNameAndLeadingByteOrderMark_MatchMsgpackJs()
    {
        // The two inputs docs/formats.md warns JavaScript readers about still encode identically.
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        AssertMatchesMsgpackJs(
        [
            SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
            {
                ["__proto__"] = PodValue.Int(1),
                ["bom"] = PodValue.String("\uFEFF" + new string('a', 300)),
            }), key),
        ]);
    }

    private static void AssertMatchesMsgpackJs(IReadOnlyList<SignedPod> pods)
    {
        var layouts = new JsonArray();
        foreach (SignedPod pod in pods)
        {
            layouts.Add(Layout(pod));
        }

        string[] expected = EncodeWithMsgpackJs(layouts.ToJsonString());
        Assert.Equal(pods.Count, expected.Length);
        for (int i = 0; i < pods.Count; i++)
        {
            Assert.Equal(expected[i], Convert.ToHexStringLower(PodMessagePack.Serialize(pods[i])));
        }
    }

    /// <summary>The layout of docs/formats.md as tagged JSON for encode.mjs, built from the POD's parts, not from our encoder.</summary>
    private static JsonObject Layout(SignedPod pod)
    {
        var entries = new JsonArray();
        foreach ((string name, PodValue value) in pod.Entries)
        {
            entries.Add(new JsonArray(Tag("s", name), Value(value)));
        }

        var signature = new byte[EdDsaSignature.SizeInBytes];
        pod.Signature.WritePacked(signature);
        var signer = new byte[EdDsaPublicKey.SizeInBytes];
        pod.SignerPublicKey.WritePacked(signer);
        return Array(Integer(1), Tag("m", entries), Bytes(signature), Bytes(signer));
    }

    private static JsonObject Value(PodValue value) => value switch
    {
        PodStringValue s => Tag("s", s.Value),
        PodIntValue i => Integer(i.Value),
        PodBooleanValue b => Tag("t", b.Value),
        PodNullValue => Tag("n", null),
        PodBytesValue b => Bytes(b.Value.ToArray()),
        PodCryptographicValue c => Array(Integer(0), Bytes(c.Value.IsZero ? [] : c.Value.ToByteArray(isUnsigned: true, isBigEndian: true))),
        PodDateValue d => Array(Integer(1), Integer(d.Milliseconds)),
        PodEdDsaPublicKeyValue k => Array(Integer(2), Bytes(PackedKey(k.Value))),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "A POD value type the layout does not know."),
    };

    private static byte[] PackedKey(EdDsaPublicKey key)
    {
        var packed = new byte[EdDsaPublicKey.SizeInBytes];
        key.WritePacked(packed);
        return packed;
    }

    private static JsonObject Tag(string tag, JsonNode? value) => new() { [tag] = value };

    private static JsonObject Integer(long value) => Tag("i", value.ToString(CultureInfo.InvariantCulture));

    private static JsonObject Bytes(byte[] value) => Tag("b", Convert.ToHexStringLower(value));

    private static JsonObject Array(params JsonObject[] items) => Tag("a", new JsonArray(items));

    private static string[] EncodeWithMsgpackJs(string input)
    {
        string tool = Path.Combine(RepositoryRoot(), "tools", "msgpack-differential");
        Assert.True(
            File.Exists(Path.Combine(tool, "node_modules", "@msgpack", "msgpack", "package.json")),
            $"@msgpack/msgpack is not installed in {tool}: run test.sh, or npm ci there.");

        var start = new ProcessStartInfo("node", ["encode.mjs"])
        {
            WorkingDirectory = tool,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        node.StandardInput.Write(input);
        node.StandardInput.Close();
        Task<string> error = node.StandardError.ReadToEndAsync();
        string output = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, $"encode.mjs failed: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pod.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Pod.sln above {AppContext.BaseDirectory}.");
    }
}
