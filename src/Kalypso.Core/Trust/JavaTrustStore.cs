using System.Text.RegularExpressions;

namespace Kalypso.Core.Trust;

/// <summary>
/// A Java keystore, by default the <c>cacerts</c> of the JDK that <c>JAVA_HOME</c> names: the root
/// is imported with <c>keytool -importcert</c> under its <see cref="TrustRoot.Id"/> as alias and
/// deleted with <c>keytool -delete</c>.
/// </summary>
public sealed partial class JavaTrustStore : ITrustStore
{
    /// <summary>The password every JDK ships <c>cacerts</c> with.</summary>
    public const string DefaultStorePassword = "changeit";

    private readonly IProcessRunner _runner;
    private readonly string? _javaHome;

    /// <summary>Uses a keystore, or the <c>cacerts</c> of a JDK.</summary>
    /// <param name="runner">Runs <c>keytool</c>.</param>
    /// <param name="keystore">The keystore file; when omitted, <c>cacerts</c> under <paramref name="javaHome"/>.</param>
    /// <param name="javaHome">The JDK; the <c>JAVA_HOME</c> variable when omitted.</param>
    /// <param name="storePassword">The keystore's password.</param>
    public JavaTrustStore(IProcessRunner runner, string? keystore = null, string? javaHome = null, string storePassword = DefaultStorePassword)
    {
        _runner = runner;
        _javaHome = string.IsNullOrWhiteSpace(javaHome) ? Environment.GetEnvironmentVariable("JAVA_HOME") : javaHome;
        if (string.IsNullOrWhiteSpace(_javaHome)) _javaHome = null;
        Keystore = keystore is not null ? Path.GetFullPath(keystore) : DefaultKeystore(_javaHome);
        StorePassword = storePassword;
    }

    /// <summary>The keystore file, or <see langword="null"/> when neither a keystore nor <c>JAVA_HOME</c> was given.</summary>
    public string? Keystore { get; }

    /// <summary>The keystore's password.</summary>
    public string StorePassword { get; }

    /// <summary><c>keytool</c> from the JDK when <c>JAVA_HOME</c> is set, else from <c>PATH</c>.</summary>
    public string Keytool
    {
        get
        {
            if (_javaHome is null) return "keytool";
            var inJdk = Path.Combine(_javaHome, "bin", OperatingSystem.IsWindows() ? "keytool.exe" : "keytool");
            return File.Exists(inJdk) ? inJdk : "keytool";
        }
    }

    /// <inheritdoc />
    public string Name => "java";

    /// <inheritdoc />
    public string Location => Keystore ?? "JAVA_HOME not set";

    /// <inheritdoc />
    public string? UnavailableReason
    {
        get
        {
            if (Keystore is null) return "JAVA_HOME is not set, so there is no Java keystore to trust. Set JAVA_HOME to your JDK and run again (or pass --java-keystore FILE).";
            if (!File.Exists(Keystore)) return $"there is no keystore at {Keystore}";
            if (_runner.Find(Keytool) is null) return "keytool is not installed; it comes with a JDK (sudo apt-get install openjdk-17-jdk-headless).";
            return null;
        }
    }

    /// <summary>The arguments that import the root.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> InstallArguments(TrustRoot root) =>
        ["-importcert", "-noprompt", "-trustcacerts", "-alias", root.Id, "-file", root.PemPath, "-keystore", Keystore!, "-storepass", StorePassword];

    /// <summary>The arguments that delete the root.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The argument list.</returns>
    public IReadOnlyList<string> RemoveArguments(TrustRoot root) =>
        ["-delete", "-alias", root.Id, "-keystore", Keystore!, "-storepass", StorePassword];

    /// <inheritdoc />
    public void Install(TrustRoot root)
    {
        if (IsTrusted(root)) return;
        Run(InstallArguments(root), "import the root into");
    }

    /// <inheritdoc />
    public void Remove(TrustRoot root)
    {
        if (ListedFingerprint(root) is null) return;
        Run(RemoveArguments(root), "delete the root from");
    }

    /// <inheritdoc />
    public bool IsTrusted(TrustRoot root) =>
        string.Equals(ListedFingerprint(root), root.Fingerprint, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Java has no command-line chain check, so this confirms with <c>keytool -list</c> that the
    /// alias holds a trusted certificate with exactly the root's fingerprint; a leaf the root
    /// signed then verifies in any JVM using this keystore.
    /// </summary>
    /// <inheritdoc />
    public TrustVerification Verify(TrustRoot root, string leafPemPath) => IsTrusted(root)
        ? new TrustVerification(true, $"keytool lists alias {root.Id} as a trusted certificate with the root's SHA-256 fingerprint")
        : new TrustVerification(false, $"keytool does not list alias {root.Id} with the root's fingerprint");

    /// <summary>Reads the SHA-256 fingerprint from <c>keytool -list -v</c> output.</summary>
    /// <param name="listing">The output.</param>
    /// <returns>The fingerprint, upper-case hex with colons, or <see langword="null"/> when there is none.</returns>
    public static string? ParseSha256(string listing) =>
        Sha256Line().Match(listing) is { Success: true } match ? match.Groups[1].Value.ToUpperInvariant() : null;

    private string? ListedFingerprint(TrustRoot root)
    {
        var result = _runner.Run(Keytool, ["-list", "-v", "-alias", root.Id, "-keystore", Keystore!, "-storepass", StorePassword]);
        return result.Succeeded ? ParseSha256(result.StandardOutput) : null;
    }

    private void Run(IReadOnlyList<string> arguments, string what)
    {
        var result = _runner.Run(Keytool, arguments);
        if (result.Succeeded) return;
        var output = result.StandardOutput + result.StandardError;
        var denied = output.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)
            || output.Contains("AccessDenied", StringComparison.OrdinalIgnoreCase);
        var fix = (denied && !OperatingSystem.IsWindows() ? "sudo " : "") + ShellQuote.Command(Keytool, arguments);
        throw new TrustStoreException(
            $"keytool could not {what} {Keystore}{(denied ? " (permission denied: it needs the rights of the keystore's owner)" : "")}: {result.Summary}", fix);
    }

    private static string? DefaultKeystore(string? javaHome)
    {
        if (javaHome is null) return null;
        var modern = Path.Combine(javaHome, "lib", "security", "cacerts");
        var legacy = Path.Combine(javaHome, "jre", "lib", "security", "cacerts");
        return File.Exists(modern) || !File.Exists(legacy) ? modern : legacy;
    }

    [GeneratedRegex(@"SHA-?256:\s*([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31})")]
    private static partial Regex Sha256Line();
}
