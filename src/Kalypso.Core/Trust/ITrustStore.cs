namespace Kalypso.Core.Trust;

/// <summary>
/// One place a root can be trusted: the OS store, one NSS database, one Java keystore. Install
/// and Remove are idempotent and find the root by the names <see cref="TrustRoot.Id"/> derives
/// from its fingerprint. Failures are <see cref="TrustStoreException"/>s carrying the command the
/// user can run instead.
/// </summary>
public interface ITrustStore
{
    /// <summary>The kind of store, as <c>--store</c> names it: <c>system</c>, <c>nss</c> or <c>java</c>.</summary>
    string Name { get; }

    /// <summary>Which store exactly: a folder, a database, a keystore file.</summary>
    string Location { get; }

    /// <summary>Why the store cannot be used here and how to make it usable, or <see langword="null"/> when it can.</summary>
    string? UnavailableReason { get; }

    /// <summary>Adds the root as a trusted authority; does nothing when it already is.</summary>
    /// <param name="root">The root.</param>
    /// <exception cref="TrustStoreException">The tool failed or lacks privileges.</exception>
    void Install(TrustRoot root);

    /// <summary>Removes what <see cref="Install"/> added; does nothing when it is not there.</summary>
    /// <param name="root">The root.</param>
    /// <exception cref="TrustStoreException">The tool failed or lacks privileges.</exception>
    void Remove(TrustRoot root);

    /// <summary>Whether the store trusts the root now.</summary>
    /// <param name="root">The root.</param>
    /// <returns>Whether it is trusted.</returns>
    bool IsTrusted(TrustRoot root);

    /// <summary>Checks that the store accepts a leaf the root issued, the way a client using the store would.</summary>
    /// <param name="root">The root.</param>
    /// <param name="leafPemPath">A PEM file holding a freshly issued leaf.</param>
    /// <returns>Whether it verified, and how.</returns>
    TrustVerification Verify(TrustRoot root, string leafPemPath);
}
