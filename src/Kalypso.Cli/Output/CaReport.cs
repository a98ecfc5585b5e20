using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Kalypso.Cli.Output;

/// <summary>What init, import-ca, load and rotate say about a CA.</summary>
internal static class CaReport
{
    public static void Print(CertificateAuthority ca)
    {
        Text.Field("Subject", ca.Certificate.Subject);
        Text.Field("Fingerprint", ca.Fingerprint);
        Text.Field("Valid from", Text.Time(ca.NotBefore));
        Text.Field("Expires", Text.Time(ca.NotAfter));
        Text.Field("Name constraints", ca.NameConstraints is { } policy
            ? string.Join(", ", policy.DnsNames.Concat(policy.Networks.Select(n => n.ToString())))
            : "none");
    }

    public static object Json(CertificateAuthority ca, string directory) => new
    {
        directory,
        subject = ca.Certificate.Subject,
        fingerprint = ca.Fingerprint,
        not_before = ca.NotBefore,
        not_after = ca.NotAfter,
        name_constraints = ca.NameConstraints is { } policy
            ? policy.DnsNames.Concat(policy.Networks.Select(n => n.ToString())).ToList()
            : null,
    };

    /// <summary>What init and import-ca say once a CA is in the store: as JSON, or as text ending with the next step.</summary>
    public static int Stored(CertificateAuthority ca, CaStore store, bool json, string headline, string nextStep)
    {
        if (json)
        {
            JsonOutput.Write(new { ca = Json(ca, store.Directory), key_file = store.KeyPath, next = "kalypso trust" });
            return ExitCodes.Success;
        }
        Console.Out.WriteLine($"{headline} {store.Directory}");
        Print(ca);
        Text.Field("Key", $"{store.KeyPath} (mode 0600)");
        Console.Out.WriteLine();
        Console.Out.WriteLine(nextStep);
        return ExitCodes.Success;
    }
}
