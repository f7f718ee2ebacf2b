using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Fields;
using Pod.Identity;

namespace Pod.Benchmarks;

/// <summary>Semaphore identities and GPC nullifier hashes (Pod.Identity).</summary>
[MemoryDiagnoser]
public class IdentityBenchmarks
{
    private readonly PodValue _scope = PodValue.String("vote-2024");
    private SemaphoreIdentity _identity = null!;

    [GlobalSetup]
    public void Setup() => _identity = SemaphoreIdentity.FromPrivateKey(ReferenceInputs.PrivateKey);

    [GlobalCleanup]
    public void Cleanup() => _identity.Dispose();

    /// <summary>BLAKE-512, a fixed-base multiplication and Poseidon(x, y) for the commitment.</summary>
    [Benchmark]
    public Fr IdentityFrom32Bytes()
    {
        using SemaphoreIdentity identity = SemaphoreIdentity.FromPrivateKey(ReferenceInputs.PrivateKey);
        return identity.Commitment;
    }

    /// <summary>SHA-512 of the message, then two Poseidon hashes.</summary>
    [Benchmark]
    public Fr V3IdentityFromMessage()
    {
        using SemaphoreV3Identity identity = SemaphoreV3Identity.FromMessage("correct horse battery staple");
        return identity.Commitment;
    }

    /// <summary>A string scope: its value hash (cached on the value after the first call) and Poseidon(signal, secret scalar).</summary>
    [Benchmark]
    public Fr NullifierHashV4() => GpcNullifiers.NullifierHash(_identity, _scope);
}
