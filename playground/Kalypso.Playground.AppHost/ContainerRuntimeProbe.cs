using System.Diagnostics;

namespace Kalypso.Playground.AppHost;

/// <summary>
/// Asks the container runtime Aspire would use whether its engine answers, so the playground can
/// leave its container out (with a reason) instead of failing to start on a machine without one.
/// </summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Returns <see langword="null"/> when a runtime answered and already holds <paramref name="image"/>,
    /// else why the container cannot run here. The image must be local: an offline machine, or a
    /// registry that is not reachable, would otherwise leave the container failing to pull forever.
    /// </summary>
    public static string? WhyUnavailable(string image)
    {
        // Aspire reads the same variable; without it, it prefers docker and falls back to podman.
        var configured = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = string.IsNullOrWhiteSpace(configured) ? ["docker", "podman"] : [configured];
        var reasons = new List<string>();
        foreach (var runtime in candidates)
        {
            var problem = Ask(runtime, "info");
            if (problem is null)
            {
                return Ask(runtime, "image", "inspect", image) is null
                    ? null
                    : $"{runtime} runs, but the image {image} is not on this machine: '{runtime} pull {image}', then start the playground again";
            }
            reasons.Add($"{runtime}: {problem}");
        }
        return string.Join("; ", reasons);
    }

    private static string? Ask(string runtime, params string[] arguments)
    {
        var start = new ProcessStartInfo(runtime, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"no answer within {Timeout.TotalSeconds:F0} s";
            }
            if (process.ExitCode == 0) return null;
            var firstLine = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return firstLine ?? $"exit code {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not installed";
        }
    }
}
