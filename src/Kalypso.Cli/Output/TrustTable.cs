using Kalypso.Core.Trust;

namespace Kalypso.Cli.Output;

/// <summary>The table <c>trust</c>, <c>untrust</c>, <c>status</c> and <c>rotate</c> print: one row per store, with the command to run for each failure.</summary>
internal static class TrustTable
{
    public static string StateText(TrustState state) => state switch
    {
        TrustState.Trusted => "trusted",
        TrustState.NotTrusted => "not trusted",
        TrustState.Skipped => "skipped",
        _ => "failed",
    };

    public static void Write(IReadOnlyList<TrustResult> results)
    {
        if (results.Count == 0)
        {
            Console.Out.WriteLine("  (no stores)");
            return;
        }
        var storeWidth = Math.Max(5, results.Max(r => r.Store.Length));
        var stateWidth = Math.Max(6, results.Max(r => StateText(r.State).Length));
        var whereWidth = Math.Max(5, results.Max(r => r.Location.Length));
        Console.Out.WriteLine($"  {"STORE".PadRight(storeWidth)}  {"RESULT".PadRight(stateWidth)}  {"WHERE".PadRight(whereWidth)}  DETAIL");
        foreach (var r in results)
        {
            Console.Out.WriteLine($"  {r.Store.PadRight(storeWidth)}  {StateText(r.State).PadRight(stateWidth)}  {r.Location.PadRight(whereWidth)}  {r.Detail}");
            if (r.Fix is not null)
            {
                Console.Out.WriteLine($"  {new string(' ', storeWidth + stateWidth + whereWidth + 6)}run instead: {r.Fix}");
            }
        }
    }

    /// <summary>The report's JSON form.</summary>
    public static object Json(IReadOnlyList<TrustResult> results) => results.Select(r => new
    {
        store = r.Store,
        location = r.Location,
        state = StateText(r.State).Replace(' ', '_'),
        detail = r.Detail,
        fix = r.Fix,
    }).ToList();

    /// <summary>
    /// Exit code for a trust change: success only when no store failed and at least one was
    /// actually handled (every store skipped means nothing was done).
    /// </summary>
    public static int ExitCode(IReadOnlyList<TrustResult> results) =>
        results.Any(r => r.State == TrustState.Failed) || results.All(r => r.State == TrustState.Skipped)
            ? ExitCodes.Failure
            : ExitCodes.Success;
}
