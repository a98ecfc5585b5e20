using Kalypso.Core.Authority;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One resource's certificate, key and CA as PEM files at paths that stay the same for the whole
/// run, so a service that watches them (Kalypso.Aspire.Client does) takes a renewed certificate
/// without a restart. Each file is replaced atomically: written whole under a temporary name in
/// the same folder, then renamed over the old one, so a reader sees the old file or the new one,
/// never half of one. The key is created readable by its owner only.
/// </summary>
internal sealed class KalypsoCertificateFiles(KalypsoRunFolder folder, string resourceName)
{
    public const string CertificateFileName = "cert.pem";
    public const string KeyFileName = "key.pem";
    public const string CaFileName = "ca.pem";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public string CertificatePath => Path.Combine(folder.For(resourceName), CertificateFileName);

    public string KeyPath => Path.Combine(folder.For(resourceName), KeyFileName);

    public string CaPath => Path.Combine(folder.For(resourceName), CaFileName);

    /// <summary>Writes a certificate's files, replacing the previous ones.</summary>
    /// <param name="issued">The certificate with its key.</param>
    /// <exception cref="IOException">A file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public void Write(IssuedCertificate issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        WriteAtomically(CaPath, issued.CaCertificatePem, Public);
        // The key first and the certificate last: a watcher that wakes on the certificate finds its key in place.
        WriteAtomically(KeyPath, issued.PrivateKeyPem, OwnerOnly);
        WriteAtomically(CertificatePath, issued.CertificatePem, Public);
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
