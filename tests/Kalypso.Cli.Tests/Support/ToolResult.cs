using System.Text.Json;

namespace Kalypso.Cli.Tests.Support;

/// <summary>What a process did.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
