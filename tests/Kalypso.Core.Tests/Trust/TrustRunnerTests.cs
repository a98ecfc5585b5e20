using Kalypso.Core.Authority;
using Kalypso.Core.Trust;

namespace Kalypso.Core.Tests.Trust;

public sealed class TrustRunnerTests : IDisposable
{
    private readonly TestRoot _root = new();

    private sealed class FakeStore(string name, string? unavailable = null, Exception? fails = null, bool? verifies = true) : ITrustStore
    {
        public bool Installed { get; private set; }
        public string? LeafPath { get; private set; }
        public string Name => name;
        public string Location => "/" + name;
        public string? UnavailableReason => unavailable;
        public void Install(TrustRoot root) => Installed = fails is null ? true : throw fails;
        public void Remove(TrustRoot root) => Installed = fails is null ? false : throw fails;
        public bool IsTrusted(TrustRoot root) => Installed;

        public TrustVerification Verify(TrustRoot root, string leafPemPath)
        {
            LeafPath = leafPemPath;
            Assert.True(File.Exists(leafPemPath));
            return new TrustVerification(verifies, "checked");
        }
    }

    [Fact]
    public void One_unavailable_or_failing_store_never_stops_the_others()
    {
        var skipped = new FakeStore("a", unavailable: "tool missing");
        var failing = new FakeStore("b", fails: new TrustStoreException("no rights", "sudo do-it"));
        var broken = new FakeStore("c", fails: new IOException("disk full"));
        var good = new FakeStore("d");
        var issued = 0;

        var results = TrustRunner.Trust([skipped, failing, broken, good], _root.Root, () =>
        {
            issued++;
            return _root.Authority.Issue(LeafRequest.For("localhost"));
        });

        Assert.Equal([TrustState.Skipped, TrustState.Failed, TrustState.Failed, TrustState.Trusted], results.Select(r => r.State));
        Assert.Equal("tool missing", results[0].Detail);
        Assert.Equal("sudo do-it", results[1].Fix);
        Assert.Contains("disk full", results[2].Detail);
        Assert.NotNull(results[2].Fix);
        Assert.True(good.Installed);
        Assert.Equal(1, issued);
        Assert.False(File.Exists(good.LeafPath));
    }

    [Fact]
    public void A_store_whose_check_fails_is_reported_failed_and_an_unchecked_one_trusted()
    {
        var results = TrustRunner.Trust([new FakeStore("a", verifies: false), new FakeStore("b", verifies: null)], _root.Root,
            () => _root.Authority.Issue(LeafRequest.For("localhost")));
        Assert.Equal(TrustState.Failed, results[0].State);
        Assert.Equal(TrustState.Trusted, results[1].State);
    }

    [Fact]
    public void Untrust_reports_removed_or_was_not_trusted()
    {
        var installed = new FakeStore("a");
        installed.Install(_root.Root);
        var results = TrustRunner.Untrust([installed, new FakeStore("b")], _root.Root);
        Assert.Equal(["removed", "was not trusted"], results.Select(r => r.Detail));
        Assert.All(results, r => Assert.Equal(TrustState.NotTrusted, r.State));
    }

    [Fact]
    public void Names_derive_from_the_fingerprint()
    {
        Assert.Equal("kalypso-" + _root.Root.Fingerprint.Replace(":", "")[..16].ToLowerInvariant(), _root.Root.Id);
        Assert.Equal(40, _root.Root.Sha1.Length);
    }

    public void Dispose() => _root.Dispose();
}
