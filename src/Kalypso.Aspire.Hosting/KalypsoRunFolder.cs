namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A private folder that lives as long as the AppHost runs: created on first use as a fresh temp
/// folder only its owner can enter (mode 0700 on Unix), holding one sub-folder per resource whose
/// certificate files Kalypso rewrites in place, and deleted when the app stops.
/// </summary>
internal sealed class KalypsoRunFolder
{
    private readonly Lock _gate = new();
    private string? _path;

    /// <summary>The folder, or <see langword="null"/> while nothing has needed it.</summary>
    public string? PathIfCreated
    {
        get { lock (_gate) return _path; }
    }

    /// <summary>The folder for one resource's files, created (owner only) if needed.</summary>
    /// <param name="resourceName">The resource name (already restricted by Aspire to letters, digits and hyphens).</param>
    /// <returns>The folder path.</returns>
    public string For(string resourceName)
    {
        lock (_gate)
        {
            // CreateTempSubdirectory makes a new, unpredictable folder with mode 0700 on Unix.
            _path ??= Directory.CreateTempSubdirectory("kalypso-run-").FullName;
            var folder = Path.Combine(_path, resourceName);
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return folder;
        }
    }

    /// <summary>Deletes the folder and everything in it; a later use creates a new one.</summary>
    public void Delete()
    {
        lock (_gate)
        {
            if (_path is null) return;
            try
            {
                Directory.Delete(_path, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            _path = null;
        }
    }
}
