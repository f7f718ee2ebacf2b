using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Pod.Cryptography.Fields;

namespace Pod.Benchmarks;

/// <summary>
/// The content ID of a fresh POD (every value hash and the whole LeanIMT) through the real seam, once per
/// backend: one job per POD_NATIVE setting (managed, the portable C table, and the best table the library
/// offers, mulx where the processor has BMI2 and ADX), each its own process, in one sitting and one table.
/// 100 entries is reference/bench.mjs's size (@pcd/pod); 1000 entries is a large POD.
/// </summary>
[Config(typeof(BackendJobsConfig))]
[MemoryDiagnoser]
public class ContentIdBenchmarks
{
    [Params(100, 1000)]
    public int Entries { get; set; }

    [Benchmark]
    public Fr ContentId() => PodContent.Create(ReferenceInputs.Entries(Entries)).ContentId;

    /// <summary>Three jobs, the same but for POD_NATIVE, each in its own process.</summary>
    private sealed class BackendJobsConfig : ManualConfig
    {
        public BackendJobsConfig()
        {
            // Each job builds its own project; two minutes (the default) were not enough on the loaded machine.
            WithBuildTimeout(TimeSpan.FromMinutes(10));
            AddJob(Job.ShortRun.WithEnvironmentVariable("POD_NATIVE", "0").WithId("managed"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("POD_NATIVE", "portable").WithId("native-portable"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("POD_NATIVE", "1").WithId("native-best"));
        }
    }
}
