using Kalypso.Core.Authority;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>
/// Kills a process that replaces the CA in a loop (SIGKILL, at a random moment, so often mid-write)
/// and then loads the store: always a CA whose key matches its certificate, or a clear Kalypso
/// error, never a mismatched pair.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Rounds = 40;

    [Fact]
    public void Killing_a_replacement_at_any_moment_never_leaves_a_mismatched_pair()
    {
        using var temp = new TempStore();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var fingerprints = new HashSet<string>();
        int pendingSeen = 0, loaded = 0, refused = 0;

        for (var round = 0; round < Rounds; round++)
        {
            using (var child = StoreExerciser.Start("replace", temp.StoreDirectory))
            {
                try
                {
                    StoreExerciser.WaitForLine(child, "replacing", TimeSpan.FromSeconds(60));
                    Thread.Sleep(random.Next(0, 80));
                }
                finally
                {
                    child.Kill(); // SIGKILL: no finally blocks, no flushing, as a power cut would cut it.
                    child.WaitForExit();
                }
            }

            if (File.Exists(temp.Store.KeyPath + ".new") || File.Exists(temp.Store.CertificatePath + ".new")) pendingSeen++;
            try
            {
                var store = Kalypso.Core.Store.CaStore.Open(temp.StoreDirectory);
                using var ca = store.Load().Authority;
                // Load already refuses a key that does not match; prove the pair works end to end.
                using var leaf = ca.Issue(LeafRequest.For("crash.test") with { KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 });
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                Assert.True(chain.Build(leaf.Certificate), $"round {round} (seed {seed}): the loaded CA signed a leaf that does not chain to it");
                Assert.False(File.Exists(temp.Store.KeyPath + ".new"));
                Assert.False(File.Exists(temp.Store.CertificatePath + ".new"));
                fingerprints.Add(ca.Fingerprint);
                loaded++;
            }
            catch (KalypsoException e)
            {
                Assert.DoesNotContain("does not match", e.Message);
                output.WriteLine($"round {round}: refused with: {e.Message}");
                refused++;
            }
        }

        output.WriteLine($"seed {seed}: {loaded} loaded, {refused} refused, {pendingSeen} kills left a replacement half done, {fingerprints.Count} distinct CAs");
        // The store held a whole CA before the first kill, so every load finds one.
        Assert.Equal(Rounds, loaded);
        // The kills landed at different points of the loop, not all before it started.
        Assert.True(fingerprints.Count > Rounds / 2, $"only {fingerprints.Count} distinct CAs in {Rounds} rounds (seed {seed})");
    }

    [Fact]
    public void Loading_while_another_process_replaces_the_ca_always_sees_a_whole_pair()
    {
        using var temp = new TempStore();
        using var child = StoreExerciser.Start("replace", temp.StoreDirectory);
        var fingerprints = new HashSet<string>();
        var failures = new List<string>();
        try
        {
            StoreExerciser.WaitForLine(child, "replacing", TimeSpan.FromSeconds(60));
            var store = Kalypso.Core.Store.CaStore.Open(temp.StoreDirectory);
            for (var i = 0; i < 50; i++)
            {
                try
                {
                    using var ca = store.Load().Authority;
                    fingerprints.Add(ca.Fingerprint);
                }
                catch (KalypsoException e)
                {
                    failures.Add(e.Message);
                }
                Thread.Sleep(5);
            }
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }

        output.WriteLine($"{fingerprints.Count} distinct CAs loaded, {failures.Count} failed loads");
        Assert.Empty(failures);
        Assert.True(fingerprints.Count > 2, $"the replacing process made only {fingerprints.Count} CAs visible");
    }

    [Fact]
    public async Task Loading_waits_for_a_replacement_in_progress_instead_of_reading_half_of_it()
    {
        using var temp = new TempStore();
        string oldFingerprint;
        using (var old = temp.Store.Create()) oldFingerprint = old.Fingerprint;
        using var next = CertificateAuthority.Create();
        var oldKey = File.ReadAllText(temp.Store.KeyPath);

        Task<string> load;
        // Hold the store's lock as a replacing process does, and show the moment between its two
        // renames: the new key in place, the old certificate still there, nothing pending.
        using (new FileStream(Path.Combine(temp.StoreDirectory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            File.WriteAllText(temp.Store.KeyPath, next.ExportPrivateKeyPem());
            load = Task.Run(() =>
            {
                using var ca = Kalypso.Core.Store.CaStore.Open(temp.StoreDirectory).Load().Authority;
                return ca.Fingerprint;
            }, TestContext.Current.CancellationToken);
            await Task.Delay(500, TestContext.Current.CancellationToken);
            Assert.False(load.IsCompleted, load.IsFaulted ? load.Exception!.InnerException!.Message : "loaded while the replacement held the lock");
            // The "replacement" completes: here, by putting the old key back.
            File.WriteAllText(temp.Store.KeyPath, oldKey);
        }

        Assert.Equal(oldFingerprint, await load.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
    }
}
