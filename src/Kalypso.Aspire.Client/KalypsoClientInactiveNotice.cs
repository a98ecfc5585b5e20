using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kalypso.Aspire.Client;

/// <summary>Writes the one debug line that says the package found nothing to do.</summary>
internal sealed class KalypsoClientInactiveNotice(ILogger<KalypsoClientInactiveNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        KalypsoClientLog.Inactive(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
