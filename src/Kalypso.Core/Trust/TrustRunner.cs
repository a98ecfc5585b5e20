using Kalypso.Core.Authority;

namespace Kalypso.Core.Trust;

/// <summary>
/// Trusts, untrusts or checks a root across many stores. A store that is unavailable is skipped
/// and one that fails is reported, and neither stops the others: the caller gets one
/// <see cref="TrustResult"/> per store.
/// </summary>
public static class TrustRunner
{
    /// <summary>Installs the root in every store it can, then checks each with a freshly issued leaf.</summary>
    /// <param name="stores">The stores.</param>
    /// <param name="root">The root.</param>
    /// <param name="issueLeaf">Issues a leaf from the root for the check; called at most once, when the first store has been installed.</param>
    /// <returns>One result per store.</returns>
    public static IReadOnlyList<TrustResult> Trust(IEnumerable<ITrustStore> stores, TrustRoot root, Func<IssuedCertificate> issueLeaf)
    {
        using var leaf = new LazyLeafFile(issueLeaf);
        return stores.Select(store => Attempt(store, () =>
        {
            store.Install(root);
            var check = store.Verify(root, leaf.Path);
            return check.Verified switch
            {
                true => Result(store, TrustState.Trusted, "trusted; " + check.Detail),
                null => Result(store, TrustState.Trusted, "trusted (" + check.Detail + ")"),
                false => Result(store, TrustState.Failed, "installed, but " + check.Detail),
            };
        })).ToList();
    }

    /// <summary>Removes the root from every store it can.</summary>
    /// <param name="stores">The stores.</param>
    /// <param name="root">The root.</param>
    /// <returns>One result per store.</returns>
    public static IReadOnlyList<TrustResult> Untrust(IEnumerable<ITrustStore> stores, TrustRoot root) =>
        stores.Select(store => Attempt(store, () =>
        {
            var was = store.IsTrusted(root);
            store.Remove(root);
            return store.IsTrusted(root)
                ? Result(store, TrustState.Failed, "still trusted after removal")
                : Result(store, TrustState.NotTrusted, was ? "removed" : "was not trusted");
        })).ToList();

    /// <summary>Reports where the root is trusted, changing nothing.</summary>
    /// <param name="stores">The stores.</param>
    /// <param name="root">The root.</param>
    /// <returns>One result per store.</returns>
    public static IReadOnlyList<TrustResult> Check(IEnumerable<ITrustStore> stores, TrustRoot root) =>
        stores.Select(store => Attempt(store, () => store.IsTrusted(root)
            ? Result(store, TrustState.Trusted, "trusted")
            : Result(store, TrustState.NotTrusted, "not trusted"))).ToList();

    private static TrustResult Attempt(ITrustStore store, Func<TrustResult> action)
    {
        if (store.UnavailableReason is { } reason) return Result(store, TrustState.Skipped, reason);
        try
        {
            return action();
        }
        catch (TrustStoreException e)
        {
            return Result(store, TrustState.Failed, e.Message, e.Fix);
        }
        catch (Exception e) when (e is KalypsoException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return Result(store, TrustState.Failed, e.Message, $"sudo kalypso trust --store {store.Name}");
        }
    }

    private static TrustResult Result(ITrustStore store, TrustState state, string detail, string? fix = null) =>
        new(store.Name, store.Location, state, detail, fix);

    /// <summary>The verification leaf, issued and written to a private temporary file on first use, deleted afterwards.</summary>
    private sealed class LazyLeafFile(Func<IssuedCertificate> issue) : IDisposable
    {
        private DirectoryInfo? _folder;
        private string? _path;

        public string Path
        {
            get
            {
                if (_path is not null) return _path;
                _folder = Directory.CreateTempSubdirectory("kalypso-verify-");
                using var leaf = issue();
                _path = System.IO.Path.Combine(_folder.FullName, "leaf.pem");
                File.WriteAllText(_path, leaf.CertificatePem);
                return _path;
            }
        }

        public void Dispose() => _folder?.Delete(recursive: true);
    }
}
