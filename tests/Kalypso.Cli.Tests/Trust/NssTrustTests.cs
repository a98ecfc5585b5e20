using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Trust;

public sealed class NssTrustTests : IAsyncLifetime
{
    private readonly KalypsoCli _cli = new();
    private string _fingerprint = "";
    private string _db = "";

    public async ValueTask InitializeAsync()
    {
        _fingerprint = (await _cli.SucceedAsync("init", "--json")).Json().GetProperty("ca").GetProperty("fingerprint").GetString()!;
        _db = _cli.Scratch("nssdb");
        await Nss.CreateAsync(_db);
    }

    [Fact]
    public async Task Trust_adds_the_root_with_trust_C_and_untrust_removes_exactly_it_both_idempotent()
    {
        var nickname = RootId.Of(_fingerprint);

        var trusted = (await _cli.SucceedAsync("trust", "--store", "nss", "--nss-db", _db, "--json")).Json();
        var row = Assert.Single(trusted.GetProperty("results").EnumerateArray());
        Assert.Equal("trusted", row.GetProperty("state").GetString());
        Assert.Contains("certutil -V -u V", row.GetProperty("detail").GetString());
        Assert.Equal("C,,", await Nss.TrustOfAsync(_db, nickname));
        Assert.Equal(_fingerprint, await Nss.FingerprintOfAsync(_db, nickname, _cli.Scratch("x")));

        // Again: nothing changes, still exactly one entry.
        await _cli.SucceedAsync("trust", "--store", "nss", "--nss-db", _db);
        Assert.Equal("C,,", await Nss.TrustOfAsync(_db, nickname));

        var status = (await _cli.SucceedAsync("status", "--store", "nss", "--nss-db", _db, "--json")).Json();
        Assert.Equal("trusted", status.GetProperty("trust")[0].GetProperty("state").GetString());

        var untrusted = (await _cli.SucceedAsync("untrust", "--store", "nss", "--nss-db", _db, "--json")).Json();
        Assert.Equal("not_trusted", untrusted.GetProperty("results")[0].GetProperty("state").GetString());
        Assert.Equal("removed", untrusted.GetProperty("results")[0].GetProperty("detail").GetString());
        Assert.Null(await Nss.TrustOfAsync(_db, nickname));

        var again = (await _cli.SucceedAsync("untrust", "--store", "nss", "--nss-db", _db, "--json")).Json();
        Assert.Equal("was not trusted", again.GetProperty("results")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Trust_repairs_the_trust_of_a_root_already_in_the_database_without_it()
    {
        var nickname = RootId.Of(_fingerprint);
        var added = await Tool.RunAsync("certutil", ["-A", "-d", "sql:" + _db, "-t", ",,", "-n", nickname, "-i", Path.Combine(_cli.DataDir, "ca-cert.pem")]);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(",,", await Nss.TrustOfAsync(_db, nickname));

        await _cli.SucceedAsync("trust", "--store", "nss", "--nss-db", _db);

        Assert.Equal("C,,", await Nss.TrustOfAsync(_db, nickname));
    }

    [Fact]
    public async Task Untrust_leaves_other_certificates_in_the_database_alone()
    {
        var other = _cli.Scratch("other");
        var otherStore = Path.Combine(other, "store");
        await _cli.SucceedAsync("--data-dir", otherStore, "init");
        await _cli.SucceedAsync("--data-dir", otherStore, "trust", "--store", "nss", "--nss-db", _db);
        await _cli.SucceedAsync("trust", "--store", "nss", "--nss-db", _db);

        await _cli.SucceedAsync("untrust", "--store", "nss", "--nss-db", _db);

        var otherFingerprint = await Openssl.FingerprintAsync(Path.Combine(otherStore, "ca-cert.pem"));
        Assert.Equal("C,,", await Nss.TrustOfAsync(_db, RootId.Of(otherFingerprint)));
        Assert.Null(await Nss.TrustOfAsync(_db, RootId.Of(_fingerprint)));
    }

    [Fact]
    public async Task Trust_creates_chromiums_database_and_finds_every_firefox_profile_under_home()
    {
        var profile = Path.Combine(_cli.Home, ".mozilla", "firefox", "x1y2z3.default-release");
        await Nss.CreateAsync(profile);
        var chromium = Path.Combine(_cli.Home, ".pki", "nssdb");

        var result = (await _cli.SucceedAsync("trust", "--store", "nss", "--json")).Json();

        var rows = result.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("trusted", r.GetProperty("state").GetString()));
        Assert.Contains(rows, r => r.GetProperty("location").GetString() == "chromium: " + chromium);
        Assert.Contains(rows, r => r.GetProperty("location").GetString() == "firefox: " + profile);
        Assert.Equal("C,,", await Nss.TrustOfAsync(chromium, RootId.Of(_fingerprint)));
        Assert.Equal("C,,", await Nss.TrustOfAsync(profile, RootId.Of(_fingerprint)));

        await _cli.SucceedAsync("untrust", "--store", "nss");
        Assert.Null(await Nss.TrustOfAsync(chromium, RootId.Of(_fingerprint)));
        Assert.Null(await Nss.TrustOfAsync(profile, RootId.Of(_fingerprint)));
    }

    [Fact]
    public async Task A_store_that_fails_does_not_stop_the_others_and_the_table_says_what_to_run()
    {
        var impossible = "/proc/kalypso-cannot-create-this";

        var json = await _cli.RunAsync("trust", "--store", "nss", "--nss-db", impossible, "--nss-db", _db, "--json");

        Assert.Equal(1, json.ExitCode);
        var rows = json.Json().GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("failed", rows[0].GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(rows[0].GetProperty("fix").GetString()));
        Assert.Equal("trusted", rows[1].GetProperty("state").GetString());
        Assert.Equal("C,,", await Nss.TrustOfAsync(_db, RootId.Of(_fingerprint)));

        var text = await _cli.RunAsync("trust", "--store", "nss", "--nss-db", impossible, "--nss-db", _db);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("failed", text.Stdout);
        Assert.Contains("run instead:", text.Stdout);
        Assert.Contains("trusted", text.Stdout);
    }

    [Fact]
    public async Task Trust_when_every_store_is_skipped_exits_non_zero_and_says_why()
    {
        // No JAVA_HOME: the Java store has nothing to trust.
        var result = await _cli.RunAsync("trust", "--store", "java");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("skipped", result.Stdout);
        Assert.Contains("JAVA_HOME is not set", result.Stdout);
    }

    public ValueTask DisposeAsync()
    {
        _cli.Dispose();
        return ValueTask.CompletedTask;
    }
}
