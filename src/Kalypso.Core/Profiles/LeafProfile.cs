using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Names;

namespace Kalypso.Core.Profiles;

/// <summary>
/// Exactly what a Kalypso leaf carries: CA=FALSE (critical), keyUsage digitalSignature
/// (critical), extendedKeyUsage serverAuth only, subject and authority key identifiers, and a
/// subjectAltName of exactly the requested names. Every leaf Kalypso issues goes through here.
/// </summary>
public static class LeafProfile
{
    /// <summary>The OID of the only extended key usage a leaf has: TLS server authentication.</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>The subject of a leaf: <c>CN=&lt;first name requested&gt;</c>.</summary>
    /// <param name="names">The leaf's names.</param>
    /// <returns>The distinguished name.</returns>
    public static X500DistinguishedName Subject(CertificateNames names)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(names.CommonName);
        return builder.Build();
    }

    /// <summary>Adds the leaf's extensions to a request.</summary>
    /// <param name="request">A request for the leaf's own key.</param>
    /// <param name="names">The names the leaf covers.</param>
    /// <param name="issuerKeyIdentifier">The issuing root's subject key identifier extension.</param>
    public static void Apply(CertificateRequest request, CertificateNames names, X509SubjectKeyIdentifierExtension issuerKeyIdentifier)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerKeyIdentifier));

        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in names.DnsNames) san.AddDnsName(dns);
        foreach (var ip in names.IpAddresses) san.AddIpAddress(ip);
        request.CertificateExtensions.Add(san.Build(critical: false));
    }
}
