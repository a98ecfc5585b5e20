using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class RotateCommandTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    [Fact]
    public async Task Rotate_untrusts_the_old_root_keeps_its_files_aside_and_trusts_a_new_one()
    {
        var old = (await _cli.SucceedAsync("init", "--org", "Acme Dev", "--json")).Json().GetProperty("ca").GetProperty("fingerprint").GetString()!;
        var db = _cli.Scratch("nssdb");
        await Nss.CreateAsync(db);
        await _cli.SucceedAsync("trust", "--store", "nss", "--nss-db", db);

        var json = (await _cli.SucceedAsync("rotate", "--store", "nss", "--nss-db", db, "--json")).Json();

        Assert.Equal(old, json.GetProperty("old_fingerprint").GetString());
        var fresh = json.GetProperty("ca").GetProperty("fingerprint").GetString()!;
        Assert.NotEqual(old, fresh);
        Assert.Contains("O=Acme Dev", json.GetProperty("ca").GetProperty("subject").GetString());
        Assert.Equal("removed", json.GetProperty("untrust")[0].GetProperty("detail").GetString());
        Assert.Equal("trusted", json.GetProperty("trust")[0].GetProperty("state").GetString());
        Assert.Null(await Nss.TrustOfAsync(db, RootId.Of(old)));
        Assert.Equal("C,,", await Nss.TrustOfAsync(db, RootId.Of(fresh)));

        var aside = json.GetProperty("kept_aside").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, aside.Count);
        Assert.All(aside, path => Assert.Equal("0600", Openssl.Mode(path)));
        var oldCertificate = Assert.Single(aside, p => Path.GetFileName(p).StartsWith("ca-cert.pem", StringComparison.Ordinal));
        Assert.Equal(old, await Openssl.FingerprintAsync(oldCertificate));
        Assert.Equal(fresh, await Openssl.FingerprintAsync(Path.Combine(_cli.DataDir, "ca-cert.pem")));

        // The new CA issues, and its leaves do not chain to the old root.
        var output = _cli.Scratch("out");
        await _cli.SucceedAsync("issue", "localhost", "--out", output);
        Assert.Equal(0, (await Openssl.VerifyAsync(Path.Combine(output, "cert.pem"), Path.Combine(_cli.DataDir, "ca-cert.pem"))).ExitCode);
        Assert.NotEqual(0, (await Openssl.VerifyAsync(Path.Combine(output, "cert.pem"), oldCertificate)).ExitCode);
    }

    [Fact]
    public async Task Rotate_keeps_name_constraints_and_works_when_the_old_key_is_damaged()
    {
        await _cli.SucceedAsync("init", "--name-constraints", "--permit", "corp.example.com");
        HandMadeCa.ReplaceKey(_cli.DataDir);
        var db = _cli.Scratch("nssdb");

        var json = (await _cli.SucceedAsync("rotate", "--store", "nss", "--nss-db", db, "--json")).Json();

        var permitted = json.GetProperty("ca").GetProperty("name_constraints").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("corp.example.com", permitted);
        Assert.Contains("localhost", permitted);
        await _cli.SucceedAsync("load");
    }

    [Fact]
    public async Task Rotate_without_a_ca_fails_with_one_line()
    {
        OneLineError.Assert(await _cli.RunAsync("rotate", "--store", "nss", "--nss-db", _cli.Scratch("db")), 1, "kalypso init");
    }

    public void Dispose() => _cli.Dispose();
}
