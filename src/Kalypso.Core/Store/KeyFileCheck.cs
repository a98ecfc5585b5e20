namespace Kalypso.Core.Store;

/// <summary>What the CA key file's permissions are, and whether only its owner can read it.</summary>
/// <param name="Path">The key file.</param>
/// <param name="Mode">Its mode as four octal digits, such as <c>0600</c>; <c>n/a</c> on Windows.</param>
/// <param name="IsSafe">Whether neither group nor others have any access.</param>
public sealed record KeyFileCheck(string Path, string Mode, bool IsSafe)
{
    /// <summary>The warning to show when the file is not safe, with the exact command that fixes it; <see langword="null"/> when it is safe.</summary>
    public string? Warning => IsSafe ? null
        : $"The CA key {Path} has mode {Mode}, so users other than its owner can read it. Fix it with: chmod 600 '{Path}'";

    /// <summary>Reads a key file's mode.</summary>
    /// <param name="path">The key file.</param>
    /// <returns>The check.</returns>
    public static KeyFileCheck Of(string path)
    {
        if (OperatingSystem.IsWindows()) return new KeyFileCheck(path, "n/a", true);
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode wide = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return new KeyFileCheck(path, "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0'), (mode & wide) == 0);
    }
}
