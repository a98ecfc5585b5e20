namespace Kalypso.Core.Trust;

/// <summary>
/// The system store on Fedora, RHEL and Arch: p11-kit's <c>trust anchor --store</c> and
/// <c>trust anchor --remove</c>, which also re-extract the bundles clients read.
/// </summary>
/// <param name="runner">Runs the OS tools.</param>
/// <param name="bundlePath">The extracted bundle clients read; the first of <see cref="KnownBundles"/> that exists when omitted.</param>
/// <param name="privileged">Whether this process may change the system store; whether it runs as root when omitted.</param>
public sealed class FedoraTrustStore(IProcessRunner runner, string? bundlePath = null, bool? privileged = null) : ITrustStore
{
    /// <summary>Where p11-kit's extracted TLS bundle lives: Fedora/RHEL, then Arch.</summary>
    public static readonly IReadOnlyList<string> KnownBundles =
    [
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ca-certificates/extracted/tls-ca-bundle.pem",
        "/etc/ssl/certs/ca-certificates.crt",
    ];

    private const string Tool = "trust";

    /// <summary>The bundle clients read.</summary>
    public string BundlePath { get; } = bundlePath ?? KnownBundles.FirstOrDefault(File.Exists) ?? KnownBundles[0];

    /// <inheritdoc />
    public string Name => "system";

    /// <inheritdoc />
    public string Location => "p11-kit trust anchors";

    /// <inheritdoc />
    public string? UnavailableReason => runner.Find(Tool) is null
        ? "The 'trust' tool (p11-kit) is not installed. Install it with: sudo dnf install p11-kit-trust (Arch: sudo pacman -S p11-kit)"
        : null;

    /// <summary>The arguments that add the root.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public static IReadOnlyList<string> InstallArguments(TrustRoot root) => ["anchor", "--store", root.PemPath];

    /// <summary>The arguments that remove the root.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public static IReadOnlyList<string> RemoveArguments(TrustRoot root) => ["anchor", "--remove", root.PemPath];

    /// <inheritdoc />
    public void Install(TrustRoot root)
    {
        if (IsTrusted(root)) return;
        Run(InstallArguments(root), "Adding a root to the system store");
    }

    /// <inheritdoc />
    public void Remove(TrustRoot root)
    {
        if (!IsTrusted(root)) return;
        Run(RemoveArguments(root), "Removing a root from the system store");
    }

    /// <inheritdoc />
    public bool IsTrusted(TrustRoot root) => PemBundle.Contains(BundlePath, root.Certificate);

    /// <inheritdoc />
    public TrustVerification Verify(TrustRoot root, string leafPemPath) => OpenSslVerification.Verify(runner, BundlePath, leafPemPath);

    private void Run(IReadOnlyList<string> arguments, string what)
    {
        var fix = "sudo " + Tool + " " + string.Join(' ', arguments.Select(ShellQuote.Quote));
        if (!(privileged ?? Environment.IsPrivilegedProcess)) throw new TrustStoreException($"{what} needs root.", fix);
        var result = runner.Run(Tool, arguments);
        if (!result.Succeeded) throw new TrustStoreException($"{Tool} {arguments[1]} failed: {result.Summary}", fix);
    }
}
