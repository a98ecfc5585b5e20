using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;

namespace Kalypso.Core.Tests;

/// <summary>Serial numbers: random, positive, 128 bits, never repeated.</summary>
public sealed class SerialNumberTests
{
    [Fact]
    public void Ten_thousand_issued_serials_are_all_distinct_and_positive()
    {
        const int count = 10_000;
        // What is under test is the serial, not the curve: an imported P-256 root and P-256 leaf
        // keys make each issuance several times cheaper than P-384 on a busy 2-core machine.
        using var ca = P256Root();
        var serials = new string[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            using var leaf = ca.Issue(LeafRequest.For("localhost") with { KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 });
            serials[i] = leaf.SerialNumber;
        });

        Assert.Equal(count, serials.Distinct(StringComparer.Ordinal).Count());
        Assert.All(serials, serial =>
        {
            Assert.Equal(SerialNumbers.Length * 2, serial.Length);
            Assert.InRange(Convert.FromHexString(serial)[0], 1, 0x7F);
        });
    }

    private static CertificateAuthority P256Root()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Serial Test Root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return CertificateAuthority.FromPem(root.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    [Fact]
    public void Serials_are_not_sequential()
    {
        var serials = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(SerialNumbers.Next())).ToArray();
        Assert.Equal(200, serials.Distinct().Count());
        // Random 128-bit values: the first bytes spread widely instead of counting up.
        Assert.True(serials.Select(s => s[..4]).Distinct().Count() > 150);
    }
}
