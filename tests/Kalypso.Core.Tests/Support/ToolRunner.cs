using System.Diagnostics;
using System.Text;

namespace Kalypso.Core.Tests.Support;

/// <summary>What a finished external command left behind.</summary>
public sealed record ToolResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;

    public override string ToString() => $"{Command} exited {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>
/// Runs real tools (openssl, curl, dotnet) the safe way: an argument list (no shell parsing),
/// stdin closed or fed, both output streams drained, and a timeout that kills the process tree
/// so a hung tool fails the test instead of hanging the suite.
/// </summary>
public static class ToolRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static ToolResult Run(string fileName, IEnumerable<string> arguments, string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var command = fileName + " " + string.Join(' ', info.ArgumentList);

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + command);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();

        if (!process.WaitForExit(timeout ?? DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{command} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds} s");
        }
        process.WaitForExit();
        return new ToolResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a command that must succeed, failing the test with its output when it does not.</summary>
    public static ToolResult Succeed(string fileName, params string[] arguments)
    {
        var result = Run(fileName, arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
