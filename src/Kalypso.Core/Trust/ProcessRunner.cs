using System.Diagnostics;

namespace Kalypso.Core.Trust;

/// <summary>
/// The one way Kalypso runs an OS trust tool: an argument list (no shell, so nothing in a path or
/// name is ever interpreted), a clean environment holding only what such tools need (so no
/// secret or proxy setting of the caller leaks into them), standard input closed (a tool that
/// prompts gets end-of-file instead of waiting), and a timeout after which it is killed.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>How long a tool may run when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The shared runner.</summary>
    public static readonly ProcessRunner Instance = new();

    /// <summary>The variables copied from Kalypso's own environment into a tool's; nothing else is passed.</summary>
    public static readonly IReadOnlyList<string> PassedVariables =
    [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "TMPDIR", "JAVA_HOME",
        // Windows tools need these to start at all.
        "SYSTEMROOT", "WINDIR", "SYSTEMDRIVE", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "TEMP", "TMP", "COMSPEC", "PATHEXT",
    ];

    // Trust tools live in sbin on Linux, which a user's PATH often lacks.
    private static readonly string[] UnixFallbackPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The environment a tool runs with, built from <see cref="PassedVariables"/>.</summary>
    /// <returns>Variable names and values.</returns>
    public static IReadOnlyDictionary<string, string> CleanEnvironment()
    {
        var environment = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var name in PassedVariables)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(value)) environment[name] = value;
        }
        if (!OperatingSystem.IsWindows())
        {
            environment["PATH"] = SearchPath();
            // The C locale keeps tool output in the English the parsers read.
            environment["LC_ALL"] = "C";
        }
        return environment;
    }

    /// <inheritdoc />
    public string? Find(string tool)
    {
        if (Path.IsPathRooted(tool)) return File.Exists(tool) ? tool : null;
        var directories = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            : SearchPath().Split(Path.PathSeparator);
        string[] suffixes = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat", ""] : [""];
        foreach (var directory in directories.Where(d => d.Length > 0))
        {
            foreach (var suffix in suffixes)
            {
                var candidate = Path.Combine(directory, tool + suffix);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <inheritdoc />
    public ProcessResult Run(string tool, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var path = Find(tool) ?? throw new TrustStoreException($"'{tool}' is not installed (not found on PATH).");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in CleanEnvironment()) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TrustStoreException($"'{tool}' could not be started: {e.Message}");
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* it exited meanwhile */ }
            process.WaitForExit();
            throw new TrustStoreException($"'{tool} {string.Join(' ', arguments)}' did not finish within {limit.TotalSeconds:0} s (was it waiting for a prompt?) and was stopped.");
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string SearchPath()
    {
        var own = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(':', own.Concat(UnixFallbackPath).Distinct(StringComparer.Ordinal));
    }
}
