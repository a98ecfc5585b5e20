using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// The whole path in a real Aspire app (DCP, real processes): `web` calls `api` by name over
/// https+http:// with nothing in the OS store and no SSL_CERT_DIR; the package is what makes it work.
/// </summary>
public sealed class AspireServiceDiscoveryTests
{
    [Fact]
    public async Task Web_calls_api_over_https_by_name_with_the_package_and_fails_without_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var store = new TempFolder();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Kalypso_ClientTestAppHost>(
            [$"--ClientTest:DataDirectory={store.File("store")}"], cancellation);
        await using var app = await builder.BuildAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        foreach (var name in new[] { "api", "web", "web-without-kalypso" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }

        using var web = app.CreateHttpClient("web", "http");
        using var plainWeb = app.CreateHttpClient("web-without-kalypso", "http");

        // Neither web process gets the root through OpenSSL's variables (they may name the system
        // bundle the machine set, which does not hold it): only KALYPSO_CA_FILE points at it.
        using var root = Kalypso.Core.Store.CaStore.Open(store.File("store")).Load().Authority;
        var rootBody = root.CertificatePem.Split('\n')[1];
        foreach (var client in new[] { web, plainWeb })
        {
            using var trust = JsonDocument.Parse(await client.GetStringAsync("/trust", timeout.Token));
            var dirs = trust.RootElement.GetProperty("sslCertDir").GetString() ?? "";
            var file = trust.RootElement.GetProperty("sslCertFile").GetString();
            Assert.DoesNotContain(dirs.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d)).Append(file).OfType<string>(), f => HoldsRoot(f, rootBody));
        }

        using var withPackage = await web.GetAsync("/call-api", timeout.Token);
        var body = await withPackage.Content.ReadAsStringAsync(timeout.Token);
        Assert.True(withPackage.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("web got: hello from api", body);

        using var withoutPackage = await plainWeb.GetAsync("/call-api", timeout.Token);
        var failure = await withoutPackage.Content.ReadAsStringAsync(timeout.Token);
        Assert.Equal(HttpStatusCode.BadGateway, withoutPackage.StatusCode);
        Assert.Contains("AuthenticationException", failure);
        Assert.Contains("remote certificate is invalid", failure, StringComparison.OrdinalIgnoreCase);

        await app.StopAsync(CancellationToken.None);
    }

    private static bool HoldsRoot(string path, string rootBody)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Contains(rootBody, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
