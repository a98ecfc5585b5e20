using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kalypso.Playground.Tests;

namespace Kalypso.Packages.Tests;

/// <summary>The fresh AppHost run with 'dotnet run', on free ports, stopped with SIGTERM (then killed) on dispose.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private AppHostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The fresh AppHost exited with {process.ExitCode}:\n{string.Join('\n', _output.TakeLast(60))}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Task<string> Ready => _ready.Task;

    public static AppHostProcess Start(string folder, string store)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--no-build", "--no-launch-profile", "--", $"--Store={store}"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("KALYPSO_DATA_DIR");
        var process = Process.Start(start)!;
        process.EnableRaisingEvents = true;
        return new AppHostProcess(process);
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        var at = line.IndexOf(FreshAppHost.ReadyMarker, StringComparison.Ordinal);
        if (at >= 0) _ready.TrySetResult(line[(at + FreshAppHost.ReadyMarker.Length)..].Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM to the AppHost (the child of 'dotnet run') lets it stop DCP and its resources.
            foreach (var child in ChildProcesses.Of(_process.Id)) ChildProcesses.Terminate(child);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
