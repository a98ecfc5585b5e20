namespace Kalypso.Aspire.Client;

/// <summary>
/// The environment variables (also configuration keys) Kalypso's hosting integration sets on a
/// service, and that a service outside Aspire can set by hand.
/// </summary>
public static class KalypsoEnvironmentVariables
{
    /// <summary>The Kalypso root certificate, PEM: the extra trust root for outgoing HTTPS.</summary>
    public const string CaFile = "KALYPSO_CA_FILE";

    /// <summary>The service's own certificate: PEM (with <see cref="KeyFile"/>) or PKCS#12.</summary>
    public const string CertificateFile = "KALYPSO_CERT_FILE";

    /// <summary>The private key of <see cref="CertificateFile"/>, PEM.</summary>
    public const string KeyFile = "KALYPSO_KEY_FILE";

    /// <summary>The base URL of the Kalypso issuing service, which <c>POST /certificates</c> is sent to.</summary>
    public const string IssuerUrl = "KALYPSO_URL";
}
