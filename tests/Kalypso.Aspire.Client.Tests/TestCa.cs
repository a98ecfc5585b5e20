using Kalypso.Core.Authority;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Aspire.Client.Tests;

/// <summary>A throwaway Kalypso CA made by Core, with helpers to write its files.</summary>
internal sealed class TestCa : IDisposable
{
    public TestCa(TimeProvider? time = null) => Authority = CertificateAuthority.Create(time: time);

    public CertificateAuthority Authority { get; }

    public IssuedCertificate Issue(params string[] names) => Authority.Issue(LeafRequest.For(names) with { Lifetime = TimeSpan.FromHours(1) });

    public IssuedCertificate Issue(TimeSpan lifetime, params string[] names) => Authority.Issue(LeafRequest.For(names) with { Lifetime = lifetime });

    public string WriteRoot(TempFolder folder, string name = "ca.pem")
    {
        var path = folder.File(name);
        File.WriteAllText(path, Authority.CertificatePem);
        return path;
    }

    /// <summary>A leaf that expired a day ago: issued by a CA whose clock was set two days back.</summary>
    public static (TestCa Ca, IssuedCertificate Leaf) ExpiredLeaf(params string[] names)
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(2));
        var ca = new TestCa(past);
        return (ca, ca.Issue(LeafLifetime.Minimum, names));
    }

    public void Dispose() => Authority.Dispose();
}
