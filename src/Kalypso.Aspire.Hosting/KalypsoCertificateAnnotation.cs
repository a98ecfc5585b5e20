using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Marks a resource that serves HTTPS with a Kalypso certificate, and holds the certificate it
/// currently has. The renewal service and the re-issue command replace it; the dashboard shows it.
/// </summary>
public sealed class KalypsoCertificateAnnotation : IResourceAnnotation
{
    private readonly Lock _gate = new();
    private IssuedCertificate? _current;

    internal KalypsoCertificateAnnotation(KalypsoResource kalypso, IReadOnlyList<string> requestedNames)
    {
        Kalypso = kalypso;
        RequestedNames = requestedNames;
    }

    /// <summary>The Kalypso resource whose CA issues the certificate.</summary>
    public KalypsoResource Kalypso { get; }

    /// <summary>The names asked for, in order: resource name, <c>{name}.dev.internal</c>, aliases, loopback, extras.</summary>
    public IReadOnlyList<string> RequestedNames { get; }

    /// <summary>The names validated for the certificate, or <see langword="null"/> when a name cannot be certified (see <see cref="Error"/>).</summary>
    public CertificateNames? Names { get; internal set; }

    /// <summary>The certificate the resource has now, or <see langword="null"/> when none could be issued (see <see cref="Error"/>).</summary>
    public IssuedCertificate? Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>When <see cref="Current"/> was issued, by the CA's clock.</summary>
    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>How many certificates this resource has had in this run.</summary>
    public int Generation { get; private set; }

    /// <summary>Why the resource has no certificate, as a message a user can act on.</summary>
    public string? Error { get; internal set; }

    /// <summary>
    /// Whether a renewed certificate is written over the resource's certificate files while it runs
    /// (see <see cref="KalypsoHttpsExtensions.WithKalypsoInPlaceRenewal{T}"/>) instead of the
    /// resource being restarted to load it.
    /// </summary>
    public bool RenewsInPlace => InPlaceFiles is not null;

    /// <summary>The stable files a resource that renews in place reads, or <see langword="null"/>.</summary>
    internal KalypsoCertificateFiles? InPlaceFiles { get; set; }

    /// <summary>Raised after <see cref="Current"/> changes.</summary>
    internal event Action<KalypsoCertificateAnnotation>? Changed;

    /// <summary>Issues a new certificate for the same names and makes it current.</summary>
    /// <param name="resourceName">The resource, for the audit log.</param>
    /// <returns>The new certificate.</returns>
    /// <exception cref="KalypsoException">The CA cannot issue it.</exception>
    internal IssuedCertificate Renew(string resourceName)
    {
        var names = Names ?? throw new KalypsoException(Error ?? $"No names for '{resourceName}'.");
        var issued = Kalypso.CertificateAuthority.Issue(resourceName, names);
        lock (_gate)
        {
            _current = issued;
            IssuedAt = Kalypso.CertificateAuthority.Time.GetUtcNow();
            Generation++;
            Error = null;
        }
        Changed?.Invoke(this);
        return issued;
    }
}
