using System.Diagnostics;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// Once per run of the container tests: installs podman if needed and builds the test images with the project's
/// own script (cached: about a second when they are up to date), then points this process, and
/// so DCP and podman, at podman and at the project's containers.conf.
/// </summary>
public sealed class PodmanImages
{
    public const string Nginx = "nginx";
    public const string NginxTag = "kalypso-test";
    public const string Client = "kalypso-test-client";
    public const string ClientTag = "1";
    public const string Registry = "localhost";

    public PodmanImages()
    {
        RepositoryRoot = FindRepositoryRoot();
        var script = Path.Combine(RepositoryRoot, "tests", "tools", "build-test-images.sh");
        var watch = Stopwatch.StartNew();
        var (exit, output) = Run("bash", script);
        if (exit != 0) throw new InvalidOperationException($"build-test-images.sh failed ({exit}):\n{output}");
        BuildOutput = $"{output.Trim()}\n(image step took {watch.Elapsed.TotalSeconds:F1} s)";
        var (_, conf) = Run("bash", Path.Combine(RepositoryRoot, "tests", "tools", "install-podman.sh"), "--print-path");
        ContainersConf = conf.Trim();
        Environment.SetEnvironmentVariable("CONTAINERS_CONF", ContainersConf);
        Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", "podman");
    }

    public string RepositoryRoot { get; }

    public string ContainersConf { get; }

    public string BuildOutput { get; }

    public static (int Exit, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kalypso.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Kalypso.sln above {AppContext.BaseDirectory}.");
    }
}
