using System.CommandLine;
using Kalypso.Core.Store;

namespace Kalypso.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>The store folder, on every command.</summary>
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = $"The CA store folder (default: ${CaStore.DataDirVariable}, else ~/.kalypso)",
        Recursive = true,
        HelpName = "DIR",
    };

    /// <summary>A new <c>--json</c> option for a command that reports something.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON" };

    /// <summary>Opens the store the command line points at.</summary>
    public static CaStore OpenStore(ParseResult parse) => CaStore.Open(parse.GetValue(DataDir));
}
