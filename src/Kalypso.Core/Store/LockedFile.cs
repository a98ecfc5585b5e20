namespace Kalypso.Core.Store;

/// <summary>
/// Opens a file that other processes open too. .NET backs <see cref="FileShare"/> on Unix with
/// advisory <c>flock</c> locks (exclusive for <see cref="FileShare.None"/>, shared for readers),
/// and fails at once when another process holds a conflicting one; this waits for it instead.
/// </summary>
internal static class LockedFile
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open) options.UnixCreateMode = PrivateFiles.OwnerReadWrite;
        var deadline = Environment.TickCount64 + (long)DefaultTimeout.TotalMilliseconds;
        var spin = new SpinWait();
        while (true)
        {
            try
            {
                return new FileStream(path, options);
            }
            catch (IOException) when (Environment.TickCount64 < deadline && File.Exists(path))
            {
                // Another process holds a conflicting lock for the moment it takes to write: wait briefly.
                spin.SpinOnce(sleep1Threshold: 10);
            }
        }
    }

    public static string ReadAllText(string path)
    {
        using var stream = Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
