using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class IssueCommandTests : IAsyncLifetime
{
    private readonly KalypsoCli _cli = new();
    private string CaFile => Path.Combine(_cli.DataDir, "ca-cert.pem");

    public async ValueTask InitializeAsync() => await _cli.SucceedAsync("init");

    [Fact]
    public async Task Issue_writes_cert_key_and_full_chain_that_openssl_verifies()
    {
        var output = _cli.Scratch("out");
        var result = await _cli.SucceedAsync("issue", "localhost", "api.test", "--ip", "127.0.0.1", "::1", "--out", output);

        var cert = Path.Combine(output, "cert.pem");
        var key = Path.Combine(output, "key.pem");
        var chain = Path.Combine(output, "fullchain.pem");
        Assert.Equal("0600", Openssl.Mode(key));
        Assert.Equal(0, (await Openssl.VerifyAsync(cert, CaFile)).ExitCode);
        var text = await Openssl.TextAsync(cert);
        Assert.Contains("DNS:localhost, DNS:api.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", text);
        Assert.Contains("TLS Web Server Authentication", text);
        Assert.Contains("localhost, api.test, 127.0.0.1, ::1", result.Stdout);
        Assert.Contains(await Openssl.FingerprintAsync(cert), result.Stdout);
        Assert.Contains("Expires:", result.Stdout);
        Assert.Equal(2, File.ReadAllText(chain).Split("BEGIN CERTIFICATE").Length - 1);
        Assert.EndsWith(File.ReadAllText(CaFile).Trim(), File.ReadAllText(chain).Trim());

        // The key is the certificate's: the same public key, as openssl derives it from each.
        var fromKey = await Tool.RunAsync("openssl", ["pkey", "-in", key, "-pubout"]);
        var fromCert = await Tool.RunAsync("openssl", ["x509", "-in", cert, "-noout", "-pubkey"]);
        Assert.Equal(fromCert.Stdout, fromKey.Stdout);
    }

    [Fact]
    public async Task Issue_writes_to_the_current_folder_by_default()
    {
        var here = _cli.Scratch("here");
        var result = await _cli.RunInAsync(here, "issue", "localhost");
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(here, "cert.pem")));
        Assert.True(File.Exists(Path.Combine(here, "key.pem")));
        Assert.True(File.Exists(Path.Combine(here, "fullchain.pem")));
        Assert.False(File.Exists(Path.Combine(here, "cert.pfx")));
    }

    [Fact]
    public async Task Issue_with_pfx_writes_a_pkcs12_holding_the_key_and_chain()
    {
        var output = _cli.Scratch("out");
        await _cli.SucceedAsync("issue", "localhost", "--out", output, "--pfx");

        var pfx = Path.Combine(output, "cert.pfx");
        Assert.Equal("0600", Openssl.Mode(pfx));
        using var loaded = HttpsServer.LoadIssued(output);
        Assert.True(loaded.HasPrivateKey);
        var all = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12CollectionFromFile(pfx, null);
        Assert.Equal(2, all.Count);
    }

    [Theory]
    [InlineData("--hours", "2", 120)]
    [InlineData("--lifetime", "30m", 30)]
    [InlineData("--lifetime", "1h30m", 90)]
    [InlineData("--lifetime", "7d", 7 * 24 * 60)]
    public async Task Issue_lifetime_options_set_not_after(string option, string value, int minutes)
    {
        var json = (await _cli.SucceedAsync("issue", "localhost", option, value, "--out", _cli.Scratch("out"), "--json")).Json();
        var notAfter = json.GetProperty("not_after").GetDateTimeOffset();
        var expected = DateTimeOffset.UtcNow.AddMinutes(minutes);
        Assert.InRange(notAfter, expected.AddMinutes(-3), expected.AddMinutes(1));
        Assert.Equal("localhost", json.GetProperty("names")[0].GetString());
        Assert.Equal(await Openssl.FingerprintAsync(json.GetProperty("files").GetProperty("certificate").GetString()!), json.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task Issue_defaults_to_24_hours()
    {
        var json = (await _cli.SucceedAsync("issue", "localhost", "--out", _cli.Scratch("out"), "--json")).Json();
        var expected = DateTimeOffset.UtcNow.AddHours(24);
        Assert.InRange(json.GetProperty("not_after").GetDateTimeOffset(), expected.AddMinutes(-3), expected.AddMinutes(1));
    }

    [Theory]
    [InlineData("out of bounds", "localhost", "--lifetime", "3m")]
    [InlineData("out of bounds", "localhost", "--hours", "169")]
    [InlineData("out of bounds", "localhost", "--hours", "0")]
    [InlineData("not a duration", "localhost", "--lifetime", "8")]
    [InlineData("not a duration", "localhost", "--lifetime", "soon")]
    [InlineData("not both", "localhost", "--hours", "2", "--lifetime", "2h")]
    [InlineData("'bad_name'", "bad_name")]
    [InlineData("wildcard", "*.localhost")]
    [InlineData("not an IPv4 or IPv6 address", "localhost", "--ip", "300.1.1.1")]
    [InlineData("Required argument missing")]
    [InlineData("hours", "localhost", "--hours", "many")]
    public async Task Issue_refuses_bad_input_with_one_line_and_exit_2(string message, params string[] arguments)
    {
        var output = _cli.Scratch("refused");
        var result = await _cli.RunAsync(["issue", .. arguments, "--out", output]);
        OneLineError.Assert(result, 2, message);
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task Issue_without_a_ca_says_to_run_init()
    {
        using var empty = new KalypsoCli();
        OneLineError.Assert(await empty.RunAsync("issue", "localhost", "--out", empty.Scratch("out")), 1, "kalypso init");
    }

    [Fact]
    public async Task Issue_replaces_a_key_file_that_others_could_read_with_a_private_one()
    {
        var output = _cli.Scratch("out");
        var key = Path.Combine(output, "key.pem");
        File.WriteAllText(key, "old");
        File.SetUnixFileMode(key, (UnixFileMode)0b110_100_100);

        await _cli.SucceedAsync("issue", "localhost", "--out", output);

        Assert.Equal("0600", Openssl.Mode(key));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(key));
    }

    [Fact]
    public async Task Every_issue_is_recorded_in_the_audit_log()
    {
        await _cli.SucceedAsync("issue", "localhost", "--out", _cli.Scratch("a"));
        await _cli.SucceedAsync("issue", "api.test", "--out", _cli.Scratch("b"));

        var lines = File.ReadAllLines(Path.Combine(_cli.DataDir, "audit.jsonl"));
        Assert.Equal(2, lines.Length);
        Assert.Contains("api.test", lines[1]);
        Assert.Contains("kalypso issue", lines[1]);
    }

    public ValueTask DisposeAsync()
    {
        _cli.Dispose();
        return ValueTask.CompletedTask;
    }
}
