using System.Text;

namespace Kalypso.Core.Store;

/// <summary>
/// Files and folders only their owner may read: created with the narrow mode from the first
/// moment (never created wide and narrowed later), flushed to disk before they are used.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreateFolder(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnlyFolder);
    }

    /// <summary>Writes a new file (replacing a stale one) with mode 0600 and flushes it to disk.</summary>
    public static void WriteNew(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerReadWrite;
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }
}
