using Kalypso.Core.Authority;
using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>A real Kalypso root written to a PEM file, as a store's ca-cert.pem is.</summary>
internal sealed class TestRoot : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("kalypso-core-trust-");

    public TestRoot()
    {
        Authority = CertificateAuthority.Create();
        var path = Path.Combine(_folder.FullName, "ca-cert.pem");
        File.WriteAllText(path, Authority.CertificatePem);
        Root = new TrustRoot(Authority.Certificate, path);
    }

    public CertificateAuthority Authority { get; }

    public TrustRoot Root { get; }

    public string Folder => _folder.FullName;

    public void Dispose()
    {
        Authority.Dispose();
        _folder.Delete(recursive: true);
    }
}
