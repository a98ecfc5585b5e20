using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kalypso.Cli.Output;

/// <summary>The <c>--json</c> form of a command's report: snake_case names, as in the audit log and the HTTP API.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write(object report) => Console.Out.WriteLine(JsonSerializer.Serialize(report, Options));
}
