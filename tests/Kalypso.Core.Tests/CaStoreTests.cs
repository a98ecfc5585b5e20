using Kalypso.Core.Authority;
using Kalypso.Core.Store;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>The CA on disk: create, load, refuse to overwrite, move aside, status, and clear errors for missing or damaged files.</summary>
public sealed class CaStoreTests
{
    [Fact]
    public void Create_then_load_gives_the_same_ca()
    {
        using var temp = new TempStore();
        Assert.False(temp.Store.Exists);
        string fingerprint;
        using (var created = temp.Store.Create(new RootOptions { Organization = "Store Test" })) fingerprint = created.Fingerprint;

        Assert.True(temp.Store.Exists);
        // The original layout: nothing but the pair (and Kalypso's hidden lock file) until something is issued.
        Assert.Equal(["ca-cert.pem", "ca-key.pem"], Directory.GetFiles(temp.StoreDirectory).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order());
        var loaded = temp.Store.Load();
        using var ca = loaded.Authority;
        Assert.Empty(loaded.Warnings);
        Assert.Equal(fingerprint, ca.Fingerprint);
        Assert.Equal("CN=Store Test Root CA, O=Store Test", ca.Certificate.Subject);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(temp.Store.KeyPath));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(temp.Store.CertificatePath));
    }

    [Fact]
    public void Create_refuses_to_overwrite_without_force_and_replaces_with_force()
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        var certificate = File.ReadAllText(temp.Store.CertificatePath);
        var key = File.ReadAllText(temp.Store.KeyPath);

        var error = Assert.Throws<KalypsoException>(() => temp.Store.Create());
        Assert.Contains("already exists", error.Message);
        Assert.Contains("--force", error.Message);
        Assert.Equal(certificate, File.ReadAllText(temp.Store.CertificatePath));
        Assert.Equal(key, File.ReadAllText(temp.Store.KeyPath));

        using var replaced = temp.Store.Create(force: true);
        Assert.NotEqual(certificate, File.ReadAllText(temp.Store.CertificatePath));
        using var loaded = temp.Store.Load().Authority;
        Assert.Equal(replaced.Fingerprint, loaded.Fingerprint);
    }

    [Fact]
    public void A_store_laid_out_by_the_original_python_kalypso_loads_as_is()
    {
        // What the Python Kalypso leaves in ~/.kalypso: ca-cert.pem (0644) and a PKCS#8
        // ca-key.pem (0600), a P-384 root with its profile, in a folder made with default rights.
        using var temp = new TempStore();
        Directory.CreateDirectory(temp.StoreDirectory);
        var made = OpensslCa.Make(temp.Root, "python", "/O=Kalypso Dev CA/CN=Kalypso Dev CA Root CA", "ec:P-384",
            ["basicConstraints = critical,CA:TRUE,pathlen:0", "keyUsage = critical,digitalSignature,keyCertSign,cRLSign", "subjectKeyIdentifier = hash"], "sha384");
        File.Copy(made.CertificatePath, temp.Store.CertificatePath);
        File.Copy(made.KeyPath, temp.Store.KeyPath);
        File.SetUnixFileMode(temp.Store.CertificatePath, (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetUnixFileMode(temp.Store.KeyPath, (UnixFileMode)Convert.ToInt32("600", 8));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(temp.Store.KeyPath));
        var certificateBytes = File.ReadAllBytes(temp.Store.CertificatePath);
        var keyBytes = File.ReadAllBytes(temp.Store.KeyPath);

        var loaded = temp.Store.Load();
        using var ca = loaded.Authority;
        Assert.Empty(loaded.Warnings);
        Assert.Equal(Openssl.Sha256Fingerprint(temp.Store.CertificatePath), ca.Fingerprint);

        using var leaf = new CertificateIssuer(ca, temp.Store.AuditLog).Issue(LeafRequest.For("localhost"));
        var leafPath = temp.Write("leaf.pem", leaf.CertificatePem);
        Openssl.AssertVerified(Openssl.VerifyServer(temp.Store.CertificatePath, leafPath), leafPath);

        // Loading and issuing never rewrite the CA files.
        Assert.Equal(certificateBytes, File.ReadAllBytes(temp.Store.CertificatePath));
        Assert.Equal(keyBytes, File.ReadAllBytes(temp.Store.KeyPath));
        Assert.Equal(1, temp.Store.GetStatus().IssuedCount);
    }

    [Fact]
    public void Status_reports_subject_fingerprint_expiry_key_mode_and_issued_count()
    {
        using var temp = new TempStore();
        using var ca = temp.Store.Create(new RootOptions { Organization = "Status Org" });
        var issuer = new CertificateIssuer(ca, temp.Store.AuditLog);
        for (var i = 0; i < 3; i++) issuer.Issue(LeafRequest.For($"s{i}.test") with { KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 }).Dispose();

        var status = temp.Store.GetStatus();
        Assert.Equal(temp.StoreDirectory, status.Directory);
        Assert.Equal(ca.Certificate.Subject, status.Subject);
        Assert.Equal(ca.Fingerprint, status.Fingerprint);
        Assert.Equal(ca.NotBefore, status.NotBefore);
        Assert.Equal(ca.NotAfter, status.NotAfter);
        Assert.False(status.IsExpired);
        Assert.Equal("0600", status.KeyFile.Mode);
        Assert.True(status.KeyFile.IsSafe);
        Assert.Equal(temp.Store.KeyPath, status.KeyFile.Path);
        Assert.Equal(3, status.IssuedCount);
        Assert.False(status.NameConstrained);

        // Another store object (as another process would have) counts the same log.
        issuer.Issue(LeafRequest.For("s3.test") with { KeyAlgorithm = LeafKeyAlgorithm.EcdsaP256 }).Dispose();
        Assert.Equal(4, CaStore.Open(temp.StoreDirectory).GetStatus().IssuedCount);
    }

    [Fact]
    public void Status_of_a_constrained_root_says_so()
    {
        using var temp = new TempStore();
        temp.Store.Create(new RootOptions { NameConstraints = true }).Dispose();
        Assert.True(temp.Store.GetStatus().NameConstrained);
    }

    [Fact]
    public void Move_aside_keeps_the_old_pair_private_and_frees_the_store()
    {
        using var temp = new TempStore();
        string oldFingerprint;
        using (var old = temp.Store.Create()) oldFingerprint = old.Fingerprint;

        var moved = temp.Store.MoveAside(new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero));
        Assert.Equal([temp.Store.KeyPath + ".20310203T040506Z.old", temp.Store.CertificatePath + ".20310203T040506Z.old"], moved);
        Assert.False(temp.Store.Exists);
        foreach (var path in moved) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using (var kept = CertificateAuthority.FromPem(File.ReadAllText(moved[1]), File.ReadAllText(moved[0])))
        {
            Assert.Equal(oldFingerprint, kept.Fingerprint);
        }

        using var fresh = temp.Store.Create();
        Assert.NotEqual(oldFingerprint, fresh.Fingerprint);
    }

    [Fact]
    public void Loading_an_empty_or_missing_store_says_there_is_no_ca()
    {
        using var temp = new TempStore();
        var missing = Assert.Throws<KalypsoException>(() => temp.Store.Load());
        Assert.Contains($"No CA in {temp.StoreDirectory}", missing.Message);
        Assert.Contains("kalypso init", missing.Message);
        Assert.Throws<KalypsoException>(() => temp.Store.GetStatus());

        Directory.CreateDirectory(temp.StoreDirectory);
        Assert.Contains("No CA in", Assert.Throws<KalypsoException>(() => temp.Store.Load()).Message);
    }

    [Theory]
    [InlineData("ca-key.pem", "its key file")]
    [InlineData("ca-cert.pem", "its certificate file")]
    public void Loading_a_store_missing_one_file_names_the_missing_file(string deleted, string expected)
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        File.Delete(Path.Combine(temp.StoreDirectory, deleted));

        Assert.True(temp.Store.Exists);
        var error = Assert.Throws<KalypsoException>(() => temp.Store.Load());
        Assert.Contains("incomplete", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(Path.Combine(temp.StoreDirectory, deleted), error.Message);
    }

    public static TheoryData<string, string, string> Damage => new()
    {
        { "ca-cert.pem", "empty", "not a PEM certificate" },
        { "ca-cert.pem", "garbage", "not a PEM certificate" },
        { "ca-cert.pem", "truncated", "not a PEM certificate" },
        { "ca-key.pem", "empty", "not in PEM form" },
        { "ca-key.pem", "garbage", "not in PEM form" },
        { "ca-key.pem", "truncated", "not in PEM form" },
        { "ca-key.pem", "other-key", "does not match" },
        { "ca-key.pem", "bit-flip", "" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void Loading_a_damaged_store_gives_a_clear_error(string file, string damage, string expected)
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        var path = Path.Combine(temp.StoreDirectory, file);
        var text = File.ReadAllText(path);
        string damaged;
        switch (damage)
        {
            case "empty": damaged = ""; break;
            case "garbage": damaged = "this is not PEM\n"; break;
            case "truncated": damaged = text[..(text.Length / 2)]; break;
            case "other-key":
                using (var other = CertificateAuthority.Create()) damaged = other.ExportPrivateKeyPem();
                break;
            default:
                // Change one base64 character in the middle of the key: still PEM, no longer this key.
                var middle = text.Length / 2;
                damaged = text[..middle] + (text[middle] == 'A' ? 'B' : 'A') + text[(middle + 1)..];
                break;
        }
        File.WriteAllText(path, damaged);

        var error = Assert.ThrowsAny<KalypsoException>(() => temp.Store.Load());
        Assert.StartsWith($"The CA in {temp.StoreDirectory} cannot be used: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Data_dir_variable_overrides_the_default_folder()
    {
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kalypso");
        var saved = Environment.GetEnvironmentVariable(CaStore.DataDirVariable);
        using var temp = new TempStore();
        try
        {
            Environment.SetEnvironmentVariable(CaStore.DataDirVariable, temp.StoreDirectory);
            Assert.Equal(temp.StoreDirectory, CaStore.DefaultDirectory);
            Assert.Equal(temp.StoreDirectory, CaStore.Open().Directory);
            Assert.Equal(temp.Root, CaStore.Open(temp.Root).Directory);

            Environment.SetEnvironmentVariable(CaStore.DataDirVariable, null);
            Assert.Equal(home, CaStore.DefaultDirectory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CaStore.DataDirVariable, saved);
        }
    }

    [Fact]
    public void An_interrupted_replacement_before_the_key_moved_keeps_the_old_pair()
    {
        using var temp = new TempStore();
        string oldFingerprint;
        using (var old = temp.Store.Create()) oldFingerprint = old.Fingerprint;
        using var next = CertificateAuthority.Create();
        // The state a crash leaves after both new files were written but before either rename.
        File.WriteAllText(temp.Store.KeyPath + ".new", next.ExportPrivateKeyPem());
        File.WriteAllText(temp.Store.CertificatePath + ".new", next.CertificatePem);

        using var loaded = temp.Store.Load().Authority;
        Assert.Equal(oldFingerprint, loaded.Fingerprint);
        Assert.False(File.Exists(temp.Store.KeyPath + ".new"));
        Assert.False(File.Exists(temp.Store.CertificatePath + ".new"));
    }

    [Fact]
    public void An_interrupted_replacement_after_the_key_moved_completes_the_new_pair()
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        using var next = CertificateAuthority.Create();
        // The state a crash leaves between the two renames: new key in place, new certificate pending.
        File.WriteAllText(temp.Store.KeyPath, next.ExportPrivateKeyPem());
        File.WriteAllText(temp.Store.CertificatePath + ".new", next.CertificatePem);

        using var loaded = temp.Store.Load().Authority;
        Assert.Equal(next.Fingerprint, loaded.Fingerprint);
        Assert.False(File.Exists(temp.Store.CertificatePath + ".new"));
    }
}
