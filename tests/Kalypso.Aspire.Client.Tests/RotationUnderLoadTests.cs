using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// A service keeps answering while its certificate files are rewritten several times: clients
/// send requests without pause, some opening a new TLS connection per request (they see each
/// new certificate), one holding a single keep-alive connection (it must never be dropped).
/// </summary>
public sealed class RotationUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Rotations = 4;
    private const int NewConnectionWorkers = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const int MaxRequests = 200_000;

    private readonly TempFolder _folder = new();
    private readonly TestCa _ca = new();

    [Fact]
    public async Task Renewed_certificates_are_served_in_place_with_no_failed_request()
    {
        var certFile = _folder.File("service.pem");
        var keyFile = _folder.File("service.key");
        using var first = _ca.Issue(TimeSpan.FromMinutes(5), "localhost", "127.0.0.1");
        CertificateFileWriter.WriteAtOnce(first, certFile, keyFile);

        await using var service = await KalypsoService.StartAsync(new()
        {
            ["KALYPSO_CERT_FILE"] = certFile,
            ["KALYPSO_KEY_FILE"] = keyFile,
            ["Kalypso:Client:PollInterval"] = "00:00:01",
        });

        var seen = new ConcurrentQueue<string>();
        var keepAliveHandshakes = 0;
        var keepAliveRequests = 0;
        using var client = new ClientHost(new() { ["KALYPSO_CA_FILE"] = _ca.WriteRoot(_folder) }, services: services =>
        {
            services.AddHttpClient("new-connection-each-time").ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                var sockets = (SocketsHttpHandler)handler;
                sockets.PooledConnectionLifetime = TimeSpan.Zero;
                var kalypso = sockets.SslOptions.RemoteCertificateValidationCallback!;
                sockets.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    var accepted = kalypso(sender, certificate, chain, errors);
                    if (accepted && certificate is not null) Record(seen, Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())));
                    return accepted;
                };
            });
            services.AddHttpClient("keep-alive").ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                var sockets = (SocketsHttpHandler)handler;
                sockets.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5);
                var kalypso = sockets.SslOptions.RemoteCertificateValidationCallback!;
                sockets.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                {
                    Interlocked.Increment(ref keepAliveHandshakes);
                    return kalypso(sender, certificate, chain, errors);
                };
            });
        });

        var url = $"https://localhost:{service.Port}/";
        var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var requests = 0;
        var failures = new ConcurrentQueue<string>();
        async Task Worker(string clientName)
        {
            var http = client.Create(clientName);
            while (!stop.IsCancellationRequested && clock.Elapsed < Deadline && Interlocked.Increment(ref requests) <= MaxRequests)
            {
                try
                {
                    var body = await http.GetStringAsync(url, TestContext.Current.CancellationToken);
                    if (body != "ok") failures.Enqueue($"unexpected body '{body}'");
                    if (clientName == "keep-alive") Interlocked.Increment(ref keepAliveRequests);
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue(e.ToString());
                }
            }
        }
        var workers = Enumerable.Range(0, NewConnectionWorkers).Select(_ => Task.Run(() => Worker("new-connection-each-time"), TestContext.Current.CancellationToken))
            .Append(Task.Run(() => Worker("keep-alive"), TestContext.Current.CancellationToken)).ToList();

        var served = new List<string> { await WaitForAsync(seen, Hex(first.Fingerprint), clock) };
        for (var i = 0; i < Rotations; i++)
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            using var next = _ca.Issue(TimeSpan.FromMinutes(5), "localhost", "127.0.0.1");
            await CertificateFileWriter.WriteSlowlyAsync(next, certFile, keyFile, TimeSpan.FromMilliseconds(150));
            served.Add(await WaitForAsync(seen, Hex(next.Fingerprint), clock));
        }
        await Task.Delay(300, TestContext.Current.CancellationToken);
        stop.Cancel();
        await Task.WhenAll(workers);

        var sent = Math.Min(requests, MaxRequests);
        output.WriteLine($"rotation under load: {sent} requests, {failures.Count} failed, {service.Served.Rotations} rotations served, " +
            $"{seen.Distinct().Count()} distinct certificates seen by clients, {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"the keep-alive client sent {keepAliveRequests} of them over {keepAliveHandshakes} TLS connection(s)");
        Assert.Empty(failures);
        Assert.Equal(Rotations, service.Served.Rotations);
        Assert.Equal(Rotations + 1, served.Distinct().Count());
        Assert.Equal(seen.Distinct(), served);
        Assert.True(sent > 100, $"only {sent} requests were sent");
        // The connection opened before the first rotation carried requests through all of them.
        Assert.Equal(1, keepAliveHandshakes);
        Assert.True(keepAliveRequests > 10, $"the keep-alive client sent only {keepAliveRequests} requests");
    }

    private static void Record(ConcurrentQueue<string> seen, string fingerprint)
    {
        lock (seen)
        {
            if (!seen.TryPeekLast(out var last) || last != fingerprint) seen.Enqueue(fingerprint);
        }
    }

    private static async Task<string> WaitForAsync(ConcurrentQueue<string> seen, string fingerprint, Stopwatch clock)
    {
        var until = clock.Elapsed + TimeSpan.FromSeconds(20);
        while (clock.Elapsed < until)
        {
            if (seen.Contains(fingerprint)) return fingerprint;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"No client was served the certificate {fingerprint} within 20 s; seen: {string.Join(", ", seen)}");
    }

    private static string Hex(string colonFingerprint) => colonFingerprint.Replace(":", "", StringComparison.Ordinal);

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}

internal static class QueueExtensions
{
    public static bool TryPeekLast(this ConcurrentQueue<string> queue, out string? last)
    {
        last = queue.LastOrDefault();
        return last is not null;
    }
}
