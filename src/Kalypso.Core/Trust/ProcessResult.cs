namespace Kalypso.Core.Trust;

/// <summary>What an OS tool did: its exit code and everything it printed.</summary>
/// <param name="ExitCode">The exit code; 0 means success for every tool Kalypso runs.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether the tool exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The most telling line of the tool's output for an error message: the last non-empty line of standard error, else of standard output.</summary>
    public string Summary
    {
        get
        {
            static string? Last(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return Last(StandardError) ?? Last(StandardOutput) ?? $"exit code {ExitCode}";
        }
    }
}
