namespace Kalypso.Cli.Tests.Support;

/// <summary>
/// The machine's system trust store, which tests change for real: a snapshot to prove it is left
/// as it was, and a restore that runs even when a test fails. Tests that use it share one
/// collection so they never run at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MachineTrustStore
{
    public const string Name = "machine trust store";

    private const string Anchors = "/usr/local/share/ca-certificates";
    private const string Links = "/etc/ssl/certs";
    private const string JavaKeystore = "/etc/ssl/certs/java/cacerts";

    /// <summary>
    /// Every entry of the anchor and link folders by name and by the content it resolves to, the
    /// bundle's content, and the aliases in the Java keystore Debian keeps in step with the system
    /// store. Content, not link targets: <c>update-ca-certificates</c> may turn a certificate file
    /// someone copied into the link folder into a link to the same certificate, which trusts nothing new.
    /// </summary>
    public static async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        foreach (var folder in new[] { Anchors, Links })
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
            {
                lines.Add($"{entry} -> {ContentOf(entry)}");
            }
        }
        lines.Add("bundle " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Links, "ca-certificates.crt")))));
        if (File.Exists(JavaKeystore) && Tool.Find("keytool") is not null)
        {
            var list = await Tool.RunAsync("keytool", ["-list", "-keystore", JavaKeystore, "-storepass", "changeit"]);
            lines.AddRange(list.Stdout.Split('\n').Where(l => l.Contains("trustedCertEntry", StringComparison.Ordinal)).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        }
        return string.Join('\n', lines);
    }

    private static string ContentOf(string entry)
    {
        if (Directory.Exists(entry)) return "folder";
        if (!File.Exists(entry)) return "dangling";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(entry)));
    }

    /// <summary>Takes a root out of the system store whatever state a failed test left it in.</summary>
    public static async Task RestoreAsync(string rootId, KalypsoCli cli)
    {
        var anchor = Path.Combine(Anchors, rootId + ".crt");
        var leftovers = File.Exists(anchor) || File.Exists(Path.Combine(Links, rootId + ".pem")) || new FileInfo(Path.Combine(Links, rootId + ".pem")).LinkTarget is not null;
        if (!leftovers) return;
        await cli.RunAsync("untrust", "--store", "system");
        if (File.Exists(anchor))
        {
            File.Delete(anchor);
            await Tool.RunAsync("update-ca-certificates", ["--fresh"]);
        }
    }
}
