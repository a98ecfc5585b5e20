using System.Globalization;
using System.Text.RegularExpressions;
using Kalypso.Core;

namespace Kalypso.Cli;

/// <summary>Reads lifetimes such as <c>30m</c>, <c>8h</c>, <c>7d</c> or <c>1h30m</c>.</summary>
internal static partial class DurationParser
{
    public static TimeSpan Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (!Whole().IsMatch(trimmed))
        {
            throw new KalypsoValidationException("lifetime", "lifetime-format",
                $"--lifetime '{text}' is not a duration such as 30m, 8h, 7d or 1h30m (units: s, m, h, d).");
        }
        var total = TimeSpan.Zero;
        foreach (Match part in Part().Matches(trimmed))
        {
            // Large numbers are refused by the lifetime bounds later; this only has to not overflow.
            if (!long.TryParse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
            {
                throw new KalypsoValidationException("lifetime", "lifetime-format", $"--lifetime '{text}' is far too long.");
            }
            total += part.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }
        return total;
    }

    [GeneratedRegex(@"^(\d+[smhd])+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(\d+)([smhd])")]
    private static partial Regex Part();
}
