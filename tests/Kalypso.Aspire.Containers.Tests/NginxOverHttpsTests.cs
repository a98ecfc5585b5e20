using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Kalypso.Core.Authority;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>
/// A real nginx in podman serves HTTPS with its Kalypso certificate, which the nginx profile
/// wired in with no hand configuration; a real curl in another container, trusting nothing but
/// the Kalypso root, reaches it by its names; the host reaches it on its mapped port.
/// </summary>
[Collection(nameof(ContainerTests))]
public sealed class NginxOverHttpsTests(PodmanImages images, ITestOutputHelper output)
{
    private const string ClientScript = """
        echo "trust: SSL_CERT_FILE=${SSL_CERT_FILE:-} SSL_CERT_DIR=${SSL_CERT_DIR:-} KALYPSO_CA_FILE=${KALYPSO_CA_FILE:-}"
        fetch() { curl -sS --fail --retry 30 --retry-connrefused --retry-all-errors --retry-delay 1 --max-time 10 "$@"; }
        for url in https://web.dev.internal/ https://web/; do
          body=$(fetch "$url") || { echo "FAILED curl $url"; exit 1; }
          echo "OK curl $url: $body"
        done
        python3 -c 'import urllib.request; print("OK python https://web.dev.internal/: " + urllib.request.urlopen("https://web.dev.internal/", timeout=10).read().decode().strip())' || { echo "FAILED python"; exit 1; }
        ip=$(python3 -c 'import socket; print(socket.gethostbyname("web"))')
        curl -sS --max-time 10 "https://$ip/" >/dev/null 2>&1; echo "CONTROL name not covered ($ip): curl exit $?"
        SSL_CERT_DIR=/nonexistent curl -sS --max-time 10 https://web.dev.internal/ >/dev/null 2>&1; echo "CONTROL no root trusted: curl exit $?"
        """;

    [Fact]
    public async Task Nginx_serves_its_Kalypso_certificate_to_a_container_by_name_and_alias_and_to_the_host()
    {
        var ct = TestContext.Current.CancellationToken;
        output.WriteLine(images.BuildOutput);
        await using var app = new ContainerApp();
        var web = app.Nginx("web").WithKalypsoHttps(app.Kalypso);
        var client = app.Client("client", ClientScript).WithKalypsoTrust(app.Kalypso).WaitFor(web);

        var started = DateTime.UtcNow;
        await app.StartAsync(ct);
        var (exitCode, clientOutput) = await app.WaitForExitAsync(client.Resource, TimeSpan.FromMinutes(3), ct);
        output.WriteLine($"client finished after {(DateTime.UtcNow - started).TotalSeconds:F1} s, exit {exitCode}:\n{clientOutput}");

        Assert.Equal(0, exitCode);
        Assert.Contains("OK curl https://web.dev.internal/: Welcome to nginx", clientOutput);
        Assert.Contains("OK curl https://web/: Welcome to nginx", clientOutput);
        Assert.Contains("OK python https://web.dev.internal/: Welcome to nginx", clientOutput);
        // The checks above can fail: the same server by an uncovered name, or with no root, is refused (curl 60).
        Assert.Matches(@"CONTROL name not covered \([0-9.]+\): curl exit 60", clientOutput);
        Assert.Contains("CONTROL no root trusted: curl exit 60", clientOutput);

        // The host, with curl trusting only the Kalypso root, on the port Aspire mapped.
        var endpoint = app.App.GetEndpoint("web", "https");
        Assert.Equal("https", endpoint.Scheme);
        var (curlExit, curlOutput) = PodmanImages.Run("curl", "-sS", "--fail", "--max-time", "20", "--retry", "10", "--retry-all-errors", "--retry-delay", "1",
            "--cacert", app.RootCertificatePath, endpoint.ToString());
        Assert.True(curlExit == 0, $"host curl {endpoint} failed ({curlExit}): {curlOutput}");
        Assert.Contains("Welcome to nginx", curlOutput);

        // What nginx serves is the certificate the dashboard shows.
        var shown = await app.WaitForPropertyAsync("web", KalypsoPropertyNames.CertificateFingerprint, ct);
        var served = await TlsProbe.ServedCertificateAsync(endpoint, TimeSpan.FromSeconds(60), ct);
        Assert.Equal(shown, Fingerprints.Sha256(served));
        Assert.Contains("web.dev.internal", served.GetNameInfo(X509NameType.DnsName, false) + string.Join(',', SubjectAlternativeNames(served)));

        // Inside the nginx container the key belongs to root (nginx's master reads it) and only root may read it.
        var id = await app.WaitForPropertyAsync("web", "container.id", ct);
        var (statExit, stat) = PodmanImages.Run("podman", "exec", id, "stat", "-c", "%n %u:%g %a",
            "/etc/nginx/kalypso/tls.key", "/etc/nginx/kalypso/tls.crt", "/etc/nginx/kalypso/ca.crt");
        output.WriteLine(stat);
        Assert.Equal(0, statExit);
        Assert.Contains("/etc/nginx/kalypso/tls.key 0:0 600", stat);
        Assert.Contains("/etc/nginx/kalypso/tls.crt 0:0 644", stat);
        Assert.Contains("/etc/nginx/kalypso/ca.crt 0:0 644", stat);
    }

    private static IEnumerable<string> SubjectAlternativeNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames());
}

