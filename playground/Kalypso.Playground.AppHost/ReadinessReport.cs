using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kalypso.Playground.AppHost;

/// <summary>
/// Logs one line once every resource with a health check is Healthy, with the time since the
/// AppHost process started: the moment a newcomer can open the dashboard and see everything green.
/// </summary>
internal sealed class ReadinessReport(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ILogger<ReadinessReport> logger) : BackgroundService
{
    /// <summary>The start of the line the playground logs when everything is up; scripts and tests wait for it.</summary>
    public const string ReadyMarker = "Playground ready:";

    /// <summary>The start of the line that gives the web front end's address.</summary>
    public const string WebPageMarker = "The web page, showing the certificate the API served:";

    /// <summary>The start of the line that gives the nginx container's address, when it runs.</summary>
    public const string NginxMarker = "nginx, serving its Kalypso certificate from a container:";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = model.Resources
            .Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any())
            .Select(r => r.Name)
            .ToList();
        try
        {
            await Task.WhenAll(watched.Select(name => notifications.WaitForResourceHealthyAsync(name, stoppingToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;
        logger.LogInformation("{Marker} {Resources} are Healthy over HTTPS, {Seconds:F1} s after the AppHost started.",
            ReadyMarker, string.Join(", ", watched), elapsed.TotalSeconds);
        if (model.Resources.OfType<IResourceWithEndpoints>().FirstOrDefault(r => r.Name == "web") is { } web)
        {
            logger.LogInformation("{Marker} {Url} (run 'kalypso trust' first for your browser to trust it)", WebPageMarker, web.GetEndpoint("https").Url);
        }
        if (model.Resources.OfType<ContainerResource>().FirstOrDefault(r => r.Name == "nginx") is { } nginx)
        {
            logger.LogInformation("{Marker} {Url}", NginxMarker, nginx.GetEndpoint("https").Url);
        }
    }
}
