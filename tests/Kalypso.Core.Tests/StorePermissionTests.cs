using Kalypso.Core.Authority;
using Kalypso.Core.Tests.Support;

namespace Kalypso.Core.Tests;

/// <summary>File and folder modes read back from disk: a 0700 store, a 0600 key and log, and a warning (not a failure) for a key others can read.</summary>
public sealed class StorePermissionTests
{
    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static string ModeOf(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');

    [Fact]
    public void A_new_store_is_0700_with_a_0600_key_certificate_lock_and_audit_log()
    {
        using var temp = new TempStore();
        using var ca = temp.Store.Create();
        new CertificateIssuer(ca, temp.Store.AuditLog).Issue(LeafRequest.For("localhost")).Dispose();

        Assert.Equal("0700", ModeOf(temp.StoreDirectory));
        Assert.Equal("0600", ModeOf(temp.Store.KeyPath));
        Assert.Equal("0600", ModeOf(temp.Store.CertificatePath));
        Assert.Equal("0600", ModeOf(temp.Store.AuditLog.Path));
        Assert.Equal("0600", ModeOf(Path.Combine(temp.StoreDirectory, ".lock")));
    }

    [Fact]
    public void Modes_are_narrow_from_creation_even_under_umask_000()
    {
        // A process whose umask lets everyone read new files: only an explicit creation mode
        // keeps the key private (a file created with default rights would come out 0666).
        using var temp = new TempStore();
        var result = ToolRunner.Run("sh", ["-c", "umask 000 && exec dotnet \"$0\" create \"$1\"", StoreExerciser.DllPath, temp.StoreDirectory]);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal("0700", ModeOf(temp.StoreDirectory));
        Assert.Equal("0600", ModeOf(temp.Store.KeyPath));
        Assert.Equal("0600", ModeOf(temp.Store.CertificatePath));
        Assert.Equal("0600", ModeOf(temp.Store.AuditLog.Path));
        Assert.Single(temp.Store.AuditLog.ReadAll());
    }

    [Fact]
    public void Replacing_or_importing_over_a_wide_key_leaves_a_0600_key()
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        File.SetUnixFileMode(temp.Store.KeyPath, Mode("644"));

        temp.Store.Create(force: true).Dispose();
        Assert.Equal("0600", ModeOf(temp.Store.KeyPath));

        File.SetUnixFileMode(temp.Store.KeyPath, Mode("666"));
        using var other = CertificateAuthority.Create();
        temp.Store.Import(other.CertificatePem, other.ExportPrivateKeyPem(), force: true).Dispose();
        Assert.Equal("0600", ModeOf(temp.Store.KeyPath));
    }

    [Theory]
    [InlineData("644")]
    [InlineData("640")]
    [InlineData("604")]
    [InlineData("660")]
    [InlineData("666")]
    [InlineData("601")]
    public void A_key_others_can_use_loads_with_a_warning_giving_the_exact_chmod(string mode)
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        File.SetUnixFileMode(temp.Store.KeyPath, Mode(mode));

        var loaded = temp.Store.Load();
        loaded.Authority.Dispose();
        var warning = Assert.Single(loaded.Warnings);
        Assert.Contains($"has mode 0{mode}", warning);
        Assert.EndsWith($"Fix it with: chmod 600 '{temp.Store.KeyPath}'", warning);

        var status = temp.Store.GetStatus();
        Assert.False(status.KeyFile.IsSafe);
        Assert.Equal("0" + mode, status.KeyFile.Mode);
        Assert.Equal(warning, status.KeyFile.Warning);

        // The suggested command fixes it.
        ToolRunner.Succeed("chmod", "600", temp.Store.KeyPath);
        var fixedLoad = temp.Store.Load();
        fixedLoad.Authority.Dispose();
        Assert.Empty(fixedLoad.Warnings);
    }

    [Theory]
    [InlineData("600")]
    [InlineData("400")]
    public void An_owner_only_key_loads_without_a_warning(string mode)
    {
        using var temp = new TempStore();
        temp.Store.Create().Dispose();
        File.SetUnixFileMode(temp.Store.KeyPath, Mode(mode));

        var loaded = temp.Store.Load();
        loaded.Authority.Dispose();
        Assert.Empty(loaded.Warnings);
        Assert.True(temp.Store.GetStatus().KeyFile.IsSafe);
        Assert.Null(temp.Store.GetStatus().KeyFile.Warning);
    }
}
