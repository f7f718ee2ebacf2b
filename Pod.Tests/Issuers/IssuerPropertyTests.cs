using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Reclaim;
using Pod.Issuers.Tls.Sgx;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>Arbitrary input never yields anything but a typed error (or, for specs, a FormatException).</summary>
public sealed class IssuerPropertyTests
{
    /// <summary>Member names the parsers know, so random objects reach past the first check.</summary>
    private static readonly string[] Names =
    [
        "v", "provider", "nonce", "owner", "notarized_at", "request", "response", "method", "url", "status", "id", "evidence", "accept", "claims",
        "uid", "derived", "inputs", "normalize", "entry", "path", "type", "format", "required", "allowed", "equals", "in", "op", "from", "years",
        "identifier", "claimData", "signatures", "parameters", "context", "timestampS", "epoch", "person", "dob", "country", "x",
    ];

    private static Gen<JsonNode?> Scalar => Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        ArbMap.Default.ArbFor<bool>().Generator.Select(b => (JsonNode?)JsonValue.Create(b)),
        ArbMap.Default.ArbFor<long>().Generator.Select(n => (JsonNode?)JsonValue.Create(n)),
        ArbMap.Default.ArbFor<double>().Generator.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Elements("", "GET", "sgx-dcap-v3", "sim-v1", "reclaim-v1", "string", "date", "fixed", "$.a", "$.person.dob", "^https://a$", "2000-01-01",
            "0x00", "ageAtLeast", "kyc.demo.v1", "strip:-").Select(s => (JsonNode?)JsonValue.Create(s)),
        ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null).Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Json(int depth) => depth == 0
        ? Scalar
        : Gen.OneOf(
            Scalar,
            Gen.ListOf(Json(depth - 1), 4).Select(items => (JsonNode?)new JsonArray([.. items])),
            Gen.ListOf(Gen.Zip(Gen.Elements(Names), Json(depth - 1)), 6).Select(pairs =>
            {
                var obj = new JsonObject();
                foreach ((string name, JsonNode? value) in pairs)
                {
                    obj[name] = value;
                }

                return (JsonNode?)obj;
            }));

    /// <summary>JSON text: random documents, the same with a member repeated, and arbitrary (mostly invalid) text.</summary>
    private static Gen<string> JsonText => Gen.OneOf(
        Json(4).Select(n => n?.ToJsonString() ?? "null"),
        Json(3).Select(n => n is JsonObject o && o.Count > 0 ? o.ToJsonString()[..^1] + "," + o.ToJsonString()[1..] : "{\"v\":1,\"v\":1}"),
        ArbMap.Default.ArbFor<string>().Generator.Where(t => t is not null));

    [Property(MaxTest = 300)]
    public Property SgxVerifier_RandomBytesOrMutatedQuote_OnlyTypedErrors()
    {
        byte[] real = TlsSamples.PhalaQuote;
        SgxCollateral collateral = TlsSamples.PhalaCollateral;
        var verifier = new SgxDcapVerifier(new ManualTimeProvider(TlsSamples.PhalaCollateralTime));
        VerificationContext context = TlsSamples.Context();
        Gen<byte[]> random = PodGenerators.Bytes(1200);
        Gen<byte[]> prefixed = random.Select(b => (byte[])[3, 0, 2, 0, 0, 0, 0, 0, .. b]);
        Gen<byte[]> oe = random.Select(b => (byte[])[1, 0, 0, 0, 2, 0, 0, 0, .. BitConverter.GetBytes((ulong)b.Length), .. b]);
        Gen<byte[]> mutated = Gen.Zip(Gen.Choose(0, real.Length - 1), Gen.Choose(1, 255)).Select(p =>
        {
            byte[] q = (byte[])real.Clone();
            q[p.Item1] ^= (byte)p.Item2;
            return q;
        });

        return Prop.ForAll(Gen.OneOf(random, prefixed, oe, mutated).ToArbitrary(), quote =>
        {
            // No random or mutated quote verifies (a flip in the unsigned certification tail would be caught by the PEM checks),
            // and every refusal is a result with its code: anything thrown fails the property.
            AttestationVerification v = verifier.VerifyAsync(TlsSamples.Evidence(quote, collateral, "{}"u8, TlsSamples.PhalaCollateralTime), "{}"u8.ToArray(), context, default)
                .AsTask().GetAwaiter().GetResult();
            return !v.Succeeded && v.Error != TlsIssuanceError.InternalError;
        });
    }

    [Property(MaxTest = 1000)]
    public Property ProviderSpec_RandomJson_ParsesOrFormatException() =>
        Prop.ForAll(JsonText.ToArbitrary(), json =>
        {
            try
            {
                ProviderSpec.Parse(json);
            }
            catch (FormatException)
            {
            }

            return true; // anything else propagates and fails the property
        });

    [Property(MaxTest = 1000)]
    public Property ClaimExtraction_RandomResponse_OnlyTypedErrors()
    {
        ProviderSpec spec = ProviderSpec.Parse(IssuerHarness.SpecJson);
        Gen<JsonNode?> responses = Gen.OneOf(Json(4), Gen.Constant<JsonNode?>(IssuerHarness.Response()), Json(2).Select(n =>
        {
            JsonObject r = IssuerHarness.Response();
            r["person"]!["dob"] = n;
            return (JsonNode?)r;
        }));
        return Prop.ForAll(responses.ToArbitrary(), response =>
        {
            try
            {
                ClaimExtractor.Extract(spec, response ?? JsonValue.Create(0), IssuerHarness.Start);
            }
            catch (IssuanceRefusal e) when (e.Code is TlsIssuanceError.ProviderRejected or TlsIssuanceError.ClaimMissing or TlsIssuanceError.ClaimTypeMismatch)
            {
            }

            return true;
        });
    }

    [Fact]
    public void Issuer_RandomJsonPayloadSignedBySimulatedEnclave_TypedErrorNeverPod()
    {
        using var h = new IssuerHarness();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        // Runs now, while the disposables above are alive (a [Property] would run after they are disposed).
        Prop.ForAll(JsonText.ToArbitrary(), json =>
        {
            byte[] payload = Encoding.UTF8.GetBytes(json);
            TlsIssuanceResult r = h.Issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, h.Enclave.Notarize(payload), owner.PublicKey.ToString()))
                .AsTask().GetAwaiter().GetResult();
            return !r.Succeeded && r.Error is not TlsIssuanceError.InternalError;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Property(MaxTest = 1000)]
    public Property ReclaimVerifier_RandomJson_OnlyTypedErrors()
    {
        var verifier = new ReclaimVerifier(["0x244897572368eadf65bfbc5aec98d8e5443a9072"]);
        return Prop.ForAll(JsonText.ToArbitrary(), json =>
        {
            try
            {
                verifier.VerifyProof(json);
                return false;
            }
            catch (IssuanceRefusal e)
            {
                return e.Code is TlsIssuanceError.MalformedRequest or TlsIssuanceError.ReclaimIdentifierMismatch or TlsIssuanceError.PayloadSignatureInvalid
                    or TlsIssuanceError.AttestorNotTrusted;
            }
        });
    }
}
