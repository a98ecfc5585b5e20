using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>Leaves read back by openssl, and their chains verified by openssl with only the Kalypso root trusted.</summary>
public sealed class LeafOpensslTests
{
    [Theory]
    [InlineData(LeafKeyAlgorithm.EcdsaP384, 384, "P-384")]
    [InlineData(LeafKeyAlgorithm.EcdsaP256, 256, "P-256")]
    public void Leaf_read_back_with_openssl_has_exactly_the_leaf_profile(LeafKeyAlgorithm algorithm, int bits, string curve)
    {
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create();
        using var issued = ca.Issue(new LeafRequest(NameParser.Parse(["api.test", "localhost"], ["127.0.0.1", "::1"])) { KeyAlgorithm = algorithm });
        var text = Openssl.Text(temp, issued.Certificate);

        Assert.Equal(3, text.Version);
        Assert.Equal("ecdsa-with-SHA384", text.SignatureAlgorithm);
        Assert.Equal(bits, text.PublicKeyBits);
        Assert.Equal(curve, text.NistCurve);
        Assert.Equal("CN = api.test", text.Subject);
        Assert.Equal("O = Kalypso Dev CA, CN = Kalypso Dev CA Root CA", text.Issuer);
        Assert.False(text.SerialNegative);
        Assert.Equal(issued.SerialNumber, text.SerialHex);
        Assert.Equal(issued.NotBefore, text.NotBefore);
        Assert.Equal(issued.NotAfter, text.NotAfter);

        Assert.Equal(
            ["X509v3 Authority Key Identifier", "X509v3 Basic Constraints", "X509v3 Extended Key Usage", "X509v3 Key Usage", "X509v3 Subject Alternative Name", "X509v3 Subject Key Identifier"],
            text.Extensions.Keys.Order());
        Assert.True(text.Extension("X509v3 Basic Constraints").Critical);
        Assert.Equal("CA:FALSE", text.Extension("X509v3 Basic Constraints").Value);
        Assert.True(text.Extension("X509v3 Key Usage").Critical);
        Assert.Equal("Digital Signature", text.Extension("X509v3 Key Usage").Value);
        Assert.False(text.Extension("X509v3 Extended Key Usage").Critical);
        Assert.Equal("TLS Web Server Authentication", text.Extension("X509v3 Extended Key Usage").Value);
        Assert.False(text.Extension("X509v3 Subject Alternative Name").Critical);
        Assert.Equal("DNS:api.test, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", text.Extension("X509v3 Subject Alternative Name").Value);

        var rootText = Openssl.Text(temp, ca.Certificate, "root.pem");
        var rootKeyId = rootText.Extension("X509v3 Subject Key Identifier").Value;
        // openssl 3 prints the key id alone; older versions prefix it with "keyid:".
        Assert.Equal(rootKeyId, text.Extension("X509v3 Authority Key Identifier").Value.Replace("keyid:", ""));
        var leafKeyId = text.Extension("X509v3 Subject Key Identifier").Value;
        Assert.Equal(RootProfileTests.Colons(issued.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier!), leafKeyId);
        Assert.NotEqual(rootKeyId, leafKeyId);
    }

    [Theory]
    [InlineData(LeafKeyAlgorithm.EcdsaP384, false, new[] { "localhost" }, new string[0])]
    [InlineData(LeafKeyAlgorithm.EcdsaP256, false, new[] { "api.test", "bücher.test" }, new[] { "127.0.0.1" })]
    [InlineData(LeafKeyAlgorithm.EcdsaP384, false, new string[0], new[] { "::1", "10.0.0.7" })]
    [InlineData(LeafKeyAlgorithm.EcdsaP384, true, new[] { "*.app.test", "app.test" }, new string[0])]
    public void Chain_verifies_with_openssl_strict_sslserver_and_only_the_kalypso_root(LeafKeyAlgorithm algorithm, bool wildcards, string[] names, string[] ips)
    {
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create();
        using var issued = ca.Issue(new LeafRequest(NameParser.Parse(names, ips, wildcards)) { KeyAlgorithm = algorithm });
        var root = temp.Write("ca-cert.pem", ca.CertificatePem);
        var leaf = temp.Write("leaf.pem", issued.CertificatePem);

        Openssl.AssertVerified(Openssl.VerifyServer(root, leaf), leaf);
    }

    [Fact]
    public void Chain_does_not_verify_against_another_kalypso_root()
    {
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create();
        using var stranger = CertificateAuthority.Create();
        using var issued = ca.Issue(LeafRequest.For("localhost"));
        var otherRoot = temp.Write("other.pem", stranger.CertificatePem);
        var leaf = temp.Write("leaf.pem", issued.CertificatePem);

        var result = Openssl.VerifyServer(otherRoot, leaf);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unable to get local issuer certificate", result.Output);
    }

    [Fact]
    public void A_leaf_cannot_act_as_a_ca_for_openssl()
    {
        // CA:FALSE and pathlen:0 on the root: a certificate signed with a leaf's key never verifies.
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create();
        using var issued = ca.Issue(LeafRequest.For("localhost"));
        using var evilKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=evil.test", evilKey, HashAlgorithmName.SHA384);
        using var signedByLeaf = request.Create(issued.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(issued.Key),
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3, 4, 5, 6, 7, 8]);
        var root = temp.Write("ca-cert.pem", ca.CertificatePem);
        var untrusted = temp.Write("leaf.pem", issued.CertificatePem);
        var evil = temp.Write("evil.pem", signedByLeaf.ExportCertificatePem());

        var result = ToolRunner.Run("openssl", ["verify", "-x509_strict", "-purpose", "sslserver", "-no-CApath", "-no-CAstore", "-CAfile", root, "-untrusted", untrusted, evil]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("invalid CA certificate", result.Output);
    }
}
