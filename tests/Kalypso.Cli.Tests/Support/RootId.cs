namespace Kalypso.Cli.Tests.Support;

/// <summary>The name a root is filed under in every store, computed here from its fingerprint independently of the code under test.</summary>
public static class RootId
{
    public static string Of(string fingerprint) => "kalypso-" + fingerprint.Replace(":", "")[..16].ToLowerInvariant();
}
