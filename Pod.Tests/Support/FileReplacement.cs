using Pod.Storage.Sqlite;

namespace Pod.Tests.Support;

/// <summary>
/// Deletes or replaces an SQLite store's database file while writers keep a warm connection pool busy, and reports
/// what every write answered relative to that moment.
/// </summary>
public static class FileReplacement
{
    /// <summary>How the file goes away.</summary>
    public enum Kind
    {
        /// <summary><c>rm db db-wal db-shm</c>.</summary>
        Deleted,

        /// <summary>Another database renamed over the path (as a restore from backup would), old WAL files removed.</summary>
        Replaced,
    }

    /// <summary>What the writers saw.</summary>
    /// <param name="AcknowledgedBefore">Writes acknowledged that started before the file changed.</param>
    /// <param name="AcknowledgedAfter">Writes acknowledged that started after the file changed: must be none.</param>
    /// <param name="Refused">Writes refused with <see cref="DatabaseFileReplacedException"/>.</param>
    /// <param name="Other">Any other exception a write threw.</param>
    public sealed record Outcome(int AcknowledgedBefore, int AcknowledgedAfter, int Refused, IReadOnlyList<Exception> Other);

    /// <summary>
    /// Runs <paramref name="writers"/> writers calling <paramref name="write"/> (with a fresh number each call) until
    /// <paramref name="warmWrites"/> were acknowledged, changes the file as <paramref name="kind"/> says, then lets the
    /// writers run until <paramref name="refusalsAfter"/> writes were refused or 10 s passed.
    /// </summary>
    internal static async Task<Outcome> RunAsync(string databasePath, Kind kind, Func<string, Task> createOtherDatabase, Func<long, Task> write,
        int writers = 8, int warmWrites = 200, int refusalsAfter = 100)
    {
        long next = 0;
        int changed = 0;
        int before = 0, after = 0, refused = 0;
        var other = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        async Task Writer()
        {
            while (!stop.IsCancellationRequested)
            {
                bool startedAfter = Volatile.Read(ref changed) == 1;
                try
                {
                    await write(Interlocked.Increment(ref next));
                    Interlocked.Increment(ref startedAfter ? ref after : ref before);
                }
                catch (DatabaseFileReplacedException)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    other.Enqueue(e);
                }
            }
        }

        Task[] running = Enumerable.Range(0, writers).Select(_ => Task.Run(Writer)).ToArray();
        while (Volatile.Read(ref before) < warmWrites && !stop.IsCancellationRequested && other.IsEmpty)
        {
            await Task.Delay(5);
        }

        string otherPath = databasePath + ".other";
        if (kind == Kind.Replaced)
        {
            await createOtherDatabase(otherPath);
        }

        // The same as an operator's rm or mv: the store is not told.
        if (kind == Kind.Replaced)
        {
            File.Move(otherPath, databasePath, overwrite: true);
        }
        else
        {
            File.Delete(databasePath);
        }

        File.Delete(databasePath + "-wal");
        File.Delete(databasePath + "-shm");
        Volatile.Write(ref changed, 1);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref refused) < refusalsAfter && DateTime.UtcNow < deadline && other.IsEmpty)
        {
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);
        return new Outcome(before, after, refused, other.ToArray());
    }
}
