namespace Kalypso.Packages.Tests;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Copies what packing needs (src/ and the build files beside it, without build output) to a folder.</summary>
    public static void CopySourcesTo(string destination)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "LICENSE", "README.md" })
        {
            var from = System.IO.Path.Combine(Path, file);
            if (File.Exists(from)) File.Copy(from, System.IO.Path.Combine(Directory.CreateDirectory(destination).FullName, file));
        }
        CopyTree(System.IO.Path.Combine(Path, "src"), System.IO.Path.Combine(destination, "src"));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (name is "bin" or "obj") continue;
            CopyTree(dir, System.IO.Path.Combine(to, name));
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kalypso.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Kalypso.sln above {AppContext.BaseDirectory}.");
    }
}
