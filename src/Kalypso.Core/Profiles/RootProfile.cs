using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Profiles;

/// <summary>
/// Exactly what a Kalypso root carries: CA=TRUE with pathLength=0 (it cannot create sub-CAs),
/// keyUsage keyCertSign, cRLSign and digitalSignature and nothing else, a subject key
/// identifier, and optionally name constraints. Every root Kalypso creates goes through here.
/// </summary>
public static class RootProfile
{
    /// <summary>The key usages a root has, and no others.</summary>
    public const X509KeyUsageFlags KeyUsages = X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature;

    /// <summary>The subject of a root for an organization: <c>O=&lt;organization&gt;, CN=&lt;organization&gt; Root CA</c>.</summary>
    /// <param name="organization">The organization name.</param>
    /// <returns>The distinguished name.</returns>
    public static X500DistinguishedName Subject(string organization)
    {
        // The builder encodes components in the reverse order of the calls, so CN is added first
        // for the DER order O, CN: the order the original Kalypso writes and openssl prints.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName($"{organization} Root CA");
        builder.AddOrganizationName(organization);
        return builder.Build();
    }

    /// <summary>Adds the root's extensions to a request.</summary>
    /// <param name="request">A request for the root's own key.</param>
    /// <param name="nameConstraints">The names the root may vouch for, or <see langword="null"/> for no constraints.</param>
    public static void Apply(CertificateRequest request, NameConstraintPolicy? nameConstraints)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(KeyUsages, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (nameConstraints is not null)
        {
            request.CertificateExtensions.Add(NameConstraintsExtension.Create(nameConstraints));
        }
    }
}
