using System.Globalization;

namespace Kalypso.Cli.Output;

/// <summary>How reports show values to people.</summary>
internal static class Text
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A label and value, aligned with the others in a report.</summary>
    public static void Field(string label, object? value) => Console.Out.WriteLine($"  {label + ":",-18}{value}");

    public static void Warn(string warning) => Console.Error.WriteLine("warning: " + warning);
}
