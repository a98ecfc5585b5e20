using System.Collections.Immutable;
using System.Globalization;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Puts what Kalypso knows on the resources in the dashboard.</summary>
internal static class KalypsoDashboard
{
    public static ImmutableArray<ResourcePropertySnapshot> Merge(ImmutableArray<ResourcePropertySnapshot> existing, IReadOnlyList<(string Name, object? Value)> values)
    {
        var names = values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var kept = existing.IsDefault ? [] : existing.Where(p => !names.Contains(p.Name));
        return [.. kept, .. values.Where(v => v.Value is not null).Select(v => new ResourcePropertySnapshot(v.Name, v.Value))];
    }

    public static IReadOnlyList<(string Name, object? Value)> ForKalypso(KalypsoResource kalypso)
    {
        var ca = kalypso.CertificateAuthority;
        if (ca.Error is { } error)
        {
            return [(KalypsoPropertyNames.Store, kalypso.StoreDirectory), (KalypsoPropertyNames.Error, error.Message)];
        }
        var authority = ca.Authority;
        var key = KeyFileCheck.Of(CaStore.Open(kalypso.DataDirectory).KeyPath);
        return
        [
            (KalypsoPropertyNames.CaSubject, authority.Certificate.Subject),
            (KalypsoPropertyNames.CaFingerprint, authority.Fingerprint),
            (KalypsoPropertyNames.CaNotAfter, Iso(authority.NotAfter)),
            (KalypsoPropertyNames.CaKeyFile, key.IsSafe ? $"{key.Mode} (owner only)" : $"{key.Mode} (UNSAFE: chmod 600 '{key.Path}')"),
            (KalypsoPropertyNames.Store, kalypso.StoreDirectory),
            (KalypsoPropertyNames.IssuedThisRun, ca.IssuedThisRun.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    public static IReadOnlyList<(string Name, object? Value)> ForResource(KalypsoCertificateAnnotation annotation, DateTimeOffset now)
    {
        if (annotation.Current is not { } current)
        {
            return [(KalypsoPropertyNames.Error, annotation.Error)];
        }
        return
        [
            (KalypsoPropertyNames.CertificateFingerprint, current.Fingerprint),
            (KalypsoPropertyNames.CertificateNames, string.Join(", ", current.Names.All)),
            (KalypsoPropertyNames.CertificateNotBefore, Iso(current.NotBefore)),
            (KalypsoPropertyNames.CertificateNotAfter, Iso(current.NotAfter)),
            (KalypsoPropertyNames.CertificateTimeLeft, TimeLeft(current, now)),
            (KalypsoPropertyNames.CertificateGeneration, annotation.Generation.ToString(CultureInfo.InvariantCulture)),
            (KalypsoPropertyNames.CertificateRenewal, annotation.RenewsInPlace ? "in place" : "restart"),
        ];
    }

    public static string TimeLeft(IssuedCertificate certificate, DateTimeOffset now)
    {
        var left = certificate.NotAfter - now;
        if (left <= TimeSpan.Zero) return "expired";
        return left.TotalHours >= 1
            ? $"{(int)left.TotalHours} h {left.Minutes} min"
            : $"{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} min";
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
