using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Store;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>
/// Importing a CA made outside Kalypso with real openssl commands: an RSA root as mkcert makes it
/// and an EC root as a corporate dev CA might be, in every PEM key form openssl writes; and the
/// refusals for certificates and keys Kalypso must not adopt.
/// </summary>
public sealed class ImportTests : IClassFixture<ImportTests.ExternalCas>
{
    private readonly ExternalCas _cas;

    public ImportTests(ExternalCas cas) => _cas = cas;

    public static TheoryData<string, string, string> KeyForms => new()
    {
        { "rsa", "pkcs8", "-----BEGIN PRIVATE KEY-----" },
        { "rsa", "pkcs1", "-----BEGIN RSA PRIVATE KEY-----" },
        { "ec", "pkcs8", "-----BEGIN PRIVATE KEY-----" },
        { "ec", "sec1", "-----BEGIN EC PRIVATE KEY-----" },
        { "ec", "ecparam", "-----BEGIN EC PARAMETERS-----" },
    };

    [Theory]
    [MemberData(nameof(KeyForms))]
    public void An_openssl_made_ca_imports_and_its_leaves_verify_with_openssl(string kind, string form, string keyHeader)
    {
        using var temp = new TempStore();
        var ca = kind == "rsa" ? _cas.Rsa : _cas.Ec;
        var keyPem = File.ReadAllText(_cas.KeyIn(kind, form));
        Assert.StartsWith(keyHeader, keyPem);

        using (var imported = temp.Store.Import(ca.CertificatePem, keyPem))
        {
            Assert.Equal(Openssl.Sha256Fingerprint(ca.CertificatePath), imported.Fingerprint);
        }

        // The store keeps the certificate byte for byte and the key as PKCS#8, owner-only.
        using var original = X509Certificate2.CreateFromPem(ca.CertificatePem);
        using var stored = X509Certificate2.CreateFromPem(File.ReadAllText(temp.Store.CertificatePath));
        Assert.Equal(original.RawData, stored.RawData);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(temp.Store.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Store.KeyPath));

        var loaded = temp.Store.Load();
        Assert.Empty(loaded.Warnings);
        using var authority = loaded.Authority;
        using var leaf = new CertificateIssuer(authority, temp.Store.AuditLog).Issue(new LeafRequest(NameParser.Parse(["localhost", "api.test"], ["127.0.0.1"])));
        var leafPath = temp.Write("leaf.pem", leaf.CertificatePem);
        Openssl.AssertVerified(Openssl.VerifyServer(ca.CertificatePath, leafPath), leafPath);

