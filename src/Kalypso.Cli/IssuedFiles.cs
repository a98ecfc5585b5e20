using System.Text;
using Kalypso.Core.Authority;

namespace Kalypso.Cli;

/// <summary>
/// Writes an issued certificate into a folder under the names the original Kalypso uses
/// (<c>cert.pem</c>, <c>key.pem</c>) plus <c>fullchain.pem</c> and optionally <c>cert.pfx</c>.
/// Each file is written beside its final name and renamed over it, so a reader never sees half a
/// file; the key and the PKCS#12 are created with mode 0600 and never exist wider.
/// </summary>
internal sealed record IssuedFiles(string Certificate, string Key, string FullChain, string? Pkcs12)
{
    public const string CertificateName = "cert.pem";
    public const string KeyName = "key.pem";
    public const string FullChainName = "fullchain.pem";
    public const string Pkcs12Name = "cert.pfx";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static IssuedFiles Write(string folder, IssuedCertificate issued, bool pkcs12)
    {
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        var files = new IssuedFiles(
            Path.Combine(folder, CertificateName),
            Path.Combine(folder, KeyName),
            Path.Combine(folder, FullChainName),
            pkcs12 ? Path.Combine(folder, Pkcs12Name) : null);
        Replace(files.Key, Encoding.ASCII.GetBytes(issued.PrivateKeyPem), Private);
        Replace(files.Certificate, Encoding.ASCII.GetBytes(issued.CertificatePem), Public);
        Replace(files.FullChain, Encoding.ASCII.GetBytes(issued.FullChainPem), Public);
        if (files.Pkcs12 is not null) Replace(files.Pkcs12, issued.ExportPkcs12(), Private);
        return files;
    }

    private static void Replace(string path, byte[] content, UnixFileMode mode)
    {
        var pending = path + ".kalypso-new";
        File.Delete(pending);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using (var stream = new FileStream(pending, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(pending, path, overwrite: true);
    }
}
