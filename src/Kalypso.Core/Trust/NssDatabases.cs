namespace Kalypso.Core.Trust;

/// <summary>Finds the NSS databases browsers read: Chromium's shared one and every Firefox profile.</summary>
public static class NssDatabases
{
    /// <summary>The NSS databases under a home folder.</summary>
    /// <param name="runner">Runs <c>certutil</c>.</param>
    /// <param name="home">The home folder; the current user's when omitted.</param>
    /// <returns>One store per database: <c>~/.pki/nssdb</c> (on Linux, created if missing) and each Firefox profile found.</returns>
    public static IReadOnlyList<NssTrustStore> Discover(IProcessRunner runner, string? home = null)
    {
        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var stores = new List<NssTrustStore>();
        if (OperatingSystem.IsLinux())
        {
            // Chromium and Chrome read this shared database and create it on first run; creating
            // it first lets a browser that has never run trust the root from its first start.
            stores.Add(new NssTrustStore(runner, Path.Combine(home, ".pki", "nssdb"), "chromium", createIfMissing: true));
        }
        string[] profileRoots =
        [
            Path.Combine(home, ".mozilla", "firefox"),
            Path.Combine(home, "snap", "firefox", "common", ".mozilla", "firefox"),
            Path.Combine(home, ".var", "app", "org.mozilla.firefox", ".mozilla", "firefox"),
            Path.Combine(home, "Library", "Application Support", "Firefox", "Profiles"),
        ];
        foreach (var profileRoot in profileRoots.Where(Directory.Exists))
        {
            foreach (var profile in Directory.EnumerateDirectories(profileRoot).Order(StringComparer.Ordinal))
            {
                var store = new NssTrustStore(runner, profile, "firefox");
                if (store.Exists) stores.Add(store);
            }
        }
        return stores;
    }
}
