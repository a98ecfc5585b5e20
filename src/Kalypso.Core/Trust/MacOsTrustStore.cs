using System.Text.RegularExpressions;

namespace Kalypso.Core.Trust;

/// <summary>
/// The macOS System keychain: <c>security add-trusted-cert -d -r trustRoot</c> adds the root with
/// admin trust settings, <c>security remove-trusted-cert -d</c> and <c>security delete-certificate -Z</c>
/// (by SHA-1) take it out again.
/// </summary>
/// <param name="runner">Runs <c>security</c>.</param>
/// <param name="keychain">The keychain; <see cref="SystemKeychain"/> when omitted.</param>
/// <param name="privileged">Whether this process may change the System keychain; whether it runs as root when omitted.</param>
public sealed partial class MacOsTrustStore(IProcessRunner runner, string? keychain = null, bool? privileged = null) : ITrustStore
{
    /// <summary>The keychain every user and app on the Mac trusts.</summary>
    public const string SystemKeychain = "/Library/Keychains/System.keychain";

    private const string Tool = "security";

    /// <summary>The keychain.</summary>
    public string Keychain { get; } = keychain ?? SystemKeychain;

    /// <inheritdoc />
    public string Name => "system";

    /// <inheritdoc />
    public string Location => Keychain;

    /// <inheritdoc />
    public string? UnavailableReason => runner.Find(Tool) is null ? "The macOS 'security' tool is not available." : null;

    /// <summary>The arguments that add the root with trust for every user.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> InstallArguments(TrustRoot root) => ["add-trusted-cert", "-d", "-r", "trustRoot", "-k", Keychain, root.PemPath];

    /// <summary>The arguments that drop the root's admin trust settings.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public static IReadOnlyList<string> RemoveTrustArguments(TrustRoot root) => ["remove-trusted-cert", "-d", root.PemPath];

    /// <summary>The arguments that delete the root from the keychain by its SHA-1 hash.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> DeleteArguments(TrustRoot root) => ["delete-certificate", "-Z", root.Sha1, Keychain];

    /// <summary>The arguments that list every certificate in the keychain with its hashes.</summary>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> ListArguments() => ["find-certificate", "-a", "-Z", Keychain];

    /// <summary>The arguments that verify a leaf for TLS against the user's trust settings.</summary>
    /// <param name="leafPemPath">The leaf.</param>
    /// <returns>The argument list.</returns>
    public static IReadOnlyList<string> VerifyArguments(string leafPemPath) => ["verify-cert", "-c", leafPemPath, "-p", "ssl"];

    /// <inheritdoc />
    public void Install(TrustRoot root)
    {
        if (IsTrusted(root)) return;
        Run(InstallArguments(root), "add-trusted-cert", mustSucceed: true);
    }

    /// <inheritdoc />
    public void Remove(TrustRoot root)
    {
        if (!IsTrusted(root)) return;
        // Trust settings and the certificate are separate: drop both. The first fails harmlessly
        // when the settings are already gone.
        Run(RemoveTrustArguments(root), "remove-trusted-cert", mustSucceed: false);
        Run(DeleteArguments(root), "delete-certificate", mustSucceed: true);
    }

    /// <inheritdoc />
    public bool IsTrusted(TrustRoot root)
    {
        var listing = runner.Run(Tool, ListArguments());
        if (!listing.Succeeded) throw new TrustStoreException($"security find-certificate failed: {listing.Summary}");
        return ParseSha1Hashes(listing.StandardOutput).Contains(root.Sha1, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public TrustVerification Verify(TrustRoot root, string leafPemPath)
    {
        var result = runner.Run(Tool, VerifyArguments(leafPemPath));
        return result.Succeeded
            ? new TrustVerification(true, "a fresh leaf passes 'security verify-cert -p ssl'")
            : new TrustVerification(false, $"a fresh leaf fails 'security verify-cert -p ssl': {result.Summary}");
    }

    /// <summary>Reads the SHA-1 hashes from <c>security find-certificate -a -Z</c> output.</summary>
    /// <param name="listing">The output.</param>
    /// <returns>Upper-case hex hashes, one per certificate.</returns>
    public static IReadOnlyList<string> ParseSha1Hashes(string listing) =>
        Sha1Line().Matches(listing).Select(m => m.Groups[1].Value.ToUpperInvariant()).ToList();

    private void Run(IReadOnlyList<string> arguments, string what, bool mustSucceed)
    {
        var fix = "sudo " + ShellQuote.Command(Tool, arguments);
        if (!(privileged ?? Environment.IsPrivilegedProcess)) throw new TrustStoreException($"Changing {Keychain} needs administrator rights.", fix);
        var result = runner.Run(Tool, arguments);
        if (mustSucceed && !result.Succeeded) throw new TrustStoreException($"security {what} failed: {result.Summary}", fix);
    }

    [GeneratedRegex(@"^SHA-1 hash:\s*([0-9A-Fa-f]{40})\s*$", RegexOptions.Multiline)]
    private static partial Regex Sha1Line();
}
