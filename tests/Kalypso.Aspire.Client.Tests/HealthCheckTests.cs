using Kalypso.Aspire.Client.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>The kalypso-certificate health check, read through the service's HealthCheckService.</summary>
public sealed class HealthCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestCa _ca = new();

    [Fact]
    public async Task Time_left_turns_the_check_from_Healthy_to_Degraded_to_Unhealthy()
    {
        using var leaf = _ca.Issue(TimeSpan.FromMinutes(5), "localhost");
        CertificateFileWriter.WriteAtOnce(leaf, _folder.File("c.pem"), _folder.File("k.pem"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = await KalypsoService.StartAsync(
            new() { ["KALYPSO_CERT_FILE"] = _folder.File("c.pem"), ["KALYPSO_KEY_FILE"] = _folder.File("k.pem"), ["Kalypso:Client:ExpiryWarning"] = "00:01:00" },
            services => services.TryAddSingleton<TimeProvider>(time));

        var healthy = await CheckAsync(service);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Contains("minutes left", healthy.Description);
        Assert.InRange((long)healthy.Data["secondsLeft"], 240, 301);

        time.Advance(TimeSpan.FromMinutes(4.5));
        var degraded = await CheckAsync(service);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("under the 1 minutes warning threshold", degraded.Description);

        time.Advance(TimeSpan.FromMinutes(1));
        var expired = await CheckAsync(service);
        Assert.Equal(HealthStatus.Unhealthy, expired.Status);
        Assert.Contains("expired", expired.Description);
    }

    [Fact]
    public async Task A_certificate_that_never_loaded_is_Unhealthy()
    {
        File.WriteAllText(_folder.File("c.pem"), "-----BEGIN CERTIFICATE-----\nnot a certificate\n");
        File.WriteAllText(_folder.File("k.pem"), "");
        await using var service = await KalypsoService.StartAsync(new() { ["KALYPSO_CERT_FILE"] = _folder.File("c.pem"), ["KALYPSO_KEY_FILE"] = _folder.File("k.pem") });

        var result = await CheckAsync(service);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("No Kalypso certificate", result.Description);
    }

    private static async Task<HealthReportEntry> CheckAsync(KalypsoService service)
    {
        var report = await service.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        return report.Entries[KalypsoCertificateHealthCheck.Name];
    }

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
