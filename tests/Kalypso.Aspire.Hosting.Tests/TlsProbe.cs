using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Aspire.Hosting.Tests;

/// <summary>Does a real TLS handshake and returns what the server sent, for the test to judge.</summary>
internal static class TlsProbe
{
    public static async Task<X509Certificate2> ServedCertificateAsync(Uri endpoint, string serverName, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        X509Certificate2? served = null;
        // The probe accepts whatever is sent so the test can say exactly what was wrong with it.
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName }, cancellationToken);
        return served ?? throw new InvalidOperationException("The server sent no certificate.");
    }

    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        return chain.Build(leaf);
    }

    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        return [.. extension.EnumerateDnsNames(), .. extension.EnumerateIPAddresses().Select(ip => ip.ToString())];
    }
}
