using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Kalypso.Core.Authority;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>One real AppHost run shared by the tests below: two HTTPS projects, one calling the other.</summary>
public sealed class HttpsAppFixture : IAsyncLifetime
{
    public RunningApp Running { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Running = await RunningApp.StartAsync(["--TestApp:LifetimeMinutes=90"], TestContext.Current.CancellationToken, "kalypso", "api", "web");

    public ValueTask DisposeAsync() => Running.DisposeAsync();
}

/// <summary>Real processes under DCP serving Kalypso certificates, checked with real TLS clients.</summary>
[Collection(AppHostCollection.Name)]
public sealed class HttpsAppTests(HttpsAppFixture fixture) : IClassFixture<HttpsAppFixture>
{
    private readonly RunningApp _running = fixture.Running;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("api", new[] { "api", "api.dev.internal", "localhost", "api.test.internal", "127.0.0.1", "::1" })]
    [InlineData("web", new[] { "web", "web.dev.internal", "localhost", "127.0.0.1", "::1" })]
    public async Task Each_project_serves_a_leaf_that_chains_to_the_Kalypso_root_with_exactly_its_own_names_and_lifetime(string name, string[] names)
    {
        var served = await TlsProbe.ServedCertificateAsync(_running.App.GetEndpoint(name, "https"), "localhost", Cancel);
        using var ca = _running.LoadCa();

        Assert.True(TlsProbe.ChainsTo(served, ca.Certificate));
        Assert.Equal(names.Order(), TlsProbe.SubjectAlternativeNames(served).Order());
        var current = _running.Certificate(name).Current!;
        Assert.Equal(current.Fingerprint, Fingerprints.Sha256(served));
        Assert.Equal(TimeSpan.FromMinutes(90) + LeafLifetime.BackdateForClockSkew, served.NotAfter - served.NotBefore);
    }

    [Fact]
    public async Task The_health_checks_are_healthy_over_https_and_the_AppHost_client_trusts_the_root()
    {
        foreach (var name in new[] { "api", "web" })
        {
            Assert.True(_running.App.ResourceNotifications.TryGetCurrentState(name, out var state));
            Assert.Equal(HealthStatus.Healthy, state!.Snapshot.HealthStatus);
        }
        using var client = _running.App.CreateHttpClient("api", "https");
        Assert.Equal("https", client.BaseAddress!.Scheme);
        Assert.StartsWith("hello from", await client.GetStringAsync("/", Cancel));
    }

    [Fact]
    public async Task Web_calls_api_over_https_with_default_validation_in_its_own_process()
    {
        using var client = _running.App.CreateHttpClient("web", "https");
        Assert.Equal("web got: hello from Kalypso.TestApps.Api", await client.GetStringAsync("/call-api", Cancel));
    }

    [Fact]
    public async Task Curl_with_the_root_as_cacert_gets_the_page()
    {
        var endpoint = _running.App.GetEndpoint("api", "https");
        var curl = Process.Start(new ProcessStartInfo("curl", ["--silent", "--show-error", "--max-time", "20", "--cacert", _running.Store.Open().CertificatePath, $"https://localhost:{endpoint.Port}/"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await curl.StandardOutput.ReadToEndAsync(Cancel);
        var error = await curl.StandardError.ReadToEndAsync(Cancel);
        await curl.WaitForExitAsync(Cancel);
        Assert.True(curl.ExitCode == 0, $"curl exited {curl.ExitCode}: {error}");
        Assert.Equal("hello from Kalypso.TestApps.Api", output);
    }

    [Fact]
    public async Task The_dashboard_shows_the_CA_and_each_certificate()
    {
        using var ca = _running.LoadCa();
        var kalypso = await _running.App.ResourceNotifications.WaitForResourceAsync("kalypso",
            e => Property(e.Snapshot, KalypsoPropertyNames.CaFingerprint) is not null, Cancel);
        Assert.Equal(ca.Fingerprint, Property(kalypso.Snapshot, KalypsoPropertyNames.CaFingerprint));
        Assert.Equal(ca.Certificate.Subject, Property(kalypso.Snapshot, KalypsoPropertyNames.CaSubject));
        Assert.Equal(ca.NotAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), Property(kalypso.Snapshot, KalypsoPropertyNames.CaNotAfter));
        Assert.Equal("0600 (owner only)", Property(kalypso.Snapshot, KalypsoPropertyNames.CaKeyFile));
        Assert.Equal(_running.Store.Directory, Property(kalypso.Snapshot, KalypsoPropertyNames.Store));
        Assert.NotNull(Property(kalypso.Snapshot, KalypsoPropertyNames.IssuedThisRun));

        var current = _running.Certificate("web").Current!;
        var web = await _running.App.ResourceNotifications.WaitForResourceAsync("web",
            e => Property(e.Snapshot, KalypsoPropertyNames.CertificateFingerprint) == current.Fingerprint, Cancel);
        Assert.Equal(string.Join(", ", current.Names.All), Property(web.Snapshot, KalypsoPropertyNames.CertificateNames));
        Assert.Equal(current.NotAfter.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), Property(web.Snapshot, KalypsoPropertyNames.CertificateNotAfter));
        Assert.Equal(current.NotBefore.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), Property(web.Snapshot, KalypsoPropertyNames.CertificateNotBefore));
        Assert.Matches("^1 h [0-9]+ min$", Property(web.Snapshot, KalypsoPropertyNames.CertificateTimeLeft));
        Assert.Contains(web.Snapshot.Commands, c => c.Name == "kalypso-reissue");
    }

