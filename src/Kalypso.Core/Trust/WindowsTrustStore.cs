using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Kalypso.Core.Trust;

/// <summary>
/// The Windows Root store through Windows' own <c>certutil</c>: the machine store when running
/// as administrator (<c>certutil -addstore -f Root</c>), otherwise the current user's
/// (<c>certutil -user -addstore -f Root</c>, which Windows confirms in a dialog). Removal is by
/// SHA-1 hash with <c>-delstore</c>.
/// </summary>
public sealed partial class WindowsTrustStore : ITrustStore
{
    // Adding to the user's Root store makes Windows show a confirmation dialog: give the user time to answer.
    private static readonly TimeSpan DialogTimeout = TimeSpan.FromMinutes(3);

    private readonly IProcessRunner _runner;

    /// <summary>Uses the machine or the current user's Root store.</summary>
    /// <param name="runner">Runs <c>certutil</c>.</param>
    /// <param name="machine">The machine store; when omitted, the machine store if running as administrator, else the user's.</param>
    /// <param name="systemRoot">The Windows folder; <c>%SystemRoot%</c> when omitted.</param>
    public WindowsTrustStore(IProcessRunner runner, bool? machine = null, string? systemRoot = null)
    {
        _runner = runner;
        Machine = machine ?? Environment.IsPrivilegedProcess;
        systemRoot ??= Environment.GetEnvironmentVariable("SystemRoot") ?? @"C:\Windows";
        // Windows' certutil, by full path: an NSS certutil earlier on PATH is a different tool.
        Certutil = systemRoot.TrimEnd('\\', '/') + @"\System32\certutil.exe";
    }

    /// <summary>Whether this is the machine store (else the current user's).</summary>
    public bool Machine { get; }

    /// <summary>The full path of Windows' certutil.</summary>
    public string Certutil { get; }

    /// <inheritdoc />
    public string Name => "system";

    /// <inheritdoc />
    public string Location => Machine ? "Windows Root store (local machine)" : "Windows Root store (current user)";

    /// <inheritdoc />
    public string? UnavailableReason => _runner.Find(Certutil) is null ? $"Windows' certutil is not at {Certutil}." : null;

    /// <summary>The arguments that add the root.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> InstallArguments(TrustRoot root) => [.. UserFlag, "-addstore", "-f", "Root", root.PemPath];

    /// <summary>The arguments that delete the root by its SHA-1 hash.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> RemoveArguments(TrustRoot root) => [.. UserFlag, "-delstore", "Root", root.Sha1];

    /// <summary>The arguments that show the root if the store holds it.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> FindArguments(TrustRoot root) => [.. UserFlag, "-store", "Root", root.Sha1];

    private string[] UserFlag => Machine ? [] : ["-user"];

    /// <inheritdoc />
    public void Install(TrustRoot root)
    {
        if (IsTrusted(root)) return;
        Run(InstallArguments(root), "-addstore");
    }

    /// <inheritdoc />
    public void Remove(TrustRoot root)
    {
        if (!IsTrusted(root)) return;
        Run(RemoveArguments(root), "-delstore");
    }

    /// <inheritdoc />
    public bool IsTrusted(TrustRoot root)
    {
        // certutil -store exits non-zero when the hash is not in the store.
        var result = _runner.Run(Certutil, FindArguments(root));
        return result.Succeeded && ParseSha1Hashes(result.StandardOutput).Contains(root.Sha1, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Builds the leaf's chain in-process: .NET on Windows builds chains against the Windows stores, exactly as browsers and .NET clients there do.</summary>
    /// <inheritdoc />
    public TrustVerification Verify(TrustRoot root, string leafPemPath)
    {
        if (!OperatingSystem.IsWindows()) return new TrustVerification(null, "not verified: chain building against the Windows store runs only on Windows");
        using var leaf = X509Certificate2.CreateFromPemFile(leafPemPath);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(Profiles.LeafProfile.ServerAuthOid));
        return chain.Build(leaf)
            ? new TrustVerification(true, "a fresh leaf builds a trusted chain against the Windows store")
            : new TrustVerification(false, "a fresh leaf does not build a trusted chain: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
    }

    /// <summary>Reads the SHA-1 hashes from <c>certutil -store</c> output (<c>Cert Hash(sha1): …</c>, with or without spaces between bytes).</summary>
    /// <param name="listing">The output.</param>
    /// <returns>Upper-case hex hashes without spaces.</returns>
    public static IReadOnlyList<string> ParseSha1Hashes(string listing) =>
        HashLine().Matches(listing)
            .Select(m => m.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .Where(h => h.Length == 40)
            .ToList();

    private void Run(IReadOnlyList<string> arguments, string what)
    {
        var result = _runner.Run(Certutil, arguments, Machine ? null : DialogTimeout);
        if (result.Succeeded) return;
        var fix = Machine
            ? "certutil " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a)) + "   (in a terminal run as administrator)"
            : "certutil " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        throw new TrustStoreException($"certutil {what} failed: {result.Summary}", fix);
    }

    [GeneratedRegex(@"Cert Hash\(sha1\):\s*([0-9A-Fa-f ]{40,59})", RegexOptions.IgnoreCase)]
    private static partial Regex HashLine();
}
