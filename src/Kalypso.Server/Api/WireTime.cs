using System.Globalization;

namespace Kalypso.Server.Api;

/// <summary>
/// The one time format on the wire: ISO-8601 UTC with an explicit <c>+00:00</c> offset and whole
/// seconds, such as <c>2026-12-05T13:00:00+00:00</c>. It is what Python's <c>isoformat()</c>
/// printed for the original service, and every client's ISO-8601 parser reads it (older Python
/// versions cannot read a trailing <c>Z</c>).
/// </summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
