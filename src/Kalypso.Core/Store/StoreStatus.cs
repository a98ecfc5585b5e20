namespace Kalypso.Core.Store;

/// <summary>What <c>kalypso status</c> reports about a store.</summary>
/// <param name="Directory">The store folder.</param>
/// <param name="Subject">The root's subject.</param>
/// <param name="Fingerprint">The root's SHA-256 fingerprint.</param>
/// <param name="NotBefore">When the root became valid.</param>
/// <param name="NotAfter">When the root expires.</param>
/// <param name="IsExpired">Whether the root has expired.</param>
/// <param name="KeyFile">The key file's mode and whether it is safe.</param>
/// <param name="IssuedCount">How many certificates the audit log records.</param>
/// <param name="NameConstrained">Whether the root carries name constraints.</param>
public sealed record StoreStatus(
    string Directory,
    string Subject,
    string Fingerprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool IsExpired,
    KeyFileCheck KeyFile,
    long IssuedCount,
    bool NameConstrained);
