namespace Kalypso.Cli.Tests.Support;

/// <summary>
/// The real kalypso executable (Kalypso.Cli.dll, built beside the tests), run with <c>dotnet</c>
/// in its own store folder and its own HOME, so no test touches the real ~/.kalypso or the
/// user's browser databases.
/// </summary>
public sealed class KalypsoCli : IDisposable
{
    private readonly TempFolder _folder = new("kalypso-cli-");

    public KalypsoCli()
    {
        DataDir = _folder.Combine("store");
        Home = _folder.Combine("home");
        Directory.CreateDirectory(Home);
    }

    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "Kalypso.Cli.dll");

    /// <summary>The store folder, passed as KALYPSO_DATA_DIR.</summary>
    public string DataDir { get; }

    /// <summary>The HOME the CLI sees (where it looks for ~/.pki/nssdb and Firefox profiles).</summary>
    public string Home { get; }

    /// <summary>A scratch folder that lives as long as this CLI.</summary>
    public string Scratch(string name)
    {
        var path = _folder.Combine(name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Extra environment for every run (null removes a variable).</summary>
    public Dictionary<string, string?> Environment { get; } = new()
    {
        // A test machine's JDK must not be picked up unless a test asks for it.
        ["JAVA_HOME"] = null,
    };

    public Task<ToolResult> RunAsync(params string[] arguments) => RunInAsync(null, arguments);

    public Task<ToolResult> RunInAsync(string? workingDirectory, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(Environment)
        {
            ["KALYPSO_DATA_DIR"] = DataDir,
            ["HOME"] = Home,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        return Tool.RunAsync("dotnet", [Executable, .. arguments], environment, TimeSpan.FromSeconds(120), workingDirectory);
    }

    /// <summary>Runs a command that must succeed, and returns what it printed.</summary>
    public async Task<ToolResult> SucceedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"kalypso {string.Join(' ', arguments)} failed: {result}");
        return result;
    }

    public void Dispose() => _folder.Dispose();
}
