using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Kalypso.Core.Authority;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>Renewal on the wall clock: a five-minute leaf renewed after 10% of its life (30 s), checked every second.</summary>
[Collection(AppHostCollection.Name)]
public sealed class RealRenewalTests
{
    [Fact]
    public async Task A_running_project_gets_a_new_certificate_on_its_own_and_serves_it()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var running = await RunningApp.StartAsync(
            ["--TestApp:LifetimeMinutes=5", "--TestApp:RenewAt=0.1", "--TestApp:CheckIntervalMs=1000", "--TestApp:Web=false"], cancel, "api");
        var certificate = running.Certificate("api");
        var first = certificate.Current!;
        var served = await TlsProbe.ServedCertificateAsync(running.App.GetEndpoint("api", "https"), "localhost", cancel);
        Assert.Equal(first.Fingerprint, Fingerprints.Sha256(served));

        var renewed = await HttpsAppTests.Eventually(
            async () => await TlsProbe.ServedCertificateAsync(running.App.GetEndpoint("api", "https"), "localhost", cancel),
            probe => Fingerprints.Sha256(probe) != first.Fingerprint);

        Assert.NotEqual(first.Fingerprint, Fingerprints.Sha256(renewed));
        Assert.True(certificate.Generation >= 2);
        using var ca = running.LoadCa();
        Assert.True(TlsProbe.ChainsTo(renewed, ca.Certificate));
        Assert.True(renewed.NotAfter > served.NotAfter);
        Assert.Equal(TimeSpan.FromMinutes(5) + LeafLifetime.BackdateForClockSkew, renewed.NotAfter - renewed.NotBefore);

        // Renewal goes on every 30 s; the dashboard shows whichever certificate is current.
        var state = await running.App.ResourceNotifications.WaitForResourceAsync("api",
            e => e.Snapshot.HealthStatus == HealthStatus.Healthy
                && HttpsAppTests.Property(e.Snapshot, KalypsoPropertyNames.CertificateFingerprint) == certificate.Current!.Fingerprint, cancel);
        Assert.True(int.Parse(HttpsAppTests.Property(state.Snapshot, KalypsoPropertyNames.CertificateGeneration)!) >= 2);
    }
}
