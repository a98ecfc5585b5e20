namespace Kalypso.Core.Trust;

/// <summary>Where a root stands in one store after an operation.</summary>
public enum TrustState
{
    /// <summary>The store trusts the root.</summary>
    Trusted,

    /// <summary>The store does not trust the root (it was removed, or never added).</summary>
    NotTrusted,

    /// <summary>The store was left alone: it does not exist here or its tool is missing.</summary>
    Skipped,

    /// <summary>The operation failed; the result says why and what to run instead.</summary>
    Failed,
}
