using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// The hosting integration and this package together in a real Aspire app (DCP, real processes):
/// `api` opts in to in-place renewal and takes a re-issued certificate while it keeps running and
/// keeps its open connections; `api-restarted`, the same program without the opt-in, is restarted.
/// </summary>
public sealed class InPlaceRenewalTests
{
    private const string ReissueCommand = "kalypso-reissue";
    private const string FingerprintProperty = "kalypso.certificate.fingerprint";

    [Fact]
    public async Task A_service_that_renews_in_place_serves_the_new_certificate_in_the_same_process_and_one_without_is_restarted()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var store = new TempFolder();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Kalypso_ClientTestAppHost>(
            [$"--ClientTest:DataDirectory={store.File("store")}", "--ClientTest:Renewal=true"], cancellation);
        await using var app = await builder.BuildAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api-restarted", timeout.Token);
        using var root = Kalypso.Core.Store.CaStore.Open(store.File("store")).Load().Authority;
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        // In place: one pooled connection, opened before the renewal and used again after it.
        var api = app.GetEndpoint("api", "https");
        using var keptOpen = Client(root.Certificate, api);
        var before = await WhoAmIAsync(keptOpen, timeout.Token);
        var firstFingerprint = Fingerprint(app, "api");
        Assert.Equal(firstFingerprint, await ServedFingerprintAsync(api, timeout.Token));

        var reissued = await commands.ExecuteCommandAsync(model.Resources.Single(r => r.Name == "api"), ReissueCommand, timeout.Token);
        Assert.True(reissued.Success, reissued.Message);
        var secondFingerprint = Fingerprint(app, "api");
        Assert.NotEqual(firstFingerprint, secondFingerprint);
        Assert.Equal(secondFingerprint, await EventuallyAsync(() => ServedFingerprintAsync(api, timeout.Token), f => f == secondFingerprint, timeout.Token));

        var afterOnOpenConnection = await WhoAmIAsync(keptOpen, timeout.Token);
        Assert.Equal(before, afterOnOpenConnection);
        using var fresh = Client(root.Certificate, api);
        var afterOnNewConnection = await WhoAmIAsync(fresh, timeout.Token);
        Assert.Equal(before.Pid, afterOnNewConnection.Pid);
        Assert.NotEqual(before.Connection, afterOnNewConnection.Connection);

        // Without the opt-in: the same command restarts the process, which then serves the new certificate.
        var restartedEndpoint = app.GetEndpoint("api-restarted", "https");
        using var restartedClient = Client(root.Certificate, restartedEndpoint);
        var restartedBefore = await WhoAmIAsync(restartedClient, timeout.Token);
        var restartedFirst = Fingerprint(app, "api-restarted");
        var restartedReissue = await commands.ExecuteCommandAsync(model.Resources.Single(r => r.Name == "api-restarted"), ReissueCommand, timeout.Token);
        Assert.True(restartedReissue.Success, restartedReissue.Message);
        var restartedSecond = Fingerprint(app, "api-restarted");
        Assert.NotEqual(restartedFirst, restartedSecond);
        var restartedAfter = await EventuallyAsync(async () =>
        {
            using var client = Client(root.Certificate, restartedEndpoint);
            return await WhoAmIAsync(client, timeout.Token);
        }, w => w.Pid != restartedBefore.Pid, timeout.Token);
        Assert.NotEqual(restartedBefore.Pid, restartedAfter.Pid);
        Assert.Equal(restartedSecond, await EventuallyAsync(() => ServedFingerprintAsync(restartedEndpoint, timeout.Token), f => f == restartedSecond, timeout.Token));

        await app.StopAsync(CancellationToken.None);
    }

    private sealed record WhoAmI(int Pid, string Connection);

    // One connection at most, kept for the whole test, validated against the Kalypso root only.
    private static HttpClient Client(X509Certificate2 root, Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.Add(root);
                using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return chain.Build(leaf);
            },
        },
    })
    { BaseAddress = baseAddress };

    private static async Task<WhoAmI> WhoAmIAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/whoami", cancellationToken));
        return new WhoAmI(json.RootElement.GetProperty("pid").GetInt32(), json.RootElement.GetProperty("connection").GetString()!);
    }

    private static string Fingerprint(DistributedApplication app, string resource)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var state), $"no state for {resource}");
        var value = state!.Snapshot.Properties.Single(p => p.Name == FingerprintProperty).Value;
        return Normalize(Assert.IsType<string>(value));
    }

    // What a fresh TLS handshake is served, read with an SslStream that records and accepts anything.
    private static async Task<string> ServedFingerprintAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        string? seen = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = Convert.ToHexString(SHA256.HashData(certificate!.GetRawCertData()));
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken);
        return seen!;
    }

    private static string Normalize(string fingerprint) => fingerprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();

    // Retries through a restart (refused connections, resets) until the value is the one wanted or 60 s pass.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value) || DateTime.UtcNow > deadline) return value;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException or AuthenticationException && DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
    }
}
