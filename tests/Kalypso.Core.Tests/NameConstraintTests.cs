using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Profiles;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>
/// A name-constrained root: openssl accepts its leaves for permitted names and rejects a leaf for
/// a public name even when signed by the very same key, and Core refuses to issue one at all.
/// </summary>
public sealed class NameConstraintTests : IClassFixture<NameConstraintTests.ConstrainedStore>
{
    private readonly ConstrainedStore _store;

    public NameConstraintTests(ConstrainedStore store) => _store = store;

    [Fact]
    public void Openssl_reads_critical_permitted_subtrees_of_the_dev_set_plus_the_users_names()
    {
        var text = Openssl.Text(_store.Temp.Store.CertificatePath);
        var constraints = text.Extension("X509v3 Name Constraints");
        Assert.True(constraints.Critical);
        Assert.Equal(
        [
            "Permitted:",
            "DNS:localhost", "DNS:test", "DNS:example", "DNS:invalid", "DNS:internal", "DNS:local", "DNS:home.arpa", "DNS:dev.corp.example.net",
            "IP:127.0.0.0/255.0.0.0", "IP:10.0.0.0/255.0.0.0", "IP:172.16.0.0/255.240.0.0", "IP:192.168.0.0/255.255.0.0",
            "IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "IP:FC00:0:0:0:0:0:0:0/FE00:0:0:0:0:0:0:0", "IP:FE80:0:0:0:0:0:0:0/FFC0:0:0:0:0:0:0:0",
            "IP:100.64.0.0/255.255.0.0", "IP:203.0.113.7/255.255.255.255",
        ], constraints.Lines);
        // The rest of the root profile is unchanged.
        Assert.Equal("CA:TRUE, pathlen:0", text.Extension("X509v3 Basic Constraints").Value);
    }

    [Fact]
    public void The_store_reads_the_constraints_back_on_load()
    {
        using var ca = _store.Temp.Store.Load().Authority;
        var policy = Assert.IsType<NameConstraintPolicy>(ca.NameConstraints);
        Assert.Equal([.. NameConstraintPolicy.DefaultDnsNames, "dev.corp.example.net"], policy.DnsNames);
        Assert.Equal([.. NameConstraintPolicy.DefaultNetworks, System.Net.IPNetwork.Parse("100.64.0.0/16"), System.Net.IPNetwork.Parse("203.0.113.7/32")], policy.Networks);
    }

    [Theory]
    [InlineData(new[] { "localhost" }, new string[0], false)]
    [InlineData(new[] { "api.test", "db.internal", "printer.local", "nas.home.arpa" }, new string[0], false)]
    [InlineData(new[] { "dev.corp.example.net", "svc.dev.corp.example.net" }, new string[0], false)]
    [InlineData(new[] { "*.app.test" }, new string[0], true)]
    [InlineData(new[] { "10.1.2.3", "api.test" }, new string[0], false)]
    [InlineData(new string[0], new[] { "::1", "fd00::5", "fe80::1" }, false)]
    [InlineData(new string[0], new[] { "127.0.0.1", "::1", "10.1.2.3", "172.20.0.5", "192.168.1.10", "fd00::5", "100.64.3.4", "203.0.113.7" }, false)]
    public void A_leaf_for_permitted_names_verifies_with_openssl(string[] names, string[] ips, bool wildcards)
    {
        using var ca = _store.Temp.Store.Load().Authority;
        using var leaf = ca.Issue(new LeafRequest(NameParser.Parse(names, ips, wildcards)));
        var path = _store.Temp.Write($"permitted-{Guid.NewGuid():N}.pem", leaf.CertificatePem);
        Openssl.AssertVerified(Openssl.VerifyServer(_store.Temp.Store.CertificatePath, path), path);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("www.example.com")]
    [InlineData("corp.example.net")]
    [InlineData("test.com")]
    [InlineData("localhost.evil.com")]
    [InlineData("8.8.8.8")]
    [InlineData("203.0.113.8")]
    [InlineData("2001:db8::1")]
    public void Core_refuses_to_issue_outside_the_constraints(string name)
    {
        using var ca = _store.Temp.Store.Load().Authority;
        var error = Assert.Throws<KalypsoValidationException>(() => ca.Issue(new LeafRequest(NameParser.Parse(["api.test", name]))));
        Assert.Equal("name-constraints", error.Rule);
        Assert.Contains($"'{(System.Net.IPAddress.TryParse(name, out var ip) ? ip.ToString() : name)}'", error.Message);
    }

