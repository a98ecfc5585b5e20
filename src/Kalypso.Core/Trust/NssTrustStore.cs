namespace Kalypso.Core.Trust;

/// <summary>
/// One NSS certificate database: Chromium's and Chrome's <c>~/.pki/nssdb</c> on Linux, or one
/// Firefox profile. The root is added with <c>certutil -A -t C,,</c> (a trusted CA for TLS
/// servers) under its <see cref="TrustRoot.Id"/> as nickname, and removed with <c>certutil -D</c>.
/// </summary>
public sealed class NssTrustStore : ITrustStore
{
    private const string Tool = "certutil";

    /// <summary>Uses one database folder.</summary>
    /// <param name="runner">Runs <c>certutil</c>.</param>
    /// <param name="directory">The database folder (holding <c>cert9.db</c>, or <c>cert8.db</c> for old profiles).</param>
    /// <param name="label">What the database belongs to, for the trust table: <c>chromium</c>, <c>firefox</c>, <c>custom</c>.</param>
    /// <param name="createIfMissing">Whether to create an empty database when there is none (Chromium's, which it reads if present).</param>
    public NssTrustStore(IProcessRunner runner, string directory, string label, bool createIfMissing = false)
    {
        Runner = runner;
        Directory = Path.GetFullPath(directory);
        Label = label;
        CreateIfMissing = createIfMissing;
    }

    private IProcessRunner Runner { get; }

    /// <summary>The database folder.</summary>
    public string Directory { get; }

    /// <summary>What the database belongs to.</summary>
    public string Label { get; }

    /// <summary>Whether an empty database is created when there is none.</summary>
    public bool CreateIfMissing { get; }

    /// <inheritdoc />
    public string Name => "nss";

    /// <inheritdoc />
    public string Location => $"{Label}: {Directory}";

    /// <summary>Whether the folder holds a database.</summary>
    public bool Exists => File.Exists(Path.Combine(Directory, "cert9.db")) || File.Exists(Path.Combine(Directory, "cert8.db"));

    /// <summary>The <c>-d</c> argument: <c>sql:</c> for the current format, <c>dbm:</c> for a profile that only has the legacy <c>cert8.db</c>.</summary>
    public string DatabaseArgument =>
        (!File.Exists(Path.Combine(Directory, "cert9.db")) && File.Exists(Path.Combine(Directory, "cert8.db")) ? "dbm:" : "sql:") + Directory;

