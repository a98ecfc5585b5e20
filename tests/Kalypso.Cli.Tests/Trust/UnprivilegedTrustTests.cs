using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Trust;

/// <summary>
/// A user without root asks for the system store: the row fails with the exact sudo commands to
/// run instead, the other stores are still handled, and the machine is not touched. When the
/// tests run as root, kalypso is run as 'nobody' (setpriv); otherwise as the current user.
/// </summary>
[Collection(MachineTrustStore.Name)]
public sealed class UnprivilegedTrustTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly TempFolder _folder = new("kalypso-unprivileged-");

    private async Task<ToolResult> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = _folder.Path,
            ["KALYPSO_DATA_DIR"] = _folder.Combine("store"),
            ["JAVA_HOME"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        string[] command = ["dotnet", KalypsoCli.Executable, .. arguments];
        return Environment.IsPrivilegedProcess
            ? await Tool.RunAsync("setpriv", [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", .. command], environment)
            : await Tool.RunAsync(command[0], command[1..], environment);
    }

    [Fact]
    public async Task Without_root_the_system_store_fails_with_the_sudo_commands_and_nss_is_still_trusted()
    {
        if (Environment.IsPrivilegedProcess)
        {
            File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_111_111);
        }
        var before = await MachineTrustStore.SnapshotAsync();
        var init = await RunAsync("init");
        Assert.True(init.ExitCode == 0, init.ToString());

        var result = await RunAsync("trust", "--store", "all", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var rows = result.Json().GetProperty("results").EnumerateArray().ToList();
        var system = rows.Single(r => r.GetProperty("store").GetString() == "system");
        Assert.Equal("failed", system.GetProperty("state").GetString());
        Assert.Contains("needs root", system.GetProperty("detail").GetString());
        var fix = system.GetProperty("fix").GetString()!;
        Assert.StartsWith($"sudo cp '{_folder.Combine("store", "ca-cert.pem")}' '/usr/local/share/ca-certificates/kalypso-", fix);
        Assert.EndsWith(".crt' && sudo update-ca-certificates", fix);
        var nss = rows.Single(r => r.GetProperty("store").GetString() == "nss");
        Assert.Equal("trusted", nss.GetProperty("state").GetString());
        Assert.Equal("skipped", rows.Single(r => r.GetProperty("store").GetString() == "java").GetProperty("state").GetString());
        Assert.Equal(before, await MachineTrustStore.SnapshotAsync());
    }

    public void Dispose() => _folder.Dispose();
}