    [Theory]
    [InlineData("example.com", "permitted subtree violation")]
    [InlineData("8.8.8.8", "permitted subtree violation")]
    public void A_leaf_for_a_public_name_signed_by_the_same_key_is_rejected_by_openssl(string name, string expected)
    {
        var path = _store.Temp.Write($"forged-{Guid.NewGuid():N}.pem", SignByHand(name));
        var result = Openssl.VerifyServer(_store.Temp.Store.CertificatePath, path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
    }

    [Fact]
    public void An_ip_only_leaf_has_an_empty_subject_and_a_critical_san_under_constraints()
    {
        // OpenSSL would check a CN of "127.0.0.1" against the DNS constraints and refuse the leaf.
        using var ca = _store.Temp.Store.Load().Authority;
        using var leaf = ca.Issue(new LeafRequest(NameParser.Parse([], ["127.0.0.1"])));
        Assert.Empty(leaf.Certificate.SubjectName.RawData.Skip(2));
        Assert.True(leaf.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Critical);

        // Leaves with a DNS name keep CN = first name and a non-critical SAN.
        using var named = ca.Issue(new LeafRequest(NameParser.Parse(["127.0.0.1", "api.test"])));
        Assert.Equal("CN=127.0.0.1", named.Certificate.Subject);
        Assert.False(named.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Critical);
    }

    [Fact]
    public void The_same_hand_made_leaf_for_a_permitted_name_verifies()
    {
        // The control for the test above: the hand-made path itself yields a valid chain.
        var path = _store.Temp.Write("hand-made-permitted.pem", SignByHand("api.test"));
        Openssl.AssertVerified(Openssl.VerifyServer(_store.Temp.Store.CertificatePath, path), path);
    }

    [Fact]
    public void Without_constraints_the_same_public_name_leaf_would_verify()
    {
        // Shows the rejection above comes from the name constraints, not from anything else.
        using var temp = new TempStore();
        using var ca = temp.Store.Create();
        using var leaf = ca.Issue(LeafRequest.For("example.com"));
        var root = temp.Write("ca.pem", ca.CertificatePem);
        var path = temp.Write("leaf.pem", leaf.CertificatePem);
        Openssl.AssertVerified(Openssl.VerifyServer(root, path), path);
    }

    [Fact]
    public void A_bad_permitted_entry_is_refused()
    {
        var error = Assert.Throws<KalypsoValidationException>(() =>
            CertificateAuthority.Create(new RootOptions { NameConstraints = true, Permitted = ["10.0.0.0/33"] }));
        Assert.Equal("permit", error.Field);
        Assert.Throws<KalypsoValidationException>(() => CertificateAuthority.Create(new RootOptions { NameConstraints = true, Permitted = ["bad_name.test"] }));
    }

    // A leaf with Kalypso's own profile, signed with the CA key read straight from the store's
    // file: what an attacker holding a leaked constrained key could make.
    private string SignByHand(string name)
    {
        var store = _store.Temp.Store;
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(store.CertificatePath));
        using var caKey = ECDsa.Create();
        caKey.ImportFromPem(File.ReadAllText(store.KeyPath));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = NameParser.Parse([name]);
        var request = new CertificateRequest(LeafProfile.Subject(names), leafKey, HashAlgorithmName.SHA384);
        LeafProfile.Apply(request, names, root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single());
        var now = DateTimeOffset.UtcNow;
        using var leaf = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), now.AddHours(1), SerialNumbers.Next());
        return leaf.ExportCertificatePem();
    }

    public sealed class ConstrainedStore : IDisposable
    {
        public ConstrainedStore() =>
            Temp.Store.Create(new RootOptions { NameConstraints = true, Permitted = ["dev.corp.example.net", "100.64.0.0/16", "203.0.113.7"] }).Dispose();

        public TempStore Temp { get; } = new();

        public void Dispose() => Temp.Dispose();
    }
}
