using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Cli.Tests.Support;

/// <summary>CA files made without Kalypso, to feed it stores it did not write (an expired root, a key that does not match).</summary>
public static class HandMadeCa
{
    /// <summary>Writes a P-384 CA that expired an hour ago into a store folder, laid out as Kalypso lays it.</summary>
    public static void WriteExpired(string storeDirectory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest("CN=Expired Dev CA, O=Expired", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddHours(-1));
        Write(storeDirectory, root.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Replaces a store's key with an unrelated one.</summary>
    public static void ReplaceKey(string storeDirectory)
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var path = Path.Combine(storeDirectory, "ca-key.pem");
        File.WriteAllText(path, other.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void Write(string storeDirectory, string certificatePem, string keyPem)
    {
        Directory.CreateDirectory(storeDirectory);
        File.WriteAllText(Path.Combine(storeDirectory, "ca-cert.pem"), certificatePem);
        var key = Path.Combine(storeDirectory, "ca-key.pem");
        File.WriteAllText(key, keyPem);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
