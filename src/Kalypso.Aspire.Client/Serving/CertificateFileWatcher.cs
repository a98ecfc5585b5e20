using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kalypso.Aspire.Client.Serving;

/// <summary>
/// Loads the served certificate from its files at start-up and again whenever they change: on a
/// file-system event (after a short settling delay, since writers often write in several steps)
/// and on a poll, because events are not delivered on every file system (network shares,
/// bind mounts, some containers). A half-written or mismatched pair is skipped and retried; the
/// old certificate stays in service until the new one loads whole.
/// </summary>
internal sealed class CertificateFileWatcher : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    private readonly KalypsoClientOptions _options;
    private readonly KalypsoServedCertificate _served;
    private readonly ILogger<CertificateFileWatcher> _logger;
    private readonly SemaphoreSlim _changed = new(0, int.MaxValue);
    private readonly List<FileSystemWatcher> _watchers = [];
    private (DateTime, long, DateTime, long) _lastStamp;
    private string? _lastProblem;

    public CertificateFileWatcher(IOptions<KalypsoClientOptions> options, KalypsoServedCertificate served, ILogger<CertificateFileWatcher> logger)
    {
        _options = options.Value;
        _served = served;
        _logger = logger;
        // Loaded here rather than in ExecuteAsync so the certificate is in place before Kestrel binds.
        TryLoad();
    }

    private string CertFile => _options.CertFile!;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var path in new[] { CertFile, _options.KeyFile }.OfType<string>())
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is null || !Directory.Exists(folder) || _watchers.Any(w => w.Path == folder)) continue;
            try
            {
                var watcher = new FileSystemWatcher(folder)
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += OnEvent;
                watcher.Created += OnEvent;
                watcher.Renamed += OnEvent;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // Out of inotify watches, say: the poll still finds changes.
                KalypsoClientLog.WatcherUnavailable(_logger, folder, e.Message);
            }
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await _changed.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(Settle, stoppingToken).ConfigureAwait(false);
                    while (_changed.CurrentCount > 0) await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            TryLoad();
        }
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _changed.Dispose();
        base.Dispose();
    }

    private void OnEvent(object sender, FileSystemEventArgs e)
    {
        if (IsWatched(e.FullPath) || (e is RenamedEventArgs r && IsWatched(r.OldFullPath))) _changed.Release();
    }

    private bool IsWatched(string path) =>
        string.Equals(path, Path.GetFullPath(CertFile), StringComparison.Ordinal)
        || (_options.KeyFile is { } key && string.Equals(path, Path.GetFullPath(key), StringComparison.Ordinal));

    private void TryLoad()
    {
        var stamp = Stamp();
        if (stamp == _lastStamp && _served.Current is not null) return;
        if (!CertificateFiles.TryLoad(CertFile, _options.KeyFile, _options.CertPassword, out var certificate, out var problem))
        {
            if (problem != _lastProblem) KalypsoClientLog.CertificateNotLoaded(_logger, CertFile, problem!, _served.Current is not null);
            _lastProblem = problem;
            return;
        }
        _lastProblem = null;
        _lastStamp = stamp;
        if (_served.Replace(certificate!, CertFile))
        {
            KalypsoClientLog.CertificateLoaded(_logger, CertFile, certificate!.Subject, certificate.NotAfter.ToUniversalTime(), _served.Fingerprint!);
        }
        else
        {
            certificate!.Dispose();
        }
    }

    private (DateTime, long, DateTime, long) Stamp()
    {
        static (DateTime, long) Of(string? path)
        {
            if (path is null) return default;
            var file = new FileInfo(path);
            return file.Exists ? (file.LastWriteTimeUtc, file.Length) : default;
        }
        var (certTime, certLength) = Of(CertFile);
        var (keyTime, keyLength) = Of(_options.KeyFile);
        return (certTime, certLength, keyTime, keyLength);
    }
}
