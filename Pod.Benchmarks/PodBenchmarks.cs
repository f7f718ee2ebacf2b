using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Serialization;

namespace Pod.Benchmarks;

/// <summary>
/// PODs, as reference/bench.mjs's "pod" group times @pcd/pod. Every operation that hashes builds fresh
/// entries (value hashes are cached on value objects, as the reference caches its content ID).
/// </summary>
[MemoryDiagnoser]
public class PodBenchmarks
{
    private EdDsaPrivateKey _key = null!;
    private SignedPod _pod4 = null!;
    private SignedPod _pod32 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = EdDsaPrivateKey.Import(ReferenceInputs.PrivateKey);
        _pod4 = SignedPod.Sign(ReferenceInputs.Entries(4), _key);
        _pod32 = SignedPod.Sign(ReferenceInputs.Entries(32), _key);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public SignedPod Sign4() => SignedPod.Sign(ReferenceInputs.Entries(4), _key);

    [Benchmark]
    public SignedPod Sign32() => SignedPod.Sign(ReferenceInputs.Entries(32), _key);

    [Benchmark]
    public bool LoadAndVerify4() => SignedPod.Load(ReferenceInputs.Entries(4), _pod4.Signature, _pod4.SignerPublicKey).Verify();

    [Benchmark]
    public bool LoadAndVerify32() => SignedPod.Load(ReferenceInputs.Entries(32), _pod32.Signature, _pod32.SignerPublicKey).Verify();

    [Benchmark]
    public Fr ContentId10() => PodContent.Create(ReferenceInputs.Entries(10)).ContentId;

    [Benchmark]
    public Fr ContentId100() => PodContent.Create(ReferenceInputs.Entries(100)).ContentId;

    [Benchmark]
    public SignedPod JsonRoundTrip4() => PodJson.Parse(PodJson.Serialize(_pod4));

    [Benchmark]
    public SignedPod JsonRoundTrip32() => PodJson.Parse(PodJson.Serialize(_pod32));

    [Benchmark]
    public SignedPod MessagePackRoundTrip4() => PodMessagePack.Deserialize(PodMessagePack.Serialize(_pod4));

    [Benchmark]
    public SignedPod MessagePackRoundTrip32() => PodMessagePack.Deserialize(PodMessagePack.Serialize(_pod32));
}
