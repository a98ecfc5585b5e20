namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The names of the properties Kalypso adds to resources in the dashboard. All start with
/// <c>kalypso.</c> so they never collide with Aspire's own.
/// </summary>
public static class KalypsoPropertyNames
{
    /// <summary>On the Kalypso resource: the CA's subject.</summary>
    public const string CaSubject = "kalypso.ca.subject";

    /// <summary>On the Kalypso resource: the CA's SHA-256 fingerprint.</summary>
    public const string CaFingerprint = "kalypso.ca.fingerprint";

    /// <summary>On the Kalypso resource: when the CA expires (ISO 8601, UTC).</summary>
    public const string CaNotAfter = "kalypso.ca.notAfter";

    /// <summary>On the Kalypso resource: the CA key file's mode and whether only its owner can read it.</summary>
    public const string CaKeyFile = "kalypso.ca.keyFile";

    /// <summary>On the Kalypso resource: the store folder.</summary>
    public const string Store = "kalypso.store";

    /// <summary>On the Kalypso resource: how many certificates this AppHost issued since it started.</summary>
    public const string IssuedThisRun = "kalypso.issuedThisRun";

    /// <summary>On any resource: why Kalypso cannot serve it, as a message to act on.</summary>
    public const string Error = "kalypso.error";

    /// <summary>On a resource with a Kalypso certificate: the certificate's SHA-256 fingerprint.</summary>
    public const string CertificateFingerprint = "kalypso.certificate.fingerprint";

    /// <summary>On a resource with a Kalypso certificate: the names it covers, comma separated.</summary>
    public const string CertificateNames = "kalypso.certificate.names";

    /// <summary>On a resource with a Kalypso certificate: when it became valid (ISO 8601, UTC).</summary>
    public const string CertificateNotBefore = "kalypso.certificate.notBefore";

    /// <summary>On a resource with a Kalypso certificate: when it expires (ISO 8601, UTC).</summary>
    public const string CertificateNotAfter = "kalypso.certificate.notAfter";

    /// <summary>On a resource with a Kalypso certificate: the time left until it expires, to the minute.</summary>
    public const string CertificateTimeLeft = "kalypso.certificate.timeLeft";

    /// <summary>On a resource with a Kalypso certificate: how many certificates it has had in this run (1 before any renewal).</summary>
    public const string CertificateGeneration = "kalypso.certificate.generation";

    /// <summary>On a resource with a Kalypso certificate: how a renewed certificate reaches it, <c>in place</c> or <c>restart</c>.</summary>
    public const string CertificateRenewal = "kalypso.certificate.renewal";
}