    [Fact]
    public async Task The_reissue_command_makes_the_project_serve_a_new_certificate()
    {
        var before = await TlsProbe.ServedCertificateAsync(_running.App.GetEndpoint("api", "https"), "api", Cancel);

        var result = await _running.App.ResourceCommands.ExecuteCommandAsync("api", "kalypso-reissue", Cancel);
        Assert.True(result.Success, result.Message);
        var current = _running.Certificate("api").Current!;
        Assert.NotEqual(Fingerprints.Sha256(before), current.Fingerprint);

        await _running.App.ResourceNotifications.WaitForResourceAsync("api",
            e => e.Snapshot.HealthStatus == HealthStatus.Healthy && Property(e.Snapshot, KalypsoPropertyNames.CertificateFingerprint) == current.Fingerprint, Cancel);
        var after = await Eventually(async () => await TlsProbe.ServedCertificateAsync(_running.App.GetEndpoint("api", "https"), "api", Cancel),
            served => Fingerprints.Sha256(served) == current.Fingerprint);
        using var ca = _running.LoadCa();
        Assert.True(TlsProbe.ChainsTo(after, ca.Certificate));
    }

    [Fact]
    public async Task The_trust_command_on_kalypso_prints_how_to_trust_the_CA()
    {
        var logs = _running.App.Services.GetRequiredService<ResourceLoggerService>();
        var result = await _running.App.ResourceCommands.ExecuteCommandAsync("kalypso", "kalypso-trust-help", Cancel);
        Assert.True(result.Success, result.Message);
        using var ca = _running.LoadCa();
        var line = await Eventually(async () =>
        {
            var lines = new List<string>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await foreach (var batch in logs.WatchAsync(_running.Resource("kalypso")).WithCancellation(stop.Token))
                {
                    lines.AddRange(batch.Select(l => l.Content));
                }
            }
            catch (OperationCanceledException)
            {
            }
            return lines.FirstOrDefault(l => l.Contains("kalypso trust --data-dir", StringComparison.Ordinal)) ?? "";
        }, line => line.Length > 0);
        Assert.Contains($"kalypso trust --data-dir '{_running.Store.Directory}'", line);
        Assert.Contains(ca.Fingerprint, line);
    }

    [Fact]
    public async Task The_kalypso_resource_runs_the_issuing_service_over_the_same_store()
    {
        using var client = _running.App.CreateHttpClient("kalypso", "http");
        using var ca = _running.LoadCa();
        Assert.Equal(ca.CertificatePem.Trim(), (await client.GetStringAsync("/ca.pem", Cancel)).Trim());

        using var response = await client.PostAsync("/certificates",
            new StringContent("""{"domains":["tool.dev.internal"],"lifetime_minutes":10}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
        var audit = _running.Store.Open().AuditLog.ReadAll();
        Assert.Contains(audit, e => e.Names.Contains("tool.dev.internal"));
        Assert.Contains(audit, e => e.Requester == "aspire:api");

        var kalypso = await _running.App.ResourceNotifications.WaitForResourceHealthyAsync("kalypso", Cancel);
        Assert.Contains(kalypso.Snapshot.Urls, u => u.Url.EndsWith("/scalar/v1", StringComparison.Ordinal));
        var args = kalypso.Snapshot.Properties.Single(p => p.Name == "executable.args").Value switch
        {
            IEnumerable<string> list => string.Join(" ", list),
            var other => other?.ToString() ?? "",
        };
        Assert.Contains($"--data-dir {_running.Store.Directory}", args);
        Assert.DoesNotContain("ca-key", args);
        Assert.DoesNotContain("PRIVATE KEY", args);
    }

    internal static string? Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    internal static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value) || DateTime.UtcNow > deadline) return value;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The resource is restarting: its port refuses connections for a moment.
            }
            await Task.Delay(250, Cancel);
        }
    }
}
