using System.Collections.Concurrent;
using Kalypso.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Runs in the AppHost while the app runs: keeps the dashboard showing each resource's current
/// certificate, and renews each leaf once the configured share of its lifetime has passed.
/// The check compares the certificate's real notAfter with the clock at short intervals instead
/// of sleeping until a computed moment, so a laptop that slept through the renewal time renews
/// on wake rather than serving an expired certificate.
/// </summary>
internal sealed class KalypsoCertificateService(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<KalypsoCertificateService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _shownTimeLeft = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _delivering = new(1, 1);

    /// <summary>Each resource that has, or failed to get, a Kalypso certificate.</summary>
    public IEnumerable<(IResource Resource, KalypsoCertificateAnnotation Certificate)> Served =>
        model.Resources
            .Select(r => (Resource: r, Certificate: r.Annotations.OfType<KalypsoCertificateAnnotation>().LastOrDefault()))
            .Where(p => p.Certificate is not null)
            .Select(p => (p.Resource, p.Certificate!));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = WatchAsync(stoppingToken);
        try
        {
            await RenewLoopAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await watch.ConfigureAwait(false);
    }

    /// <summary>Renews every certificate that is due and refreshes the time left shown.</summary>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>How many certificates were renewed.</returns>
    public async Task<int> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var renewed = 0;
        foreach (var (resource, certificate) in Served.ToList())
        {
            if (certificate.Current is not { } current) continue;
            var issuedAt = certificate.IssuedAt;
            var lifetime = current.NotAfter - issuedAt;
            var renewAt = issuedAt + lifetime * certificate.Kalypso.RenewAt;
            if (now >= renewAt)
            {
                var late = now >= current.NotAfter ? $" (it expired at {current.NotAfter:u}; the clock jumped or the machine slept)" : "";
                if (await DeliverAsync(resource, certificate, $"renewal{late}", cancellationToken).ConfigureAwait(false)) renewed++;
                continue;
            }
            var left = KalypsoDashboard.TimeLeft(current, now);
            if (_shownTimeLeft.TryGetValue(resource.Name, out var shown) && shown == left) continue;
            _shownTimeLeft[resource.Name] = left;
            await PublishAsync(resource, certificate).ConfigureAwait(false);
        }
        return renewed;
    }

    /// <summary>
    /// Issues a new certificate for a resource, hands it to Aspire in place of the old one (for its
    /// next start), and shows it. A resource that renews in place gets its certificate files
    /// rewritten and keeps running; any other is restarted if it is running, so it serves the new one.
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="certificate">Its Kalypso annotation.</param>
    /// <param name="reason">Why, for the log.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Whether a new certificate was issued.</returns>
    public async Task<bool> DeliverAsync(IResource resource, KalypsoCertificateAnnotation certificate, string reason, CancellationToken cancellationToken)
    {
        await _delivering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var resourceLog = resourceLogs.GetLogger(resource);
            var inPlace = false;
            try
            {
                var issued = certificate.Renew(resource.Name);
                KalypsoHttpsCertificate.Replace(resource, issued);
                inPlace = certificate.InPlaceFiles is { } files && TryWrite(resource, files, issued);
                var delivery = inPlace ? "its files were rewritten in place" : "it is restarted to load it";
                logger.LogInformation("Kalypso issued a new certificate for {Resource} ({Reason}): SHA-256 {Fingerprint}, valid until {NotAfter:u}; {Delivery}.", resource.Name, reason, issued.Fingerprint, issued.NotAfter, delivery);
                resourceLog.LogInformation("Kalypso issued a new certificate ({Reason}): SHA-256 {Fingerprint}, valid until {NotAfter:u}; {Delivery}.", reason, issued.Fingerprint, issued.NotAfter, delivery);
            }
            catch (KalypsoException e)
            {
                certificate.Error = e.Message;
                logger.LogError("Kalypso could not issue a new certificate for {Resource}: {Message}", resource.Name, e.Message);
                resourceLog.LogError("Kalypso could not issue a new certificate: {Message}", e.Message);
                await PublishAsync(resource, certificate).ConfigureAwait(false);
                return false;
            }
            _shownTimeLeft.TryRemove(resource.Name, out _);
            await PublishAsync(resource, certificate).ConfigureAwait(false);
            await PublishAsync(certificate.Kalypso).ConfigureAwait(false);
            if (!inPlace) await RestartIfRunningAsync(resource, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _delivering.Release();
        }
    }

    /// <summary>Shows a resource's certificate in the dashboard.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="certificate">Its Kalypso annotation.</param>
    /// <returns>When published.</returns>
    public Task PublishAsync(IResource resource, KalypsoCertificateAnnotation certificate)
    {
        var values = KalypsoDashboard.ForResource(certificate, time.GetUtcNow());
        return notifications.PublishUpdateAsync(resource, s => s with { Properties = KalypsoDashboard.Merge(s.Properties, values) });
    }

    /// <summary>Shows the CA in the dashboard.</summary>
    /// <param name="kalypso">The Kalypso resource.</param>
    /// <returns>When published.</returns>
    public Task PublishAsync(KalypsoResource kalypso)
    {
        var values = KalypsoDashboard.ForKalypso(kalypso);
        return notifications.PublishUpdateAsync(kalypso, s => s with { Properties = KalypsoDashboard.Merge(s.Properties, values) });
    }

    // A resource whose files cannot be rewritten still gets the new certificate: through Aspire's files and a restart.
    private bool TryWrite(IResource resource, KalypsoCertificateFiles files, Kalypso.Core.Authority.IssuedCertificate issued)
    {
        try
        {
            files.Write(issued);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Kalypso could not rewrite the certificate files of {Resource} ({Message}); restarting it instead.", resource.Name, e.Message);
            return false;
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // After every resource has stopped (the orchestrator stops them before this fires), not before.
        lifetime.ApplicationStopped.Register(DeleteRunFolders);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        DeleteRunFolders();
        base.Dispose();
    }

    private void DeleteRunFolders()
    {
        foreach (var kalypso in model.Resources.OfType<KalypsoResource>())
        {
            try
            {
                kalypso.RunFolder.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Kalypso could not delete its run folder {Folder}: {Message}", kalypso.RunFolder.PathIfCreated, e.Message);
            }
        }
    }

    private async Task RestartIfRunningAsync(IResource resource, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue(resource.Name, out var state) || state != KnownResourceStates.Running) return;
        var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand, cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            logger.LogWarning("Kalypso could not restart {Resource} to load its new certificate: {Message}. Restart it by hand.", resource.Name, result.Message);
        }
    }

    private async Task RenewLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = model.Resources.OfType<KalypsoResource>().Select(k => k.CheckInterval).DefaultIfEmpty(KalypsoResource.DefaultCheckInterval).Min();
            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            try
            {
                await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Kalypso's renewal check failed; it runs again in {Interval}.", interval);
            }
        }
    }

    // Aspire publishes its own snapshots for each resource as it starts and stops; whenever one
    // arrives without Kalypso's properties (or with stale ones), put them back.
    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                var resource = change.Resource;
                if (change.Snapshot.State?.Text is { } state) _states[resource.Name] = state;
                IReadOnlyList<(string Name, object? Value)>? wanted = resource switch
                {
                    KalypsoResource kalypso => KalypsoDashboard.ForKalypso(kalypso),
                    _ when resource.Annotations.OfType<KalypsoCertificateAnnotation>().LastOrDefault() is { } certificate
                        => KalypsoDashboard.ForResource(certificate, time.GetUtcNow()),
                    _ => null,
                };
                if (wanted is null || Shows(change.Snapshot, wanted)) continue;
                await notifications.PublishUpdateAsync(resource, change.ResourceId, s => s with { Properties = KalypsoDashboard.Merge(s.Properties, wanted) }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static bool Shows(CustomResourceSnapshot snapshot, IReadOnlyList<(string Name, object? Value)> wanted) =>
        wanted.Where(w => w.Name is KalypsoPropertyNames.CertificateFingerprint or KalypsoPropertyNames.CaFingerprint or KalypsoPropertyNames.Error or KalypsoPropertyNames.IssuedThisRun)
            .All(w => snapshot.Properties.Any(p => p.Name == w.Name && Equals(p.Value, w.Value)));
}
