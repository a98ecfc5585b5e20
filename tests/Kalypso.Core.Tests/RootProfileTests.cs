using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;
using Kalypso.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kalypso.Core.Tests;

/// <summary>The root Kalypso creates, read back field by field with .NET and with openssl.</summary>
public sealed class RootProfileTests
{
    private const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    private const string Secp384r1 = "1.3.132.0.34";

    [Fact]
    public void Root_read_back_with_dotnet_has_exactly_the_root_profile()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var ca = CertificateAuthority.Create(new RootOptions { Organization = "Acme Widgets" }, clock);
        var root = ca.Certificate;

        Assert.Equal(3, root.Version);
        Assert.Equal(EcdsaWithSha384, root.SignatureAlgorithm.Value);
        using var publicKey = root.GetECDsaPublicKey()!;
        Assert.Equal(384, publicKey.KeySize);
        Assert.Equal(Secp384r1, publicKey.ExportParameters(false).Curve.Oid.Value);

        Assert.Equal(["O=Acme Widgets", "CN=Acme Widgets Root CA"], RelativeNames(root.SubjectName));
        Assert.Equal(root.SubjectName.RawData, root.IssuerName.RawData);

        var serial = Convert.FromHexString(root.SerialNumber);
        Assert.True(serial[0] is > 0 and < 0x80, "the serial is positive and minimally encoded");
        Assert.True(new BigInteger(serial, isUnsigned: true, isBigEndian: true) >= BigInteger.Pow(2, 64), "the serial carries at least 64 bits");

        Assert.Equal(["2.5.29.19", "2.5.29.15", "2.5.29.14"], root.Extensions.Select(e => e.Oid!.Value));
        var basic = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.Critical);
        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.HasPathLengthConstraint);
        Assert.Equal(0, basic.PathLengthConstraint);

        var usage = root.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);

        var keyId = root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.False(keyId.Critical);
        Assert.Equal(new X509SubjectKeyIdentifierExtension(root.PublicKey, false).SubjectKeyIdentifier, keyId.SubjectKeyIdentifier);

        // Backdated for clock skew; ten years by default.
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(5), ca.NotBefore);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromDays(3650), ca.NotAfter);
        Assert.Null(ca.NameConstraints);
    }

    [Fact]
    public void Root_read_back_with_openssl_has_exactly_the_root_profile()
    {
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create(new RootOptions { Organization = "Acme Widgets" });
        var text = Openssl.Text(temp, ca.Certificate);

        Assert.Equal(3, text.Version);
        Assert.Equal("ecdsa-with-SHA384", text.SignatureAlgorithm);
        Assert.Equal("id-ecPublicKey", text.PublicKeyAlgorithm);
        Assert.Equal(384, text.PublicKeyBits);
        Assert.Equal("P-384", text.NistCurve);
        Assert.Equal("O = Acme Widgets, CN = Acme Widgets Root CA", text.Subject);
        Assert.Equal(text.Subject, text.Issuer);
        Assert.False(text.SerialNegative);
        Assert.Equal(ca.Certificate.SerialNumber, text.SerialHex);
        Assert.True(text.SerialHex.Length >= 16, "at least 64 bits of serial");
        Assert.Equal(ca.NotBefore, text.NotBefore);
        Assert.Equal(ca.NotAfter, text.NotAfter);

        Assert.Equal(["X509v3 Basic Constraints", "X509v3 Key Usage", "X509v3 Subject Key Identifier"], text.Extensions.Keys.Order());
        var basic = text.Extension("X509v3 Basic Constraints");
        Assert.True(basic.Critical);
        Assert.Equal("CA:TRUE, pathlen:0", basic.Value);
        var usage = text.Extension("X509v3 Key Usage");
        Assert.True(usage.Critical);
        Assert.Equal("Digital Signature, Certificate Sign, CRL Sign", usage.Value);
        var keyId = text.Extension("X509v3 Subject Key Identifier");
        Assert.False(keyId.Critical);
        Assert.Equal(Colons(ca.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier!), keyId.Value);
    }

    [Fact]
    public void Root_verifies_as_its_own_trust_anchor_under_strict_openssl_rules()
    {
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create();
        var path = temp.Write("root.pem", ca.CertificatePem);
        var result = ToolRunner.Run("openssl", ["verify", "-x509_strict", "-no-CApath", "-no-CAstore", "-CAfile", path, path]);
        Openssl.AssertVerified(result, path);
    }

    [Fact]
    public void Default_organization_is_Kalypso_Dev_CA()
    {
        using var ca = CertificateAuthority.Create();
        Assert.Equal(["O=Kalypso Dev CA", "CN=Kalypso Dev CA Root CA"], RelativeNames(ca.Certificate.SubjectName));
    }

    [Fact]
    public void Root_lifetime_is_settable()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var ca = CertificateAuthority.Create(new RootOptions { Lifetime = TimeSpan.FromDays(30) }, clock);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromDays(30), ca.NotAfter);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(36501)]
    public void Root_lifetime_out_of_bounds_is_refused(double days)
    {
        var error = Assert.Throws<KalypsoValidationException>(() => CertificateAuthority.Create(new RootOptions { Lifetime = TimeSpan.FromDays(days) }));
        Assert.Equal("root-lifetime-bounds", error.Rule);
        Assert.Contains("36500 days", error.Message);
    }

    [Fact]
    public void Empty_organization_is_refused()
    {
        var error = Assert.Throws<KalypsoValidationException>(() => CertificateAuthority.Create(new RootOptions { Organization = "  " }));
        Assert.Equal("organization", error.Field);
    }

    [Fact]
    public void Each_root_has_its_own_key_and_serial()
    {
        using var first = CertificateAuthority.Create();
        using var second = CertificateAuthority.Create();
        Assert.NotEqual(first.Certificate.PublicKey.EncodedKeyValue.RawData, second.Certificate.PublicKey.EncodedKeyValue.RawData);
        Assert.NotEqual(first.Certificate.SerialNumber, second.Certificate.SerialNumber);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void Exported_key_is_unencrypted_pkcs8_that_matches_the_root()
    {
        using var ca = CertificateAuthority.Create();
        var pem = ca.ExportPrivateKeyPem();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        using var publicKey = ca.Certificate.GetECDsaPublicKey()!;
        Assert.Equal(publicKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
    }

    internal static string[] RelativeNames(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames(reversed: false)
            .Select(rdn => rdn.GetSingleElementType().Value switch
            {
                "2.5.4.10" => "O=",
                "2.5.4.3" => "CN=",
                var other => other + "=",
            } + rdn.GetSingleElementValue())
            .ToArray();

    internal static string Colons(string hex) => string.Join(':', hex.Chunk(2).Select(pair => new string(pair)));
}
