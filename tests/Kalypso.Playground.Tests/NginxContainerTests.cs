using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Aspire.Containers.Tests;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Kalypso.Playground.Tests;

/// <summary>
/// Where a container runtime runs and has an nginx image, the playground adds its nginx container,
/// which serves HTTPS with its own Kalypso certificate through the nginx profile. Podman and the
/// image come from the project's scripts (no registry); the image is named to the playground
/// through <c>Playground__NginxImage</c>.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class NginxContainerTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task With_a_container_runtime_and_an_nginx_image_the_playground_serves_nginx_with_its_Kalypso_certificate()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var images = new PodmanImages();
        var store = Directory.CreateTempSubdirectory("kalypso-playground-nginx-");
        try
        {
            await using var playground = PlaygroundProcess.Start(Path.Combine(store.FullName, "store"), new Dictionary<string, string>
            {
                ["Playground__NginxImage"] = $"{PodmanImages.Registry}/{PodmanImages.Nginx}:{PodmanImages.NginxTag}",
                ["CONTAINERS_CONF"] = images.ContainersConf,
                ["ASPIRE_CONTAINER_RUNTIME"] = "podman",
            });
            var ready = await playground.Ready.WaitAsync(StartTimeout, cancellation);
            Assert.Contains("nginx", ready);
            var url = new Uri(await playground.Nginx.WaitAsync(StartTimeout, cancellation));

            var entry = CaStore.Open(playground.StoreDirectory).AuditLog.ReadAll().Last(e => e.Requester == "aspire:nginx");
            Assert.Contains("nginx", entry.Names);
            Assert.Contains("nginx.dev.internal", entry.Names);
            Assert.Contains("localhost", entry.Names);

            using var root = X509CertificateLoader.LoadCertificateFromFile(CaStore.Open(playground.StoreDirectory).CertificatePath);
            string? served = null;
            using var handler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    // Only the Kalypso root is trusted, and the name must match: nothing else is relaxed.
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    {
                        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                        using var leaf = new X509Certificate2(certificate);
                        using var chain = new X509Chain();
                        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                        chain.ChainPolicy.CustomTrustStore.Add(root);
                        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                        served = Fingerprints.Sha256(leaf);
                        return chain.Build(leaf);
                    },
                },
            };
            using var client = new HttpClient(handler);
            var page = await client.GetStringAsync(url, cancellation);
            Assert.Contains("nginx", page, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(entry.Fingerprint, served);
            TestContext.Current.TestOutputHelper?.WriteLine($"nginx at {url} served {served}; {ready}");
        }
        finally
        {
            store.Delete(recursive: true);
        }
    }
}
