using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class StatusCommandTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    [Fact]
    public async Task Status_reports_fingerprint_expiry_key_mode_issued_count_and_trust()
    {
        var fingerprint = (await _cli.SucceedAsync("init", "--json")).Json().GetProperty("ca").GetProperty("fingerprint").GetString();
        await _cli.SucceedAsync("issue", "localhost", "--out", _cli.Scratch("out"));
        var nss = _cli.Scratch("nss");

        var text = await _cli.SucceedAsync("status", "--store", "nss", "--nss-db", nss);
        Assert.Contains(fingerprint!, text.Stdout);
        Assert.Contains("mode 0600", text.Stdout);
        Assert.Contains("1 certificate", text.Stdout);
        Assert.Contains("STORE", text.Stdout);
        Assert.Contains("not trusted", text.Stdout);

        var json = (await _cli.SucceedAsync("status", "--store", "nss", "--nss-db", nss, "--json")).Json();
        Assert.Equal(fingerprint, json.GetProperty("fingerprint").GetString());
        Assert.Equal("0600", json.GetProperty("key_file").GetProperty("mode").GetString());
        Assert.True(json.GetProperty("key_file").GetProperty("safe").GetBoolean());
        Assert.Equal(1, json.GetProperty("issued").GetInt64());
        Assert.False(json.GetProperty("expired").GetBoolean());
        Assert.True(json.GetProperty("healthy").GetBoolean());
        var row = Assert.Single(json.GetProperty("trust").EnumerateArray());
        Assert.Equal("nss", row.GetProperty("store").GetString());
        Assert.Equal("not_trusted", row.GetProperty("state").GetString());
        // Checking trust changes nothing: no database was created.
        Assert.Empty(Directory.GetFiles(nss));
    }

    [Fact]
    public async Task Status_fails_with_the_exact_chmod_when_the_key_is_readable_by_others()
    {
        await _cli.SucceedAsync("init");
        var key = Path.Combine(_cli.DataDir, "ca-key.pem");
        File.SetUnixFileMode(key, (UnixFileMode)0b110_100_100);

        var text = await _cli.RunAsync("status", "--store", "nss", "--nss-db", _cli.Scratch("nss"));
        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"chmod 600 '{key}'", text.Stderr);
        Assert.Contains("UNSAFE", text.Stdout);

        var json = await _cli.RunAsync("status", "--store", "nss", "--nss-db", _cli.Scratch("nss"), "--json");
        Assert.Equal(1, json.ExitCode);
        Assert.False(json.Json().GetProperty("key_file").GetProperty("safe").GetBoolean());
        Assert.Equal("0644", json.Json().GetProperty("key_file").GetProperty("mode").GetString());
        Assert.False(json.Json().GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Status_fails_when_the_ca_has_expired()
    {
        HandMadeCa.WriteExpired(_cli.DataDir);
        var result = await _cli.RunAsync("status", "--store", "nss", "--nss-db", _cli.Scratch("nss"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("EXPIRED", result.Stdout);
        Assert.Contains("kalypso rotate", result.Stderr);
    }

    [Fact]
    public async Task Status_without_a_ca_fails_with_one_line()
    {
        OneLineError.Assert(await _cli.RunAsync("status"), 1, "kalypso init");
    }

    public void Dispose() => _cli.Dispose();
}
