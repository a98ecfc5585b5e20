namespace Kalypso.Core.Trust;

/// <summary>Where the stores are, when not where the machine keeps them (tests, a second JDK, a browser profile elsewhere).</summary>
public sealed record TrustStoreOptions
{
    /// <summary>NSS database folders to use instead of the ones found under the home folder.</summary>
    public IReadOnlyList<string> NssDatabases { get; init; } = [];

    /// <summary>A Java keystore to use instead of <c>$JAVA_HOME/lib/security/cacerts</c>.</summary>
    public string? JavaKeystore { get; init; }

    /// <summary>The home folder to look for browser databases in; the current user's when omitted.</summary>
    public string? Home { get; init; }
}
