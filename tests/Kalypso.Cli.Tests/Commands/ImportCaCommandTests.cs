using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class ImportCaCommandTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    /// <summary>A real mkcert root (RSA 3072), made by mkcert in its own CAROOT without installing it anywhere.</summary>
    private async Task<(string Cert, string Key)> MkcertRootAsync()
    {
        var caroot = _cli.Scratch("mkcert");
        var made = await Tool.RunAsync("mkcert", ["-cert-file", Path.Combine(caroot, "x.pem"), "-key-file", Path.Combine(caroot, "x-key.pem"), "localhost"],
            new Dictionary<string, string?> { ["CAROOT"] = caroot, ["HOME"] = _cli.Home, ["TRUST_STORES"] = "none" });
        Assert.True(made.ExitCode == 0, made.ToString());
        return (Path.Combine(caroot, "rootCA.pem"), Path.Combine(caroot, "rootCA-key.pem"));
    }

    [Fact]
    public async Task Import_adopts_an_mkcert_root_and_issues_leaves_that_chain_to_it()
    {
        var (cert, key) = await MkcertRootAsync();

        var json = (await _cli.SucceedAsync("import-ca", "--cert", cert, "--key", key, "--json")).Json();

        Assert.Equal(await Openssl.FingerprintAsync(cert), json.GetProperty("ca").GetProperty("fingerprint").GetString());
        Assert.Equal("0600", Openssl.Mode(Path.Combine(_cli.DataDir, "ca-key.pem")));
        var output = _cli.Scratch("out");
        await _cli.SucceedAsync("issue", "localhost", "--out", output);
        Assert.Equal(0, (await Openssl.VerifyAsync(Path.Combine(output, "cert.pem"), cert)).ExitCode);
        var load = await _cli.SucceedAsync("load");
        Assert.Contains("RSA 3072", load.Stdout);
    }

    [Fact]
    public async Task Import_refuses_to_replace_a_ca_without_force()
    {
        var (cert, key) = await MkcertRootAsync();
        await _cli.SucceedAsync("init");

        OneLineError.Assert(await _cli.RunAsync("import-ca", "--cert", cert, "--key", key), 1, "--force");
        await _cli.SucceedAsync("import-ca", "--cert", cert, "--key", key, "--force");
        Assert.Equal(await Openssl.FingerprintAsync(cert), await Openssl.FingerprintAsync(Path.Combine(_cli.DataDir, "ca-cert.pem")));
    }

    [Fact]
    public async Task Import_refuses_a_certificate_that_is_not_a_ca()
    {
        var other = Path.Combine(_cli.Scratch("other"), "store");
        await _cli.SucceedAsync("--data-dir", other, "init");
        var leaf = _cli.Scratch("leaf");
        await _cli.SucceedAsync("--data-dir", other, "issue", "localhost", "--out", leaf);

        OneLineError.Assert(await _cli.RunAsync("import-ca", "--cert", Path.Combine(leaf, "cert.pem"), "--key", Path.Combine(leaf, "key.pem")), 1, "not a CA");
        Assert.False(File.Exists(Path.Combine(_cli.DataDir, "ca-cert.pem")));
    }

    [Fact]
    public async Task Import_refuses_a_key_that_does_not_match()
    {
        var (cert, _) = await MkcertRootAsync();
        var otherKey = Path.Combine(_cli.Scratch("other"), "key.pem");
        Assert.Equal(0, (await Tool.RunAsync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey])).ExitCode);

        OneLineError.Assert(await _cli.RunAsync("import-ca", "--cert", cert, "--key", otherKey), 1, "does not match");
    }

    [Fact]
    public async Task Import_refuses_missing_files_and_options_as_bad_input()
    {
        OneLineError.Assert(await _cli.RunAsync("import-ca", "--cert", "/nonexistent/ca.pem", "--key", "/nonexistent/key.pem"), 2, "/nonexistent/ca.pem");
        OneLineError.Assert(await _cli.RunAsync("import-ca", "--cert", "/nonexistent/ca.pem"), 2, "--key");
    }

    public void Dispose() => _cli.Dispose();
}
