using System.Diagnostics;
using System.Text.Json;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>The audit log: one well-formed JSON line per issuance, whole even when threads and processes append at once.</summary>
public sealed class AuditLogTests
{
    private static readonly string[] Fields = ["time", "serial", "names", "not_after", "fingerprint", "requester"];

    [Fact]
    public void Each_issuance_appends_one_line_with_exactly_the_recorded_fields()
    {
        using var temp = new TempStore();
        using var ca = temp.Store.Create();
        var issuer = new CertificateIssuer(ca, temp.Store.AuditLog);
        var before = DateTimeOffset.UtcNow;
        using var first = issuer.Issue(new LeafRequest(Names.NameParser.Parse(["api.test", "localhost"], ["127.0.0.1"])) { Requester = "cli:issue" });
        using var second = issuer.Issue(LeafRequest.For("db.test") with { Requester = "http:127.0.0.1" });
        var after = DateTimeOffset.UtcNow;

        var text = File.ReadAllText(temp.Store.AuditLog.Path);
        Assert.EndsWith("\n", text);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);

        using var json = JsonDocument.Parse(lines[0]);
        var entry = json.RootElement;
        Assert.Equal(Fields, entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal(first.SerialNumber, entry.GetProperty("serial").GetString());
        Assert.Equal(["api.test", "localhost", "127.0.0.1"], entry.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(first.NotAfter, entry.GetProperty("not_after").GetDateTimeOffset());
        Assert.Equal(first.Fingerprint, entry.GetProperty("fingerprint").GetString());
        Assert.Equal("cli:issue", entry.GetProperty("requester").GetString());
        Assert.InRange(entry.GetProperty("time").GetDateTimeOffset(), before, after);

        var entries = temp.Store.AuditLog.ReadAll();
        Assert.Equal([first.SerialNumber, second.SerialNumber], entries.Select(e => e.Serial));
        Assert.Equal("http:127.0.0.1", entries[1].Requester);
        Assert.Equal(2, temp.Store.AuditLog.Count());
    }

    [Fact]
    public async Task Lines_stay_whole_when_threads_and_processes_issue_at_once()
    {
        const int processes = 3;
        const int threads = 4;
        const int each = 40;
        using var temp = new TempStore();
        temp.Store.Create().Dispose();

        var children = Enumerable.Range(0, processes)
            .Select(p => StoreExerciser.Start("issue", temp.StoreDirectory, each.ToString(System.Globalization.CultureInfo.InvariantCulture), $"process{p}"))
            .ToList();
        try
        {
            foreach (var child in children) StoreExerciser.WaitForLine(child, "ready", TimeSpan.FromSeconds(60));

            using var ca = temp.Store.Load().Authority;
            using var start = new Barrier(threads + 1);
            var workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
            {
                // Each thread has its own log object on the same file, as separate issuers in one process would.
                var issuer = new CertificateIssuer(ca, new AuditLog(temp.Store.AuditLog.Path));
                start.SignalAndWait();
                for (var i = 0; i < each; i++)
                {
                    issuer.Issue(LeafRequest.For($"svc{i}.thread{t}.test") with { Requester = $"thread{t}", KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 }).Dispose();
                }
            }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

            foreach (var child in children) child.StandardInput.WriteLine("go");
            start.SignalAndWait(TestContext.Current.CancellationToken);
            await Task.WhenAll(workers);
            foreach (var child in children)
            {
                Assert.True(child.WaitForExit(TimeSpan.FromSeconds(120)), "an exerciser did not finish issuing");
                Assert.True(child.ExitCode == 0, child.StandardError.ReadToEnd());
            }
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited) child.Kill(entireProcessTree: true);
                child.Dispose();
            }
        }

        var total = (processes + threads) * each;
        var lines = File.ReadAllText(temp.Store.AuditLog.Path).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(total, lines.Length - 1);
        var serials = new HashSet<string>();
        var perRequester = new Dictionary<string, int>();
        foreach (var line in lines[..^1])
        {
            using var json = JsonDocument.Parse(line);
            var entry = json.RootElement;
            Assert.Equal(Fields, entry.EnumerateObject().Select(p => p.Name));
            Assert.True(serials.Add(entry.GetProperty("serial").GetString()!), "serial repeated: " + line);
            Assert.Equal(95, entry.GetProperty("fingerprint").GetString()!.Length);
            var requester = entry.GetProperty("requester").GetString()!;
            Assert.StartsWith("svc", entry.GetProperty("names")[0].GetString());
            Assert.EndsWith($".{requester}.test", entry.GetProperty("names")[0].GetString());
            perRequester[requester] = perRequester.GetValueOrDefault(requester) + 1;
        }
        Assert.Equal(processes + threads, perRequester.Count);
        Assert.All(perRequester.Values, count => Assert.Equal(each, count));
        Assert.Equal(total, temp.Store.GetStatus().IssuedCount);
        Assert.Equal(total, temp.Store.AuditLog.ReadAll().Count);
    }

    [Fact]
    public void Count_follows_appends_from_another_log_object()
    {
        using var temp = new TempStore();
        using var ca = temp.Store.Create();
        var reader = new AuditLog(temp.Store.AuditLog.Path);
        Assert.Equal(0, reader.Count());
        var issuer = new CertificateIssuer(ca, temp.Store.AuditLog);
        issuer.Issue(LeafRequest.For("a.test")).Dispose();
        Assert.Equal(1, reader.Count());
        issuer.Issue(LeafRequest.For("b.test")).Dispose();
        issuer.Issue(LeafRequest.For("c.test")).Dispose();
        Assert.Equal(3, reader.Count());
    }
}
