namespace Kalypso.Core.Trust;

/// <summary>Which stores <c>kalypso trust --store</c> touches.</summary>
public enum TrustTarget
{
    /// <summary>Every store below.</summary>
    All,

    /// <summary>The operating system's store (Debian, Fedora/Arch, macOS or Windows).</summary>
    System,

    /// <summary>Every NSS database: Chromium's and each Firefox profile's.</summary>
    Nss,

    /// <summary>The Java keystore of <c>JAVA_HOME</c>.</summary>
    Java,
}
