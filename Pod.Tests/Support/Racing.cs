namespace Pod.Tests.Support;

/// <summary>Concurrency for the store contracts: many calls released at the same instant.</summary>
internal static class Racing
{
    /// <summary>How many racers the store contracts run.</summary>
    public const int Racers = 64;

    /// <summary>Runs the call <see cref="Racers"/> times at once, each on a thread of its own, all released together.</summary>
    public static async Task<T[]> Race<T>(Func<Task<T>> call)
    {
        // Dedicated threads, not the thread pool: on a 2-core machine the pool would start only a couple
        // of racers at a time, and a check-then-act store could pass.
        using var start = new ManualResetEventSlim();
        var racers = new Task<T>[Racers];
        for (int i = 0; i < Racers; i++)
        {
            racers[i] = Task.Factory.StartNew(
                () =>
                {
                    start.Wait();
                    return call();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap();
        }

        start.Set();
        return await Task.WhenAll(racers);
    }
}
