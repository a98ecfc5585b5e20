using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Kalypso.Server.Tests;

/// <summary>32 clients at once, 5,000 certificates in total: no errors, distinct serials, one audit line each.</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Clients = 32;
    private const int Total = 5000;

    [Fact]
    public async Task Thirty_two_clients_issue_five_thousand_certificates_without_an_error()
    {
        await using var server = await RunningServer.StartAsync(o => o with { KeyPoolSize = 64 });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };

        var next = 0;
        var serials = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= Total)
            {
                try
                {
                    using var response = await client.PostAsync("/certificates",
                        Json.Body($$"""{"domains":["client{{worker}}.test","localhost"],"ip_addresses":["127.0.0.1"]}"""));
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK) { errors.Add($"{(int)response.StatusCode}: {text}"); continue; }
                    using var body = JsonDocument.Parse(text);
                    serials.Add(body.RootElement.GetProperty("serial").GetString()!);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    errors.Add(e.Message);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        output.WriteLine($"{Total} certificates over HTTP with {Clients} clients in {clock.Elapsed.TotalSeconds:F1} s ({Total / clock.Elapsed.TotalSeconds:F0}/s)");

        Assert.Empty(errors);
        Assert.Equal(Total, serials.Count);
        Assert.Equal(Total, serials.Distinct().Count());

        // Exactly one well-formed line per certificate, each naming its serial.
        var lines = File.ReadAllLines(server.Store.AuditLog.Path);
        Assert.Equal(Total, lines.Length);
        var entries = server.Store.AuditLog.ReadAll();
        Assert.Equal(Total, entries.Count);
        Assert.All(entries, entry =>
        {
            Assert.Matches("^[0-9A-F]{32}$", entry.Serial);
            Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", entry.Fingerprint);
            Assert.Equal(3, entry.Names.Count);
            Assert.Equal("http 127.0.0.1", entry.Requester);
            Assert.True(entry.NotAfter > entry.Time);
        });
        Assert.Equal(serials.Order(StringComparer.Ordinal), entries.Select(e => e.Serial).Order(StringComparer.Ordinal));

        var health = await Json.ReadAsync(await client.GetAsync("/health", TestContext.Current.CancellationToken));
        Assert.Equal(Total, health.GetProperty("issued_count").GetInt64());
    }
}
