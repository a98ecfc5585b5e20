using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Trust;

/// <summary>
/// A real browser: Debian's headless Chromium, with its own HOME and profile, loads a page from
/// Kestrel serving a Kalypso leaf once <c>kalypso trust --store nss</c> has filled that HOME's
/// <c>~/.pki/nssdb</c>, and fails with ERR_CERT_AUTHORITY_INVALID when the root is not trusted.
/// </summary>
public sealed class ChromiumTrustTests : IAsyncLifetime
{
    private readonly KalypsoCli _cli = new();

    public async ValueTask InitializeAsync() => await _cli.SucceedAsync("init");

    [Fact]
    public async Task Chromium_loads_the_page_only_when_kalypso_trusted_the_root_in_its_nss_database()
    {
        var output = _cli.Scratch("leaf");
        await _cli.SucceedAsync("issue", "localhost", "127.0.0.1", "--out", output, "--pfx");
        using var certificate = HttpsServer.LoadIssued(output);
        await using var server = await HttpsServer.StartAsync(certificate);

        var untrustedHome = _cli.Scratch("untrusted-home");
        var refused = await ChromiumAsync(untrustedHome, server.Url);
        Assert.DoesNotContain(server.Marker, refused.Stdout);
        Assert.Contains("ERR_CERT_AUTHORITY_INVALID", refused.Stderr);

        var trust = await _cli.SucceedAsync("trust", "--store", "nss");
        Assert.Contains("chromium: " + Path.Combine(_cli.Home, ".pki", "nssdb"), trust.Stdout);

        var loaded = await ChromiumAsync(_cli.Home, server.Url);
        Assert.True(loaded.Stdout.Contains(server.Marker, StringComparison.Ordinal), loaded.ToString());

        await _cli.SucceedAsync("untrust", "--store", "nss");
        var refusedAgain = await ChromiumAsync(_cli.Home, server.Url);
        Assert.DoesNotContain(server.Marker, refusedAgain.Stdout);
        Assert.Contains("ERR_CERT_AUTHORITY_INVALID", refusedAgain.Stderr);
    }

    private async Task<ToolResult> ChromiumAsync(string home, string url)
    {
        var profile = Directory.CreateTempSubdirectory("kalypso-chromium-").FullName;
        try
        {
            return await Tool.RunAsync("chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", url,
            ], new Dictionary<string, string?> { ["HOME"] = home }, TimeSpan.FromSeconds(90));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        _cli.Dispose();
        return ValueTask.CompletedTask;
    }
}
