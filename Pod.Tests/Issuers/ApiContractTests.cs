using System.Buffers.Binary;
using System.Security.Cryptography;
using Pod.Storage.Sqlite;
using Pod.Cryptography.Signatures;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Reclaim;
using Pod.Issuers.Tls.Sgx;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class ApiContractTests
{
    [Fact]
    public void SessionKeyBinding_KnownAnswer_AndWrongKeyLength()
    {
        byte[] key = [0x04, .. Enumerable.Range(1, 64).Select(i => (byte)i)];
        byte[] message = [.. "pod-tls-issuer/binding/v1"u8, 0, .. key, 0, 0, 0, 0, 0x68, 0x5E, 0x3F, 0x80];
        Assert.Equal(1751007104L, BinaryPrimitives.ReadInt64BigEndian(message.AsSpan(^8)));

        byte[] reportData = SessionKeyBinding.ComputeReportData(key, 1751007104);

        Assert.Equal(SHA256.HashData(message), reportData[..32]);
        Assert.Equal(new byte[32], reportData[32..]);
        Assert.Equal("sessionPublicKey", Assert.Throws<ArgumentException>(() => SessionKeyBinding.ComputeReportData(key[..64], 0)).ParamName);
        Assert.Equal("validUntilUnixSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => SessionKeyBinding.ComputeReportData(key, -1)).ParamName);
    }

    [Fact]
    public void UidDeriver_Contract()
    {
        var uid = new UidDeriver(new byte[32], "k1");
        Assert.Equal("keyId", Assert.Throws<ArgumentException>(() => new UidDeriver(new byte[32], "bad id")).ParamName);
        Assert.Equal("providerClass", Assert.Throws<ArgumentException>(() => uid.Derive("a\0b", ["x"])).ParamName);
        Assert.Equal("normalizedInputs", Assert.Throws<ArgumentException>(() => uid.Derive("a", ["x\u001Fy"])).ParamName);
        uid.Dispose();
        Assert.Throws<ObjectDisposedException>(() => uid.Derive("a", ["x"]));
    }

    [Fact]
    public void Constructors_RejectBadArguments()
    {
        Assert.Equal("rootPublicKeySha256Hex", Assert.Throws<ArgumentException>(() => new SgxDcapVerifier(TimeProvider.System, "abc")).ParamName);
        Assert.Throws<ArgumentNullException>(() => new SgxDcapVerifier(null!));
        Assert.Throws<ArgumentNullException>(() => ProviderSpec.Parse(null!));
        Assert.Equal("rootSubjectPublicKeyInfo", Assert.Throws<ArgumentException>(() => new SimulatedEnclaveVerifier(new byte[10])).ParamName);
        Assert.Equal("trustedAttestors", Assert.Throws<ArgumentException>(() => new ReclaimVerifier([])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new TlsPodIssuer(new TlsIssuerOptions { UidKey = new byte[32] },
            new InMemoryTlsIssuerStore(), [], TimeProvider.System)).ParamName);
        using var key = EdDsaPrivateKey.Generate();
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new TlsPodIssuer(new TlsIssuerOptions { IssuerKey = key },
            new InMemoryTlsIssuerStore(), [], TimeProvider.System)).ParamName);
        Assert.Equal("verifiers", Assert.Throws<ArgumentException>(() => new TlsPodIssuer(new TlsIssuerOptions { IssuerKey = key, UidKey = new byte[32] },
            new InMemoryTlsIssuerStore(), [new SgxDcapVerifier(TimeProvider.System), new SgxDcapVerifier(TimeProvider.System)], TimeProvider.System)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new SqliteTlsIssuerStore(null!));
    }

    [Fact]
    public void SimulatedEnclave_NotarizeBeforeSession_InvalidOperation()
    {
        using var enclave = new SimulatedEnclave();
        Assert.Throws<InvalidOperationException>(() => enclave.Notarize("{}"u8));
        using ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal("root", Assert.Throws<ArgumentException>(() => new SimulatedEnclave(p384, new byte[32], new byte[32], false)).ParamName);
    }

    [Fact]
    public async Task Verifiers_WrongEvidenceType_UnsupportedEvidence()
    {
        var wrong = new ReclaimEvidence("{}");
        VerificationContext context = TlsSamples.Context();
        using var enclave = new SimulatedEnclave();
        AttestationVerification[] refused =
        [
            await new SgxDcapVerifier(TimeProvider.System).VerifyAsync(wrong, "{}"u8.ToArray(), context, default),
            await new SimulatedEnclaveVerifier(enclave.ExportRootPublicKey()).VerifyAsync(wrong, "{}"u8.ToArray(), context, default),
            await new ReclaimVerifier(["0x244897572368eadf65bfbc5aec98d8e5443a9072"]).VerifyAsync(new SgxDcapEvidence([], [], 0, [], null), "{}"u8.ToArray(), context, default),
        ];
        Assert.All(refused, v =>
        {
            Assert.False(v.Succeeded);
            Assert.Null(v.Result);
            Assert.Equal(TlsIssuanceError.UnsupportedEvidence, v.Error);
            Assert.StartsWith("The evidence is not ", v.Detail, StringComparison.Ordinal);
        });
    }
}