    /// <inheritdoc />
    public string? UnavailableReason
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                return "NSS certutil is not used on Windows: Firefox there trusts the Windows store (security.enterprise_roots.enabled).";
            }
            if (Runner.Find(Tool) is null)
            {
                return "certutil (NSS tools) is not installed. Install it with: sudo apt-get install libnss3-tools (Fedora: sudo dnf install nss-tools; macOS: brew install nss)";
            }
            return !Exists && !CreateIfMissing ? $"there is no NSS database in {Directory}" : null;
        }
    }

    /// <summary>The arguments that add the root as a trusted TLS authority.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> InstallArguments(TrustRoot root) => ["-A", "-d", DatabaseArgument, "-t", "C,,", "-n", root.Id, "-i", root.PemPath];

    /// <summary>The arguments that remove the root.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> RemoveArguments(TrustRoot root) => ["-D", "-d", DatabaseArgument, "-n", root.Id];

    /// <inheritdoc />
    public void Install(TrustRoot root)
    {
        if (!Exists) Create();
        if (IsTrusted(root)) return;
        // Already there without TLS trust (added by hand, or its trust edited): fix the trust only.
        Run(Holds(root) ? ["-M", "-d", DatabaseArgument, "-t", "C,,", "-n", root.Id] : InstallArguments(root), "add the root to");
    }

    /// <inheritdoc />
    public void Remove(TrustRoot root)
    {
        if (!Exists) return;
        // NSS can hold a nickname more than once (one per token); delete until none is left.
        for (var attempt = 0; attempt < 8 && Holds(root); attempt++)
        {
            Run(RemoveArguments(root), "remove the root from");
        }
    }

    /// <inheritdoc />
    public bool IsTrusted(TrustRoot root)
    {
        if (!Exists) return false;
        var listing = Runner.Run(Tool, ["-L", "-d", DatabaseArgument]);
        if (!listing.Succeeded) throw new TrustStoreException($"certutil cannot list {Directory}: {listing.Summary}");
        return ParseTrust(listing.StandardOutput, root.Id) is { } flags && TrustsTlsServers(flags);
    }

    /// <summary>
    /// Checks a leaf with <c>certutil -V -u V</c> (valid as a TLS server certificate) in a copy of
    /// the database, so the user's database never holds the throwaway leaf.
    /// </summary>
    /// <inheritdoc />
    public TrustVerification Verify(TrustRoot root, string leafPemPath)
    {
        var copy = System.IO.Directory.CreateTempSubdirectory("kalypso-nss-");
        try
        {
            foreach (var file in new[] { "cert9.db", "key4.db", "pkcs11.txt", "cert8.db", "key3.db", "secmod.db" })
            {
                var source = Path.Combine(Directory, file);
                if (File.Exists(source)) File.Copy(source, Path.Combine(copy.FullName, file));
            }
            var database = (DatabaseArgument.StartsWith("dbm:", StringComparison.Ordinal) ? "dbm:" : "sql:") + copy.FullName;
            var add = Runner.Run(Tool, ["-A", "-d", database, "-t", ",,", "-n", "kalypso-verify", "-i", leafPemPath]);
            if (!add.Succeeded) return new TrustVerification(null, $"not verified: certutil could not load the test leaf: {add.Summary}");
            var check = Runner.Run(Tool, ["-V", "-u", "V", "-d", database, "-n", "kalypso-verify"]);
            return check.Succeeded
                ? new TrustVerification(true, "a fresh leaf passes 'certutil -V -u V' (TLS server)")
                : new TrustVerification(false, $"a fresh leaf fails 'certutil -V -u V': {check.Summary}");
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>Reads a nickname's trust attributes (such as <c>C,,</c>) from <c>certutil -L</c> output.</summary>
    /// <param name="listing">The output of <c>certutil -L -d DB</c>.</param>
    /// <param name="nickname">The nickname to find.</param>
    /// <returns>The trust attributes, or <see langword="null"/> when the nickname is not listed.</returns>
    public static string? ParseTrust(string listing, string nickname)
    {
        foreach (var raw in listing.Split('\n'))
        {
            var line = raw.TrimEnd();
            // Columns are padded with spaces: the nickname, then the trust attributes.
            if (line.Length > nickname.Length && line.StartsWith(nickname, StringComparison.Ordinal) && line[nickname.Length] == ' ')
            {
                return line[nickname.Length..].Trim();
            }
        }
        return null;
    }

    /// <summary>Whether trust attributes make a certificate a trusted CA for TLS servers (a <c>C</c> in the first field).</summary>
    /// <param name="flags">Trust attributes such as <c>C,,</c> or <c>CT,C,C</c>.</param>
    /// <returns>Whether TLS servers it issued are trusted.</returns>
    public static bool TrustsTlsServers(string flags) => flags.Split(',')[0].Contains('C', StringComparison.Ordinal);

    private bool Holds(TrustRoot root) =>
        Runner.Run(Tool, ["-L", "-d", DatabaseArgument, "-n", root.Id]).Succeeded;

    private void Create()
    {
        if (!CreateIfMissing) throw new TrustStoreException($"There is no NSS database in {Directory}.");
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(Directory);
        else System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Run(["-N", "-d", "sql:" + Directory, "--empty-password"], "create");
    }

    private void Run(IReadOnlyList<string> arguments, string what)
    {
        var result = Runner.Run(Tool, arguments);
        if (!result.Succeeded)
        {
            throw new TrustStoreException($"certutil could not {what} {Directory}: {result.Summary}", ShellQuote.Command(Tool, arguments));
        }
    }
}
