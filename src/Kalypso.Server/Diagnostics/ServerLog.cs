namespace Kalypso.Server.Diagnostics;

/// <summary>The service's log lines, source-generated so a busy issuing loop does not pay for formatting it skips.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Issued certificate serial {Serial} for {Names} to {Client}, not after {NotAfter}, SHA-256 {Fingerprint}")]
    public static partial void Issued(ILogger logger, string serial, string names, string client, string notAfter, string fingerprint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Loaded the CA from {Directory}: {Subject}, SHA-256 {Fingerprint}, valid until {NotAfter}")]
    public static partial void CaLoaded(ILogger logger, string directory, string subject, string fingerprint, string notAfter);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "No CA was found in {Directory}, so a new one was created (SHA-256 {Fingerprint}). Run 'kalypso trust' so browsers and tools trust the certificates it issues.")]
    public static partial void CaCreated(ILogger logger, string directory, string fingerprint);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "CA store: {Warning}")]
    public static partial void StoreWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "!!! Kalypso is listening on {Address}, which is NOT a loopback address. The API has no authentication: anyone who can reach this port can get certificates that this machine trusts. Only do this on a network you control. !!!")]
    public static partial void NonLoopback(ILogger logger, string address);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Kalypso issuing service listening on {Url} (Host names accepted: {Hosts})")]
    public static partial void Listening(ILogger logger, string url, string hosts);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Unexpected error on {Method} {Path}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Refused {Method} {Path} from {Client}: {Status} {Rule}")]
    public static partial void Refused(ILogger logger, string method, string path, string client, int status, string rule);
}
