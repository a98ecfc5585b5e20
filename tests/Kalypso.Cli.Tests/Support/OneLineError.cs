namespace Kalypso.Cli.Tests.Support;

/// <summary>The shape every kalypso failure must have: a non-zero exit and one line on stderr, never a stack trace.</summary>
public static class OneLineError
{
    public static void Assert(ToolResult result, int exitCode, string mustContain)
    {
        Xunit.Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Xunit.Assert.True(lines.Length == 1, $"expected one line on stderr: {result}");
        Xunit.Assert.StartsWith("kalypso: ", lines[0]);
        Xunit.Assert.Contains(mustContain, lines[0], StringComparison.OrdinalIgnoreCase);
        Xunit.Assert.DoesNotContain("   at ", result.Stderr);
        Xunit.Assert.DoesNotContain("Exception", result.Stderr);
    }
}
