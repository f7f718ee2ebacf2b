using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pod.Storage.Sqlite;

/// <summary>
/// Holds an SQLite store's database file open and tells whether its path still names that file (same device and
/// inode). Pooled SQLite connections keep their file descriptors: after the file is deleted or renamed over, they would
/// go on writing into a file that no later process opens, and every acknowledged write since would be lost at restart.
/// </summary>
/// <remarks>
/// <para>Holding the descriptor keeps the inode allocated, so its number cannot be reused by a new file at the path
/// while the store lives. The descriptor is read-only and never locked with <c>fcntl</c>, so it does not disturb
/// SQLite's POSIX locks; it is closed only by <see cref="Dispose"/>, after the store's pool is cleared (closing any
/// descriptor of a file drops the process's POSIX locks on it).</para>
/// <para>On Linux the check is a <c>stat(2)</c> of the path (about a microsecond). Elsewhere (and in 32-bit processes) there is no
/// check: Windows refuses to delete a file SQLite holds open, and other systems are not supported targets.</para>
/// </remarks>
internal sealed class SqliteFileGuard : IDisposable
{
    private const int StatBufferSize = 256;

    private readonly SafeFileHandle? _handle;
    private readonly ulong _device;
    private readonly ulong _inode;
    private volatile bool _replaced;

    /// <summary>Opens the existing database file and records its identity.</summary>
    /// <exception cref="IOException">The file cannot be opened or its identity read.</exception>
    public SqliteFileGuard(string path)
    {
        Path = path;
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return;
        }

        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            // The identity of the file just opened: the path cannot have changed between the two calls without the
            // next check finding it, since the held inode stays allocated.
            if (!TryStat(path, out _device, out _inode))
            {
                throw new IOException($"Could not read the identity (device and inode) of the database file {path}: errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>True once a check found the file deleted or replaced (it stays true).</summary>
    public bool Replaced => _replaced;

    /// <summary>Throws when the path no longer names the file opened (or an earlier check found that).</summary>
    /// <param name="afterCommit">True when called after a commit, for the exception's message.</param>
    /// <exception cref="DatabaseFileReplacedException">The file was deleted or replaced.</exception>
    public void EnsureCurrent(bool afterCommit)
    {
        if (_replaced || !IsCurrent())
        {
            _replaced = true;
            throw new DatabaseFileReplacedException(Path, afterCommit);
        }
    }

    /// <summary>Closes the held descriptor.</summary>
    public void Dispose() => _handle?.Dispose();

    private bool IsCurrent() =>
        _handle is null || (TryStat(Path, out ulong device, out ulong inode) && device == _device && inode == _inode);

    private static bool TryStat(string path, out ulong device, out ulong inode)
    {
        // Linux on 64-bit targets (x86-64 and the generic layout of arm64 and others) starts struct stat with
        // dev_t st_dev and ino_t st_ino, eight bytes each.
        byte[] buffer = new byte[StatBufferSize];
        if (Stat(path, buffer) != 0)
        {
            device = inode = 0;
            return false;
        }

        device = BitConverter.ToUInt64(buffer, 0);
        inode = BitConverter.ToUInt64(buffer, 8);
        return true;
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which the libraries do not enable.
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
#pragma warning restore SYSLIB1054
}
