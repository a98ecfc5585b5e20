namespace Kalypso.Core.Trust;

/// <summary>Picks the stores for a target on this machine.</summary>
public static class TrustStoreCatalog
{
    /// <summary>The stores a target covers here, in the order they are shown.</summary>
    /// <param name="target">Which stores.</param>
    /// <param name="options">Where they are, when not in the usual places.</param>
    /// <param name="runner">Runs the OS tools; <see cref="ProcessRunner.Instance"/> when omitted.</param>
    /// <returns>The stores; some may report themselves unavailable.</returns>
    public static IReadOnlyList<ITrustStore> For(TrustTarget target, TrustStoreOptions? options = null, IProcessRunner? runner = null)
    {
        options ??= new TrustStoreOptions();
        runner ??= ProcessRunner.Instance;
        var stores = new List<ITrustStore>();
        if (target is TrustTarget.All or TrustTarget.System) stores.Add(SystemStore(runner));
        if (target is TrustTarget.All or TrustTarget.Nss)
        {
            if (options.NssDatabases.Count > 0) stores.AddRange(options.NssDatabases.Select(d => new NssTrustStore(runner, d, "custom", createIfMissing: true)));
            else stores.AddRange(NssDatabases.Discover(runner, options.Home));
        }
        if (target is TrustTarget.All or TrustTarget.Java) stores.Add(new JavaTrustStore(runner, options.JavaKeystore));
        return stores;
    }

    /// <summary>The operating system's store: macOS, Windows, or on Linux Debian's tool if present, else p11-kit's.</summary>
    /// <param name="runner">Runs the OS tools.</param>
    /// <returns>The store.</returns>
    public static ITrustStore SystemStore(IProcessRunner runner)
    {
        if (OperatingSystem.IsWindows()) return new WindowsTrustStore(runner);
        if (OperatingSystem.IsMacOS()) return new MacOsTrustStore(runner);
        var debian = new DebianTrustStore(runner);
        if (debian.UnavailableReason is null) return debian;
        var fedora = new FedoraTrustStore(runner);
        return fedora.UnavailableReason is null ? fedora : debian;
    }
}
