using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    [Fact]
    public async Task Init_creates_the_ca_and_prints_subject_fingerprint_expiry_and_next_step()
    {
        var result = await _cli.SucceedAsync("init");

        var certificate = Path.Combine(_cli.DataDir, "ca-cert.pem");
        var key = Path.Combine(_cli.DataDir, "ca-key.pem");
        Assert.Equal("0600", Openssl.Mode(key));
        Assert.Contains("Subject:", result.Stdout);
        Assert.Contains("CN=Kalypso Dev CA Root CA", result.Stdout);
        Assert.Contains(await Openssl.FingerprintAsync(certificate), result.Stdout);
        Assert.Contains("Expires:", result.Stdout);
        Assert.Contains("kalypso trust", result.Stdout);
        var text = await Openssl.TextAsync(certificate);
        Assert.Contains("ASN1 OID: secp384r1", text);
        Assert.Contains("CA:TRUE, pathlen:0", text);
    }

    [Fact]
    public async Task Init_json_reports_the_organization_lifetime_and_fingerprint()
    {
        var json = (await _cli.SucceedAsync("init", "--org", "Acme Dev", "--days", "30", "--json")).Json();

        var ca = json.GetProperty("ca");
        Assert.Contains("O=Acme Dev", ca.GetProperty("subject").GetString());
        Assert.Equal(await Openssl.FingerprintAsync(Path.Combine(_cli.DataDir, "ca-cert.pem")), ca.GetProperty("fingerprint").GetString());
        var notAfter = ca.GetProperty("not_after").GetDateTimeOffset();
        Assert.InRange(notAfter, DateTimeOffset.UtcNow.AddDays(30).AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(30).AddMinutes(10));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ca.GetProperty("name_constraints").ValueKind);
        Assert.Equal("kalypso trust", json.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_a_ca_without_force_and_replaces_it_with_force()
    {
        var first = (await _cli.SucceedAsync("init", "--json")).Json().GetProperty("ca").GetProperty("fingerprint").GetString();

        var refused = await _cli.RunAsync("init");
        OneLineError.Assert(refused, 1, "already exists");
        Assert.Equal(first, await Openssl.FingerprintAsync(Path.Combine(_cli.DataDir, "ca-cert.pem")));

        var second = (await _cli.SucceedAsync("init", "--force", "--json")).Json().GetProperty("ca").GetProperty("fingerprint").GetString();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Init_with_name_constraints_permits_development_names_and_extra_ones_only()
    {
        var json = (await _cli.SucceedAsync("init", "--name-constraints", "--permit", "corp.example.com", "10.1.0.0/16", "--json")).Json();
        var permitted = json.GetProperty("ca").GetProperty("name_constraints").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("localhost", permitted);
        Assert.Contains("corp.example.com", permitted);
        Assert.Contains("10.1.0.0/16", permitted);

        var output = _cli.Scratch("out");
        await _cli.SucceedAsync("issue", "api.corp.example.com", "--ip", "10.1.2.3", "--out", output);
        OneLineError.Assert(await _cli.RunAsync("issue", "www.example.org", "--out", output), 2, "name constraints");
    }

    [Fact]
    public async Task Init_refuses_permit_without_name_constraints_and_days_out_of_bounds()
    {
        OneLineError.Assert(await _cli.RunAsync("init", "--permit", "corp.example.com"), 2, "--name-constraints");
        OneLineError.Assert(await _cli.RunAsync("init", "--days", "0"), 2, "--days 0");
        OneLineError.Assert(await _cli.RunAsync("init", "--days", "ten"), 2, "ten");
        Assert.False(File.Exists(Path.Combine(_cli.DataDir, "ca-cert.pem")));
    }

    [Fact]
    public async Task Data_dir_option_overrides_the_environment_variable()
    {
        var elsewhere = Path.Combine(_cli.Scratch("other"), "store");
        await _cli.SucceedAsync("--data-dir", elsewhere, "init");

        Assert.True(File.Exists(Path.Combine(elsewhere, "ca-cert.pem")));
        Assert.False(File.Exists(Path.Combine(_cli.DataDir, "ca-cert.pem")));
        await _cli.SucceedAsync("status", "--data-dir", elsewhere, "--store", "nss", "--nss-db", _cli.Scratch("nss"));
    }

    public void Dispose() => _cli.Dispose();
}
