namespace Aspire.Hosting.ApplicationModel;

/// <summary>The environment variables Kalypso gives resources, so any program can find its files.</summary>
public static class KalypsoEnvironmentVariables
{
    /// <summary>The resource's certificate, PEM (written by Aspire, or by Kalypso for a resource that renews in place).</summary>
    public const string CertificateFile = "KALYPSO_CERT_FILE";

    /// <summary>The resource's private key, PEM (written like the certificate, readable only by its owner).</summary>
    public const string KeyFile = "KALYPSO_KEY_FILE";

    /// <summary>The Kalypso root certificate, PEM.</summary>
    public const string CaFile = "KALYPSO_CA_FILE";
}
