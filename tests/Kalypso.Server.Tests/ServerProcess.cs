using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Kalypso.Server.Tests;

/// <summary>The built Kalypso.Server.dll run as its own process, the way the Aspire integration runs it.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int Id => _process.Id;

    /// <summary>The server assembly built beside this test project, in the same configuration.</summary>
    public static string ServerDll
    {
        get
        {
            var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "Kalypso.sln"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
            return Path.Combine(root, "src", "Kalypso.Server", "bin", configuration, "net10.0", "Kalypso.Server.dll");
        }
    }

    public static Process StartRaw(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServerDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("ASPNETCORE_URLS");
        return Process.Start(info)!;
    }

    public static async Task<ServerProcess> StartAsync(params string[] args)
    {
        var server = new ServerProcess(StartRaw(args));
        server._process.OutputDataReceived += (_, e) => server.Record(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var exited = server._process.WaitForExitAsync();
        var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != server._listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("The server did not start:\n" + server.Output);
        }
        server.BaseAddress = await server._listening.Task;
        return server;
    }

    /// <summary>Asks the process to stop as an orchestrator does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        var match = ListeningLine().Match(line);
        if (match.Success) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Kalypso issuing service listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
