using Kalypso.Cli.Tests.Support;

namespace Kalypso.Cli.Tests.Commands;

public sealed class LoadCommandTests : IDisposable
{
    private readonly KalypsoCli _cli = new();

    [Fact]
    public async Task Load_says_the_ca_can_be_used_and_describes_it()
    {
        await _cli.SucceedAsync("init");

        var text = await _cli.SucceedAsync("load");
        Assert.Contains("can issue certificates", text.Stdout);
        Assert.Contains("EC P-384", text.Stdout);
        Assert.Empty(text.Stderr);

        var json = (await _cli.SucceedAsync("load", "--json")).Json();
        Assert.True(json.GetProperty("usable").GetBoolean());
        Assert.Equal("EC P-384", json.GetProperty("key_algorithm").GetString());
        Assert.Equal(0, json.GetProperty("path_length").GetInt32());
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Load_warns_with_the_exact_chmod_but_succeeds_when_the_key_is_readable_by_others()
    {
        await _cli.SucceedAsync("init");
        var key = Path.Combine(_cli.DataDir, "ca-key.pem");
        File.SetUnixFileMode(key, (UnixFileMode)0b110_100_000);

        var result = await _cli.RunAsync("load");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"chmod 600 '{key}'", result.Stderr);
    }

    [Fact]
    public async Task Load_fails_when_the_key_does_not_match_the_certificate()
    {
        await _cli.SucceedAsync("init");
        HandMadeCa.ReplaceKey(_cli.DataDir);
        OneLineError.Assert(await _cli.RunAsync("load"), 1, "does not match");
    }

    [Fact]
    public async Task Load_fails_when_the_ca_has_expired_or_is_missing()
    {
        OneLineError.Assert(await _cli.RunAsync("load"), 1, "kalypso init");
        HandMadeCa.WriteExpired(_cli.DataDir);
        var expired = await _cli.RunAsync("load", "--json");
        Assert.Equal(1, expired.ExitCode);
        Assert.False(expired.Json().GetProperty("usable").GetBoolean());
        OneLineError.Assert(await _cli.RunAsync("issue", "localhost", "--out", _cli.Scratch("out")), 1, "expired");
    }

    public void Dispose() => _cli.Dispose();
}
