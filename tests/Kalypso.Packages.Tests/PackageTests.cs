using System.Diagnostics;
using System.IO.Compression;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Kalypso.Packages.Tests;

/// <summary>
/// The packages as users get them: packed into a folder feed, then a fresh AppHost in a temp
/// folder references Kalypso.Aspire.Hosting from that feed (no project reference), builds, runs,
/// and a resource serves a Kalypso certificate that chains to the store's CA.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly string[] Packages = ["Kalypso.Core", "Kalypso.Aspire.Hosting", "Kalypso.Aspire.Client", "Kalypso.Cli"];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("kalypso-package-tests-");
    // A version no earlier run used, so NuGet's global package cache never serves a stale package.
    private readonly string _version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    private string Feed => Path.Combine(_work.FullName, "feed");

    [Fact]
    public async Task Packed_hosting_package_gives_a_fresh_AppHost_resource_a_Kalypso_certificate()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        // Pack from a private copy of the sources: packing with another version rebuilds and restores
        // the projects, which must not rewrite the outputs other test projects are running from.
        var sources = Path.Combine(_work.FullName, "sources");
        RepositoryRoot.CopySourcesTo(sources);
        foreach (var package in Packages)
        {
            await Dotnet.RunAsync(sources, TimeSpan.FromMinutes(4), cancellation,
                "pack", Path.Combine("src", package), "-c", "Release", "-o", Feed, $"-p:Version={_version}", "-nologo", "-v", "quiet");
        }
        foreach (var package in Packages) CheckMetadata(package);
        Log($"packed 4 packages in {clock.Elapsed.TotalSeconds:F0} s");

        var app = Path.Combine(_work.FullName, "app");
        var store = Path.Combine(_work.FullName, "store");
        FreshAppHost.WriteTo(app, Feed, _version, Path.Combine(RepositoryRoot.Path, "playground", "node-server"));
        await Dotnet.RunAsync(app, TimeSpan.FromMinutes(4), cancellation, "build", "-nologo", "-v", "quiet");
        Assert.True(File.Exists(Path.Combine(app, "bin", "Debug", "net10.0", "Kalypso.Server.dll")), "The package did not put the issuing service next to the AppHost.");
        Log($"restored and built the fresh AppHost at {clock.Elapsed.TotalSeconds:F0} s");

        await using var running = AppHostProcess.Start(app, store);
        var url = await running.Ready.WaitAsync(TimeSpan.FromMinutes(3), cancellation);
        Log($"fresh AppHost healthy at {clock.Elapsed.TotalSeconds:F0} s: {url}");

        using var served = await ServedCertificateAsync(new Uri(url), cancellation);
        var status = CaStore.Open(store).GetStatus();
        using var ca = CaStore.Open(store).Load().Authority;
        var issued = CaStore.Open(store).AuditLog.ReadAll().Where(e => e.Requester == "aspire:node").ToList();
        Assert.Contains(issued, e => e.Fingerprint == Fingerprints.Sha256(served));
        Assert.Equal(status.Fingerprint, ca.Fingerprint);
        Assert.Equal(ca.Certificate.Subject, served.Issuer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(served), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    private void CheckMetadata(string package)
    {
        var file = Path.Combine(Feed, $"{package}.{_version}.nupkg");
        Assert.True(File.Exists(file), $"dotnet pack made no {file}");
        using var zip = ZipFile.OpenRead(file);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        string? Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.False(string.IsNullOrWhiteSpace(Meta("description")), $"{package}: no description");
        Assert.Contains("certificates", Meta("tags") ?? "", StringComparison.Ordinal);
        Assert.Equal("MIT", Meta("license"));
        Assert.Equal("README.md", Meta("readme"));
        Assert.Contains("README.md", entries);
        if (package == "Kalypso.Cli")
        {
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
            Assert.Contains(entries, e => e.StartsWith("tools/net10.0/any/", StringComparison.Ordinal) && e.EndsWith("Kalypso.Cli.dll", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains($"lib/net10.0/{package}.dll", entries);
            Assert.Contains($"lib/net10.0/{package}.xml", entries);
        }
        if (package == "Kalypso.Aspire.Hosting")
        {
            Assert.Contains("issuing-service/Kalypso.Server.dll", entries);
            Assert.Contains("issuing-service/Kalypso.Server.runtimeconfig.json", entries);
            Assert.Contains("buildTransitive/Kalypso.Aspire.Hosting.targets", entries);
            Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Kalypso.Server");
        }
    }

    private static async Task<X509Certificate2> ServedCertificateAsync(Uri url, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port, cancellationToken);
        X509Certificate2? served = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true; // the chain is checked below against the store's CA, not the machine's roots
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken);
        return served ?? throw new InvalidOperationException("No certificate was served.");
    }

    private static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

    public void Dispose()
    {
        try { _work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        // The test packages landed in the global package cache under a one-off version: take them out again.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Packages)
        {
            var folder = Path.Combine(cache, package.ToLowerInvariant(), _version);
            try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
