namespace Aspire.Hosting.ApplicationModel;

/// <summary>A configuration file a profile puts into the container, next to the certificate files or elsewhere.</summary>
/// <param name="Path">The absolute path inside the container.</param>
/// <param name="Contents">The file's text.</param>
public sealed record KalypsoContainerFile(string Path, string Contents)
{
    /// <summary>The file's mode; readable by everyone unless set, since it holds no secret.</summary>
    public UnixFileMode Mode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The folder part of <see cref="Path"/>.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)?.Replace('\\', '/') ?? "/";

    /// <summary>The file-name part of <see cref="Path"/>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
}
