using System.Diagnostics;

namespace Kalypso.Core.Tests.Support;

/// <summary>
/// Starts tests/Kalypso.Core.StoreExerciser (copied next to the tests by its project reference)
/// as a separate process with <c>dotnet &lt;dll&gt;</c>, so stores are exercised across processes.
/// </summary>
public static class StoreExerciser
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "Kalypso.Core.StoreExerciser.dll");

    /// <summary>Starts the exerciser with redirected standard streams; the caller kills or awaits it.</summary>
    public static Process Start(params string[] arguments)
    {
        Assert.True(File.Exists(DllPath), $"the store exerciser is not built at {DllPath}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The exerciser must never fall back to the real ~/.kalypso; every mode names its folder.
        info.Environment.Remove("KALYPSO_DATA_DIR");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the store exerciser");
    }

    /// <summary>Reads stdout lines until one equals <paramref name="expected"/>, failing with the process's stderr if it exits first.</summary>
    public static void WaitForLine(Process process, string expected, TimeSpan timeout)
    {
        var read = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line == expected) return true;
            }
            return false;
        });
        if (!read.Wait(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the store exerciser did not print '{expected}' within {timeout.TotalSeconds} s");
        }
        // Read stderr only once the process has ended: reading it earlier would wait for the end.
        if (!read.Result) Assert.Fail($"the store exerciser exited before printing '{expected}': {process.StandardError.ReadToEnd()}");
    }
}
