using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

public sealed class ToolOutputParsingTests
{
    private const string CertutilListing = """

        Certificate Nickname                                         Trust Attributes
                                                                     SSL,S/MIME,JAR/XPI

        kalypso-0123456789abcdef                                     C,,  
        kalypso-0123456789abcdef-old                                 ,,   
        Corporate Root                                               CT,C,C
        """;

    [Theory]
    [InlineData("kalypso-0123456789abcdef", "C,,")]
    [InlineData("kalypso-0123456789abcdef-old", ",,")]
    [InlineData("Corporate Root", "CT,C,C")]
    [InlineData("kalypso-0123", null)]
    public void Reads_nss_trust_attributes_by_exact_nickname(string nickname, string? expected) =>
        Assert.Equal(expected, NssTrustStore.ParseTrust(CertutilListing, nickname));

    [Theory]
    [InlineData("C,,", true)]
    [InlineData("CT,C,C", true)]
    [InlineData(",C,", false)]
    [InlineData(",,", false)]
    [InlineData("P,,", false)]
    public void Only_a_C_in_the_ssl_field_trusts_tls_servers(string flags, bool trusted) =>
        Assert.Equal(trusted, NssTrustStore.TrustsTlsServers(flags));

    [Fact]
    public void Reads_the_sha256_fingerprint_from_keytool_list()
    {
        const string listing = """
            Alias name: kalypso-0123456789abcdef
            Creation date: Dec 4, 2026
            Entry type: trustedCertEntry

            Owner: CN=Kalypso Dev CA Root CA, O=Kalypso Dev CA
            Certificate fingerprints:
            	 SHA1: 4A:3B:5C:6D:7E:8F:90:A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D
            	 SHA256: 66:DF:A3:FB:6C:D2:7D:16:DE:1B:C0:72:CA:45:FE:04:E3:DB:0A:5C:14:17:FC:65:0F:9E:25:85:8A:84:2E:D0
            Signature algorithm name: SHA384withECDSA
            """;
        Assert.Equal("66:DF:A3:FB:6C:D2:7D:16:DE:1B:C0:72:CA:45:FE:04:E3:DB:0A:5C:14:17:FC:65:0F:9E:25:85:8A:84:2E:D0", JavaTrustStore.ParseSha256(listing));
        Assert.Null(JavaTrustStore.ParseSha256("keytool error: java.lang.Exception: Alias <x> does not exist"));
    }

    [Fact]
    public void Nss_is_unavailable_without_certutil_and_says_how_to_install_it()
    {
        var store = new NssTrustStore(new RecordingRunner((_, _) => RecordingRunner.Ok()), "/tmp/none", "custom");
        Assert.Contains("libnss3-tools", store.UnavailableReason);
    }

    [Fact]
    public void Java_is_unavailable_without_a_keystore_and_imports_with_the_documented_arguments()
    {
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(), "keytool");
        Assert.Contains("no keystore", new JavaTrustStore(runner, keystore: "/nonexistent/cacerts").UnavailableReason);

        using var root = new TestRoot();
        var store = new JavaTrustStore(runner, keystore: "/work/cacerts", javaHome: "/opt/no-jdk");
        Assert.Equal(
            ["-importcert", "-noprompt", "-trustcacerts", "-alias", root.Root.Id, "-file", root.Root.PemPath, "-keystore", "/work/cacerts", "-storepass", "changeit"],
            store.InstallArguments(root.Root));
        Assert.Equal(["-delete", "-alias", root.Root.Id, "-keystore", "/work/cacerts", "-storepass", "changeit"], store.RemoveArguments(root.Root));
    }
}
