using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Kalypso.Core.Authority;
using Microsoft.Extensions.DependencyInjection;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// A new certificate reaches a running container: re-issuing (what renewal does) restarts
/// it, Aspire re-creates its files from the current certificate, and nginx serves the new one.
/// </summary>
[Collection(nameof(ContainerTests))]
public sealed class ContainerRenewalTests(PodmanImages images, ITestOutputHelper output)
{
    [Fact]
    public async Task A_reissued_certificate_is_served_by_the_container_after_the_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        output.WriteLine(images.BuildOutput);
        await using var app = new ContainerApp();
        var web = app.Nginx("web").WithKalypsoHttps(app.Kalypso);

        await app.StartAsync(ct);
        await app.App.ResourceNotifications.WaitForResourceAsync("web", KnownResourceStates.Running, ct);
        var endpoint = app.App.GetEndpoint("web", "https");
        var first = await app.WaitForPropertyAsync("web", KalypsoPropertyNames.CertificateFingerprint, ct);
        Assert.Equal(first, Fingerprints.Sha256(await TlsProbe.ServedCertificateAsync(endpoint, TimeSpan.FromSeconds(60), ct)));

        var started = DateTime.UtcNow;
        var result = await app.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(web.Resource, "kalypso-reissue", ct);
        Assert.True(result.Success, result.Message);
        var second = await app.WaitForPropertyAsync("web", KalypsoPropertyNames.CertificateFingerprint, ct, except: first);
        Assert.NotEqual(first, second);

        // The container restarts; until it is back the old one or nothing answers.
        var served = await TlsProbe.WaitForFingerprintAsync(endpoint, second, TimeSpan.FromSeconds(90), ct);
        output.WriteLine($"new certificate served {(DateTime.UtcNow - started).TotalSeconds:F1} s after the re-issue");
        Assert.Equal(second, served);
        var (curlExit, curlOutput) = PodmanImages.Run("curl", "-sS", "--fail", "--max-time", "20", "--cacert", app.RootCertificatePath, endpoint.ToString());
        Assert.True(curlExit == 0, curlOutput);
    }
}
