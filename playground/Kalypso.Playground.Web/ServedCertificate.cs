using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Playground.Web;

/// <summary>What the API presented in the last TLS handshake, and whether this service accepted it.</summary>
/// <param name="Subject">The certificate's subject.</param>
/// <param name="Names">The DNS names and IP addresses in its subject alternative names.</param>
/// <param name="Fingerprint">SHA-256 over the DER, colon-separated upper-case hex, as Kalypso prints it.</param>
/// <param name="NotBefore">When it became valid (UTC).</param>
/// <param name="NotAfter">When it expires (UTC).</param>
/// <param name="Issuer">The issuer's subject.</param>
/// <param name="Chain">The chain .NET built, leaf first.</param>
/// <param name="PlatformErrors">What the platform's own validation found (None: the system trust, with SSL_CERT_DIR, verified it).</param>
/// <param name="Accepted">Whether the connection went ahead.</param>
public sealed record ServedCertificate(
    string Subject,
    IReadOnlyList<string> Names,
    string Fingerprint,
    DateTime NotBefore,
    DateTime NotAfter,
    string Issuer,
    IReadOnlyList<string> Chain,
    SslPolicyErrors PlatformErrors,
    bool Accepted)
{
    public static ServedCertificate From(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors, bool accepted) => new(
        certificate.Subject,
        SubjectAlternativeNames(certificate),
        Sha256(certificate),
        certificate.NotBefore.ToUniversalTime(),
        certificate.NotAfter.ToUniversalTime(),
        certificate.Issuer,
        chain?.ChainElements.Select(e => e.Certificate.Subject).ToList() ?? [],
        errors,
        accepted);

    private static string Sha256(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static List<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null) return [];
        return [.. san.EnumerateDnsNames(), .. san.EnumerateIPAddresses().Select(ip => ip.ToString())];
    }
}
