using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client.Trust;

/// <summary>
/// The Kalypso root certificate(s) read from a PEM file. The file is read again when its
/// timestamp or size changes, so a rotated CA is trusted without a restart; a file that cannot
/// be read keeps the roots read last.
/// </summary>
public sealed class KalypsoRootCertificates
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private X509Certificate2Collection _roots = [];
    private (DateTime Written, long Length) _seen;

    /// <summary>Reads the roots in a PEM file.</summary>
    /// <param name="path">The PEM file; it may hold several certificates.</param>
    /// <param name="logger">Where a file that cannot be read is reported.</param>
    public KalypsoRootCertificates(string path, ILogger logger)
    {
        _path = path;
        _logger = logger;
        Refresh();
    }

    /// <summary>Roots given directly, for callers that already hold them.</summary>
    /// <param name="roots">The roots.</param>
    public KalypsoRootCertificates(X509Certificate2Collection roots)
    {
        _path = "";
        _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _roots = roots;
    }

    /// <summary>The roots currently trusted, re-read first if the file changed.</summary>
    public X509Certificate2Collection Current
    {
        get
        {
            Refresh();
            return Volatile.Read(ref _roots);
        }
    }

    private void Refresh()
    {
        if (_path.Length == 0) return;
        var file = new FileInfo(_path);
        if (!file.Exists)
        {
            if (_seen != default) return;
            _seen = (DateTime.MinValue, -1);
            KalypsoClientLog.CaFileUnreadable(_logger, _path, "the file does not exist");
            return;
        }
        var stamp = (file.LastWriteTimeUtc, file.Length);
        if (stamp == _seen) return;
        lock (_gate)
        {
            if (stamp == _seen) return;
            try
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(_path);
                if (roots.Count == 0) throw new InvalidDataException("it holds no PEM certificate");
                Volatile.Write(ref _roots, roots);
                _seen = stamp;
                KalypsoClientLog.CaFileRead(_logger, _path, roots.Count);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or InvalidDataException)
            {
                // Possibly half-written: keep the roots read last and look again next time.
                KalypsoClientLog.CaFileUnreadable(_logger, _path, e.Message);
            }
        }
    }
}
