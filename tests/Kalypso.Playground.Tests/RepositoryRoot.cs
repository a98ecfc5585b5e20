namespace Kalypso.Playground.Tests;

/// <summary>The clone the tests run from: the folder holding Kalypso.sln above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kalypso.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Kalypso.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The configuration these tests were built in, so the AppHost runs from the same build.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";
}
