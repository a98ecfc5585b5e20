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
    public static X500DistinguishedName Subject(CertificateNames names) => Subject(names, rootIsNameConstrained: false);

    /// <summary>
    /// The subject of a leaf: <c>CN=&lt;first name requested&gt;</c>, except for a leaf with no DNS
    /// name under a name-constrained root, whose subject is empty. OpenSSL checks a common name
    /// that looks like a host name (an IPv4 literal does) against the root's DNS constraints when
    /// the leaf has no DNS name, and would refuse such a leaf for a permitted address.
    /// </summary>
    /// <param name="names">The leaf's names.</param>
    /// <param name="rootIsNameConstrained">Whether the issuing root carries name constraints.</param>
    /// <returns>The distinguished name.</returns>
    public static X500DistinguishedName Subject(CertificateNames names, bool rootIsNameConstrained)
    {
        if (HasEmptySubject(names, rootIsNameConstrained)) return new X500DistinguishedName([0x30, 0x00]);
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(names.CommonName);
        return builder.Build();
    }

    /// <summary>Whether a leaf's subject is empty (see <see cref="Subject(CertificateNames, bool)"/>); its subjectAltName is then critical, as RFC 5280 requires.</summary>
    /// <param name="names">The leaf's names.</param>
    /// <param name="rootIsNameConstrained">Whether the issuing root carries name constraints.</param>
    /// <returns>Whether the subject is empty.</returns>
    public static bool HasEmptySubject(CertificateNames names, bool rootIsNameConstrained) =>
        rootIsNameConstrained && names.DnsNames.Count == 0;

    /// <summary>Adds the leaf's extensions to a request.</summary>
    /// <param name="request">A request for the leaf's own key.</param>
    /// <param name="names">The names the leaf covers.</param>
    /// <param name="issuerKeyIdentifier">The issuing root's subject key identifier extension.</param>
    public static void Apply(CertificateRequest request, CertificateNames names, X509SubjectKeyIdentifierExtension issuerKeyIdentifier) =>
        Apply(request, names, issuerKeyIdentifier, rootIsNameConstrained: false);

    /// <summary>Adds the leaf's extensions to a request, for a root with or without name constraints.</summary>
    /// <param name="request">A request for the leaf's own key.</param>
    /// <param name="names">The names the leaf covers.</param>
    /// <param name="issuerKeyIdentifier">The issuing root's subject key identifier extension.</param>
    /// <param name="rootIsNameConstrained">Whether the issuing root carries name constraints.</param>
    public static void Apply(CertificateRequest request, CertificateNames names, X509SubjectKeyIdentifierExtension issuerKeyIdentifier, bool rootIsNameConstrained)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(issuerKeyIdentifier));

        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in names.DnsNames) san.AddDnsName(dns);
        foreach (var ip in names.IpAddresses) san.AddIpAddress(ip);
        request.CertificateExtensions.Add(san.Build(critical: HasEmptySubject(names, rootIsNameConstrained)));
    }
}
