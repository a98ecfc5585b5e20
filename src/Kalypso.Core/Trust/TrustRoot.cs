using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;

namespace Kalypso.Core.Trust;

/// <summary>
/// A root to trust or untrust, and the names every store files it under. Every name derives from
/// the root's SHA-256 fingerprint, so <c>untrust</c> finds exactly what <c>trust</c> added and
/// two different roots never collide.
/// </summary>
public sealed class TrustRoot
{
    /// <summary>Wraps a root certificate and a PEM file holding it (the store's <c>ca-cert.pem</c>), which OS tools read.</summary>
    /// <param name="certificate">The root certificate.</param>
    /// <param name="pemPath">A PEM file holding exactly this certificate.</param>
    public TrustRoot(X509Certificate2 certificate, string pemPath)
    {
        Certificate = certificate;
        PemPath = Path.GetFullPath(pemPath);
        Fingerprint = Fingerprints.Sha256(certificate);
        Id = "kalypso-" + Fingerprint.Replace(":", "", StringComparison.Ordinal)[..16].ToLowerInvariant();
    }

    /// <summary>The root certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A PEM file holding the root, for tools that read files.</summary>
    public string PemPath { get; }

    /// <summary>The root's SHA-256 fingerprint.</summary>
    public string Fingerprint { get; }

    /// <summary>The root's SHA-1 thumbprint in upper-case hex, which the macOS and Windows tools identify certificates by.</summary>
    public string Sha1 => Certificate.Thumbprint;

    /// <summary>
    /// The name the root is filed under in every store: <c>kalypso-</c> and the first 16 hex digits
    /// of its SHA-256 fingerprint (an NSS nickname, a Java alias, a Debian file name).
    /// </summary>
    public string Id { get; }
}
