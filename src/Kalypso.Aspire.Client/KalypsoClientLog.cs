using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client;

internal static partial class KalypsoClientLog
{
    [LoggerMessage(1, LogLevel.Debug, "Kalypso client: none of KALYPSO_CA_FILE, KALYPSO_CERT_FILE, KALYPSO_URL nor Kalypso:Client is set; doing nothing.")]
    public static partial void Inactive(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Kalypso client: outgoing HTTPS trusts {Count} Kalypso root(s) from {Path} besides the system roots.")]
    public static partial void CaFileRead(ILogger logger, string path, int count);

    [LoggerMessage(3, LogLevel.Warning, "Kalypso client: cannot read the Kalypso root from {Path} ({Problem}); keeping the roots read before, if any.")]
    public static partial void CaFileUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(4, LogLevel.Information, "Kalypso client: serving {Subject} from {Source}, valid until {NotAfter:u}, SHA-256 {Fingerprint}.")]
    public static partial void CertificateLoaded(ILogger logger, string source, string subject, DateTime notAfter, string fingerprint);

    [LoggerMessage(5, LogLevel.Warning, "Kalypso client: cannot load the certificate from {Path} yet ({Problem}); still serving the previous one: {HasPrevious}. Trying again when the files change.")]
    public static partial void CertificateNotLoaded(ILogger logger, string path, string problem, bool hasPrevious);

    [LoggerMessage(6, LogLevel.Warning, "Kalypso client: cannot watch {Folder} for changes ({Problem}); polling instead.")]
    public static partial void WatcherUnavailable(ILogger logger, string folder, string problem);

    [LoggerMessage(7, LogLevel.Warning, "Kalypso client: the issuing service at {Url} answered {Status}: {Body}")]
    public static partial void IssuerRefused(ILogger logger, Uri url, int status, string body);

    [LoggerMessage(8, LogLevel.Warning, "Kalypso client: cannot reach the issuing service at {Url} ({Problem}); still serving the previous certificate: {HasPrevious}.")]
    public static partial void IssuerUnreachable(ILogger logger, Uri url, string problem, bool hasPrevious);
}
