using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_issues_over_http_into_the_same_audit_log_the_cli_reads()
    {
        using var cli = new KalypsoCli();
        await cli.SucceedAsync("init");
        var port = FreePort();

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { KalypsoCli.Executable, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["KALYPSO_DATA_DIR"] = cli.DataDir;
        start.Environment["HOME"] = cli.Home;
        using var server = Process.Start(start)!;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForHealthAsync(http, server);

            using var response = await http.PostAsJsonAsync("/certificates", new { domains = new[] { "localhost" }, hours = 1 }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var fingerprint = body.GetProperty("fingerprint").GetString();

            var status = (await cli.SucceedAsync("status", "--json")).Json();
            Assert.Equal(1, status.GetProperty("issued").GetInt64());
            var health = await http.GetFromJsonAsync<JsonElement>("/health", Ct);
            Assert.Equal(1, health.GetProperty("issued_count").GetInt64());
            Assert.Contains(fingerprint!, await File.ReadAllTextAsync(Path.Combine(cli.DataDir, "audit.jsonl"), Ct));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Serve_refuses_a_non_loopback_bind_without_the_explicit_flag()
    {
        using var cli = new KalypsoCli();
        await cli.SucceedAsync("init");

        var result = await cli.RunAsync("serve", "--bind", "0.0.0.0", "--port", "0");

        OneLineError.Assert(result, 1, "--allow-non-loopback");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(server.HasExited, $"kalypso serve exited with {(server.HasExited ? server.ExitCode : 0)}");
            try
            {
                using var health = await http.GetAsync("/health", Ct);
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "kalypso serve did not answer /health within 60 s");
            await Task.Delay(200, Ct);
        }
    }
}
