namespace Kalypso.Core.Trust;

/// <summary>
/// Quotes an argument for the "run this instead" commands shown to the user. Kalypso never runs
/// anything through a shell; this is only for text a person copies into one.
/// </summary>
internal static class ShellQuote
{
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Command(string tool, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Select(Quote).Prepend(Quote(tool)));
}
