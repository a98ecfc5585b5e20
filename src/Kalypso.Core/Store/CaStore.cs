using Kalypso.Core.Authority;

namespace Kalypso.Core.Store;

/// <summary>
/// The CA on disk, laid out as the original Kalypso lays it so an existing store loads as is:
/// <c>ca-cert.pem</c> (public), <c>ca-key.pem</c> (PKCS#8, mode 0600), and <c>audit.jsonl</c>,
/// in a folder of mode 0700. Replacing the CA is atomic: a crash at any moment leaves the old
/// pair or the new one, never a key that does not match its certificate.
/// </summary>
public sealed class CaStore
{
    /// <summary>The environment variable that overrides the store folder.</summary>
    public const string DataDirVariable = "KALYPSO_DATA_DIR";

    /// <summary>The root certificate's file name.</summary>
    public const string CertificateFileName = "ca-cert.pem";

    /// <summary>The root key's file name.</summary>
    public const string KeyFileName = "ca-key.pem";

    /// <summary>The audit log's file name.</summary>
    public const string AuditLogFileName = "audit.jsonl";

    private const string PendingSuffix = ".new";

    /// <summary>Opens the store in a folder; nothing is read or written until asked.</summary>
    /// <param name="directory">The store folder.</param>
    public CaStore(string directory)
    {
        Directory = Path.GetFullPath(directory);
        AuditLog = new AuditLog(Path.Combine(Directory, AuditLogFileName));
    }

