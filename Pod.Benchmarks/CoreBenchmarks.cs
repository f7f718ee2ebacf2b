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
    private readonly Fr _a = Fr.FromBigInteger(ReferenceInputs.Element(0));
    private readonly Fr _b = Fr.FromBigInteger(ReferenceInputs.Element(1));
    private readonly Fr _message = Fr.FromBigInteger(ReferenceInputs.Element(100));
    private readonly Fr[] _inputs16 = Enumerable.Range(0, 16).Select(i => Fr.FromBigInteger(ReferenceInputs.Element(i))).ToArray();
    private readonly byte[] _privateKeyBytes = ReferenceInputs.PrivateKey;
    private EdDsaPrivateKey _key = null!;
    private EdDsaSignature _signature;
    private byte[] _packedKey = null!;
    private byte[] _packedSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = EdDsaPrivateKey.Import(_privateKeyBytes);
        _signature = _key.Sign(_message);
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
    public EdDsaSignature Sign() => _key.Sign(_message);

    [Benchmark]
    public bool Verify() => EdDsaPoseidon.Verify(_key.PublicKey, _message, _signature);

    [Benchmark]
    public bool VerifyPacked() => EdDsaPoseidon.Verify(_packedKey, _message, _packedSignature);
}
