using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Core.Tests;

/// <summary>The leaves Kalypso issues, read back field by field with .NET.</summary>
public sealed class LeafProfileTests
{
    private const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";

    [Theory]
    [InlineData(LeafKeyAlgorithm.EcdsaP384, 384, "1.3.132.0.34")]
    [InlineData(LeafKeyAlgorithm.EcdsaP256, 256, "1.2.840.10045.3.1.7")]
    public void Leaf_read_back_with_dotnet_has_exactly_the_leaf_profile(LeafKeyAlgorithm algorithm, int bits, string curveOid)
    {
        using var ca = CertificateAuthority.Create();
        using var issued = ca.Issue(new LeafRequest(NameParser.Parse(["api.test", "localhost"], ["127.0.0.1", "::1"])) { KeyAlgorithm = algorithm });
        var leaf = issued.Certificate;

        Assert.Equal(3, leaf.Version);
        Assert.Equal(EcdsaWithSha384, leaf.SignatureAlgorithm.Value);
        using var publicKey = leaf.GetECDsaPublicKey()!;
        Assert.Equal(bits, publicKey.KeySize);
        Assert.Equal(curveOid, publicKey.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(publicKey.ExportSubjectPublicKeyInfo(), issued.Key.ExportSubjectPublicKeyInfo());

        Assert.Equal(["CN=api.test"], RootProfileTests.RelativeNames(leaf.SubjectName));
        Assert.Equal(ca.Certificate.SubjectName.RawData, leaf.IssuerName.RawData);
        var serial = Convert.FromHexString(leaf.SerialNumber);
        Assert.Equal(SerialNumbers.Length, serial.Length);
        Assert.InRange(serial[0], 1, 0x7F);

        Assert.Equal(["2.5.29.19", "2.5.29.15", "2.5.29.37", "2.5.29.14", "2.5.29.35", "2.5.29.17"], leaf.Extensions.Select(e => e.Oid!.Value));

        var basic = leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.Critical);
        Assert.False(basic.CertificateAuthority);
        Assert.False(basic.HasPathLengthConstraint);

        var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);

        var extended = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.False(extended.Critical);
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], extended.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value));

        var keyId = leaf.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.False(keyId.Critical);
        Assert.Equal(new X509SubjectKeyIdentifierExtension(leaf.PublicKey, false).SubjectKeyIdentifier, keyId.SubjectKeyIdentifier);

        var authorityKeyId = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        Assert.False(authorityKeyId.Critical);
        var rootKeyId = ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes;
        Assert.Equal(rootKeyId.ToArray(), authorityKeyId.KeyIdentifier!.Value.ToArray());

        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.False(san.Critical);
        Assert.Equal(["api.test", "localhost"], san.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1", "::1"], san.EnumerateIPAddresses().Select(ip => ip.ToString()));
    }

    [Fact]
    public void Every_leaf_gets_a_fresh_key_and_its_own_serial()
    {
        using var ca = CertificateAuthority.Create();
        using var first = ca.Issue(LeafRequest.For("localhost"));
        using var second = ca.Issue(LeafRequest.For("localhost"));
        var keys = new[] { first, second }.Select(c => Convert.ToHexString(c.Certificate.PublicKey.EncodedKeyValue.RawData))
            .Append(Convert.ToHexString(ca.Certificate.PublicKey.EncodedKeyValue.RawData)).ToArray();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Theory]
    [InlineData(5 * 60)]
    [InlineData(24 * 3600)]
    [InlineData(7 * 24 * 3600)]
    public void Validity_is_backdated_five_minutes_and_ends_after_the_lifetime(int seconds)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 3, 4, 5, 6, 7, TimeSpan.Zero));
        using var ca = CertificateAuthority.Create(time: clock);
        clock.Advance(TimeSpan.FromHours(2));
        var lifetime = TimeSpan.FromSeconds(seconds);
        using var leaf = ca.Issue(LeafRequest.For("localhost") with { Lifetime = lifetime });

        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(5), leaf.NotBefore);
        Assert.Equal(clock.GetUtcNow() + lifetime, leaf.NotAfter);
    }

    [Fact]
    public void Default_lifetime_is_24_hours_by_the_real_clock()
    {
        using var ca = CertificateAuthority.Create();
        var before = DateTimeOffset.UtcNow;
        using var leaf = ca.Issue(LeafRequest.For("localhost"));
        var after = DateTimeOffset.UtcNow;
        Assert.InRange(leaf.NotAfter, before.AddSeconds(-1) + TimeSpan.FromHours(24), after + TimeSpan.FromHours(24));
        Assert.InRange(leaf.NotBefore, before.AddSeconds(-1) - TimeSpan.FromMinutes(5), after - TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Common_name_is_the_first_name_requested_even_an_ip()
    {
        using var ca = CertificateAuthority.Create();
        using var leaf = ca.Issue(new LeafRequest(NameParser.Parse(["10.1.2.3", "db.test"])));
        Assert.Equal("CN=10.1.2.3", leaf.Certificate.Subject);
        var san = leaf.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["db.test"], san.EnumerateDnsNames());
        Assert.Equal(["10.1.2.3"], san.EnumerateIPAddresses().Select(ip => ip.ToString()));
    }

    [Fact]
    public void A_wildcard_covers_only_itself_with_no_implicit_names()
    {
        using var ca = CertificateAuthority.Create();
        using var leaf = ca.Issue(new LeafRequest(NameParser.Parse(["*.app.test"], allowWildcards: true)));
        var san = leaf.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["*.app.test"], san.EnumerateDnsNames());
        Assert.Empty(san.EnumerateIPAddresses());
    }

    [Fact]
    public void A_leaf_that_would_outlive_the_root_is_refused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var ca = CertificateAuthority.Create(new RootOptions { Lifetime = TimeSpan.FromDays(2) }, clock);
        clock.Advance(TimeSpan.FromDays(1.5));
        var error = Assert.Throws<KalypsoException>(() => ca.Issue(LeafRequest.For("localhost")));
        Assert.Contains("expires at", error.Message);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(ca.IsExpired);
        Assert.Contains("expired", Assert.Throws<KalypsoException>(() => ca.Issue(LeafRequest.For("localhost") with { Lifetime = TimeSpan.FromMinutes(5) })).Message);
    }

    [Fact]
    public void Issued_certificate_exports_a_matching_key_chain_and_pkcs12()
    {
        using var ca = CertificateAuthority.Create();
        using var issued = ca.Issue(LeafRequest.For("localhost"));

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", issued.PrivateKeyPem);
        using var fromPem = X509Certificate2.CreateFromPem(issued.CertificatePem, issued.PrivateKeyPem);
        Assert.True(fromPem.HasPrivateKey);

        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(issued.FullChainPem);
        Assert.Equal([issued.Certificate.Thumbprint, ca.Certificate.Thumbprint], chain.Select(c => c.Thumbprint));

        using var pfx = X509CertificateLoader.LoadPkcs12(issued.ExportPkcs12("pw"), "pw");
        Assert.True(pfx.HasPrivateKey);
        Assert.Equal(issued.Certificate.Thumbprint, pfx.Thumbprint);
        Assert.Equal(issued.CaCertificatePem, ca.CertificatePem);
        Assert.Equal(Fingerprints.Sha256(issued.Certificate), issued.Fingerprint);
    }
}