    /// <summary>The default store folder: <c>KALYPSO_DATA_DIR</c> if set, else <c>~/.kalypso</c>.</summary>
    public static string DefaultDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(DataDirVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kalypso")
                : fromEnvironment;
        }
    }

    /// <summary>The store folder.</summary>
    public string Directory { get; }

    /// <summary>The root certificate file.</summary>
    public string CertificatePath => Path.Combine(Directory, CertificateFileName);

    /// <summary>The root key file.</summary>
    public string KeyPath => Path.Combine(Directory, KeyFileName);

    /// <summary>The audit log of every issuance from this store.</summary>
    public AuditLog AuditLog { get; }

    /// <summary>Whether the store holds a CA (after finishing any replacement a crash interrupted).</summary>
    public bool Exists
    {
        get
        {
            Recover();
            return File.Exists(CertificatePath) || File.Exists(KeyPath);
        }
    }

    /// <summary>Opens the store at <paramref name="directory"/>, or at <see cref="DefaultDirectory"/> when it is null or empty.</summary>
    /// <param name="directory">An explicit folder, such as a <c>--data-dir</c> option.</param>
    /// <returns>The store.</returns>
    public static CaStore Open(string? directory = null) =>
        new(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory);

    /// <summary>Loads the CA, warning (not failing) when its key file is readable by others.</summary>
    /// <param name="time">The clock for the CA; the system clock when omitted.</param>
    /// <returns>The CA and any warnings.</returns>
    /// <exception cref="KalypsoException">There is no CA, a file is unreadable, or the key does not match the certificate.</exception>
    public LoadedCa Load(TimeProvider? time = null)
    {
        Recover();
        if (!File.Exists(CertificatePath) && !File.Exists(KeyPath))
        {
            throw new KalypsoException($"No CA in {Directory}. Create one with 'kalypso init'.");
        }
        string certificatePem, keyPem;
        using (OpenSharedLock())
        {
            certificatePem = ReadPart(CertificatePath, "certificate");
            keyPem = ReadPart(KeyPath, "key");
        }

        CertificateAuthority authority;
        try
        {
            authority = CertificateAuthority.FromPem(certificatePem, keyPem, time);
        }
        catch (KalypsoException e)
        {
            throw new KalypsoException($"The CA in {Directory} cannot be used: {e.Message}", e);
        }

        var warnings = new List<string>();
        if (KeyFileCheck.Of(KeyPath).Warning is { } keyWarning) warnings.Add(keyWarning);
        if (authority.IsExpired) warnings.Add($"The CA expired at {authority.NotAfter:u}. Create a new one with 'kalypso rotate'.");
        return new LoadedCa(authority, warnings);
    }

    /// <summary>Creates a new CA and saves it.</summary>
    /// <param name="options">How to make the root.</param>
    /// <param name="force">Whether to replace an existing CA.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <returns>The new CA.</returns>
    /// <exception cref="KalypsoException">A CA exists and <paramref name="force"/> is false.</exception>
    public CertificateAuthority Create(RootOptions? options = null, bool force = false, TimeProvider? time = null)
    {
        RefuseToOverwrite(force);
        var authority = CertificateAuthority.Create(options, time);
        Save(authority);
        return authority;
    }

    /// <summary>Adopts an existing CA (an mkcert root, a corporate dev CA) and saves it in Kalypso's layout.</summary>
    /// <param name="certificatePem">The CA certificate, PEM.</param>
    /// <param name="keyPem">Its unencrypted private key, PEM (EC or RSA).</param>
    /// <param name="force">Whether to replace an existing CA.</param>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <returns>The imported CA.</returns>
    /// <exception cref="KalypsoException">The certificate is not a usable CA, the key does not match, or a CA exists and <paramref name="force"/> is false.</exception>
    public CertificateAuthority Import(string certificatePem, string keyPem, bool force = false, TimeProvider? time = null)
    {
        RefuseToOverwrite(force);
        var authority = CertificateAuthority.FromPem(certificatePem, keyPem, time);
        Save(authority);
        return authority;
    }

    /// <summary>
    /// Writes the CA, replacing any CA already here atomically: both new files are written and
    /// flushed beside the old ones, then renamed over them key first. <see cref="Recover"/>
    /// finishes or undoes a replacement a crash interrupted.
    /// </summary>
    /// <param name="authority">The CA to write.</param>
    public void Save(CertificateAuthority authority)
    {
        PrivateFiles.CreateFolder(Directory);
        using var guard = LockedFile.Open(Path.Combine(Directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        RecoverLocked();
        var pendingKey = KeyPath + PendingSuffix;
        var pendingCertificate = CertificatePath + PendingSuffix;
        PrivateFiles.WriteNew(pendingKey, authority.ExportPrivateKeyPem());
        PrivateFiles.WriteNew(pendingCertificate, authority.CertificatePem);
        File.Move(pendingKey, KeyPath, overwrite: true);
        File.Move(pendingCertificate, CertificatePath, overwrite: true);
    }

    /// <summary>
    /// Moves the current CA files aside (kept at mode 0600 with a time stamp in their names) so a
    /// new CA can take their place, as <c>kalypso rotate</c> does.
    /// </summary>
    /// <param name="stamp">A time stamp for the names of the files kept aside.</param>
    /// <returns>The paths the files were moved to.</returns>
    public IReadOnlyList<string> MoveAside(DateTimeOffset stamp)
    {
        using var guard = LockedFile.Open(Path.Combine(Directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        RecoverLocked();
        var moved = new List<string>();
        var suffix = $".{stamp.UtcDateTime:yyyyMMddTHHmmssZ}.old";
        foreach (var path in new[] { KeyPath, CertificatePath })
        {
            if (!File.Exists(path)) continue;
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, PrivateFiles.OwnerReadWrite);
            File.Move(path, path + suffix);
            moved.Add(path + suffix);
        }
        return moved;
    }

    /// <summary>The store's status report: the root, its key file's safety and how many certificates were issued.</summary>
    /// <param name="time">The clock; the system clock when omitted.</param>
    /// <returns>The status.</returns>
    /// <exception cref="KalypsoException">There is no usable CA.</exception>
    public StoreStatus GetStatus(TimeProvider? time = null)
    {
        var loaded = Load(time);
        using var ca = loaded.Authority;
        return new StoreStatus(
            Directory,
            ca.Certificate.Subject,
            ca.Fingerprint,
            ca.NotBefore,
            ca.NotAfter,
            ca.IsExpired,
            KeyFileCheck.Of(KeyPath),
            AuditLog.Count(),
            ca.NameConstraints is not null);
    }

    /// <summary>
    /// Finishes or undoes a replacement that a crash interrupted. While the pending key exists,
    /// the old pair is still whole, so the pending files are dropped; once only the pending
    /// certificate is left, the new key is in place, so the certificate follows it.
    /// </summary>
    public void Recover()
    {
        if (!File.Exists(KeyPath + PendingSuffix) && !File.Exists(CertificatePath + PendingSuffix)) return;
        using var guard = LockedFile.Open(Path.Combine(Directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        RecoverLocked();
    }

    private void RecoverLocked()
    {
        var pendingKey = KeyPath + PendingSuffix;
        var pendingCertificate = CertificatePath + PendingSuffix;
        if (File.Exists(pendingKey))
        {
            File.Delete(pendingKey);
            File.Delete(pendingCertificate);
        }
        else if (File.Exists(pendingCertificate))
        {
            File.Move(pendingCertificate, CertificatePath, overwrite: true);
        }
    }

    // Readers hold the lock shared while they read both files, so a replacement running in another
    // process (which holds it exclusively from the first new file to the last rename) is never seen
    // half done. A store this user cannot write to (a read-only mount) is read without it.
    private FileStream? OpenSharedLock()
    {
        try
        {
            return LockedFile.Open(Path.Combine(Directory, ".lock"), FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read);
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void RefuseToOverwrite(bool force)
    {
        if (!force && Exists)
        {
            throw new KalypsoException($"A CA already exists in {Directory}. Use --force to replace it (certificates it issued will stop being trusted).");
        }
    }

    private string ReadPart(string path, string what)
    {
        try
        {
            return LockedFile.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new KalypsoException($"The CA in {Directory} is incomplete: its {what} file {path} is missing.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new KalypsoException($"The CA {what} file {path} cannot be read by this user.");
        }
        catch (IOException e)
        {
            throw new KalypsoException($"The CA {what} file {path} cannot be read: {e.Message}", e);
        }
    }
}
