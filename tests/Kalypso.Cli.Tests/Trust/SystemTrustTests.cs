using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Trust;

/// <summary>
/// The machine's own store, for real: after <c>kalypso trust --store system</c>, openssl and curl
/// with no CA file accept a Kalypso-issued server; after <c>untrust</c> they refuse it again and
/// the system store is exactly as it was. Dispose restores the machine even when a test fails.
/// </summary>
[Collection(MachineTrustStore.Name)]
public sealed class SystemTrustTests : IAsyncLifetime
{
    private readonly KalypsoCli _cli = new();
    private string _before = "";
    private string _fingerprint = "";

    public async ValueTask InitializeAsync()
    {
        _before = await MachineTrustStore.SnapshotAsync();
        _fingerprint = (await _cli.SucceedAsync("init", "--json")).Json().GetProperty("ca").GetProperty("fingerprint").GetString()!;
    }

    [Fact]
    public async Task Trust_system_makes_openssl_and_curl_accept_a_kalypso_server_and_untrust_undoes_it()
    {
        var output = _cli.Scratch("leaf");
        await _cli.SucceedAsync("issue", "localhost", "127.0.0.1", "--out", output, "--pfx");
        var leaf = Path.Combine(output, "cert.pem");
        using var certificate = HttpsServer.LoadIssued(output);
        await using var server = await HttpsServer.StartAsync(certificate);

        Assert.NotEqual(0, (await Openssl.VerifyAsync(leaf, caFile: null)).ExitCode);
        Assert.Equal(60, (await CurlAsync(server.Url)).ExitCode);

        var trusted = (await _cli.SucceedAsync("trust", "--store", "system", "--json")).Json();
        var row = Assert.Single(trusted.GetProperty("results").EnumerateArray());
        Assert.Equal("trusted", row.GetProperty("state").GetString());
        Assert.Contains("openssl verify", row.GetProperty("detail").GetString());

        Assert.Equal(0, (await Openssl.VerifyAsync(leaf, caFile: null)).ExitCode);
        var page = await CurlAsync(server.Url);
        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Contains(server.Marker, page.Stdout);
        Assert.Equal("trusted", (await _cli.SucceedAsync("status", "--store", "system", "--json")).Json().GetProperty("trust")[0].GetProperty("state").GetString());

        // Idempotent: trusting again changes nothing.
        await _cli.SucceedAsync("trust", "--store", "system");

        var untrusted = (await _cli.SucceedAsync("untrust", "--store", "system", "--json")).Json();
        Assert.Equal("removed", untrusted.GetProperty("results")[0].GetProperty("detail").GetString());
        Assert.NotEqual(0, (await Openssl.VerifyAsync(leaf, caFile: null)).ExitCode);
        Assert.Equal(60, (await CurlAsync(server.Url)).ExitCode);
        Assert.Equal(_before, await MachineTrustStore.SnapshotAsync());

        var again = (await _cli.SucceedAsync("untrust", "--store", "system", "--json")).Json();
        Assert.Equal("was not trusted", again.GetProperty("results")[0].GetProperty("detail").GetString());
    }

    /// <summary>curl with its built-in defaults: no CA file, no proxy, nothing from the environment.</summary>
    private static Task<ToolResult> CurlAsync(string url) =>
        Tool.RunAsync("curl", ["-sS", "--noproxy", "*", "--max-time", "20", url], new Dictionary<string, string?>
        {
            ["CURL_CA_BUNDLE"] = null, ["SSL_CERT_FILE"] = null, ["SSL_CERT_DIR"] = null,
            ["https_proxy"] = null, ["HTTPS_PROXY"] = null, ["all_proxy"] = null, ["ALL_PROXY"] = null,
        });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await MachineTrustStore.RestoreAsync(RootId.Of(_fingerprint), _cli);
        }
        finally
        {
            _cli.Dispose();
        }
    }
}
