using System.Diagnostics;
using Kalypso.Core;
using Kalypso.Core.Authority;
using Kalypso.Core.Store;
using Kalypso.Server.Diagnostics;

namespace Kalypso.Server.Issuance;

/// <summary>
/// The service's one CA: loaded from the store (or created) at start, issuing only through
/// <see cref="CertificateIssuer"/> so every certificate lands in the audit log, with leaf keys
/// from a background <see cref="LeafKeyPool"/>. The CA key stays inside this object.
/// </summary>
public sealed class IssuanceService : IDisposable
{
    private readonly ILogger _logger;
    private readonly ServerMetrics _metrics;
    private readonly bool _logIssuances;
    private readonly LeafKeyPool? _pool;

    /// <summary>Opens the store and loads or creates its CA.</summary>
    /// <param name="options">The service options (store folder, pool size, clock).</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="metrics">Where to count.</param>
    /// <exception cref="KalypsoException">The store has no CA and may not create one, or its CA cannot be used.</exception>
    public IssuanceService(KalypsoServerOptions options, ILogger<IssuanceService> logger, ServerMetrics metrics)
    {
        _logger = logger;
        _metrics = metrics;
        _logIssuances = options.LogIssuances;
        Store = CaStore.Open(options.DataDirectory);
        if (Store.Exists)
        {
            var loaded = Store.Load(options.Time);
            Authority = loaded.Authority;
            foreach (var warning in loaded.Warnings) ServerLog.StoreWarning(logger, warning);
        }
        else if (options.CreateCaIfMissing)
        {
            Authority = Store.Create(time: options.Time);
            ServerLog.CaCreated(logger, Store.Directory, Authority.Fingerprint);
        }
        else
        {
            throw new KalypsoException($"No CA in {Store.Directory}. Create one with 'kalypso init'.");
        }
        ServerLog.CaLoaded(logger, Store.Directory, Authority.Certificate.Subject, Authority.Fingerprint, Api.WireTime.Format(Authority.NotAfter));

        if (options.KeyPoolSize > 0)
        {
            _pool = new LeafKeyPool(options.KeyPoolSize);
            Authority.LeafKeys = _pool;
        }
        Issuer = new CertificateIssuer(Authority, Store.AuditLog);
        CaCertificatePem = Pem.WithNewline(Authority.CertificatePem);
    }

    /// <summary>The store the CA came from.</summary>
    public CaStore Store { get; }

    /// <summary>The CA.</summary>
    public CertificateAuthority Authority { get; }

    /// <summary>The issuer every certificate goes through.</summary>
    public CertificateIssuer Issuer { get; }

    /// <summary>The root certificate, PEM, ending in a newline.</summary>
    public string CaCertificatePem { get; }

    /// <summary>The key pool, when there is one.</summary>
    public LeafKeyPool? KeyPool => _pool;

    /// <summary>Issues a certificate, records it, logs it and counts it.</summary>
    /// <param name="request">What to issue.</param>
    /// <returns>The certificate and its key.</returns>
    /// <exception cref="KalypsoValidationException">The request breaks a rule of the CA.</exception>
    /// <exception cref="KalypsoException">The CA cannot issue (it has expired).</exception>
    public IssuedCertificate Issue(LeafRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var issued = Issuer.Issue(request);
        _metrics.Issued(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (_logIssuances && _logger.IsEnabled(LogLevel.Information))
        {
            ServerLog.Issued(_logger, issued.SerialNumber, string.Join(',', issued.Names.All), request.Requester,
                Api.WireTime.Format(issued.NotAfter), issued.Fingerprint);
        }
        return issued;
    }

    /// <summary>Stops the key pool and disposes the CA.</summary>
    public void Dispose()
    {
        _pool?.Dispose();
        Authority.Dispose();
    }
}
