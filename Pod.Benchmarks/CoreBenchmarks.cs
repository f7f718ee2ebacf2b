using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Signatures;

namespace Pod.Benchmarks;

/// <summary>The cryptographic core, with the same inputs as reference/bench.mjs's "core" group.</summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private readonly Fr _a = Fr.Parse("12345678901234567890123456789012345678901234567890123456789012345678901234");
    private readonly Fr _b = Fr.Parse("98765432109876543210987654321098765432109876543210987654321098765432109876");
    private readonly Fr[] _inputs16 = Enumerable.Range(1, 16).Select(i => Fr.FromUInt64((ulong)i * 1_000_003)).ToArray();
    private readonly byte[] _privateKeyBytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private EdDsaPrivateKey _key = null!;
    private EdDsaSignature _signature;
    private byte[] _packedKey = null!;
    private byte[] _packedSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = EdDsaPrivateKey.Import(_privateKeyBytes);
        _signature = _key.Sign(_a);
        _packedKey = _key.PublicKey.ToPacked();
        _packedSignature = _signature.ToPacked();
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public Fr FrMultiply() => _a * _b;

    [Benchmark]
    public Fr FrInverse() => Fr.Inverse(_a);

    [Benchmark]
    public Fr FrInverseVartime() => Fr.InverseVartime(_a);

    [Benchmark]
    public Fr Poseidon1() => Poseidon.Hash(_a);

    [Benchmark]
    public Fr Poseidon2() => Poseidon.Hash(_a, _b);

    [Benchmark]
    public Fr Poseidon16() => Poseidon.Hash(_inputs16);

    [Benchmark]
    public BabyJubJubPoint DerivePublicKey()
    {
        using var key = EdDsaPrivateKey.Import(_privateKeyBytes);
        return key.PublicKey.Point;
    }

    [Benchmark]
    public EdDsaSignature Sign() => _key.Sign(_a);

    [Benchmark]
    public bool Verify() => EdDsaPoseidon.Verify(_key.PublicKey, _a, _signature);

    [Benchmark]
    public bool VerifyPacked() => EdDsaPoseidon.Verify(_packedKey, _a, _packedSignature);
}
