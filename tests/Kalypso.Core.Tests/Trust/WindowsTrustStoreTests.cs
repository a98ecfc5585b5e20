using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>The Windows store cannot run here: these check the exact certutil commands and how its output is read.</summary>
public sealed class WindowsTrustStoreTests : IDisposable
{
    private const string Certutil = @"C:\Windows\System32\certutil.exe";
    private readonly TestRoot _root = new();

    private string StoreOutput(bool spaced) => $"""
        Root "Trusted Root Certification Authorities"
        ================ Certificate 0 ================
        Serial Number: 0123456789abcdef
        Issuer: CN=Kalypso Dev CA Root CA, O=Kalypso Dev CA
         NotBefore: 12/4/2026 1:52 PM
         NotAfter: 12/1/2036 1:57 PM
        Subject: CN=Kalypso Dev CA Root CA, O=Kalypso Dev CA
        Signature matches Public Key
        Root Certificate: Subject matches Issuer
        Cert Hash(sha1): {(spaced ? string.Join(' ', _root.Root.Sha1.ToLowerInvariant().Chunk(2).Select(c => new string(c))) : _root.Root.Sha1.ToLowerInvariant())}
        No key provider information
        CertUtil: -store command completed successfully.
        """;

    private RecordingRunner Runner(bool present) => new((_, args) => args.Contains("-store")
        ? (present ? RecordingRunner.Ok(StoreOutput(spaced: false)) : RecordingRunner.Fail(-2147023728, "CertUtil: -store command FAILED: 0x80070490 (WIN32: 1168 ERROR_NOT_FOUND)"))
        : RecordingRunner.Ok("CertUtil: command completed successfully."), Certutil);

    [Fact]
    public void Install_as_administrator_adds_to_the_machine_root_store()
    {
        var runner = Runner(present: false);
        new WindowsTrustStore(runner, machine: true, systemRoot: @"C:\Windows").Install(_root.Root);
        Assert.Equal(
        [
            $"{Certutil} -store Root {_root.Root.Sha1}",
            $"{Certutil} -addstore -f Root {_root.Root.PemPath}",
        ], runner.Commands);
        Assert.Null(runner.Calls[1].Timeout);
    }

    [Fact]
    public void Install_without_administrator_adds_to_the_users_root_store_and_waits_for_the_dialog()
    {
        var runner = Runner(present: false);
        new WindowsTrustStore(runner, machine: false, systemRoot: @"C:\Windows").Install(_root.Root);
        Assert.Equal($"{Certutil} -user -addstore -f Root {_root.Root.PemPath}", runner.Commands[1]);
        Assert.True(runner.Calls[1].Timeout > ProcessRunner.DefaultTimeout);
    }

    [Fact]
    public void Remove_deletes_by_sha1_from_the_same_store()
    {
        var machine = Runner(present: true);
        new WindowsTrustStore(machine, machine: true, systemRoot: @"C:\Windows").Remove(_root.Root);
        Assert.Equal($"{Certutil} -delstore Root {_root.Root.Sha1}", machine.Commands[1]);

        var user = Runner(present: true);
        new WindowsTrustStore(user, machine: false, systemRoot: @"C:\Windows").Remove(_root.Root);
        Assert.Equal($"{Certutil} -user -delstore Root {_root.Root.Sha1}", user.Commands[1]);
    }

    [Fact]
    public void Install_and_remove_are_idempotent()
    {
        var present = Runner(present: true);
        new WindowsTrustStore(present, machine: true, systemRoot: @"C:\Windows").Install(_root.Root);
        Assert.Single(present.Calls);

        var absent = Runner(present: false);
        new WindowsTrustStore(absent, machine: true, systemRoot: @"C:\Windows").Remove(_root.Root);
        Assert.Single(absent.Calls);
    }

    [Fact]
    public void A_failed_addstore_reports_certutils_message_and_the_command_to_run()
    {
        var runner = new RecordingRunner((_, args) => args.Contains("-store")
            ? RecordingRunner.Fail(1, "not found")
            : RecordingRunner.Fail(5, "CertUtil: -addstore command FAILED: 0x80070005 (WIN32: 5 ERROR_ACCESS_DENIED)"), Certutil);
        var error = Assert.Throws<TrustStoreException>(() => new WindowsTrustStore(runner, machine: true, systemRoot: @"C:\Windows").Install(_root.Root));
        Assert.Contains("ERROR_ACCESS_DENIED", error.Message);
        Assert.StartsWith($"certutil -addstore -f Root {_root.Root.PemPath}", error.Fix);
        Assert.Contains("administrator", error.Fix);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parses_sha1_hashes_with_and_without_spaces(bool spaced)
    {
        Assert.Equal([_root.Root.Sha1], WindowsTrustStore.ParseSha1Hashes(StoreOutput(spaced)));
    }

    [Fact]
    public void Uses_windows_own_certutil_by_full_path_not_an_nss_certutil_on_path()
    {
        Assert.Equal(@"D:\Win\System32\certutil.exe", new WindowsTrustStore(Runner(false), machine: true, systemRoot: @"D:\Win").Certutil);
    }

    public void Dispose() => _root.Dispose();
}
