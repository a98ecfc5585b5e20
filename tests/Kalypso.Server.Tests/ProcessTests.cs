using System.Net;
using Kalypso.Core.Store;

namespace Kalypso.Server.Tests;

/// <summary>The built server run as a separate process with the arguments the Aspire integration passes.</summary>
public sealed class ProcessTests
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Runs_as_aspire_runs_it_answers_its_allowed_hosts_and_stops_cleanly_on_sigterm()
    {
        using var folder = new TempFolder();
        var store = folder.Combine("store");
        await using var server = await ServerProcess.StartAsync(
            "--port", "0", "--bind", "127.0.0.1", "--data-dir", store, "--allow-host", "kalypso", "--allow-host", "host.docker.internal");
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
        Assert.Contains("kalypso trust", server.Output);
        Assert.True(CaStore.Open(store).Exists);

        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var health = await client.GetAsync("/health", Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        foreach (var (host, expected) in new[] { ("kalypso:8200", HttpStatusCode.OK), ("host.docker.internal", HttpStatusCode.OK), ("evil.example", HttpStatusCode.BadRequest) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Host = host;
            using var answer = await client.SendAsync(request, Cancel);
            Assert.Equal(expected, answer.StatusCode);
        }

        using var issued = await client.PostAsync("/certificates", Json.Body("""{"domains":["api.dev.internal"]}"""), Cancel);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var serial = (await Json.ReadAsync(issued)).GetProperty("serial").GetString()!;

        // The structured issuance line names the serial, the names, the client, the not-after and the fingerprint.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Output.Contains(serial, StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(50, Cancel);
        var line = server.Output.Split('\n').Single(l => l.Contains(serial, StringComparison.Ordinal));
        Assert.Contains("api.dev.internal", line);
        Assert.Contains("http 127.0.0.1", line);
        Assert.Contains("not after 20", line);
        Assert.Matches("SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}", line);

        Assert.Equal(0, await server.StopAsync());
        var keyBody = File.ReadAllText(CaStore.Open(store).KeyPath).Split('\n')[1];
        Assert.DoesNotContain(keyBody, server.Output);
        Assert.Single(CaStore.Open(store).AuditLog.ReadAll());
    }

    [Fact]
    public async Task Loads_an_existing_ca_instead_of_creating_one()
    {
        using var folder = new TempFolder();
        var store = CaStore.Open(folder.Combine("store"));
        string fingerprint;
        using (var ca = store.Create()) fingerprint = ca.Fingerprint;

        await using var server = await ServerProcess.StartAsync("--port", "0", "--data-dir", store.Directory);
        Assert.DoesNotContain("kalypso trust", server.Output);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var served = await Json.ReadAsync(await client.GetAsync("/ca.json", Cancel));
        Assert.Equal(fingerprint, served.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task Reads_the_store_folder_from_KALYPSO_DATA_DIR()
    {
        using var folder = new TempFolder();
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ServerProcess.ServerDll);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        info.Environment[CaStore.DataDirVariable] = folder.Combine("from-env");
        using var server = System.Diagnostics.Process.Start(info)!;
        try
        {
            var output = new System.Text.StringBuilder();
            while (await server.StandardOutput.ReadLineAsync(Cancel) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains("listening on", StringComparison.Ordinal)) break;
            }
            Assert.Contains(folder.Combine("from-env"), output.ToString());
            Assert.True(CaStore.Open(folder.Combine("from-env")).Exists);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Cancel);
        }
    }

    [Theory]
    [InlineData(1, "Refusing to bind 0.0.0.0", "--bind", "0.0.0.0", "--port", "0")]
    [InlineData(1, "not a loopback", "--bind", "::", "--port", "0")]
    [InlineData(1, "IP address or 'localhost'", "--bind", "example.test", "--port", "0")]
    [InlineData(2, "--port takes a number", "--port", "99999")]
    [InlineData(2, "--port needs a value", "--port")]
    [InlineData(2, "Unknown argument '--frobnicate'", "--frobnicate")]
    public async Task Bad_arguments_and_non_loopback_binds_without_the_flag_are_refused(int exitCode, string message, params string[] args)
    {
        using var folder = new TempFolder();
        using var process = ServerProcess.StartRaw([.. args, "--data-dir", folder.Combine("store")]);
        var stderr = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains(message, await stderr);
    }

    [Fact]
    public async Task A_non_loopback_bind_with_the_flag_starts_with_a_loud_warning()
    {
        using var folder = new TempFolder();
        await using var server = await ServerProcess.StartAsync("--port", "0", "--bind", "0.0.0.0", "--allow-non-loopback", "--data-dir", folder.Combine("store"));
        Assert.Contains("NOT a loopback address", server.Output);
        // Only loopback traffic in tests: reach it through 127.0.0.1.
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}") };
        using var health = await client.GetAsync("/health", Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
