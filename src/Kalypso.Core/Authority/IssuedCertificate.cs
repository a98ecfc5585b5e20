using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Names;

namespace Kalypso.Core.Authority;

/// <summary>A leaf certificate and its private key, as issued.</summary>
public sealed class IssuedCertificate : IDisposable
{
    internal IssuedCertificate(X509Certificate2 certificate, ECDsa key, CertificateNames names, string caCertificatePem)
    {
        Certificate = certificate;
        Key = key;
        Names = names;
        CaCertificatePem = caCertificatePem;
        Fingerprint = Fingerprints.Sha256(certificate);
    }

    /// <summary>The certificate, without its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The leaf's private key.</summary>
    public ECDsa Key { get; }

    /// <summary>The names the certificate covers.</summary>
    public CertificateNames Names { get; }

    /// <summary>The SHA-256 fingerprint, in Kalypso's one format.</summary>
    public string Fingerprint { get; }

    /// <summary>The serial number, upper-case hex.</summary>
    public string SerialNumber => Certificate.SerialNumber;

    /// <summary>When the certificate becomes valid.</summary>
    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>When the certificate stops being valid.</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The issuing root certificate, PEM.</summary>
    public string CaCertificatePem { get; }

    /// <summary>The certificate, PEM.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>The private key, unencrypted PKCS#8 PEM.</summary>
    public string PrivateKeyPem => Key.ExportPkcs8PrivateKeyPem();

    /// <summary>The certificate followed by the root: what a TLS server sends as its chain.</summary>
    public string FullChainPem => CertificatePem + "\n" + CaCertificatePem;

    /// <summary>A new <see cref="X509Certificate2"/> with the private key attached, ready for a TLS server.</summary>
    /// <returns>The certificate with its key; the caller disposes it.</returns>
    public X509Certificate2 WithPrivateKey() => Certificate.CopyWithPrivateKey(Key);

    /// <summary>The certificate, key and root as a PKCS#12 file.</summary>
    /// <param name="password">The file's password, or <see langword="null"/> for none.</param>
    /// <returns>The PKCS#12 bytes.</returns>
    public byte[] ExportPkcs12(string? password = null)
    {
        using var withKey = WithPrivateKey();
        var collection = new X509Certificate2Collection { withKey };
        collection.ImportFromPem(CaCertificatePem);
        return collection.Export(X509ContentType.Pkcs12, password)!;
    }

    /// <summary>Disposes the certificate and key.</summary>
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
