using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Kalypso.Playground.Tests;

/// <summary>
/// The playground AppHost started the way a user starts it, with <c>dotnet run</c>, but with free
/// ports for the dashboard and its services and its own temp Kalypso store (through configuration,
/// <c>Kalypso__DataDirectory</c>), never the user's. Stops the whole process tree on dispose.
/// </summary>
internal sealed partial class PlaygroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _webPage = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _nginx = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _sinceStart;

    private PlaygroundProcess(Process process, string storeDirectory)
    {
        _process = process;
        StoreDirectory = storeDirectory;
        _sinceStart = Stopwatch.StartNew();
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            var failure = new InvalidOperationException($"The playground exited with code {process.ExitCode}.\n{Output}");
            _loginUrl.TrySetException(failure);
            _ready.TrySetException(failure);
            _webPage.TrySetException(failure);
            _nginx.TrySetException(failure);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StoreDirectory { get; }

    /// <summary>Time from <c>dotnet run</c> to the playground's "Playground ready" line (every resource Healthy).</summary>
    public TimeSpan? TimeToHealthy { get; private set; }

    public string Output => string.Join('\n', _output.TakeLast(200));

    public static PlaygroundProcess Start(string storeDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "run", "--no-build", "--no-launch-profile",
                "--configuration", RepositoryRoot.Configuration,
                "--project", Path.Combine(RepositoryRoot.Path, "playground", "Kalypso.Playground.AppHost"),
            },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // What the 'http' launch profile sets, but on free ports.
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Kalypso__DataDirectory"] = storeDirectory;
        start.Environment.Remove("KALYPSO_DATA_DIR");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.EnableRaisingEvents = true;
        return new PlaygroundProcess(process, storeDirectory);
    }

    public Task<string> LoginUrl => _loginUrl.Task;

    public Task<string> Ready => _ready.Task;

    /// <summary>The web front end's https address, as the playground logs it once everything is up.</summary>
    public Task<string> WebPage => _webPage.Task;

    /// <summary>The nginx container's https address, as the playground logs it once everything is up (only when it runs).</summary>
    public Task<string> Nginx => _nginx.Task;

    private void OnLine(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (LoginLine().Match(line) is { Success: true } login) _loginUrl.TrySetResult(login.Groups["url"].Value);
        if (WebPageLine().Match(line) is { Success: true } web) _webPage.TrySetResult(web.Groups["url"].Value);
        if (NginxLine().Match(line) is { Success: true } nginx) _nginx.TrySetResult(nginx.Groups["url"].Value);
        if (line.Contains("Playground ready:", StringComparison.Ordinal))
        {
            TimeToHealthy ??= _sinceStart.Elapsed;
            _ready.TrySetResult(line.Trim());
        }
    }

    [GeneratedRegex(@"Login to the dashboard at (?<url>http://\S+/login\?t=[0-9a-f]+)")]
    private static partial Regex LoginLine();

    [GeneratedRegex(@"The web page, showing the certificate the API served: (?<url>https://\S+)")]
    private static partial Regex WebPageLine();

    [GeneratedRegex(@"nginx, serving its Kalypso certificate from a container: (?<url>https://\S+)")]
    private static partial Regex NginxLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM to the AppHost (the child of `dotnet run`) stops DCP and every resource cleanly.
            foreach (var child in ChildProcesses.Of(_process.Id)) ChildProcesses.Terminate(child);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
