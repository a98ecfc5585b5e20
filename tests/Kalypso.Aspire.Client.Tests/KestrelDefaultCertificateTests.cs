using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>
/// The Aspire shape: addresses from URLs and the certificate as Kestrel's default PKCS#12 file
/// (<c>Kestrel:Certificates:Default:Path</c>/<c>Password</c>). Kestrel alone would load that file
/// once; with the package the file is watched and a rewrite is served without a restart.
/// </summary>
public sealed class KestrelDefaultCertificateTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestCa _ca = new();

    [Fact]
    public async Task A_rewritten_default_certificate_file_is_served_without_a_restart()
    {
        var pfx = _folder.File("service.pfx");
        using var first = _ca.Issue("localhost", "127.0.0.1");
        File.WriteAllBytes(pfx, first.ExportPkcs12("secret"));
        await using var service = await KalypsoService.StartAsync(new()
        {
            ["KALYPSO_CA_FILE"] = _ca.WriteRoot(_folder),
            ["Kestrel:Certificates:Default:Path"] = pfx,
            ["Kestrel:Certificates:Default:Password"] = "secret",
            ["Kalypso:Client:PollInterval"] = "00:00:00.500",
        }, listenThroughUrls: true);
        // The service's own factory trusts Kalypso too: it calls itself.
        var client = service.Services.GetRequiredService<IHttpClientFactory>();

        Assert.Equal(Hex(first.Fingerprint), await ServedFingerprintAsync(service.Port));
        Assert.Equal("ok", await client.CreateClient().GetStringAsync($"https://127.0.0.1:{service.Port}/", TestContext.Current.CancellationToken));

        using var second = _ca.Issue("localhost", "127.0.0.1");
        File.WriteAllBytes(pfx, second.ExportPkcs12("secret"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await ServedFingerprintAsync(service.Port) != Hex(second.Fingerprint) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(Hex(second.Fingerprint), await ServedFingerprintAsync(service.Port));
        Assert.Equal(1, service.Served.Rotations);
    }

    // What a fresh TLS handshake is served, read with an SslStream that records and accepts anything.
    private static async Task<string> ServedFingerprintAsync(int port)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        string? seen = null;
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            seen = Convert.ToHexString(SHA256.HashData(certificate!.GetRawCertData()));
            return true;
        });
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = "localhost" }, TestContext.Current.CancellationToken);
        return seen!;
    }

    private static string Hex(string colonFingerprint) => colonFingerprint.Replace(":", "", StringComparison.Ordinal);

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }
}