        var text = Openssl.Text(leafPath);
        Assert.Equal(kind == "rsa" ? "sha384WithRSAEncryption" : "ecdsa-with-SHA384", text.SignatureAlgorithm);
        Assert.Equal(Openssl.Text(ca.CertificatePath).Extension("X509v3 Subject Key Identifier").Value, text.Extension("X509v3 Authority Key Identifier").Value);
        Assert.Equal(Openssl.Text(ca.CertificatePath).Subject, text.Issuer);
    }

    [Fact]
    public void A_certificate_that_is_not_a_ca_is_refused()
    {
        using var temp = new TempStore();
        var leafLike = OpensslCa.Make(temp.Root, "not-ca", "/CN=not a ca", "ec:P-256",
            ["basicConstraints = critical,CA:FALSE", "keyUsage = critical,digitalSignature", "subjectKeyIdentifier = hash"]);
        AssertRefused(temp, leafLike.CertificatePem, leafLike.KeyPem, "is not a CA");
    }

    [Fact]
    public void A_certificate_without_basic_constraints_is_refused()
    {
        using var temp = new TempStore();
        var bare = OpensslCa.Make(temp.Root, "bare", "/CN=no constraints", "ec:P-256", ["keyUsage = critical,keyCertSign", "subjectKeyIdentifier = hash"]);
        AssertRefused(temp, bare.CertificatePem, bare.KeyPem, "is not a CA");
    }

    [Fact]
    public void A_kalypso_leaf_is_refused_as_a_ca()
    {
        using var temp = new TempStore();
        using var ca = CertificateAuthority.Create();
        using var leaf = ca.Issue(LeafRequest.For("localhost"));
        AssertRefused(temp, leaf.CertificatePem, leaf.PrivateKeyPem, "is not a CA");
    }

    [Fact]
    public void A_ca_whose_key_usage_lacks_keyCertSign_is_refused()
    {
        using var temp = new TempStore();
        var noSign = OpensslCa.Make(temp.Root, "no-sign", "/CN=cannot sign", "ec:P-256",
            ["basicConstraints = critical,CA:TRUE", "keyUsage = critical,digitalSignature,cRLSign", "subjectKeyIdentifier = hash"]);
        AssertRefused(temp, noSign.CertificatePem, noSign.KeyPem, "lacks keyCertSign");
    }

    [Theory]
    [InlineData("ec", "other-ec")]
    [InlineData("ec", "rsa")]
    [InlineData("rsa", "ec")]
    public void A_key_that_does_not_match_the_certificate_is_refused(string certificateKind, string keyKind)
    {
        using var temp = new TempStore();
        var certificate = (certificateKind == "rsa" ? _cas.Rsa : _cas.Ec).CertificatePem;
        var key = keyKind switch
        {
            "rsa" => _cas.Rsa.KeyPem,
            "ec" => _cas.Ec.KeyPem,
            _ => _cas.OtherEcKeyPem,
        };
        AssertRefused(temp, certificate, key, "does not match");
    }

    [Fact]
    public void An_encrypted_key_is_refused_with_the_command_that_decrypts_it()
    {
        using var temp = new TempStore();
        var encrypted = temp.PathOf("encrypted.pem");
        ToolRunner.Succeed("openssl", "pkcs8", "-topk8", "-in", _cas.Ec.KeyPath, "-out", encrypted, "-v2", "aes-256-cbc", "-passout", "pass:secret");
        var error = AssertRefused(temp, _cas.Ec.CertificatePem, File.ReadAllText(encrypted), "encrypted");
        Assert.Contains("openssl pkey", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    public void Something_that_is_not_a_private_key_is_refused(string keyPem)
    {
        using var temp = new TempStore();
        AssertRefused(temp, _cas.Ec.CertificatePem, keyPem, "key");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void Something_that_is_not_a_certificate_is_refused(string certificatePem)
    {
        using var temp = new TempStore();
        AssertRefused(temp, certificatePem, _cas.Ec.KeyPem, "not a PEM certificate");
    }

    [Fact]
    public void Import_refuses_to_replace_a_ca_without_force_and_replaces_it_with_force()
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        var before = File.ReadAllText(temp.Store.CertificatePath);

        var error = Assert.Throws<KalypsoException>(() => temp.Store.Import(_cas.Ec.CertificatePem, _cas.Ec.KeyPem));
        Assert.Contains("already exists", error.Message);
        Assert.Equal(before, File.ReadAllText(temp.Store.CertificatePath));

        temp.Store.Import(_cas.Ec.CertificatePem, _cas.Ec.KeyPem, force: true).Dispose();
        using var loaded = temp.Store.Load().Authority;
        Assert.Equal(Openssl.Sha256Fingerprint(_cas.Ec.CertificatePath), loaded.Fingerprint);
    }

    private static KalypsoException AssertRefused(TempStore temp, string certificatePem, string keyPem, string expected)
    {
        var error = Assert.ThrowsAny<KalypsoException>(() => temp.Store.Import(certificatePem, keyPem));
        Assert.Contains(expected, error.Message);
        Assert.False(temp.Store.Exists);
        Assert.False(File.Exists(temp.Store.KeyPath));
        return error;
    }

    /// <summary>The external CAs, made once per class: RSA keys take a while to generate.</summary>
    public sealed class ExternalCas : IDisposable
    {
        private readonly TempStore _temp = new();

        public ExternalCas()
        {
            // As mkcert makes its root: RSA 3072, CA:TRUE pathlen:0, keyUsage keyCertSign only.
            Rsa = OpensslCa.Make(_temp.Root, "mkcert", "/O=mkcert development CA/OU=dev@workstation/CN=mkcert dev@workstation", "rsa:3072",
                ["basicConstraints = critical,CA:TRUE,pathlen:0", "keyUsage = critical,keyCertSign", "subjectKeyIdentifier = hash"]);
            // As `openssl ecparam -genkey` guides make a corporate dev CA: a P-256 key with its
            // parameters block, CA:TRUE without a path length, keyCertSign and cRLSign.
            var ecKey = _temp.PathOf("corp-ecparam.pem");
            ToolRunner.Succeed("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", ecKey);
            Ec = OpensslCa.Make(_temp.Root, "corp", "/C=NL/O=Example Corp/OU=Platform/CN=Example Corp Dev CA", "", 
                ["basicConstraints = critical,CA:TRUE", "keyUsage = critical,keyCertSign,cRLSign", "subjectKeyIdentifier = hash"], "sha256", existingKey: ecKey);
            Ec = Ec with { KeyPath = OpensslCa.Convert(ecKey, "pkcs8") };
            OtherEcKeyPem = File.ReadAllText(OpensslCa.Make(_temp.Root, "other", "/CN=other", "ec:P-256", ["basicConstraints = critical,CA:TRUE"]).KeyPath);

            _keys[("rsa", "pkcs8")] = Rsa.KeyPath;
            _keys[("rsa", "pkcs1")] = OpensslCa.Convert(Rsa.KeyPath, "pkcs1", "-traditional");
            _keys[("ec", "pkcs8")] = Ec.KeyPath;
            _keys[("ec", "sec1")] = OpensslCa.Convert(Ec.KeyPath, "sec1", "-traditional");
            _keys[("ec", "ecparam")] = ecKey;
        }

        private readonly Dictionary<(string, string), string> _keys = [];

        public OpensslCa.Files Rsa { get; }
        public OpensslCa.Files Ec { get; }
        public string OtherEcKeyPem { get; }

        public string KeyIn(string kind, string form) => _keys[(kind, form)];

        public void Dispose() => _temp.Dispose();
    }
}
