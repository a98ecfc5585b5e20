namespace Kalypso.Core.Trust;

/// <summary>
/// The system store on Debian and Ubuntu: a PEM file in <c>/usr/local/share/ca-certificates/</c>
/// named after the root, then <c>update-ca-certificates</c>, which rebuilds
/// <c>/etc/ssl/certs/ca-certificates.crt</c> (what curl, OpenSSL, Python and .NET read).
/// </summary>
/// <param name="runner">Runs the OS tools.</param>
/// <param name="anchorDirectory">Where local roots go; <see cref="DefaultAnchorDirectory"/> when omitted.</param>
/// <param name="bundlePath">The bundle clients read; <see cref="DefaultBundlePath"/> when omitted.</param>
/// <param name="linkDirectory">The folder of per-certificate links the tool maintains; <see cref="DefaultLinkDirectory"/> when omitted.</param>
/// <param name="javaSystemKeystore">The Java keystore Debian's ca-certificates-java hook keeps in step; <see cref="DefaultJavaSystemKeystore"/> when omitted.</param>
/// <param name="privileged">Whether this process may change the system store; whether it runs as root when omitted.</param>
public sealed class DebianTrustStore(
    IProcessRunner runner,
    string? anchorDirectory = null,
    string? bundlePath = null,
    string? linkDirectory = null,
    string? javaSystemKeystore = null,
    bool? privileged = null) : ITrustStore
{
    /// <summary>The folder of links (one per certificate, plus OpenSSL hash links) <c>update-ca-certificates</c> maintains.</summary>
    public const string DefaultLinkDirectory = "/etc/ssl/certs";

    /// <summary>The Java keystore the ca-certificates-java hook fills from the system store.</summary>
    public const string DefaultJavaSystemKeystore = "/etc/ssl/certs/java/cacerts";

    /// <summary>The folder Debian reserves for locally added roots.</summary>
    public const string DefaultAnchorDirectory = "/usr/local/share/ca-certificates";

    /// <summary>The bundle <c>update-ca-certificates</c> writes.</summary>
    public const string DefaultBundlePath = "/etc/ssl/certs/ca-certificates.crt";

    private const string Tool = "update-ca-certificates";

    private readonly string _links = linkDirectory ?? DefaultLinkDirectory;
    private readonly string _javaSystemKeystore = javaSystemKeystore ?? DefaultJavaSystemKeystore;

    /// <summary>The folder the root's file is written to.</summary>
    public string AnchorDirectory { get; } = anchorDirectory ?? DefaultAnchorDirectory;

    /// <summary>The bundle clients read.</summary>
    public string BundlePath { get; } = bundlePath ?? DefaultBundlePath;

    /// <inheritdoc />
    public string Name => "system";

    /// <inheritdoc />
    public string Location => AnchorDirectory;

    /// <inheritdoc />
    public string? UnavailableReason => runner.Find(Tool) is null
        ? $"{Tool} is not installed. Install it with: sudo apt-get install ca-certificates"
        : null;

    /// <summary>The file the root is written to: its <see cref="TrustRoot.Id"/> with <c>.crt</c>, the extension the tool requires.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The path.</returns>
    public string FileFor(TrustRoot root) => Path.Combine(AnchorDirectory, root.Id + ".crt");

    /// <inheritdoc />
    public void Install(TrustRoot root)
    {
        var file = FileFor(root);
        var pem = root.Certificate.ExportCertificatePem() + "\n";
        if (File.Exists(file) && File.ReadAllText(file) == pem && IsTrusted(root)) return;
        var fix = $"sudo cp '{root.PemPath}' '{file}' && sudo {Tool}";
        RequireRoot("Adding a root to the system store", fix);
        try
        {
            Directory.CreateDirectory(AnchorDirectory);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            // Public certificate: world-readable, as the tool and every client need.
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = (UnixFileMode)0b110_100_100;
            using (var stream = new FileStream(file, options)) stream.Write(System.Text.Encoding.ASCII.GetBytes(pem));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustStoreException($"Cannot write {file}: {e.Message}", fix);
        }
        Update(fix);
    }

    /// <inheritdoc />
    public void Remove(TrustRoot root)
    {
        var file = FileFor(root);
        if (!File.Exists(file) && !IsTrusted(root)) return;
        var fix = $"sudo rm -f '{file}' && sudo {Tool}";
        RequireRoot("Removing a root from the system store", fix);
        try
        {
            File.Delete(file);
            RemoveLinks(root, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustStoreException($"Cannot delete {file}: {e.Message}", fix);
        }
        Update(fix);
        RemoveFromJavaSystemKeystore(root);
        if (IsTrusted(root))
        {
            throw new TrustStoreException($"The root is still in {BundlePath}: it was added there by something other than Kalypso (look in /usr/share/ca-certificates and /etc/ca-certificates.conf).");
        }
    }

    /// <inheritdoc />
    public bool IsTrusted(TrustRoot root) => PemBundle.Contains(BundlePath, root.Certificate);

    /// <inheritdoc />
    public TrustVerification Verify(TrustRoot root, string leafPemPath) => OpenSslVerification.Verify(runner, BundlePath, leafPemPath);

    /// <summary>
    /// <c>update-ca-certificates</c> counts a local root as removed only when asked through
    /// <c>/etc/ca-certificates.conf</c>, so deleting the file alone leaves its link and its OpenSSL
    /// hash link dangling. Remove exactly the links that lead to this root's file.
    /// </summary>
    private void RemoveLinks(TrustRoot root, string file)
    {
        if (!Directory.Exists(_links)) return;
        var named = Path.Combine(_links, root.Id + ".pem");
        foreach (var link in Directory.EnumerateFileSystemEntries(_links))
        {
            var info = new FileInfo(link);
            if (info.LinkTarget is not { } target) continue;
            var resolved = Path.GetFullPath(target, _links);
            if (resolved == file || resolved == named) info.Delete();
        }
    }

    /// <summary>
    /// Debian's ca-certificates-java hook copies every root added to the system store into the
    /// JDK's shared keystore as <c>debian:NAME.pem</c>, but does not take out a local root that
    /// was deleted. Take out the copy the hook made of this one.
    /// </summary>
    private void RemoveFromJavaSystemKeystore(TrustRoot root)
    {
        if (!File.Exists(_javaSystemKeystore) || runner.Find("keytool") is null) return;
        var alias = "debian:" + root.Id + ".pem";
        var arguments = new[] { "-keystore", _javaSystemKeystore, "-storepass", JavaTrustStore.DefaultStorePassword, "-alias", alias };
        if (!runner.Run("keytool", ["-list", .. arguments]).Succeeded) return;
        var result = runner.Run("keytool", ["-delete", .. arguments]);
        if (!result.Succeeded)
        {
            throw new TrustStoreException($"keytool could not delete {alias} from {_javaSystemKeystore}: {result.Summary}",
                "sudo " + ShellQuote.Command("keytool", ["-delete", .. arguments]));
        }
    }

    private void Update(string fix)
    {
        var result = runner.Run(Tool, []);
        if (!result.Succeeded) throw new TrustStoreException($"{Tool} failed: {result.Summary}", fix);
    }

    private void RequireRoot(string what, string fix)
    {
        if (!(privileged ?? Environment.IsPrivilegedProcess)) throw new TrustStoreException($"{what} needs root.", fix);
    }
}
