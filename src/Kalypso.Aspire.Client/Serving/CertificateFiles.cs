using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kalypso.Aspire.Client.Serving;

/// <summary>
/// Loads a server certificate and its key from PEM files or a PKCS#12 file, refusing anything
/// incomplete: a file being rewritten, a certificate whose key does not match, a certificate
/// without a key. The caller keeps serving the previous certificate when loading fails.
/// </summary>
public static class CertificateFiles
{
    /// <summary>Tries to load a certificate with its private key.</summary>
    /// <param name="certFile">A PEM certificate (the first block is the leaf) or a PKCS#12 file.</param>
    /// <param name="keyFile">The PEM key for a PEM certificate; <see langword="null"/> for PKCS#12, or when the key sits in <paramref name="certFile"/>.</param>
    /// <param name="password">The PKCS#12 password, or the PEM key's password if encrypted.</param>
    /// <param name="certificate">The certificate with its key.</param>
    /// <param name="problem">Why it could not be loaded.</param>
    /// <returns>Whether it loaded.</returns>
    public static bool TryLoad(string certFile, string? keyFile, string? password, out X509Certificate2? certificate, out string? problem)
    {
        certificate = null;
        try
        {
            var pem = IsPem(certFile);
            var loaded = pem ? LoadPem(certFile, keyFile, password) : LoadPkcs12(certFile, password);
            if (!loaded.HasPrivateKey)
            {
                loaded.Dispose();
                problem = "the certificate has no private key";
                return false;
            }
            certificate = pem ? ForSslStream(loaded) : loaded;
            problem = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or FormatException)
        {
            problem = e.Message;
            return false;
        }
    }

    private static bool IsPem(string path)
    {
        // PKCS#12 is DER and never starts with '-'; PEM files start with "-----BEGIN" (perhaps after text).
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> head = stackalloc byte[64];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(head[..read]).Contains("-----BEGIN", StringComparison.Ordinal)
            || (read > 0 && head[0] != 0x30);
    }

    private static X509Certificate2 LoadPem(string certFile, string? keyFile, string? password)
    {
        var certPem = File.ReadAllText(certFile);
        var keyPem = keyFile is null ? certPem : File.ReadAllText(keyFile);
        // CreateFromPem refuses a key that does not match the certificate's public key.
        return string.IsNullOrEmpty(password) || !keyPem.Contains("ENCRYPTED", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(certPem, keyPem)
            : X509Certificate2.CreateFromEncryptedPem(certPem, keyPem, password);
    }

    private static X509Certificate2 LoadPkcs12(string certFile, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(certFile, password, Pkcs12Flags);

    // Linux keeps keys in memory anyway; macOS and Windows need a key set TLS servers can use.
    private static X509KeyStorageFlags Pkcs12Flags =>
        OperatingSystem.IsLinux() ? X509KeyStorageFlags.EphemeralKeySet : X509KeyStorageFlags.DefaultKeySet;

    // SChannel on Windows cannot use an ephemeral (PEM-imported) key for a TLS server; a round trip
    // through PKCS#12 gives it a key it can use. Elsewhere the loaded certificate is used as is.
    private static X509Certificate2 ForSslStream(X509Certificate2 loaded)
    {
        if (!OperatingSystem.IsWindows()) return loaded;
        using (loaded)
        {
            return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
        }
    }
}
