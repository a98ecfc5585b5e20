using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

/// <summary>p11-kit's 'trust' is not on this machine: these check the exact commands, with a real bundle file standing for the extracted one.</summary>
public sealed class FedoraTrustStoreTests : IDisposable
{
    private readonly TestRoot _root = new();
    private string Bundle => Path.Combine(_root.Folder, "ca-bundle.crt");

    [Fact]
    public void Install_runs_trust_anchor_store_when_the_bundle_lacks_the_root()
    {
        File.WriteAllText(Bundle, "");
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(), "trust");
        new FedoraTrustStore(runner, Bundle, privileged: true).Install(_root.Root);
        Assert.Equal([$"trust anchor --store {_root.Root.PemPath}"], runner.Commands);
    }

    [Fact]
    public void Remove_runs_trust_anchor_remove_when_the_bundle_holds_the_root()
    {
        File.WriteAllText(Bundle, "# other\n" + _root.Root.Certificate.ExportCertificatePem() + "\n");
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(), "trust");
        var store = new FedoraTrustStore(runner, Bundle, privileged: true);
        Assert.True(store.IsTrusted(_root.Root));
        store.Remove(_root.Root);
        Assert.Equal([$"trust anchor --remove {_root.Root.PemPath}"], runner.Commands);
    }

    [Fact]
    public void Without_root_it_fails_with_the_sudo_command()
    {
        File.WriteAllText(Bundle, "");
        var runner = new RecordingRunner((_, _) => RecordingRunner.Ok(), "trust");
        var error = Assert.Throws<TrustStoreException>(() => new FedoraTrustStore(runner, Bundle, privileged: false).Install(_root.Root));
        Assert.Equal($"sudo trust anchor --store {_root.Root.PemPath}", error.Fix);
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public void Is_unavailable_without_p11_kit_and_says_how_to_install_it()
    {
        Assert.Contains("p11-kit", new FedoraTrustStore(new RecordingRunner((_, _) => RecordingRunner.Ok()), Bundle).UnavailableReason);
    }

    public void Dispose() => _root.Dispose();
}
