namespace Kalypso.Aspire.Client;

/// <summary>
/// What <c>AddKalypsoClient</c> does. Bound from the <c>Kalypso:Client</c> configuration section,
/// then from the <c>KALYPSO_*</c> environment variables for anything still unset, then from the
/// configure callback.
/// </summary>
public sealed class KalypsoClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Kalypso:Client";

    /// <summary>The Kalypso root certificate(s), PEM. Outgoing HTTPS trusts it besides the system roots.</summary>
    public string? CaFile { get; set; }

    /// <summary>The certificate Kestrel serves: a PEM file (with <see cref="KeyFile"/>) or a PKCS#12 file.</summary>
    public string? CertFile { get; set; }

    /// <summary>The private key of a PEM <see cref="CertFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="CertFile"/>, or of an encrypted PEM key.</summary>
    public string? CertPassword { get; set; }

    /// <summary>The issuing service's base URL; used for the served certificate when no <see cref="CertFile"/> is given.</summary>
    public Uri? IssuerUrl { get; set; }

    /// <summary>The names asked of the issuing service (DNS names or IP literals).</summary>
    public IList<string> IssuedNames { get; } = [];

    /// <summary>The lifetime asked of the issuing service: 5 minutes to 7 days.</summary>
    public TimeSpan IssuedLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The share of a certificate's lifetime after which it is renewed from the issuing service.</summary>
    public double RenewAt { get; set; } = 2.0 / 3.0;

    /// <summary>The health check turns Degraded when less than this is left on the served certificate.</summary>
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the certificate files are checked for changes even without a file-system event.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether every <see cref="System.Net.Http.IHttpClientFactory"/> client trusts the Kalypso root.</summary>
    public bool TrustHttpClients { get; set; } = true;

    /// <summary>Whether Kestrel's HTTPS endpoints serve the Kalypso certificate through a renewing selector.</summary>
    public bool ConfigureKestrel { get; set; } = true;

    /// <summary>Whether a Kalypso CA file is configured.</summary>
    public bool HasTrust => !string.IsNullOrWhiteSpace(CaFile);

    /// <summary>Whether a certificate to serve is configured, from files or from the issuing service.</summary>
    public bool HasServedCertificate => !string.IsNullOrWhiteSpace(CertFile) || IssuerUrl is not null;
}
