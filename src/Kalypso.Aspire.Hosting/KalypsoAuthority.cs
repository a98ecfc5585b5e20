using System.Security.Cryptography.X509Certificates;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Names;
using Kalypso.Core.Store;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The CA as the AppHost sees it: loaded from the store (or created there on first use) the
/// first time a certificate or the root is needed while the model is built, then used to issue
/// every leaf through <see cref="CertificateIssuer"/> so each lands in the store's audit log.
/// A store that cannot be used is remembered as an error rather than thrown, so the resources
/// that need it fail with the message instead of the AppHost crashing.
/// </summary>
internal sealed class KalypsoAuthority : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _notices = [];
    private CertificateIssuer? _issuer;
    private KalypsoException? _error;
    private bool _loaded;
    private long _issuedThisRun;

    public KalypsoAuthority(KalypsoResource owner, TimeProvider time)
    {
        Owner = owner;
        Time = time;
    }

    public KalypsoResource Owner { get; }

    public TimeProvider Time { get; }

    /// <summary>Whether the CA has been loaded (after which the store settings are fixed).</summary>
    public bool IsLoaded
    {
        get { lock (_gate) return _loaded; }
    }

    /// <summary>How many leaves this AppHost issued since it started.</summary>
    public long IssuedThisRun => Interlocked.Read(ref _issuedThisRun);

    /// <summary>Messages for the log once a logger exists: a new CA was created, the key file is unsafe.</summary>
    public IReadOnlyList<string> Notices
    {
        get { lock (_gate) return [.. _notices]; }
    }

    /// <summary>The store, once loaded.</summary>
    public CaStore Store => CaStore.Open(Owner.DataDirectory);

    /// <summary>The CA, loading it on first use.</summary>
    /// <exception cref="KalypsoException">The store cannot be used; the message says why and what to do.</exception>
    public CertificateAuthority Authority => EnsureLoaded().Authority;

    /// <summary>Why the CA cannot be used, or <see langword="null"/> when it can (loading it if needed).</summary>
    public KalypsoException? Error
    {
        get
        {
            try
            {
                EnsureLoaded();
                return null;
            }
            catch (KalypsoException e)
            {
                return e;
            }
        }
    }

    /// <summary>The root certificate without its key, or <see langword="null"/> when the CA cannot be used.</summary>
    public X509Certificate2? RootOrNull => Error is null ? Authority.Certificate : null;

    /// <summary>Issues a leaf for a resource and counts it.</summary>
    /// <param name="requester">The resource name, for the audit log.</param>
    /// <param name="names">The validated names.</param>
    /// <returns>The certificate.</returns>
    public IssuedCertificate Issue(string requester, CertificateNames names)
    {
        var issuer = EnsureLoaded();
        var issued = issuer.Issue(new LeafRequest(names) { Lifetime = Owner.LeafLifetime, Requester = $"aspire:{requester}" });
        Interlocked.Increment(ref _issuedThisRun);
        return issued;
    }

    private CertificateIssuer EnsureLoaded()
    {
        lock (_gate)
        {
            if (_error is not null) throw _error;
            if (_issuer is not null) return _issuer;
            _loaded = true;
            try
            {
                _issuer = Load();
                return _issuer;
            }
            catch (KalypsoException e)
            {
                _error = e;
                throw;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _error = new KalypsoException($"The Kalypso store {Owner.DataDirectory ?? CaStore.DefaultDirectory} cannot be used: {e.Message}", e);
                throw _error;
            }
        }
    }

    private CertificateIssuer Load()
    {
        var store = Store;
        CertificateAuthority authority;
        if (store.Exists)
        {
            var loaded = store.Load(Time);
            authority = loaded.Authority;
            _notices.AddRange(loaded.Warnings);
            if (authority.IsExpired)
            {
                authority.Dispose();
                throw new KalypsoException($"The Kalypso CA in {store.Directory} expired. Replace it with 'kalypso rotate', then run 'kalypso trust' again.");
            }
        }
        else
        {
            authority = store.Create(new RootOptions { Organization = Owner.Organization }, time: Time);
            _notices.Add($"Created a new Kalypso CA in {store.Directory} (SHA-256 {authority.Fingerprint}). Browsers and tools outside the AppHost do not trust it yet: run 'kalypso trust' once.");
        }
        return new CertificateIssuer(authority, store.AuditLog);
    }

    public void Dispose()
    {
        lock (_gate) _issuer?.Authority.Dispose();
    }
}
