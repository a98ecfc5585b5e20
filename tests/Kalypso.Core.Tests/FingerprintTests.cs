using System.Text.RegularExpressions;
using Kalypso.Core.Authority;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>One fingerprint format everywhere: SHA-256 over DER, upper-case colon-separated hex, exactly as openssl prints it.</summary>
public sealed partial class FingerprintTests
{
    [GeneratedRegex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$")]
    private static partial Regex Format();

    [Fact]
    public void Root_and_leaf_fingerprints_equal_openssl_sha256_fingerprints()
    {
        using var temp = new TempStore();
        using var ca = temp.Store.Create();
        using var leaf = new CertificateIssuer(ca, temp.Store.AuditLog).Issue(LeafRequest.For("localhost"));
        var rootPath = temp.Write("root.pem", ca.CertificatePem);
        var leafPath = temp.Write("leaf.pem", leaf.CertificatePem);

        Assert.Equal(Openssl.Sha256Fingerprint(rootPath), ca.Fingerprint);
        Assert.Equal(Openssl.Sha256Fingerprint(leafPath), leaf.Fingerprint);
        Assert.Matches(Format(), ca.Fingerprint);
        Assert.Matches(Format(), leaf.Fingerprint);

        // The same string wherever it is shown: status, audit log, the static helper.
        Assert.Equal(ca.Fingerprint, temp.Store.GetStatus().Fingerprint);
        Assert.Equal(leaf.Fingerprint, Assert.Single(temp.Store.AuditLog.ReadAll()).Fingerprint);
        Assert.Equal(ca.Fingerprint, Fingerprints.Sha256(ca.Certificate.RawData));
    }

    [Fact]
    public void Fingerprint_is_sha256_over_the_der_bytes()
    {
        using var ca = CertificateAuthority.Create();
        var expected = string.Join(':', System.Security.Cryptography.SHA256.HashData(ca.Certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, ca.Fingerprint);
        Assert.Equal(95, ca.Fingerprint.Length);
    }
}
