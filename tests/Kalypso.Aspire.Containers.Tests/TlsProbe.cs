using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;

namespace Kalypso.Aspire.Containers.Tests;

/// <summary>Reads the certificate a TLS server presents, without judging it: the tests compare fingerprints.</summary>
public static class TlsProbe
{
    public static async Task<X509Certificate2> ServedCertificateAsync(Uri endpoint, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await ServedCertificateOnceAsync(endpoint, ct);
            }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }

    /// <summary>Probes until the server presents the certificate with <paramref name="fingerprint"/>; returns the last one seen.</summary>
    public static async Task<string> WaitForFingerprintAsync(Uri endpoint, string fingerprint, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = "(none)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                seen = Fingerprints.Sha256(await ServedCertificateOnceAsync(endpoint, ct));
                if (seen == fingerprint) return seen;
            }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        return seen;
    }

    private static async Task<X509Certificate2> ServedCertificateOnceAsync(Uri endpoint, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
        connect.CancelAfter(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port, connect.Token);
        X509Certificate2? served = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return served is not null;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, connect.Token);
        return served ?? throw new IOException("No certificate was served.");
    }
}
