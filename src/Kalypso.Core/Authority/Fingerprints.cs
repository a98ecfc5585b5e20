using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Core.Authority;

/// <summary>
/// The one fingerprint format Kalypso shows everywhere: SHA-256 over the certificate's DER,
/// upper-case hex bytes separated by colons, as <c>openssl x509 -fingerprint -sha256</c> prints it.
/// </summary>
public static class Fingerprints
{
    /// <summary>The SHA-256 fingerprint of a certificate.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>Such as <c>AB:01:…</c> (95 characters).</returns>
    public static string Sha256(X509Certificate2 certificate) => Sha256(certificate.RawData);

    /// <summary>The SHA-256 fingerprint of a DER-encoded certificate.</summary>
    /// <param name="der">The certificate's DER bytes.</param>
    /// <returns>Such as <c>AB:01:…</c> (95 characters).</returns>
    public static string Sha256(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(der, hash);
        return Convert.ToHexString(hash).Chunk(2).Aggregate(new System.Text.StringBuilder(95), (sb, pair) =>
            (sb.Length > 0 ? sb.Append(':') : sb).Append(pair)).ToString();
    }
}
