using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Trust;

/// <summary>
/// Java for real: <c>kalypso trust --store java</c> imports the root with keytool into the
/// cacerts of the JDK that JAVA_HOME names (here a JDK folder whose cacerts is a copy of the
/// machine's and whose keytool is the real one), and a Java HTTPS client using that keystore
/// then reaches a Kestrel server with a Kalypso leaf.
/// </summary>
public sealed class JavaTrustTests : IAsyncLifetime
{
    private const string ClientSource = """
        import java.net.URI;
        import java.net.http.HttpClient;
        import java.net.http.HttpRequest;
        import java.net.http.HttpResponse;

        public class Client {
            public static void main(String[] args) throws Exception {
                var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(args[0])).build(),
                    HttpResponse.BodyHandlers.ofString());
                System.out.println(response.statusCode() + " " + response.body());
            }
        }
        """;

    private readonly KalypsoCli _cli = new();
    private string _realJdk = "";
    private string _jdk = "";
    private string Cacerts => Path.Combine(_jdk, "lib", "security", "cacerts");

    public async ValueTask InitializeAsync()
    {
        await _cli.SucceedAsync("init");
        var java = Tool.Find("java") ?? throw new InvalidOperationException("java is not installed (tests/tools/install-test-tools.sh installs it)");
        _realJdk = Path.GetDirectoryName(Path.GetDirectoryName(new FileInfo(java).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? java))!;
        _jdk = _cli.Scratch("jdk");
        Directory.CreateDirectory(Path.Combine(_jdk, "lib", "security"));
        Directory.CreateDirectory(Path.Combine(_jdk, "bin"));
        File.Copy(Path.Combine(_realJdk, "lib", "security", "cacerts"), Cacerts);
        File.CreateSymbolicLink(Path.Combine(_jdk, "bin", "keytool"), Path.Combine(_realJdk, "bin", "keytool"));
        _cli.Environment["JAVA_HOME"] = _jdk;
    }

    [Fact]
    public async Task Java_client_reaches_a_kalypso_server_once_keytool_imported_the_root_and_not_after_untrust()
    {
        var output = _cli.Scratch("leaf");
        var fingerprint = (await _cli.SucceedAsync("issue", "localhost", "127.0.0.1", "--out", output, "--pfx", "--json")).Json();
        using var certificate = HttpsServer.LoadIssued(output);
        await using var server = await HttpsServer.StartAsync(certificate);
        var realCacerts = File.ReadAllBytes(Path.Combine(_realJdk, "lib", "security", "cacerts"));

        var refused = await JavaClientAsync(server.Url);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("PKIX", refused.Stderr);

        var trusted = (await _cli.SucceedAsync("trust", "--store", "java", "--json")).Json();
        var row = Assert.Single(trusted.GetProperty("results").EnumerateArray());
        Assert.Equal("trusted", row.GetProperty("state").GetString());
        Assert.Equal(Cacerts, row.GetProperty("location").GetString());
        var root = await Openssl.FingerprintAsync(Path.Combine(_cli.DataDir, "ca-cert.pem"));
        var listed = await Tool.RunAsync("keytool", ["-list", "-keystore", Cacerts, "-storepass", "changeit", "-alias", RootId.Of(root)]);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(root, listed.Stdout);
        Assert.Contains("trustedCertEntry", listed.Stdout);

        var page = await JavaClientAsync(server.Url);
        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Contains("200 ", page.Stdout);
        Assert.Contains(server.Marker, page.Stdout);

        await _cli.SucceedAsync("trust", "--store", "java");
        var untrusted = (await _cli.SucceedAsync("untrust", "--store", "java", "--json")).Json();
        Assert.Equal("removed", untrusted.GetProperty("results")[0].GetProperty("detail").GetString());
        Assert.NotEqual(0, (await Tool.RunAsync("keytool", ["-list", "-keystore", Cacerts, "-storepass", "changeit", "-alias", RootId.Of(root)])).ExitCode);
        Assert.NotEqual(0, (await JavaClientAsync(server.Url)).ExitCode);

        Assert.Equal(realCacerts, File.ReadAllBytes(Path.Combine(_realJdk, "lib", "security", "cacerts")));
    }

    [Fact]
    public async Task Java_keystore_option_trusts_a_keystore_outside_any_jdk()
    {
        var keystore = Path.Combine(_cli.Scratch("keystores"), "team.p12");
        File.Copy(Cacerts, keystore);
        var json = (await _cli.SucceedAsync("trust", "--store", "java", "--java-keystore", keystore, "--json")).Json();
        Assert.Equal(keystore, json.GetProperty("results")[0].GetProperty("location").GetString());
        Assert.Equal("trusted", json.GetProperty("results")[0].GetProperty("state").GetString());
        Assert.NotEqual(File.ReadAllBytes(Cacerts), File.ReadAllBytes(keystore));
    }

    private async Task<ToolResult> JavaClientAsync(string url)
    {
        var source = Path.Combine(_cli.Scratch("java-client"), "Client.java");
        File.WriteAllText(source, ClientSource);
        return await Tool.RunAsync(Path.Combine(_realJdk, "bin", "java"),
        [
            "-Djavax.net.ssl.trustStore=" + Cacerts,
            "-Djavax.net.ssl.trustStorePassword=changeit",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            source, url,
        ], new Dictionary<string, string?> { ["JAVA_TOOL_OPTIONS"] = null, ["JDK_JAVA_OPTIONS"] = null }, TimeSpan.FromSeconds(120));
    }

    public ValueTask DisposeAsync()
    {
        _cli.Dispose();
        return ValueTask.CompletedTask;
    }
}
