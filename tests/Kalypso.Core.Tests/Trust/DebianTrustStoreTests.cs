using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>The Debian store against folders of its own (the real system store is exercised by the CLI tests).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DebianTrustStoreTests : IDisposable
{
    private readonly TestRoot _root = new();
    private string Anchors => Path.Combine(_root.Folder, "anchors");
    private string Links => Path.Combine(_root.Folder, "links");
    private string Bundle => Path.Combine(Links, "ca-certificates.crt");

    /// <summary>Stands in for update-ca-certificates: the bundle is every anchor, and each anchor gets a link and a hash link.</summary>
    private RecordingRunner Runner() => new((tool, _) =>
    {
        Directory.CreateDirectory(Links);
        var anchors = Directory.Exists(Anchors) ? Directory.GetFiles(Anchors, "*.crt") : [];
        File.WriteAllText(Bundle, string.Concat(anchors.Select(File.ReadAllText)));
        foreach (var anchor in anchors)
        {
            var link = Path.Combine(Links, Path.GetFileNameWithoutExtension(anchor) + ".pem");
            if (!File.Exists(link)) File.CreateSymbolicLink(link, anchor);
            var hash = Path.Combine(Links, "abcdef01.0");
            if (!File.Exists(hash)) File.CreateSymbolicLink(hash, Path.GetFileName(link));
        }
        return RecordingRunner.Ok("1 added, 0 removed; done.");
    }, "update-ca-certificates");

    [Fact]
    public void Install_writes_a_world_readable_crt_named_after_the_root_and_runs_the_tool()
    {
        var runner = Runner();
        var store = new DebianTrustStore(runner, Anchors, Bundle, Links, javaSystemKeystore: "/nonexistent", privileged: true);
        store.Install(_root.Root);

        var file = Path.Combine(Anchors, _root.Root.Id + ".crt");
        Assert.Equal(file, store.FileFor(_root.Root));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(file));
        Assert.Equal(["update-ca-certificates "], runner.Commands);
        Assert.True(store.IsTrusted(_root.Root));

        store.Install(_root.Root);
        Assert.Single(runner.Calls);
    }

    [Fact]
    public void Remove_deletes_the_file_and_exactly_the_links_that_lead_to_it()
    {
        var store = new DebianTrustStore(Runner(), Anchors, Bundle, Links, javaSystemKeystore: "/nonexistent", privileged: true);
        store.Install(_root.Root);
        var unrelated = Path.Combine(Links, "unrelated.pem");
        File.WriteAllText(unrelated, "x");

        store.Remove(_root.Root);

        Assert.False(File.Exists(store.FileFor(_root.Root)));
        Assert.Equal(["ca-certificates.crt", "unrelated.pem"], Directory.GetFileSystemEntries(Links).Select(Path.GetFileName).Order());
        Assert.False(store.IsTrusted(_root.Root));
    }

    [Fact]
    public void Without_root_it_fails_with_the_commands_to_run()
    {
        var runner = Runner();
        var store = new DebianTrustStore(runner, Anchors, Bundle, Links, privileged: false);
        var error = Assert.Throws<TrustStoreException>(() => store.Install(_root.Root));
        Assert.Contains("needs root", error.Message);
        Assert.Equal($"sudo cp '{_root.Root.PemPath}' '{store.FileFor(_root.Root)}' && sudo update-ca-certificates", error.Fix);
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public void Is_unavailable_without_update_ca_certificates_and_says_how_to_install_it()
    {
        var store = new DebianTrustStore(new RecordingRunner((_, _) => RecordingRunner.Ok()), Anchors, Bundle);
        Assert.Contains("apt-get install ca-certificates", store.UnavailableReason);
    }

    public void Dispose() => _root.Dispose();
}
