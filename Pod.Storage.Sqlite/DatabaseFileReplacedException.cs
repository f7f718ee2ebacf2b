namespace Pod.Storage.Sqlite;

/// <summary>
/// An SQLite store found that its database file was deleted or replaced while it ran: the path no longer names the
/// file it opened. The store fails closed: it refuses every later write (and this one, when found before its commit),
/// because its pooled connections would otherwise keep writing into a file nobody will open again.
/// </summary>
/// <remarks>Recover by restoring the file and starting a new store; nothing acknowledged before the replacement is in
/// the new file unless it was restored from the old one.</remarks>
public sealed class DatabaseFileReplacedException : IOException
{
    /// <summary>Creates the exception for a database path.</summary>
    /// <param name="path">The database file's full path.</param>
    /// <param name="afterCommit">True when the change was found after a commit, which may then be lost.</param>
    public DatabaseFileReplacedException(string path, bool afterCommit)
        : base(afterCommit
            ? $"The database file {path} was deleted or replaced during this write: the write went to the file opened before and may be lost. The store refuses every further write; restore the file and restart."
            : $"The database file {path} was deleted or replaced since the store opened it. Nothing was written; the store refuses every further write. Restore the file and restart.")
    {
        Path = path;
        AfterCommit = afterCommit;
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>True when the change was found after the write committed to the old file (the write may be lost).</summary>
    public bool AfterCommit { get; }
}
