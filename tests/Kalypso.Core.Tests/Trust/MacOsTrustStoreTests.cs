using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>The macOS store cannot run here: these check the exact commands it runs and how it reads the output of 'security'.</summary>
public sealed class MacOsTrustStoreTests : IDisposable
{
    private readonly TestRoot _root = new();

    private string Listing(bool withRoot) => $"""
        SHA-256 hash: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
        SHA-1 hash: A94A8FE5CCB19BA61C4C0873D391E987982FBBD3
        keychain: "/Library/Keychains/System.keychain"
        version: 512
        class: 0x80001000
        attributes:
            "alis"<blob>="Other Root"
        {(withRoot ? $"SHA-256 hash: {_root.Root.Fingerprint.Replace(":", "")}\nSHA-1 hash: {_root.Root.Sha1}\nkeychain: \"/Library/Keychains/System.keychain\"" : "")}
        """;

    [Fact]
    public void Install_adds_the_root_to_the_system_keychain_with_trustRoot_settings()
    {
        var runner = new RecordingRunner((_, args) => RecordingRunner.Ok(args[0] == "find-certificate" ? Listing(false) : ""), "security");
        new MacOsTrustStore(runner, privileged: true).Install(_root.Root);

        Assert.Equal(
        [
            "security find-certificate -a -Z /Library/Keychains/System.keychain",
            $"security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {_root.Root.PemPath}",
        ], runner.Commands);
    }

    [Fact]
    public void Install_does_nothing_when_the_keychain_already_holds_the_root()
    {
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(Listing(true)), "security");
        var store = new MacOsTrustStore(runner, privileged: true);
        store.Install(_root.Root);
        Assert.True(store.IsTrusted(_root.Root));
        Assert.DoesNotContain(runner.Commands, c => c.Contains("add-trusted-cert"));
    }

    [Fact]
    public void Install_without_admin_rights_fails_with_the_sudo_command_to_run()
    {
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(Listing(false)), "security");
        var error = Assert.Throws<TrustStoreException>(() => new MacOsTrustStore(runner, privileged: false).Install(_root.Root));
        Assert.Equal($"sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {_root.Root.PemPath}", error.Fix);
        Assert.DoesNotContain(runner.Commands, c => c.Contains("add-trusted-cert"));
    }

    [Fact]
    public void Remove_drops_the_trust_settings_then_deletes_the_certificate_by_sha1()
    {
        var runner = new RecordingRunner((_, args) => RecordingRunner.Ok(args[0] == "find-certificate" ? Listing(true) : ""), "security");
        new MacOsTrustStore(runner, privileged: true).Remove(_root.Root);

        Assert.Equal(
        [
            "security find-certificate -a -Z /Library/Keychains/System.keychain",
            $"security remove-trusted-cert -d {_root.Root.PemPath}",
            $"security delete-certificate -Z {_root.Root.Sha1} /Library/Keychains/System.keychain",
        ], runner.Commands);
    }

    [Fact]
    public void Remove_does_nothing_when_the_root_is_absent()
    {
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(Listing(false)), "security");
        new MacOsTrustStore(runner, privileged: true).Remove(_root.Root);
        Assert.Single(runner.Calls);
    }

    [Fact]
    public void Verify_runs_verify_cert_for_ssl_and_reads_its_exit_code()
    {
        var good = new RecordingRunner((_, _) => RecordingRunner.Ok("...certificate verification successful."), "security");
        Assert.True(new MacOsTrustStore(good).Verify(_root.Root, "/tmp/leaf.pem").Verified);
        Assert.Equal(["security verify-cert -c /tmp/leaf.pem -p ssl"], good.Commands);

        var bad = new RecordingRunner((_, _) => RecordingRunner.Fail(1, "Cert Verify Result: CSSMERR_TP_NOT_TRUSTED"), "security");
        var check = new MacOsTrustStore(bad).Verify(_root.Root, "/tmp/leaf.pem");
        Assert.False(check.Verified);
        Assert.Contains("CSSMERR_TP_NOT_TRUSTED", check.Detail);
    }

    [Fact]
    public void Parses_every_sha1_hash_in_find_certificate_output()
    {
        Assert.Equal(["A94A8FE5CCB19BA61C4C0873D391E987982FBBD3", _root.Root.Sha1], MacOsTrustStore.ParseSha1Hashes(Listing(true)));
    }

    [Fact]
    public void Is_unavailable_without_the_security_tool()
    {
        Assert.NotNull(new MacOsTrustStore(new RecordingRunner((_, _) => RecordingRunner.Ok())).UnavailableReason);
    }

    public void Dispose() => _root.Dispose();
}
